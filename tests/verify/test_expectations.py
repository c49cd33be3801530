"""A scenario's `expect:` held against a report."""

from __future__ import annotations

from sim.expect import parse_expectation
from sim.verify.expectations import evaluate

REPORT = {
    "delivery": {"lost": 0, "dropped": {"loki:rate_limited": 3}},
    "redaction": {"by_kind": {"email": {"leaked": 2}, "ipv4": {"leaked": 0}}},
    "latency": {"freshness": {"p99_s": 2.5, "p50_s": None}},
}


def _rows(expect: dict[str, str], unavailable: tuple[str, ...] = ()) -> list[dict[str, object]]:
    parsed = [parse_expectation(metric, text) for metric, text in expect.items()]
    return evaluate(parsed, REPORT, unavailable)


def test_held_failed_and_observed() -> None:
    rows = _rows(
        {"delivery.lost": "== 0", "redaction.leaked": "== 0", "latency.freshness.p99_s": "< 2s"}
    )
    assert rows == [
        {"name": "delivery.lost", "passed": True, "observed": 0, "expected": "== 0"},
        {
            "name": "redaction.leaked",
            "passed": False,
            "observed": 2,
            "expected": "== 0",
            "failure": "finding",
        },
        {
            "name": "latency.freshness.p99_s",
            "passed": False,
            "observed": 2.5,
            "expected": "< 2s",
            "failure": "finding",
        },
    ]


def test_a_figure_not_measured_fails_as_not_observed_never_as_zero() -> None:
    # redaction.leaked would read 0 from an empty by_kind: an unavailable section must not
    rows = _rows({"redaction.leaked": "== 0", "latency.freshness.p50_s": "< 1s"}, ("redaction",))
    assert [(r["observed"], r["passed"], r["failure"]) for r in rows] == [
        (None, False, "not_observed"),
        (None, False, "not_observed"),
    ]
