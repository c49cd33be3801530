"""The limits verdict: what Loki refused and when its limits began to bite.

HTTP statuses come from the collector's request histogram (what Loki answered it) and,
failing that, from Loki's own `loki_request_duration_seconds_count{route="loki_api_v1_push"}`
(which also counts a load generator's pushes). The timeline pairs each scrape of Loki's
/metrics with the previous one: ingest rate (`loki_distributor_bytes_received_total`)
and rejections by reason in between.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from typing import Any

from sim.loki import messages as loki
from sim.verify.drops import (
    LOKI_DISCARDED,
    CollectorNames,
    collector_drops,
    loki_rejections,
    status_counts,
)
from sim.verify.promtext import MetricSet

PUSH_ROUTE = "loki_api_v1_push"
LOKI_REQUESTS = "loki_request_duration_seconds_count"
MEMORY_STREAMS = loki.METRIC_MEMORY_STREAMS
BYTES_RECEIVED = loki.METRIC_BYTES_RECEIVED

Timed = tuple[float, MetricSet]  # (seconds since the run started, a scrape)


def _tenant(tenant: str | None) -> dict[str, str]:
    return {"tenant": tenant} if tenant else {}


def _first_rejection(samples: Sequence[Timed], reason: str, tenant: str | None) -> Timed | None:
    for at, metrics in samples:
        if metrics.total(LOKI_DISCARDED, reason=reason, **_tenant(tenant)) > 0:
            return at, metrics
    return None


def _timeline(samples: Sequence[Timed], tenant: str | None) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for (t0, m0), (t1, m1) in itertools.pairwise(samples):
        span = t1 - t0
        if span <= 0:
            continue
        received = m1.total(BYTES_RECEIVED, **_tenant(tenant)) - m0.total(
            BYTES_RECEIVED, **_tenant(tenant)
        )
        before = loki_rejections(m0, tenant)
        after = loki_rejections(m1, tenant)
        rejected = {r: n - before.get(r, 0) for r, n in after.items() if n > before.get(r, 0)}
        rows.append(
            {
                "t_s": round(t1, 3),
                "span_s": round(span, 3),
                "ingest_bytes_per_s": max(received, 0.0) / span,
                "rejected": rejected,
            }
        )
    return rows


def limits_verdict(
    loki_final: MetricSet | None,
    collector: MetricSet | None,
    names: CollectorNames | None,
    samples: Sequence[Timed],
    tenant: str | None,
    rate_limit_bytes: float | None,
    end_s: float,
    burst_bytes: float | None = None,
) -> dict[str, Any]:
    rejected = loki_rejections(loki_final, tenant) if loki_final is not None else {}
    by_collector = (
        status_counts(collector, names.request_count)
        if collector is not None and names is not None
        else {}
    )
    by_loki = (
        status_counts(loki_final, LOKI_REQUESTS, route=PUSH_ROUTE) if loki_final is not None else {}
    )
    if names is not None and collector is not None and collector.has(names.request_count):
        source, codes = "collector", by_collector
    elif loki_final is not None and loki_final.has(LOKI_REQUESTS):
        source, codes = "loki", by_loki
    else:
        source, codes = "none", {}
    scrapes = [*samples]
    if loki_final is not None and (not scrapes or scrapes[-1][1] is not loki_final):
        scrapes.append((max(end_s, scrapes[-1][0]) if scrapes else end_s, loki_final))
    streams = [m.total(MEMORY_STREAMS, **_tenant(tenant)) for _, m in scrapes]
    rate_hit = _first_rejection(scrapes, loki.RATE_LIMITED, tenant)
    stream_hit = _first_rejection(scrapes, loki.STREAM_LIMIT, tenant)
    per_stream_hit = _first_rejection(scrapes, loki.STREAM_RATE_LIMIT, tenant)
    # Loki's counter has no tenant label (pkg/distributor/distributor.go)
    shardings = loki_final.total(loki.METRIC_STREAM_SHARDING_COUNT) if loki_final else 0.0
    timeline = _timeline(samples, tenant)
    retries, dropped = 0.0, 0
    if collector is not None and names is not None:
        retries = collector.total(names.retries)
        dropped = sum(collector_drops(collector, names).values())
    return {
        "rejected": rejected,
        "http_429": codes.get("429", 0),
        "http_400": codes.get("400", 0),
        "http_status": {"source": source, "collector": by_collector, "loki": by_loki},
        "rate_limit": {
            "limit_bytes_per_s": rate_limit_bytes,
            "first_rejection_s": rate_hit[0] if rate_hit else None,
            "burst_bytes": burst_bytes,
            **_offered(timeline, rate_limit_bytes, burst_bytes, loki.RATE_LIMITED in rejected),
        },
        "stream_limit": {
            "max_memory_streams": int(max(streams, default=0)),
            "first_rejection_s": stream_hit[0] if stream_hit else None,
            "memory_streams_at_first_rejection": (
                int(stream_hit[1].total(MEMORY_STREAMS, **_tenant(tenant))) if stream_hit else None
            ),
        },
        "stream_rate_limit": {
            "first_rejection_s": per_stream_hit[0] if per_stream_hit else None,
            "rejected": rejected.get(loki.STREAM_RATE_LIMIT, 0),
            "stream_shardings": int(shardings),  # hot streams split before this limit applies
        },
        "backpressure": {"retries": int(retries), "collector_dropped": dropped},
        "timeline": timeline,
    }


def _offered(
    timeline: Sequence[Mapping[str, Any]],
    limit: float | None,
    burst: float | None,
    rejected: bool,
) -> dict[str, Any]:
    """Whether pushes ever emptied the tenant's token bucket. Loki counts bytes received
    before it rate-limits (push.go, distributor.go) with a bucket of `burst` bytes refilled
    at `limit` per second (x/time/rate): until it is empty no 429 can be expected."""
    peak = max((float(row["ingest_bytes_per_s"]) for row in timeline), default=0.0)
    if limit is None:
        return {"peak_received_bytes_per_s": peak, "reached": None}
    capacity = burst if burst is not None else 0.0
    tokens, lowest = capacity, capacity
    for row in timeline:  # each window's bytes taken as arriving evenly over it
        tokens += (limit - float(row["ingest_bytes_per_s"])) * float(row["span_s"])
        lowest = min(lowest, tokens)
        tokens = min(tokens, capacity)
    reached = rejected or lowest < 0.0
    return {
        "peak_received_bytes_per_s": peak,
        "lowest_bucket_bytes": lowest,
        "reached": reached,
    }
