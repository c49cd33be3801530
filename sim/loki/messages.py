"""Loki 3.6's own words on the push path: error texts, `reason` label values, metric names.

Every constant is verbatim from grafana/loki at v3.6.0; the comment above each group names
the file it comes from. `%s`/`%d`/`%v` placeholders are kept as Go wrote them and rendered
with `go_format` so that a `%` inside a label value is never substituted twice.
"""

from __future__ import annotations

import re

from sim.loki.push.gofmt import go_quote

# --- pkg/validation/validate.go: reason label values -------------------------------------
REASON_LABEL = "reason"
REQUEST_BODY_TOO_LARGE = "request_body_too_large"
INVALID_LABELS = "invalid_labels"
MISSING_LABELS = "missing_labels"
RATE_LIMITED = "rate_limited"
LINE_TOO_LONG = "line_too_long"
STREAM_LIMIT = "stream_limit"
STREAM_RATE_LIMIT = "per_stream_rate_limit"
OUT_OF_ORDER = "out_of_order"
TOO_FAR_BEHIND = "too_far_behind"
GREATER_THAN_MAX_SAMPLE_AGE = "greater_than_max_sample_age"
TOO_FAR_IN_FUTURE = "too_far_in_future"
MAX_LABEL_NAMES_PER_SERIES = "max_label_names_per_series"
LABEL_NAME_TOO_LONG = "label_name_too_long"
LABEL_VALUE_TOO_LONG = "label_value_too_long"
DUPLICATE_LABEL_NAMES = "duplicate_label_names"
DISALLOWED_STRUCTURED_METADATA = "disallowed_structured_metadata"
STRUCTURED_METADATA_TOO_LARGE = "structured_metadata_too_large"
STRUCTURED_METADATA_TOO_MANY = "structured_metadata_too_many"
BLOCKED_INGESTION = "blocked_ingestion"
BLOCKED_INGESTION_POLICY = "blocked_ingestion_policy"
MISSING_ENFORCED_LABELS = "missing_enforced_labels"

# --- pkg/validation/validate.go: error messages ------------------------------------------
MISSING_STREAMS_ERROR_MSG = "error at least one valid stream is required for ingestion"
REQUEST_BODY_TOO_LARGE_ERROR_MSG = "request body too large: %d bytes, limit: %d bytes"
MISSING_LABELS_ERROR_MSG = "error at least one label pair is required per stream"
INVALID_LABELS_ERROR_MSG = "error parsing labels '%s' with error: %s"
RATE_LIMITED_ERROR_MSG = (
    "ingestion rate limit exceeded for user %s (limit: %d bytes/sec) while attempting to "
    "ingest '%d' lines totaling '%d' bytes, reduce log volume or contact your Loki "
    "administrator to see if the limit can be increased"
)
LINE_TOO_LONG_ERROR_MSG = (
    "max entry size '%d' bytes exceeded for stream '%s' while adding an entry with length "
    "'%d' bytes"
)
STREAM_LIMIT_ERROR_MSG = (
    "maximum active stream limit exceeded when trying to create stream %s, reduce the number "
    "of active streams (reduce labels or reduce label values), or contact your Loki "
    "administrator to see if the limit can be increased, user: '%s'"
)
GREATER_THAN_MAX_SAMPLE_AGE_ERROR_MSG = (
    "entry for stream '%s' has timestamp too old: %v, oldest acceptable timestamp is: %v"
)
TOO_FAR_IN_FUTURE_ERROR_MSG = "entry for stream '%s' has timestamp too new: %v"
MAX_LABEL_NAMES_PER_SERIES_ERROR_MSG = "entry for stream '%s' has %d label names; limit %d"
LABEL_NAME_TOO_LONG_ERROR_MSG = "stream '%s' has label name too long: '%s'"
LABEL_VALUE_TOO_LONG_ERROR_MSG = "stream '%s' has label value too long: '%s'"
DUPLICATE_LABEL_NAMES_ERROR_MSG = "stream '%s' has duplicate label name: '%s'"
DISALLOWED_STRUCTURED_METADATA_ERROR_MSG = (
    "stream '%s' includes structured metadata, but this feature is disallowed. Please see "
    "`limits_config.allow_structured_metadata` or contact your Loki administrator to enable it"
)
STRUCTURED_METADATA_TOO_LARGE_ERROR_MSG = (
    "stream '%s' has structured metadata too large: '%d' bytes, limit: '%d' bytes. Please see "
    "`limits_config.max_structured_metadata_size` or contact your Loki administrator to "
    "increase it"
)
STRUCTURED_METADATA_TOO_MANY_ERROR_MSG = (
    "stream '%s' has too many structured metadata labels: '%d', limit: '%d'. Please see "
    "`limits_config.max_structured_metadata_entries_count` or contact your Loki administrator "
    "to increase it"
)
BLOCKED_INGESTION_ERROR_MSG = "ingestion blocked for user %s until '%s' with status code '%d'"
BLOCKED_INGESTION_POLICY_ERROR_MSG = (
    "ingestion blocked for user %s until '%s' with status code '%d'"
)
MISSING_ENFORCED_LABELS_ERROR_MSG = "missing required labels %s for user %s for stream %s"

