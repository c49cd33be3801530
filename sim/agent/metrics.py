"""The agent's Prometheus metrics, named and labelled as Promtail v3.6 exports them.

client/client.go: promtail_encoded_bytes_total{host}, promtail_sent_bytes_total{host},
promtail_sent_entries_total{host}, promtail_dropped_bytes_total and
promtail_dropped_entries_total{host,tenant,reason}, promtail_mutated_entries_total and
promtail_mutated_bytes_total{host,tenant,reason}, promtail_request_duration_seconds
{status_code,host}, promtail_batch_retries_total{host,tenant}. targets/file/metrics.go:
promtail_read_bytes_total and promtail_file_bytes_total (gauges){path},
promtail_read_lines_total{path} (encoding_failures_total is declared but never
registered in v3.6),
promtail_files_active_total, promtail_targets_active_total, promtail_targets_failed_total
{reason}. stages: logentry_dropped_lines_total{reason}. Each agent has its own registry.
"""

from __future__ import annotations

import contextlib
from collections import Counter as Tally
from collections.abc import Callable, Iterator

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from prometheus_client.core import CounterMetricFamily
from prometheus_client.registry import Collector

HOST, TENANT, REASON = "host", "tenant", "reason"


class _DroppedLines(Collector):
    """logentry_dropped_lines_total{reason}, summed over every pipeline's stage counters;
    and lokisim's own count of lines Promtail loses without counting them (the cri stage's
    partial lines at shutdown, json's drop_malformed...), so a run can account for them."""

    def __init__(self) -> None:
        self.sources: list[Callable[[], Tally[str]]] = []
        self.silent_sources: list[Callable[[], Tally[str]]] = []

    def collect(self) -> Iterator[CounterMetricFamily]:
        for name, help_text, label, sources in (
            (
                "logentry_dropped_lines",
                "A count of all log lines dropped as a result of a pipeline stage",
                "reason",
                self.sources,
            ),
            (
                "lokisim_agent_uncounted_dropped_lines",
                "Lines Promtail drops without counting them (lokisim's own metric).",
                "cause",
                self.silent_sources,
            ),
        ):
            total: Tally[str] = Tally()
            for source in sources:
                total.update(source())
            family = CounterMetricFamily(name, help_text, labels=[label])
            for key, count in sorted(total.items()):
                family.add_metric([key], count)
            yield family


class AgentMetrics:
    def __init__(self, registry: CollectorRegistry | None = None) -> None:
        r = self.registry = registry if registry is not None else CollectorRegistry()
        self.encoded_bytes = Counter(
            "promtail_encoded_bytes",
            "Number of bytes encoded and ready to send.",
            [HOST],
            registry=r,
        )
        self.sent_bytes = Counter(
            "promtail_sent_bytes", "Number of bytes sent.", [HOST], registry=r
        )
        self.sent_entries = Counter(
            "promtail_sent_entries",
            "Number of log entries sent to the ingester.",
            [HOST],
            registry=r,
        )
        self.dropped_bytes = Counter(
            "promtail_dropped_bytes",
            "Number of bytes dropped because failed to be sent to the ingester after all retries.",
            [HOST, TENANT, REASON],
            registry=r,
        )
        self.dropped_entries = Counter(
            "promtail_dropped_entries",
            "Number of log entries dropped because failed to be sent to the ingester after all "
            "retries.",
            [HOST, TENANT, REASON],
            registry=r,
        )
        self.mutated_entries = Counter(
            "promtail_mutated_entries",
            "The total number of log entries that have been mutated.",
            [HOST, TENANT, REASON],
            registry=r,
        )
        self.mutated_bytes = Counter(
            "promtail_mutated_bytes",
            "The total number of bytes that have been mutated.",
            [HOST, TENANT, REASON],
            registry=r,
        )
        self.request_duration = Histogram(
            "promtail_request_duration_seconds",
            "Duration of send requests.",
            ["status_code", HOST],
            registry=r,
        )
        self.batch_retries = Counter(
            "promtail_batch_retries",
            "Number of times batches has had to be retried.",
            [HOST, TENANT],
            registry=r,
        )
        self.read_bytes = Gauge(
            "promtail_read_bytes_total", "Number of bytes read.", ["path"], registry=r
        )
        self.file_bytes = Gauge(
            "promtail_file_bytes_total", "Number of bytes total.", ["path"], registry=r
        )
        self.read_lines = Counter(
            "promtail_read_lines", "Number of lines read.", ["path"], registry=r
        )
        self.files_active = Gauge(
            "promtail_files_active_total", "Number of active files.", registry=r
        )
        self.targets_failed = Counter(
            "promtail_targets_failed", "Number of failed targets.", ["reason"], registry=r
        )
        self.targets_active = Gauge(
            "promtail_targets_active_total", "Number of active total.", registry=r
        )
        self.dropped_lines = _DroppedLines()
        r.register(self.dropped_lines)

    def forget_file(self, path: str) -> None:
        """tailer.go cleanupMetrics: a file no longer tailed stops being exported."""
        self.files_active.dec()
        for family in (self.read_lines, self.read_bytes, self.file_bytes):
            with contextlib.suppress(KeyError):
                family.remove(path)

    def sample(self, name: str, labels: dict[str, str] | None = None) -> float:
        """One sample's value (0 when absent); for tests and the run report."""
        value = self.registry.get_sample_value(name, labels or {})
        return 0.0 if value is None else value
