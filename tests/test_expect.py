"""`expect:` thresholds: syntax, and reading the figure from a report.json (DESIGN.md schema)."""

from __future__ import annotations

import pytest

from sim.expect import observe, parse_expectation

REPORT = {
    "redaction": {
        "by_kind": {
            "email": {"injected": 10, "leaked": 2, "collateral": 1},
            "ipv4": {"injected": 5, "leaked": 0, "collateral": 3},
        }
    },
    "delivery": {"written": 100, "stored": 90, "dropped": {"rate_limited": 7, "drop_stage": 1}},
    "limits": {"rejected": {"stream_limit": 4}, "http_429": 3, "http_400": 0},
    "latency": {
        "queries": {"a": {"p95_s": 0.2}, "b": {"p95_s": 0.9}},
        "freshness": {"p50_s": 1.0, "p99_s": 4.0},
        "freshness_by_pod": {"production/chatty": {"p50_s": 12.0, "p99_s": 41.5, "probes": 9}},
    },
    "capacity": {"compression_ratio": 9.5},
    "multiline": {"glued": 12, "by_pod": {"production/api": {"lines": 40, "glued": 12}}},
    "resources": {
        "available": True,
        "loki": {"cpu_p95_millicores": 180.5, "memory_max_bytes": 700 * 1024**2},
        "collector": {"cpu_p95_millicores": None, "memory_max_bytes": None},
    },
}


@pytest.mark.parametrize(
    ("metric", "value"),
    [
        ("redaction.leaked", 2.0),
        ("redaction.collateral", 4.0),
        ("redaction.by_kind.email.leaked", 2.0),
        ("redaction.by_kind.aws_secret_key.leaked", 0.0),
        ("delivery.written", 100.0),
        ("delivery.dropped", 8.0),
        ("delivery.dropped.rate_limited", 7.0),
        ("delivery.dropped.line_too_long", 0.0),
        ("limits.rejected", 4.0),
        ("limits.rejected.rate_limited", 0.0),
        ("limits.http_429", 3.0),
        ("latency.queries.p95_s", 0.9),
        ("latency.freshness.p99_s", 4.0),
        # sim/verify/latency.py: a log-bombed pod probed on its own
        ("latency.freshness_by_pod.production/chatty.p99_s", 41.5),
        ("capacity.compression_ratio", 9.5),
        ("multiline.glued", 12.0),
        ("multiline.by_pod.production/api.glued", 12.0),
        # sim/verify/resources.py: the compose containers' docker stats
        ("resources.loki.cpu_p95_millicores", 180.5),
        ("resources.loki.memory_max_bytes", 700.0 * 1024**2),
    ],
)
def test_observe_reads_the_report(metric: str, value: float) -> None:
    assert observe(REPORT, metric) == value


def test_missing_figures_are_none_not_zero() -> None:
    assert observe(REPORT, "capacity.stored_bytes") is None
    assert observe({}, "delivery.lost") is None
    # a pod the run never saw a line of (or a typo) is not observed, never a silent zero
    assert observe(REPORT, "multiline.by_pod.production/apj.glued") is None
    assert observe(REPORT, "latency.freshness_by_pod.production/api.p99_s") is None
    # a container never sampled (or not the compose target) is not observed either
    assert observe(REPORT, "resources.collector.memory_max_bytes") is None
    assert observe({"resources": {"available": False}}, "resources.loki.cpu_p95_millicores") is None


@pytest.mark.parametrize(
    ("metric", "text", "observed", "holds"),
    [
        ("redaction.leaked", "== 0", 0, True),
        ("redaction.leaked", "== 0", 1, False),
        ("limits.http_429", "> 0", 3, True),
        ("latency.freshness.p99_s", "< 10s", 9.9, True),
        ("latency.freshness.p99_s", "< 500ms", 0.6, False),
        ("capacity.projected_30d_bytes", "<= 50GiB", 50 * 1024**3, True),
        ("delivery.lost", 0, 0, True),
        # Kubernetes quantities, as the ADR writes its requests and limits (ADR 6.5)
        ("resources.loki.memory_max_bytes", "<= 1Gi", 1024**3, True),
        ("resources.loki.memory_max_bytes", "<= 1Gi", 1024**3 + 1, False),
        ("resources.collector.cpu_p95_millicores", "<= 100m", 100, True),
        ("resources.collector.cpu_max_millicores", "< 100", 100.5, False),
        ("resources.loki.cpu_p50_millicores", "<= 200.5m", 200.5, True),
    ],
)
def test_expectations(metric: str, text: object, observed: float, holds: bool) -> None:
    assert parse_expectation(metric, text).holds(observed) is holds


@pytest.mark.parametrize(
    ("metric", "text", "message"),
    [
        ("redaction.leak", "== 0", "expected a report figure such as"),
        ("redaction.leaked", "zero", "expected a comparison like '== 0'"),
        ("redaction.leaked", "=< 0", "expected a comparison like '== 0'"),
        ("redaction.leaked", "== lots", "expected a number, got 'lots'"),
        ("resources.promtail.cpu_p95_millicores", "<= 100m", "expected a report figure"),
        ("resources.loki.cpu_p99_millicores", "<= 100m", "expected a report figure"),
        ("resources.loki.cpu_p95_millicores", "<= 0.1 cores", "expected a comparison"),
        ("resources.loki.cpu_p95_millicores", "<= m", "expected a number, got 'm'"),
        ("resources.loki.memory_max_bytes", "<= 1Gx", "expected a size"),
    ],
)
def test_bad_expectations(metric: str, text: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_expectation(metric, text)
