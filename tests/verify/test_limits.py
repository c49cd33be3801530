"""The limits verdict from Loki's and the collector's /metrics."""

from __future__ import annotations

import pytest

from sim.verify.drops import PROMTAIL
from sim.verify.limits import limits_verdict
from sim.verify.promtext import MetricSet

# Series names and labels as Loki 3.6 exports them (pkg/validation/validate.go,
# pkg/loghttp/push/push.go, pkg/ingester/instance.go, dskit's request histogram).
LOKI_AT = [
    """loki_distributor_bytes_received_total{tenant="fake"} 0
loki_ingester_memory_streams{tenant="fake"} 10
""",
    """loki_distributor_bytes_received_total{tenant="fake"} 20000000
loki_ingester_memory_streams{tenant="fake"} 900
loki_discarded_samples_total{reason="rate_limited",tenant="fake"} 5
""",
    """loki_distributor_bytes_received_total{tenant="fake"} 30000000
loki_ingester_memory_streams{tenant="fake"} 1000
loki_discarded_samples_total{reason="rate_limited",tenant="fake"} 8
loki_discarded_samples_total{reason="stream_limit",tenant="fake"} 3
loki_discarded_samples_total{reason="per_stream_rate_limit",tenant="fake"} 7
loki_stream_sharding_count 4
loki_request_duration_seconds_count{method="POST",route="loki_api_v1_push",status_code="429",ws="false"} 6
loki_request_duration_seconds_count{method="POST",route="loki_api_v1_push",status_code="204",ws="false"} 90
loki_request_duration_seconds_count{method="GET",route="loki_api_v1_query_range",status_code="400",ws="false"} 4
""",
]
# Promtail's client metrics (clients/pkg/promtail/client/client.go)
COLLECTOR = """promtail_request_duration_seconds_count{host="loki:3100",status_code="429"} 2
promtail_request_duration_seconds_count{host="loki:3100",status_code="400"} 1
promtail_request_duration_seconds_count{host="loki:3100",status_code="204"} 40
promtail_batch_retries_total{host="loki:3100",tenant=""} 2
promtail_dropped_entries_total{host="loki:3100",reason="rate_limited",tenant=""} 30
logentry_dropped_lines_total{reason="drop_stage"} 4
"""


def _samples() -> list[tuple[float, MetricSet]]:
    return [(10.0 * i, MetricSet([text])) for i, text in enumerate(LOKI_AT)]


def test_statuses_come_from_the_collector_when_it_exports_them() -> None:
    samples = _samples()
    collector = MetricSet([COLLECTOR])
    result = limits_verdict(samples[-1][1], collector, PROMTAIL, samples, None, 20e6, 20.0)
    assert (result["http_429"], result["http_400"]) == (2, 1)
    assert result["http_status"]["source"] == "collector"
    assert result["rejected"] == {"rate_limited": 8, "stream_limit": 3, "per_stream_rate_limit": 7}
    assert result["backpressure"] == {"retries": 2, "collector_dropped": 34}


def test_statuses_fall_back_to_lokis_push_route() -> None:
    samples = _samples()
    result = limits_verdict(samples[-1][1], None, None, samples, None, None, 20.0)
    # only the push route counts: the query route's 400s are not the collector's
    assert (result["http_429"], result["http_400"]) == (6, 0)
    assert result["http_status"]["source"] == "loki"


def test_when_the_limits_began_to_bite() -> None:
    samples = _samples()
    result = limits_verdict(samples[-1][1], None, None, samples, "fake", 20e6, 20.0)
    # rejections prove the limit was reached even where 5 s averages stay below it (burst)
    assert result["rate_limit"] == {
        "limit_bytes_per_s": 20e6,
        "first_rejection_s": 10.0,
        "burst_bytes": None,
        "peak_received_bytes_per_s": 2e6,
        "lowest_bucket_bytes": 0.0,
        "reached": True,
    }
    assert result["stream_limit"] == {
        "max_memory_streams": 1000,
        "first_rejection_s": 20.0,
        "memory_streams_at_first_rejection": 1000,
    }
    # pkg/validation/validate.go StreamRateLimit; distributor.go streamShardingCount
    assert result["stream_rate_limit"] == {
        "first_rejection_s": 20.0,
        "rejected": 7,
        "stream_shardings": 4,
    }
    assert result["timeline"] == [
        {"t_s": 10.0, "span_s": 10.0, "ingest_bytes_per_s": 2e6, "rejected": {"rate_limited": 5}},
        {
            "t_s": 20.0,
            "span_s": 10.0,
            "ingest_bytes_per_s": 1e6,
            "rejected": {"rate_limited": 3, "stream_limit": 3, "per_stream_rate_limit": 7},
        },
    ]


def test_another_tenants_rejections_do_not_count() -> None:
    final = MetricSet(['loki_discarded_samples_total{reason="rate_limited",tenant="locust"} 9\n'])
    assert limits_verdict(final, None, None, [], "fake", None, 1.0)["rejected"] == {}


@pytest.mark.parametrize(
    ("limit", "rejected", "reached"),
    [
        # Loki counts bytes received before rate-limiting (push.go's bytes_received_total,
        # distributor.go's AllowN after it): a peak below the limit cannot draw a 429
        (20e6, False, False),
        (1.5e6, False, True),  # the first window's 2 MB/s is above it
        (None, False, None),  # the limit in force is unknown
    ],
)
def test_whether_the_rate_limit_was_reached(
    limit: float | None, rejected: bool, reached: bool | None
) -> None:
    quiet = [
        (t, MetricSet([text.replace('reason="rate_limited"', 'reason="other"')]))
        for t, text in zip((0.0, 10.0, 20.0), LOKI_AT, strict=True)
    ]
    result = limits_verdict(quiet[-1][1], None, None, quiet, "fake", limit, 20.0)
    assert "rate_limited" not in result["rejected"]
    assert result["rate_limit"]["reached"] is reached
    assert result["rate_limit"]["peak_received_bytes_per_s"] == 2e6


@pytest.mark.parametrize(
    ("burst", "reached"),
    [
        # x/time/rate's bucket holds `burst` bytes, refilled at the limit: 10 s at 2 MB/s
        # against a 1.5 MB/s limit takes 5 MB out; then 10 s at 1 MB/s puts 5 MB back
        (4e6, True),  # a 4 MB burst runs out: Loki answers 429
        (6e6, False),  # a 6 MB burst absorbs the spike: no 429 can be expected
    ],
)
def test_a_burst_absorbs_a_short_spike_above_the_limit(burst: float, reached: bool) -> None:
    quiet = [
        (t, MetricSet([text.replace('reason="rate_limited"', 'reason="other"')]))
        for t, text in zip((0.0, 10.0, 20.0), LOKI_AT, strict=True)
    ]
    result = limits_verdict(quiet[-1][1], None, None, quiet, "fake", 1.5e6, 20.0, burst)
    assert result["rate_limit"]["reached"] is reached