# --- pkg/validation/validate.go: ErrStreamRateLimit.Error() ------------------------------
STREAM_RATE_LIMIT_ERROR_MSG = (
    "Per stream rate limit exceeded (limit: %s/sec) while attempting to ingest for stream "
    "'%s' totaling %s, consider splitting a stream via additional labels or contact your Loki "
    "administrator to see if the limit can be increased"
)

# --- pkg/ingester/limiter.go: the ingester's own (logged, not returned) stream-limit text --
MAX_STREAMS_PER_USER_LIMIT_EXCEEDED = (
    "tenant '%v' per-user streams limit exceeded, streams: %d exceeds calculated limit: %d "
    "(local limit: %d, global limit: %d, local share: %d)"
)

# --- pkg/ingester/stream.go: errorForFailedEntries ---------------------------------------
FAILED_ENTRY_LINE = "entry with timestamp %s ignored, reason: '%s',\n"
FAILED_ENTRIES_FOOTER = "user '%s', total ignored: %d out of %d for stream: %s"

# --- pkg/chunkenc/interface.go -----------------------------------------------------------
ERR_OUT_OF_ORDER = "entry out of order"
TOO_FAR_BEHIND_ERROR_MSG = (
    "entry too far behind, entry timestamp is: %s, oldest acceptable timestamp is: %s"
)

# --- pkg/util/errors.go: GroupedErrors.Error() -------------------------------------------
GROUPED_ERRORS_PREFIX = "%d errors like: "
GROUPED_ERRORS_SEPARATOR = "; "

# --- pkg/loghttp/push/push.go ------------------------------------------------------------
ERR_REQUEST_BODY_TOO_LARGE = "request body too large"
COULD_NOT_PARSE_LABELS = "couldn't parse labels: %s"
CONTENT_ENCODING_NOT_SUPPORTED = "Content-Encoding %q not supported"
LABEL_SERVICE_NAME = "service_name"
SERVICE_UNKNOWN = "unknown_service"

# --- pkg/util/http.go: decompressRequest -------------------------------------------------
ERR_MESSAGE_SIZE_TOO_LARGE = "message size too large"
MESSAGE_SIZE_LARGER_ERR_FMT = "%s than max (%d vs %d)"

# --- pkg/push/push.pb.go and pkg/push/types.go (gogo-protobuf decoding) -----------------
ERR_INVALID_LENGTH_PUSH = "proto: negative length found during unmarshaling"
ERR_INT_OVERFLOW_PUSH = "proto: integer overflow"
ERR_UNEXPECTED_EOF = "unexpected EOF"  # Go's io.ErrUnexpectedEOF
PROTO_WRONG_WIRE_TYPE = "proto: wrong wireType = %d for field %s"
PROTO_WIRETYPE_END_GROUP = "proto: %s: wiretype end group for non-group"
PROTO_ILLEGAL_TAG = "proto: %s: illegal tag %d (wire type %d)"
# pkg/push/timestamp.go: validateTimestamp
TIMESTAMP_BEFORE_MIN = "timestamp: %s before 0001-01-01"
TIMESTAMP_AFTER_MAX = "timestamp: %s after 10000-01-01"
TIMESTAMP_NANOS_RANGE = "timestamp: %s: nanos not in range [0, 1e9)"

# --- github.com/grafana/dskit ring/replication_strategy.go (vendored) --------------------
REPLICAS_REQUIRED = "at least %d live replicas required, could only find %d"

