"""Prometheus text exposition summed by label."""

from __future__ import annotations

import pytest

from sim.verify.promtext import MetricSet, MetricsParseError

LOKI = """# HELP loki_discarded_samples_total The total number of samples that were discarded.
# TYPE loki_discarded_samples_total counter
loki_discarded_samples_total{reason="rate_limited",tenant="fake"} 7
loki_discarded_samples_total{reason="line_too_long",tenant="fake"} 2
loki_discarded_samples_total{reason="rate_limited",tenant="other"} 5
# TYPE promtail_request_duration_seconds histogram
promtail_request_duration_seconds_bucket{host="loki:3100",status_code="429",le="+Inf"} 3
promtail_request_duration_seconds_count{host="loki:3100",status_code="429"} 3
promtail_request_duration_seconds_sum{host="loki:3100",status_code="429"} 0.3
"""


def test_sums_by_label_and_filters() -> None:
    metrics = MetricSet([LOKI])
    assert metrics.by_label("loki_discarded_samples_total", "reason") == {
        "rate_limited": 12.0,
        "line_too_long": 2.0,
    }
    assert metrics.total("loki_discarded_samples_total", tenant="fake") == 9.0
    assert metrics.total("promtail_request_duration_seconds_count", status_code="429") == 3.0
    assert metrics.total("absent_total") == 0.0


def test_texts_add_up() -> None:
    metrics = MetricSet([LOKI, LOKI])
    assert metrics.total("loki_discarded_samples_total", reason="line_too_long") == 4.0


def test_garbage_is_an_error() -> None:
    with pytest.raises(MetricsParseError):
        MetricSet(["loki_discarded_samples_total{reason= 7"])
