"""Promtail v3.6's own words for the collector around the pipeline, verbatim.

Metric names, label values and error texts from clients/pkg/promtail/ (client/client.go,
client/batch.go, client/manager.go, targets/file/*.go, positions/positions.go,
server/server.go, config/config.go, scrapeconfig/scrapeconfig.go) and from the
libraries Promtail decodes its config with (gopkg.in/yaml.v2, prometheus/common,
prometheus/prometheus model/relabel, drone/envsubst). Tests cite these files.
"""

from __future__ import annotations

# client/client.go
USER_AGENT = "promtail/3.6.0"  # build.Version of the v3.6.0 release
CONTENT_TYPE = "application/x-protobuf"
MAX_ERR_MSG_LEN = 1024
RESERVED_LABEL_TENANT_ID = "__tenant_id__"
REASON_GENERIC = "ingester_error"
REASON_RATE_LIMITED = "rate_limited"
REASON_STREAM_LIMITED = "stream_limited"
REASON_LINE_TOO_LONG = "line_too_long"
REASONS = (REASON_GENERIC, REASON_RATE_LIMITED, REASON_STREAM_LIMITED, REASON_LINE_TOO_LONG)
SERVER_RETURNED = "server returned HTTP status {status} ({code}): {line}"
ERR_NO_URL = "client needs target URL"

# client/batch.go
ERR_MAX_STREAMS = (
    "streams limit exceeded, streams: {streams} exceeds limit: {limit}, stream: '{labels}'"
)

# client/manager.go
ERR_NO_CLIENTS = "at least one client config must be provided"
ERR_DUPLICATE_CLIENT = "duplicate client configs are not allowed, found duplicate for name: {name}"

# config/config.go, scrapeconfig/scrapeconfig.go
ERR_DUPLICATE_JOB = "found multiple scrape configs with job name {name}"
ERR_JOB_NAME_EMPTY = "job_name is empty"

# logentry/stages/pipeline.go (limits_config.readline_rate_drop)
RATE_LIMITER_DROP_REASON = "global_rate_limiter_drop"

# targets/file/filetarget.go, filetargetmanager.go
FILENAME_LABEL = "filename"
PATH_LABEL = "__path__"
PATH_EXCLUDE_LABEL = "__path_exclude__"
HOST_LABEL = "__host__"
ADDRESS_LABEL = "__address__"
TARGET_FAILED_DROPPED = "dropped"
TARGET_FAILED_WRONG_HOST = "wrong_host"
TARGET_FAILED_NO_PATH = "no_path"
TARGET_FAILED_EXISTS = "exists"
TARGET_FAILED_ERROR = "error"

# positions/positions.go
CURSOR_KEY_PREFIX = "cursor-"
JOURNAL_KEY_PREFIX = "journal-"
ERR_INVALID_POSITIONS = "invalid yaml positions file [{path}]: {err}"

# server/server.go
READY = "Ready"
NOT_READY = (
    "Not ready: Unable to find any logs to tail. Please verify permissions, volumes, "
    "scrape_config, etc."
)

# gopkg.in/yaml.v2 decode.go (UnmarshalStrict)
YAML_FIELD_NOT_FOUND = "line {line}: field {name} not found in type {type}"
YAML_CANNOT_UNMARSHAL = "line {line}: cannot unmarshal {tag}{value} into {type}"
YAML_KEY_ALREADY_SET = "line {line}: key {key} already set in map"

# pkg/util/cfg/files.go
EXPAND_ENV_HINT = (
    ". Use `-config.expand-env=true` flag if you want to expand environment variables in "
    "your config file"
)

# drone/envsubst parse/parse.go
ENVSUBST_BAD_SUBSTITUTION = "bad substitution"
ENVSUBST_MISSING_CLOSING_BRACE = "missing closing brace"
ENVSUBST_PARSE_VARIABLE_NAME = "unable to parse variable name"
ENVSUBST_PARSE_FUNC_SUBSTITUTION = "unable to parse substitution within function"
ENVSUBST_PARSE_DEFAULT_FUNCTION = "unable to parse default function"

# prometheus/prometheus model/relabel/relabel.go
RELABEL_UNKNOWN_ACTION = "unknown relabel action {action}"
RELABEL_ACTION_EMPTY = "relabel action cannot be empty"
RELABEL_HASHMOD_MODULUS = "relabel configuration for hashmod requires non-zero modulus"
RELABEL_REQUIRES_TARGET = "relabel configuration for {action} action requires 'target_label' value"
RELABEL_INVALID_TARGET = "{target} is invalid 'target_label' for {action} action"
RELABEL_NO_REPLACEMENT = "'replacement' can not be set for {action} action"
RELABEL_INVALID_REPLACEMENT = "{replacement} is invalid 'replacement' for {action} action"
RELABEL_EQUAL_ONLY = (
    "{action} action requires only 'source_labels' and `target_label`, and no other fields"
)
RELABEL_LABEL_ONLY = "{action} action requires only 'regex', and no other fields"

# prometheus/common model/labels.go
INVALID_LABEL_NAME = "{name} is not a valid label name"

# prometheus/common config/http_config.go (Validate)
HTTP_BEARER_BOTH = "at most one of bearer_token & bearer_token_file must be configured"
HTTP_AUTH_ONE = (
    "at most one of basic_auth, oauth2, bearer_token & bearer_token_file must be configured"
)
HTTP_BASIC_USERNAME = (
    "at most one of basic_auth username, username_file & username_ref must be configured"
)
HTTP_BASIC_PASSWORD = (
    "at most one of basic_auth password, password_file & password_ref must be configured"
)
HTTP_AUTHORIZATION_BEARER = "authorization is not compatible with bearer_token & bearer_token_file"
HTTP_AUTHORIZATION_CREDENTIALS = (
    "at most one of authorization credentials & credentials_file must be configured"
)
HTTP_AUTHORIZATION_BASIC = 'authorization type cannot be set to "basic", use "basic_auth" instead'
HTTP_AUTHORIZATION_ONE = "at most one of basic_auth, oauth2 & authorization must be configured"
TLS_CA_ONE = "at most one of ca, ca_file & ca_ref must be configured"
TLS_CERT_ONE = "at most one of cert, cert_file & cert_ref must be configured"
TLS_KEY_ONE = "at most one of key and key_file must be configured"
TLS_NEEDS_KEY = (
    "exactly one of key or key_file must be configured when a client certificate is configured"
)
TLS_NEEDS_CERT = (
    "exactly one of cert or cert_file must be configured when a client key is configured"
)
TLS_UNABLE_TO_LOAD_CA = "unable to load specified CA cert {path}: {err}"