# --- github.com/golang/snappy (vendored) -------------------------------------------------
SNAPPY_ERR_CORRUPT = "snappy: corrupt input"
# --- Go's compress/gzip, compress/flate and mime packages -------------------------------
GZIP_ERR_HEADER = "gzip: invalid header"
GZIP_ERR_CHECKSUM = "gzip: invalid checksum"
FLATE_ERR_CORRUPT = "flate: corrupt input before offset %d"
GO_EOF = "EOF"
MIME_NO_MEDIA_TYPE = "mime: no media type"
MIME_EXPECTED_SLASH = "mime: expected slash after first token"
MIME_EXPECTED_TOKEN_AFTER_SLASH = "mime: expected token after slash"
MIME_UNEXPECTED_CONTENT_AFTER_MEDIA_SUBTYPE = "mime: unexpected content after media subtype"
MIME_INVALID_MEDIA_PARAMETER = "mime: invalid media parameter"
MIME_DUPLICATE_PARAMETER_NAME = "mime: duplicate parameter name"

# --- github.com/grafana/jsonparser (vendored): JSON push bodies --------------------------
JSONPARSER_MALFORMED_STRING = "Value is string, but can't find closing '\"' symbol"
JSONPARSER_MALFORMED_ARRAY = "Value is array, but can't find closing ']' symbol"
JSONPARSER_MALFORMED_OBJECT = "Value looks like object, but can't find closing '}' symbol"
JSONPARSER_MALFORMED_VALUE = (
    "Value looks like Number/Boolean/None, but can't find its end: ',' or '}' symbol"
)
JSONPARSER_OVERFLOW_INTEGER = "Value is number, but overflowed while parsing"

# --- github.com/prometheus/otlptranslator label_namer.go (structured metadata names) ----
LABEL_NAMER_EMPTY = "normalization for label name %q resulted in empty name"
LABEL_NAMER_INVALID = "normalization for label name %q resulted in invalid name %q"

# --- pkg/util/constants -------------------------------------------------------------------
AGGREGATED_METRIC_LABEL = "__aggregated_metric__"
PATTERN_LABEL = "__pattern__"
LEVEL_LABEL = "detected_level"
# pkg/ingester/instance.go
SHARD_LABEL = "__stream_shard__"
SHARD_LABEL_PLACEHOLDER = "__placeholder__"
# pkg/validation/limits.go
GLOBAL_POLICY = "*"
LOCAL_INGESTION_RATE_STRATEGY = "local"
GLOBAL_INGESTION_RATE_STRATEGY = "global"

# --- metric names: pkg/validation/validate.go ---------------------------------------------
METRIC_DISCARDED_SAMPLES = "loki_discarded_samples_total"
METRIC_DISCARDED_BYTES = "loki_discarded_bytes_total"
METRIC_MUTATED_SAMPLES = "loki_mutated_samples_total"
METRIC_MUTATED_BYTES = "loki_mutated_bytes_total"
# labels of the discarded metrics, in Loki's order
DISCARDED_METRIC_LABELS = ("reason", "tenant", "retention_hours", "policy", "format")
# pkg/loghttp/push/push.go
METRIC_BYTES_RECEIVED = "loki_distributor_bytes_received_total"
METRIC_STRUCTURED_METADATA_BYTES_RECEIVED = (
    "loki_distributor_structured_metadata_bytes_received_total"
)
METRIC_LINES_RECEIVED = "loki_distributor_lines_received_total"
# pkg/distributor/distributor.go
METRIC_SANITIZED_STRUCTURED_METADATA = "loki_distributor_push_structured_metadata_sanitized_total"
METRIC_STREAM_SHARDING_COUNT = "loki_stream_sharding_count"
# pkg/ingester/instance.go
METRIC_MEMORY_STREAMS = "loki_ingester_memory_streams"
METRIC_STREAMS_CREATED = "loki_ingester_streams_created_total"
# format label value for the Loki push API (pkg/util/constants)
FORMAT_LOKI = "loki"

_GO_VERB = re.compile(r"%(%|[-+# 0]*\d*[sdvq])")


def go_format(template: str, *args: object) -> str:
    """Render a Go format string with %s/%d/%v/%q once, left to right (never re-scanned)."""
    values = iter(args)

    def render(match: re.Match[str]) -> str:
        verb = match.group(1)
        if verb == "%":
            return "%"
        value = next(values)
        if verb.endswith("q"):
            return go_quote(str(value))
        if verb.endswith("d"):
            return str(int(value))  # type: ignore[call-overload]
        return str(value)

    return _GO_VERB.sub(render, template)
