"""The latency verdict: per-query percentiles and ingest freshness, by nearest rank.

Nearest rank (the smallest sample with at least p% of samples at or below it): every
figure is a time that was really measured, never an interpolation.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from sim.verify.inputs import FreshnessSample, QueryTiming

METHOD = "nearest-rank"
# Upper bounds (s) of the freshness histogram the HTML draws.
FRESHNESS_BUCKETS = (0.5, 1.0, 2.0, 3.0, 5.0, 10.0, 30.0, 60.0, math.inf)


def nearest_rank(values: Sequence[float], percent: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    rank = max(math.ceil(percent / 100 * len(ordered)), 1)
    return ordered[rank - 1]


def _query(timings: Sequence[QueryTiming]) -> dict[str, Any]:
    ok = [t for t in timings if t.error is None]
    seconds = [t.seconds for t in ok]
    errors = [t.error for t in timings if t.error is not None]
    out: dict[str, Any] = {
        "p50_s": nearest_rank(seconds, 50),
        "p95_s": nearest_rank(seconds, 95),
        "p99_s": nearest_rank(seconds, 99),
        "results": max((t.results for t in ok), default=0),
        "runs": len(timings),
        "errors": len(errors),
        "max_s": max(seconds, default=None),
    }
    if errors:
        out["first_error"] = errors[0]
    return out


def freshness(samples: Sequence[FreshnessSample]) -> dict[str, Any]:
    delays = [
        max(s.first_seen_at_s - s.written_at_s, 0.0)
        for s in samples
        if s.first_seen_at_s is not None
    ]
    histogram = []
    lower = -math.inf
    for upper in FRESHNESS_BUCKETS:
        count = sum(1 for d in delays if lower < d <= upper)
        histogram.append(["+Inf" if math.isinf(upper) else upper, count])
        lower = upper
    return {
        "p50_s": nearest_rank(delays, 50),
        "p99_s": nearest_rank(delays, 99),
        "probes": len(samples),
        "unseen": len(samples) - len(delays),
        "histogram": histogram,
    }


def latency_verdict(
    timings: Mapping[str, Sequence[QueryTiming]],
    probes: Sequence[FreshnessSample],
    by_pod: Mapping[str, Sequence[FreshnessSample]] | None = None,
) -> dict[str, Any]:
    """`by_pod`: freshness of the lines of scenario pods probed on their own (log bombs)."""
    return {
        "method": METHOD,
        "queries": {query: _query(runs) for query, runs in timings.items()},
        "freshness": freshness(probes),
        "freshness_by_pod": {pod: freshness(lines) for pod, lines in (by_pod or {}).items()},
    }
