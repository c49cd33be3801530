"""Loki 3.6's own words on the query path: error texts and label names of the LogQL engine.

Every constant is verbatim from grafana/loki v3.6.0; the comment above each group names the
file it comes from. Placeholders are Go's (`%d`, `%s`) and are filled with `%` formatting
by the one function that raises each error.
"""

from __future__ import annotations

# --- pkg/logqlmodel/error.go -------------------------------------------------------------
ERROR_LABEL = "__error__"
ERROR_DETAILS_LABEL = "__error_details__"
PRESERVE_ERROR_LABEL = "__preserve_error__"
ERR_INTERVAL_LIMIT = "[interval] value exceeds limit"
ERR_UNSUPPORTED_INSTANT_LOG_QUERY = (
    "log queries are not supported as an instant query type, please change your query to a "
    "range query type"
)
ERR_VARIANTS_DISABLED = "multi variant queries are disabled for this instance"
PIPELINE_ERROR = (
    "pipeline error: '%s' for series: '%s'.\n"
    'Use a label filter to intentionally skip this error. (e.g | __error__!="%s").\n'
    'To skip all potential errors you can match empty errors.(e.g __error__="")\n'
    'The label filter can also be specified after unwrap. (e.g | unwrap latency | __error__="" )\n'
)
SERIES_LIMIT_ERROR = (
    "maximum number of series (%d) reached for a single query; consider reducing query "
    "cardinality by adding more specific stream selectors, reducing the time range, or "
    "aggregating results with functions like sum(), count() or topk()"
)

# --- pkg/logql/log/error.go: __error__ values ----------------------------------------------
ERR_JSON = "JSONParserErr"
ERR_LOGFMT = "LogfmtParserErr"
ERR_SAMPLE_EXTRACTION = "SampleExtractionErr"
ERR_LABEL_FILTER = "LabelFilterErr"
ERR_TEMPLATE_FORMAT = "TemplateFormatErr"

# --- pkg/logql/log/parser.go ---------------------------------------------------------------
DUPLICATE_SUFFIX = "_extracted"
PACKED_ENTRY_KEY = "_entry"  # pkg/logqlmodel/logqlmodel.go PackedEntryKey
ERR_UNEXPECTED_JSON_OBJECT = "expecting json object(6), but it is not"
ERR_MISSING_CAPTURE = "at least one named capture must be supplied"

# --- pkg/logql/log/fmt.go ------------------------------------------------------------------
ANSI_PATTERN = (
    "[\u001b\u009b][[\\]()#;?]*(?:(?:(?:[a-zA-Z\\d]*(?:;[a-zA-Z\\d]*)*)?\u0007)"
    "|(?:(?:\\d{1,4}(?:;\\d{0,4})*)?[\\dA-PRZcf-ntqry=><~]))"
)

# --- pkg/logql/log/ip.go -------------------------------------------------------------------
ERR_IP_INVALID_PATTERN = "ip: invalid pattern"
ERR_IP_INVALID_OPERATION = "ip: invalid operation"

# --- pkg/logql/syntax/extractor.go ---------------------------------------------------------
UNSUPPORTED_RANGE_OP = "unsupported range vector aggregation operation: %s"

# --- pkg/logql/evaluator.go ----------------------------------------------------------------
ERR_DUPLICATE_SERIES = (
    "found duplicate series on the %s hand-side;many-to-many matching not allowed: matching "
    "labels must be unique on one side"
)
ERR_MANY_TO_ONE = (
    "multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)"
)
ERR_GROUPING_NOT_UNIQUE = "multiple matches for labels: grouping labels must ensure unique matches"

# --- pkg/util/validation/validate.go, pkg/querier/queryrange/limits.go, pkg/querier/http.go ----
ERR_QUERY_TOO_LONG = "the query time range exceeds the limit (query length: %s, limit: %s)"
ERR_MAX_ENTRIES = (
    "max entries limit per query exceeded, limit > max_entries_limit_per_query (%d > %d)"
)
ERR_MAX_MATCHERS = "max streams matchers per query exceeded, matchers-count > limit (%d > %d)"
ERR_REQUIRED_LABELS = (
    "stream selector is missing required matchers [%s], labels present in the query were [%s]"
)
ERR_REQUIRED_NUMBER_LABELS = (
    "stream selector has less label matchers than required: (present: [%s], number_present: "
    "%d, required_number_label_matchers: %d)"
)

# --- pkg/loghttp/query.go, pkg/loghttp/params.go -------------------------------------------
ERR_END_BEFORE_START = "end timestamp must not be before or equal to start time"
ERR_ZERO_OR_NEGATIVE_STEP = (
    "zero or negative query resolution step widths are not accepted. Try a positive integer"
)
ERR_STEP_TOO_SMALL = (
    "exceeded maximum resolution of 11,000 points per time series. Try increasing the value "
    "of the step parameter"
)
ERR_NEGATIVE_INTERVAL = "interval must be >= 0"
ERR_LIMIT_NOT_POSITIVE = "limit must be a positive value"
