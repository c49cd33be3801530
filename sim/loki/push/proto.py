"""pkg/push/push.proto (v3.6.0) bodies: snappy-compressed protobuf PushRequests.

The message classes are built at import from a descriptor (no protoc here) and parsed by
protobuf's upb backend, which measured ~210 MB/s of line bytes from 1 MiB batches against
~45 MB/s for the hand-written codec in `wire.py` (see tests/loki/push/test_proto.py's
benchmark note). Every text field is declared `bytes` so that, like Loki's gogo code, no
UTF-8 validation happens. When upb refuses a body, `wire.py` decodes it again to produce the
error text Go would return. Reading each entry's metadata field costs as much as its line:
a second class that knows only the metadata finds the streams that have none, at C speed.

Known divergence on malformed input only: a known field sent with the wrong wire type is
kept as an unknown field by upb (accepted) where gogo fails with "proto: wrong wireType".
"""

from __future__ import annotations

from typing import Any

import cramjam
from google.protobuf import descriptor_pb2, message

from sim.loki import messages as msg
from sim.loki.push import protocols, wire
from sim.loki.push.descriptors import Layout, message_class
from sim.loki.push.model import Entry, PushRequest, Stream
from sim.loki.push.wire import ProtoDecodeError

_NS = 1_000_000_000
_MIN_SECONDS = -62135596800
_MAX_SECONDS = 253402300800


def _build_message_class() -> Any:
    field = descriptor_pb2.FieldDescriptorProto
    optional, repeated = field.LABEL_OPTIONAL, field.LABEL_REPEATED
    layout: Layout = {
        "Timestamp": [
            ("seconds", 1, field.TYPE_INT64, optional, ""),
            ("nanos", 2, field.TYPE_INT32, optional, ""),
        ],
        "LabelPairAdapter": [
            ("name", 1, field.TYPE_BYTES, optional, ""),
            ("value", 2, field.TYPE_BYTES, optional, ""),
        ],
        "EntryAdapter": [
            ("timestamp", 1, field.TYPE_MESSAGE, optional, ".lokisim.Timestamp"),
            ("line", 2, field.TYPE_BYTES, optional, ""),
            ("structuredMetadata", 3, field.TYPE_MESSAGE, repeated, ".lokisim.LabelPairAdapter"),
            ("parsed", 4, field.TYPE_MESSAGE, repeated, ".lokisim.LabelPairAdapter"),
        ],
        "StreamAdapter": [
            ("labels", 1, field.TYPE_BYTES, optional, ""),
            ("entries", 2, field.TYPE_MESSAGE, repeated, ".lokisim.EntryAdapter"),
            ("hash", 3, field.TYPE_UINT64, optional, ""),
        ],
        "PushRequest": [
            ("streams", 1, field.TYPE_MESSAGE, repeated, ".lokisim.StreamAdapter"),
            ("format", 2, field.TYPE_BYTES, optional, ""),
        ],
    }
    return message_class("lokisim", layout, "PushRequest")


def _build_metadata_class() -> Any:
    """PushRequest with only the entries' structured metadata: the rest parses as unknown
    fields, which are then discarded, leaving an entry without metadata 0 bytes long."""
    field = descriptor_pb2.FieldDescriptorProto
    optional, repeated = field.LABEL_OPTIONAL, field.LABEL_REPEATED
    layout: Layout = {
        "LabelPairAdapter": [
            ("name", 1, field.TYPE_BYTES, optional, ""),
            ("value", 2, field.TYPE_BYTES, optional, ""),
        ],
        "EntryAdapter": [
            ("structuredMetadata", 3, field.TYPE_MESSAGE, repeated, ".lokisim_sm.LabelPairAdapter")
        ],
        "StreamAdapter": [("entries", 2, field.TYPE_MESSAGE, repeated, ".lokisim_sm.EntryAdapter")],
        "PushRequest": [("streams", 1, field.TYPE_MESSAGE, repeated, ".lokisim_sm.StreamAdapter")],
    }
    return message_class("lokisim_sm", layout, "PushRequest")


_PushRequestMessage = _build_message_class()
_MetadataMessage = _build_metadata_class()


def _without_metadata(data: bytes) -> list[bool] | None:
    """Per stream, whether no entry carries structured metadata (None: unknown), read at C
    speed: each entry of such a stream re-encodes as 2 bytes (tag, zero length)."""
    try:
        parsed = _MetadataMessage.FromString(data)
    except message.DecodeError:
        return None
    parsed.DiscardUnknownFields()
    return [stream.ByteSize() == 2 * len(stream.entries) for stream in parsed.streams]


def _text(raw: bytes) -> str:
    return raw.decode("utf-8", "surrogateescape")


