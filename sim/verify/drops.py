"""Drop and rejection counters as Loki and the collector export them, labelled by source.

Loki: `loki_discarded_samples_total{reason,tenant}` (pkg/validation/validate.go). Promtail
(and lokisim's agent): `promtail_dropped_entries_total{reason}` (clients/pkg/promtail/
client/client.go: ingester_error, rate_limited, stream_limited, line_too_long) and the
stages' `logentry_dropped_lines_total{reason}`. Grafana Alloy exports the same counters as
`loki_write_dropped_entries_total` and `loki_process_dropped_lines_total` (its loki.write
and loki.process component reference).
"""

from __future__ import annotations

from dataclasses import dataclass

from sim.loki import messages as loki
from sim.verify.promtext import MetricSet

LOKI_DISCARDED = loki.METRIC_DISCARDED_SAMPLES
# Reasons Loki answers with 429, which Promtail retries (client.go sendBatch): a rejection
# counted here may still be stored by a later attempt.
LOKI_RETRIED_REASONS = frozenset({loki.RATE_LIMITED, loki.STREAM_LIMIT, loki.STREAM_RATE_LIMIT})
PROMTAIL_GENERIC_REASON = "ingester_error"


@dataclass(frozen=True, slots=True)
class CollectorNames:
    source: str  # the prefix of its reasons in `delivery.dropped`
    dropped_entries: str
    dropped_lines: str  # pipeline stage drops
    request_count: str  # request duration histogram's _count, by status_code
    retries: str


PROMTAIL = CollectorNames(
    "promtail",
    "promtail_dropped_entries_total",
    "logentry_dropped_lines_total",
    "promtail_request_duration_seconds_count",
    "promtail_batch_retries_total",
)
ALLOY = CollectorNames(
    "alloy",
    "loki_write_dropped_entries_total",
    "loki_process_dropped_lines_total",
    "loki_write_request_duration_seconds_count",
    "loki_write_batch_retries_total",
)


def collector_names(metrics: MetricSet) -> CollectorNames | None:
    """Which collector's metric names `metrics` carries (None: neither)."""
    for names in (PROMTAIL, ALLOY):
        if any(metrics.has(n) for n in (names.dropped_entries, names.request_count)):
            return names
    return None


def _tenant(tenant: str | None) -> dict[str, str]:
    return {"tenant": tenant} if tenant else {}


def loki_rejections(metrics: MetricSet, tenant: str | None) -> dict[str, int]:
    counts = metrics.by_label(LOKI_DISCARDED, "reason", **_tenant(tenant))
    return {reason: int(n) for reason, n in sorted(counts.items()) if n > 0}


def collector_drops(metrics: MetricSet, names: CollectorNames) -> dict[str, int]:
    """Client drops and stage drops, summed by reason."""
    out: dict[str, int] = {}
    for name in (names.dropped_entries, names.dropped_lines):
        for reason, n in metrics.by_label(name, "reason").items():
            if n > 0:
                out[reason] = out.get(reason, 0) + int(n)
    return dict(sorted(out.items()))


def status_counts(metrics: MetricSet, name: str, **match: str) -> dict[str, int]:
    counts = metrics.by_label(name, "status_code", **match)
    return {code: int(n) for code, n in sorted(counts.items()) if n > 0}
