"""The push API's wire formats: protobuf and JSON bodies, their encodings, stream labels."""
