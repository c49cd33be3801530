"""The embedded Loki's /metrics: Loki's own metric names and label sets, one registry each.

Push-path series are counted from each PushOutcome with the label values Loki uses
(pkg/loghttp/push/push.go, pkg/validation/validate.go, pkg/distributor/distributor.go,
pkg/ingester/instance.go); the HTTP histogram is dskit's (server/metrics.go,
middleware/instrument.go); the store's series are read from the store at scrape time
(storemetrics.py).
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

from sim.loki import messages as lm
from sim.loki.http import messages as m
from sim.loki.ingest.outcome import PushOutcome

_NO_POLICY = ""  # no policy_stream_mapping (refused in limits_config), so policy is ""


class LokiMetrics:
    """Every series the server exports besides the store's; `registry` is its own."""

    def __init__(self, registry: CollectorRegistry | None = None) -> None:
        self.registry = registry = registry or CollectorRegistry(auto_describe=True)
        received = ["tenant", "retention_hours", "is_internal_stream", "policy", "format"]
        self.bytes_received = Counter(
            lm.METRIC_BYTES_RECEIVED,
            "The total number of uncompressed bytes received per tenant. Includes structured "
            "metadata bytes.",
            received,
            registry=registry,
        )
        self.metadata_bytes_received = Counter(
            lm.METRIC_STRUCTURED_METADATA_BYTES_RECEIVED,
            "The total number of uncompressed bytes received per tenant for entries' "
            "structured metadata",
            received,
            registry=registry,
        )
        self.lines_received = Counter(
            lm.METRIC_LINES_RECEIVED,
            "The total number of lines received per tenant",
            ["tenant", "is_internal_stream", "policy", "format"],
            registry=registry,
        )
        discarded = list(lm.DISCARDED_METRIC_LABELS)
        self.discarded_samples = Counter(
            lm.METRIC_DISCARDED_SAMPLES,
            "The total number of samples that were discarded.",
            discarded,
            registry=registry,
        )
        self.discarded_bytes = Counter(
            lm.METRIC_DISCARDED_BYTES,
            "The total number of bytes that were discarded.",
            discarded,
            registry=registry,
        )
        self.mutated_samples = Counter(
            lm.METRIC_MUTATED_SAMPLES,
            "The total number of samples that have been mutated.",
            ["reason", "truncated"],
            registry=registry,
        )
        self.mutated_bytes = Counter(
            lm.METRIC_MUTATED_BYTES,
            "The total number of bytes that have been mutated.",
            ["reason", "truncated"],
            registry=registry,
        )
        self.sanitized_metadata = Counter(
            lm.METRIC_SANITIZED_STRUCTURED_METADATA,
            "The total number of structured metadata keys that were sanitized.",
            ["tenant", "format"],
            registry=registry,
        )
        # a Go counter without the _total suffix; prometheus-client would add one to a Counter
        self.stream_sharding = Gauge(
            lm.METRIC_STREAM_SHARDING_COUNT,
            "Total number of times the distributor has sharded streams",
            registry=registry,
        )
        self.memory_streams = Gauge(
            lm.METRIC_MEMORY_STREAMS,
            "The total number of streams in memory per tenant.",
            ["tenant"],
            registry=registry,
        )
        self.streams_created = Counter(
            lm.METRIC_STREAMS_CREATED,
            "The total number of streams created per tenant.",
            ["tenant"],
            registry=registry,
        )
        self.request_duration = Histogram(
            m.METRIC_REQUEST_DURATION,
            "Time (in seconds) spent serving HTTP requests.",
            ["method", "route", "status_code", "ws"],
            buckets=m.DEF_BUCKETS,
            registry=registry,
        )
        self.request_bytes = Histogram(
            m.METRIC_REQUEST_MESSAGE_BYTES,
            "Size (in bytes) of messages received in the request.",
            ["method", "route"],
            buckets=m.BODY_SIZE_BUCKETS,
            registry=registry,
        )
        self.response_bytes = Histogram(
            m.METRIC_RESPONSE_MESSAGE_BYTES,
            "Size (in bytes) of messages sent in response.",
            ["method", "route"],
            buckets=m.BODY_SIZE_BUCKETS,
            registry=registry,
        )
        self.inflight = Gauge(
            m.METRIC_INFLIGHT_REQUESTS,
            "Current number of inflight requests.",
            ["method", "route"],
            registry=registry,
        )

    def record_push(self, outcome: PushOutcome, retention_hours: str) -> None:
        """Count one push as push.go, the distributor and the ingester count it."""
        tenant, received = outcome.tenant, outcome.received
        internal = "true" if received.has_internal_streams else "false"
        if received.lines:
            # ParseRequest: bytes per (policy, retention) seen, lines only when non-zero
            labels = (tenant, retention_hours, internal, _NO_POLICY, lm.FORMAT_LOKI)
            self.bytes_received.labels(*labels).inc(received.bytes)
            if received.metadata_bytes:
                self.metadata_bytes_received.labels(*labels).inc(received.metadata_bytes)
            self.lines_received.labels(tenant, internal, _NO_POLICY, lm.FORMAT_LOKI).inc(
                received.lines
            )
        for key, count in outcome.discarded.items():
            self.discarded_samples.labels(*key).inc(count.samples)
            self.discarded_bytes.labels(*key).inc(count.bytes)
        if outcome.truncated.samples:
            # distributor.go passes the tenant as the `truncated` label value
            self.mutated_samples.labels(lm.LINE_TOO_LONG, tenant).inc(outcome.truncated.samples)
            self.mutated_bytes.labels(lm.LINE_TOO_LONG, tenant).inc(outcome.truncated.bytes)
        if outcome.sanitized_metadata:
            self.sanitized_metadata.labels(tenant, lm.FORMAT_LOKI).inc(outcome.sanitized_metadata)
        if outcome.shardings:
            self.stream_sharding.inc(outcome.shardings)
        if outcome.streams_created:
            self.streams_created.labels(tenant).inc(len(outcome.streams_created))

    def set_memory_streams(self, counts: dict[str, int]) -> None:
        for tenant, count in counts.items():
            self.memory_streams.labels(tenant).set(count)

    def observe_request(
        self,
        method: str,
        route: str,
        status: int,
        websocket: bool,
        seconds: float,
        sizes: tuple[int, int],
    ) -> None:
        """middleware.Instrument: one finished request."""
        ws = "true" if websocket else "false"
        self.request_duration.labels(method, route, str(status), ws).observe(seconds)
        self.request_bytes.labels(method, route).observe(sizes[0])
        self.response_bytes.labels(method, route).observe(sizes[1])