def decode_push_request(data: bytes) -> PushRequest:
    """Decode an uncompressed PushRequest; ProtoDecodeError carries Go's error text."""
    try:
        parsed = _PushRequestMessage.FromString(data)
    except message.DecodeError:
        return wire.decode_push_request(data)  # raises with gogo's text, or agrees
    if protocols.canonical(parsed, len(data)):
        return _by_columns(data, parsed)
    return _by_entry(data, parsed)


def _by_columns(data: bytes, parsed: Any) -> PushRequest:
    """Streams as columns where protocols.py can read them so, else entry by entry."""
    streams: list[Stream] = []
    plain: list[bool] | None = None
    pairs = zip(protocols.merged_streams(data), parsed.streams, strict=True)
    for index, (merged, stream) in enumerate(pairs):
        count = len(stream.entries)
        columns = protocols.plain_columns(merged, count) if count else None
        if columns is not None:
            streams.append(Stream(_text(merged.labels), hash=merged.hash, columns=columns))
            continue
        if plain is None:
            plain = _without_metadata(data) or []
        without = index < len(plain) and plain[index]
        streams.append(_stream_by_entry(stream, without))
    return PushRequest(streams, _text(parsed.format))


def _by_entry(data: bytes, parsed: Any) -> PushRequest:
    """Every stream read entry by entry from the parsed message."""
    plain = _without_metadata(data) or []
    streams = [
        _stream_by_entry(stream, index < len(plain) and plain[index])
        for index, stream in enumerate(parsed.streams)
    ]
    return PushRequest(streams, _text(parsed.format))


def _stream_by_entry(stream: Any, without_metadata: bool) -> Stream:
    """One parsed stream, entry by entry (`without_metadata`: no entry has any)."""
    entries: list[Entry] = []
    append = entries.append
    if without_metadata:
        for entry in stream.entries:  # the loop below without the metadata
            stamp = entry.timestamp
            seconds, nanos = stamp.seconds, stamp.nanos
            if not (_MIN_SECONDS <= seconds < _MAX_SECONDS and 0 <= nanos < _NS):
                wire.check_timestamp(seconds, nanos)
            append(Entry(seconds * _NS + nanos, entry.line))
        return Stream(_text(stream.labels), entries, stream.hash)
    for entry in stream.entries:
        stamp = entry.timestamp
        seconds, nanos = stamp.seconds, stamp.nanos
        if not (_MIN_SECONDS <= seconds < _MAX_SECONDS and 0 <= nanos < _NS):
            wire.check_timestamp(seconds, nanos)
        pairs = entry.structuredMetadata
        metadata = tuple((_text(p.name), _text(p.value)) for p in pairs) if pairs else ()
        append(Entry(seconds * _NS + nanos, entry.line, metadata))
    return Stream(_text(stream.labels), entries, stream.hash)


def encode_push_request(request: PushRequest) -> bytes:
    """Serialize a PushRequest (uncompressed), as Promtail's client does."""
    built = _PushRequestMessage()
    for stream in request.streams:
        out = built.streams.add()
        out.labels = stream.labels.encode("utf-8", "surrogateescape")
        out.hash = stream.hash
        for entry in stream.entries:
            added = out.entries.add()
            seconds, nanos = divmod(entry.timestamp, _NS)
            added.timestamp.seconds = seconds
            added.timestamp.nanos = nanos
            added.line = entry.line
            for name, value in entry.metadata:
                pair = added.structuredMetadata.add()
                pair.name = name.encode("utf-8", "surrogateescape")
                pair.value = value.encode("utf-8", "surrogateescape")
    built.format = request.format.encode()
    return bytes(built.SerializeToString())


def snappy_decoded_length(body: bytes) -> int:
    """snappy.DecodedLen: the varint length prefix of a snappy block, read without inflating."""
    length = 0
    for index, byte in enumerate(body[:10]):
        length |= (byte & 0x7F) << (7 * index)
        if byte < 0x80:
            if length > 0xFFFFFFFF:
                raise ProtoDecodeError(msg.SNAPPY_ERR_CORRUPT)
            return length
    raise ProtoDecodeError(msg.SNAPPY_ERR_CORRUPT)


def snappy_decode(body: bytes) -> bytes:
    """Snappy block-format decompression; Go's error text on corrupt input."""
    try:
        return bytes(cramjam.snappy.decompress_raw(body))
    except cramjam.DecompressionError as err:
        raise ProtoDecodeError(msg.SNAPPY_ERR_CORRUPT) from err


def encode_snappy(request: PushRequest) -> bytes:
    """A whole Promtail push body: protobuf, then snappy block compression."""
    return bytes(cramjam.snappy.compress_raw(encode_push_request(request)))
