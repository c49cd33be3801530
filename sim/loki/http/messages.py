"""Loki 3.6's words on its HTTP layer: error texts, route names, readiness, headers.

Every constant is verbatim from grafana/loki v3.6.0 (or a package it vendors); the comment
above each group names the file. Push-path and query-engine texts live with those parts
(sim/loki/messages.py, sim/loki/engine/messages.py).
"""

from __future__ import annotations

# --- vendor/github.com/grafana/dskit/user/id.go, http.go ---------------------------------
ORG_ID_HEADER = "X-Scope-OrgID"
ERR_NO_ORG_ID = "no org id"
ERR_TOO_MANY_ORG_IDS = "multiple org IDs present"
# pkg/loki/modules.go: the tenant when auth_enabled is false
FAKE_TENANT = "fake"

# --- vendor/github.com/grafana/dskit/tenant/tenant.go ------------------------------------
MAX_TENANT_ID_LENGTH = 150
TENANT_IDS_SEPARATOR = "|"
ERR_TENANT_ID_TOO_LONG = "tenant ID is too long: max 150 characters"
ERR_UNSAFE_TENANT_ID = "tenant ID is '.' or '..'"
ERR_TENANT_UNSUPPORTED_CHARACTER = "tenant ID '%s' contains unsupported character '%s'"

# --- pkg/util/server/error.go -------------------------------------------------------------
STATUS_CLIENT_CLOSED_REQUEST = 499
ERR_CLIENT_CANCELED = "the request was cancelled by the client"
ERR_DEADLINE_EXCEEDED = (
    "request timed out, decrease the duration of the request or add more label matchers "
    "(prefer exact match over regex match) to reduce the amount of data processed"
)

# --- pkg/loki/loki.go readyHandler; pkg/ingester/ingester.go CheckReady -----------------
READY = "ready"
APPLICATION_STOPPING = "Application is stopping"
INGESTER_NOT_READY = "Ingester not ready: %s"
# vendor/github.com/grafana/dskit/ring/ring.go: what the distributor meets before the
# ingester joined the ring (its WAL is still replaying)
ERR_EMPTY_RING = "empty ring"

# --- Go's net/http: http.NotFound and http.Error -----------------------------------------
NOT_FOUND = "404 page not found"
TEXT_PLAIN_UTF8 = "text/plain; charset=utf-8"
NOSNIFF = "nosniff"

# --- pkg/util/server/middleware.go ResponseJSONMiddleware ---------------------------------
JSON_UTF8 = "application/json; charset=UTF-8"

# --- vendor/github.com/grafana/dskit/middleware/instrument.go, route_injector.go ----------
ROUTE_OTHER = "other"
# vendor/github.com/grafana/dskit/instrument/instrument.go DefBuckets
DEF_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100)
# vendor/github.com/grafana/dskit/server/metrics.go
METRIC_REQUEST_DURATION = "loki_request_duration_seconds"
METRIC_REQUEST_MESSAGE_BYTES = "loki_request_message_bytes"
METRIC_RESPONSE_MESSAGE_BYTES = "loki_response_message_bytes"
METRIC_INFLIGHT_REQUESTS = "loki_inflight_requests"
# vendor/github.com/grafana/dskit/middleware/instrument.go: ExponentialBuckets(4, 4, 15)
BODY_SIZE_BUCKETS = tuple(float(4 * 4**i) for i in range(15))

# --- pkg/loghttp/tail.go (the other parameters' texts are the engine's) ------------------
ERR_DELAY_FOR_TOO_LARGE = "delay_for can't be greater than %d"
MAX_DELAY_FOR_IN_TAILING = 5
# pkg/logql/matchers.go MatchForSeriesRequest
ERR_ZERO_MATCHERS_IN_GROUP = "0 matchers in group: %s"
# Go's net/url ParseQuery
ERR_INVALID_URL_ESCAPE = "invalid URL escape %s"
ERR_INVALID_SEMICOLON = "invalid semicolon separator in query"

# --- pkg/querier/tail/tail.go, querier.go -------------------------------------------------
ERR_TAIL_MAX_DURATION = "reached tail max duration limit"
MAX_BUFFERED_TAIL_RESPONSES = 10
MAX_ENTRIES_PER_TAIL_RESPONSE = 100
MAX_DROPPED_ENTRIES_PER_TAIL_RESPONSE = 1000
# pkg/querier/tail/querier.go checkTailRequestLimit
ERR_MAX_CONCURRENT_TAIL = "max concurrent tail requests limit exceeded, count > limit (%d > %d)"

# --- pkg/loki/loki.go: the log line Loki prints once every module runs -------------------
LOKI_STARTED = "Loki started"
LOKI_STOPPED = "Loki stopped"
