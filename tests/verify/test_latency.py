"""Query latency and freshness by nearest rank."""

from __future__ import annotations

import pytest

from sim.verify.inputs import FreshnessSample, QueryTiming
from sim.verify.latency import latency_verdict, nearest_rank

TEN = [float(x) for x in (15, 20, 35, 40, 50, 1, 2, 3, 4, 5)]


@pytest.mark.parametrize(
    ("values", "percent", "expected"),
    [
        # Wikipedia "Percentile", nearest-rank method, worked example: {15, 20, 35, 40, 50}
        ([15.0, 20.0, 35.0, 40.0, 50.0], 5, 15.0),
        ([15.0, 20.0, 35.0, 40.0, 50.0], 30, 20.0),
        ([15.0, 20.0, 35.0, 40.0, 50.0], 40, 20.0),
        ([15.0, 20.0, 35.0, 40.0, 50.0], 50, 35.0),
        ([15.0, 20.0, 35.0, 40.0, 50.0], 100, 50.0),
        # ceil(0.95 * 10) = 10th and ceil(0.5 * 10) = 5th of the sorted ten
        (TEN, 95, 50.0),
        (TEN, 50, 5.0),
        ([], 50, None),
    ],
)
def test_nearest_rank(values: list[float], percent: float, expected: float | None) -> None:
    assert nearest_rank(values, percent) == expected


def test_queries_and_freshness() -> None:
    timings = {
        '{app="api"}': [QueryTiming(s, 12) for s in (0.1, 0.2, 0.3, 0.4)]
        + [QueryTiming(9.0, 0, "timeout")],
    }
    probes = [FreshnessSample(0.0, d) for d in (0.4, 1.5, 2.5)] + [FreshnessSample(0.0, None)]
    result = latency_verdict(timings, probes)
    query = result["queries"]['{app="api"}']
    assert (query["p50_s"], query["p95_s"], query["p99_s"]) == (0.2, 0.4, 0.4)
    assert (query["results"], query["errors"], query["first_error"]) == (12, 1, "timeout")
    fresh = result["freshness"]
    assert (fresh["p50_s"], fresh["p99_s"], fresh["unseen"]) == (1.5, 2.5, 1)
    assert fresh["histogram"][:4] == [[0.5, 1], [1.0, 0], [2.0, 1], [3.0, 1]]
    assert result["method"] == "nearest-rank"


def test_freshness_of_a_pod_probed_on_its_own() -> None:
    # a log-bombed pod's lines, probed apart from the rest (sim/runner/probes.py)
    lagging = [FreshnessSample(0.0, d) for d in (20.0, 35.0, 40.0)]
    result = latency_verdict({}, [FreshnessSample(0.0, 0.3)], {"production/chatty": lagging})
    pod = result["freshness_by_pod"]["production/chatty"]
    assert (pod["p50_s"], pod["p99_s"], pod["probes"]) == (35.0, 40.0, 3)
    assert result["freshness"]["p99_s"] == 0.3
    assert latency_verdict({}, [])["freshness_by_pod"] == {}
