"""Promtail v3.6 pipeline-stage strings, verbatim (clients/pkg/logentry/stages/*.go).

One place for the real system's words: error texts a user sees when a stage config is
wrong, and the `reason` label values of `logentry_dropped_lines_total`.
"""

from __future__ import annotations

# pipeline.go / stage.go
INVALID_STAGE_CONFIG = "invalid {name} stage config: {err}"
UNKNOWN_STAGE_TYPE = "Unknown stage type: {name}"
STAGE_NOT_A_MAP = (
    "invalid YAML config, make sure each stage of your pipeline is a YAML object "
    "(must end with a `:`), check stage `- {value}`"
)
STAGE_ONE_KEY = "pipeline stage must contain only one key"
STAGE_KEY_NOT_STRING = "pipeline stage key must be a string"

# regex.go (shared by replace.go)
ERR_EXPRESSION_REQUIRED = "expression is required"
ERR_COULD_NOT_COMPILE_REGEX = "could not compile regular expression"
ERR_EMPTY_REGEX_STAGE_SOURCE = "empty source"

# replace.go
ERR_EMPTY_REPLACE_STAGE_SOURCE = "empty source in replace stage"

# json.go
ERR_EXPRESSIONS_REQUIRED = "JMES expression is required"
ERR_COULD_NOT_COMPILE_JMES = "could not compile JMES expression"
ERR_EMPTY_JSON_STAGE_SOURCE = "empty source"

# logfmt.go
ERR_MAPPING_REQUIRED = "logfmt mapping is required"
ERR_EMPTY_LOGFMT_STAGE_SOURCE = "empty source"

# labels.go, static_labels.go, labeldrop.go, labelallow.go
ERR_EMPTY_LABEL_STAGE_CONFIG = "label stage config cannot be empty"
ERR_INVALID_LABEL_NAME = "invalid label name: {name}"
ERR_EMPTY_STATIC_LABEL_STAGE_CONFIG = "static_labels stage config cannot be empty"
ERR_EMPTY_LABEL_DROP_STAGE_CONFIG = "labeldrop stage config cannot be empty"
ERR_EMPTY_LABEL_ALLOW_STAGE_CONFIG = "labelallow stage config cannot be empty"

# output.go
ERR_OUTPUT_SOURCE_REQUIRED = "output source value is required if output is specified"

# template.go
ERR_TEMPLATE_SOURCE_REQUIRED = "template source value is required"

# tenant.go
ERR_TENANT_EMPTY = "label, source or value config are required"
ERR_TENANT_CONFLICT = (
    "label, source and value are mutually exclusive: you should set source, value or "
    "label but not all"
)
RESERVED_LABEL_TENANT_ID = "__tenant_id__"

# timestamp.go
ERR_TIMESTAMP_SOURCE_REQUIRED = "timestamp source value is required if timestamp is specified"
ERR_TIMESTAMP_FORMAT_REQUIRED = "timestamp format is required"
ERR_INVALID_LOCATION = "invalid location specified: {err}"
ERR_INVALID_ACTION_ON_FAILURE = "invalid action on failure (supported values are [skip fudge])"
ERR_SAMPLING_INVALID_RATE = (
    "sampling stage failed to parse rate,Sampling Rate must be between 0.0 and 1.0, received {rate}"
)
ERR_TIMESTAMP_CONTAINS_YEAR = (
    "timestamp '{value}' is expected to not contain the year date component"
)

# multiline.go
ERR_MULTILINE_EMPTY = "multiline stage config must define `firstline` regular expression"
ERR_MULTILINE_INVALID_REGEX = "multiline stage first line regex compilation error: {err}"
ERR_MULTILINE_INVALID_MAX_WAIT = "multiline stage `max_wait_time` parse error: {err}"

# drop.go
ERR_DROP_EMPTY = (
    "drop stage config must contain at least one of `source`, `expression`, `older_than` or "
    "`longer_than`"
)
ERR_DROP_INVALID_DURATION = (
    "drop stage invalid duration, {value} cannot be converted to a duration: {err}"
)
ERR_DROP_INVALID_CONFIG = (
    "drop stage config error, `value` and `expression` cannot both be defined at the same time."
)
ERR_DROP_INVALID_REGEX = "drop stage regex compilation error: {err}"
ERR_DROP_INVALID_BYTE_SIZE = "drop stage failed to parse longer_than to bytes: {err}"
ERR_DROP_INVALID_SOURCE = "drop stage source invalid type should be string or list of strings"
ERR_DROP_NO_SOURCE_WITH_VALUE = "drop stage config must contain `source` if `value` is specified"

# limit.go
ERR_LIMIT_INVALID_RATE_OR_BURST = "limit stage failed to parse rate or burst"
ERR_LIMIT_BY_LABEL_MUST_DROP = "When ratelimiting by label, drop must be true"
MIN_REASONABLE_MAX_DISTINCT_LABELS = 10000

# match.go
ERR_PIPELINE_NAME_REQUIRED = (
    "match stage pipeline name can be omitted but cannot be an empty string"
)
ERR_SELECTOR_REQUIRED = "selector statement required for match stage"
ERR_MATCH_REQUIRES_STAGES = (
    "match stage requires at least one additional stage to be defined in '- stages'"
)
ERR_SELECTOR_SYNTAX = "invalid selector syntax for match stage"
ERR_STAGES_WITH_DROP_LINE = "match stage configured to drop entries cannot contains stages"
ERR_UNKNOWN_MATCH_ACTION = "match stage action should be 'keep' or 'drop'"
MATCH_NESTED_PIPELINE = "match stage failed to create pipeline from config: {config}"

# Reason label values of logentry_dropped_lines_total (drop.go, match.go, limit.go).
DROP_REASON_DROP_STAGE = "drop_stage"
DROP_REASON_MATCH_STAGE = "match_stage"
DROP_REASON_RATELIMIT = "ratelimit_drop_stage"
DROP_REASON_SAMPLING = "sampling_stage"

# Drops Promtail performs without counting them in logentry_dropped_lines_total;
# lokisim names them so the delivery verdict can still account for every line.
SILENT_JSON_MALFORMED = "json_drop_malformed"
SILENT_CRI_PARTIAL_AT_SHUTDOWN = "cri_partial_lines_at_shutdown"
