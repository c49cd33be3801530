"""A shared Loki's /metrics as increases over the run: counters differenced, gauges kept."""

from __future__ import annotations

import pytest

from sim.stack.promdelta import since
from sim.verify.promtext import MetricSet

BEFORE = """\
# HELP loki_discarded_samples_total Samples discarded.
# TYPE loki_discarded_samples_total counter
loki_discarded_samples_total{reason="rate_limited",tenant="fake"} 40
loki_discarded_samples_total{reason="line_too_long",tenant="fake"} 3
# HELP loki_ingester_memory_streams Streams in memory.
# TYPE loki_ingester_memory_streams gauge
loki_ingester_memory_streams{tenant="fake"} 120
# HELP loki_request_duration_seconds Request latency.
# TYPE loki_request_duration_seconds histogram
loki_request_duration_seconds_bucket{route="loki_api_v1_push",status_code="204",le="0.1"} 10
loki_request_duration_seconds_bucket{route="loki_api_v1_push",status_code="204",le="+Inf"} 12
loki_request_duration_seconds_sum{route="loki_api_v1_push",status_code="204"} 1.5
loki_request_duration_seconds_count{route="loki_api_v1_push",status_code="204"} 12
"""

AFTER = """\
# TYPE loki_discarded_samples_total counter
loki_discarded_samples_total{reason="rate_limited",tenant="fake"} 45
loki_discarded_samples_total{reason="line_too_long",tenant="fake"} 1
loki_discarded_samples_total{reason="stream_limit",tenant="fake"} 2
# TYPE loki_ingester_memory_streams gauge
loki_ingester_memory_streams{tenant="fake"} 130
# TYPE loki_request_duration_seconds histogram
loki_request_duration_seconds_bucket{route="loki_api_v1_push",status_code="204",le="0.1"} 15
loki_request_duration_seconds_bucket{route="loki_api_v1_push",status_code="204",le="+Inf"} 20
loki_request_duration_seconds_sum{route="loki_api_v1_push",status_code="204"} 2.5
loki_request_duration_seconds_count{route="loki_api_v1_push",status_code="204"} 20
# TYPE loki_build_info gauge
loki_build_info{version="3.6.10",branch="weird \\"quoted\\" \\\\ name"} 1
"""

DELTA = MetricSet([since(BEFORE, AFTER)])


@pytest.mark.parametrize(
    ("name", "labels", "expected"),
    [
        # counters: what the run added
        ("loki_discarded_samples_total", {"reason": "rate_limited"}, 5),
        # a series born during the run counts whole
        ("loki_discarded_samples_total", {"reason": "stream_limit"}, 2),
        # a counter that went down was reset (Loki restarted): its new value, as increase() reads it
        ("loki_discarded_samples_total", {"reason": "line_too_long"}, 1),
        # gauges are a state, not an amount: kept
        ("loki_ingester_memory_streams", {}, 130),
        # histogram series are cumulative
        ("loki_request_duration_seconds_bucket", {"le": "0.1"}, 5),
        ("loki_request_duration_seconds_bucket", {"le": "+Inf"}, 8),
        ("loki_request_duration_seconds_sum", {}, 1.0),
        ("loki_request_duration_seconds_count", {"status_code": "204"}, 8),
        ("loki_build_info", {"branch": 'weird "quoted" \\ name'}, 1),
    ],
)
def test_increase_over_the_run(name: str, labels: dict[str, str], expected: float) -> None:
    assert DELTA.total(name, **labels) == pytest.approx(expected)


def test_an_empty_baseline_keeps_every_value() -> None:
    assert MetricSet([since("", AFTER)]).total("loki_discarded_samples_total") == 48
