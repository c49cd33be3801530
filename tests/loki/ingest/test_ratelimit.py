"""Token buckets (golang.org/x/time/rate) and the distributor's tenant rate limit."""

from __future__ import annotations

import dataclasses
import math

import pytest

from sim.loki.ingest.ratelimit import (
    IngestionRateLimiter,
    TokenBucket,
    rate_limited_message,
    stream_limiter,
)
from sim.loki.limits import Limits

S = 1_000_000_000
NOW = 1_795_703_941 * S


def test_bucket_starts_full_and_refusals_take_nothing():
    # rate.NewLimiter: tokens = burst; reserveN only updates state when ok
    bucket = TokenBucket(10.0, 100)
    assert bucket.allow_n(NOW, 100)
    assert not bucket.allow_n(NOW, 1)
    assert not bucket.allow_n(NOW + S // 20, 1)  # 0.5 token after 50 ms
    assert bucket.allow_n(NOW + S // 10, 1)  # 1 token after 100 ms


def test_more_than_burst_never_passes():
    # reserveN: ok := n <= lim.burst && ...
    bucket = TokenBucket(1e9, 100)
    assert not bucket.allow_n(NOW, 101)
    assert bucket.allow_n(NOW, 100)


def test_refill_is_capped_at_burst():
    bucket = TokenBucket(100.0, 100)
    assert bucket.allow_n(NOW, 100)
    assert not bucket.allow_n(NOW + 3600 * S, 101)
    assert bucket.allow_n(NOW + 3600 * S, 100)


def test_time_going_backwards_adds_nothing():
    # advance(): if t.Before(last) { last = t }
    bucket = TokenBucket(100.0, 100)
    assert bucket.allow_n(NOW, 100)
    assert not bucket.allow_n(NOW - S, 1)


def test_go_limiter_non_inf_limit_works():
    # pkg/ingester/limiter_test.go TestGoLimiter "non inf limit works"
    assert TokenBucket(1.0, 2).allow_n(NOW, 1)


def test_infinite_limit_allows_everything():
    assert TokenBucket(math.inf, 0).allow_n(NOW, 10**9)


def test_zero_limit_only_spends_the_burst():
    bucket = TokenBucket(0.0, 10)
    assert bucket.allow_n(NOW, 10)
    assert not bucket.allow_n(NOW + 3600 * S, 1)


@pytest.mark.parametrize(
    ("distributors", "strategy", "rate", "burst", "pushes"),
    [
        # distributor_test.go TestDistributor_PushIngestionRateLimiter, case by case:
        # (bytes pushed, the limit shown in the 429 text or None when allowed)
        (2, "local", 100, 100, [(50, None), (60, 100), (50, None), (40, 100)]),
        (2, "global", 200, 100, [(60, None), (50, 100), (40, None), (30, 100)]),
        (2, "global", 100, 200, [(150, None), (60, 50), (50, None), (30, 50)]),
    ],
)
def test_ingestion_rate_limiter(distributors, strategy, rate, burst, pushes):
    limits = dataclasses.replace(
        Limits(),
        ingestion_rate_strategy=strategy,
        ingestion_rate_mb=rate / 1048576,  # datasize.ByteSize(n).MBytes()
        ingestion_burst_size_mb=burst / 1048576,
    )
    limiter = IngestionRateLimiter(limits, distributors)
    for size, shown in pushes:
        allowed = limiter.allow_n(NOW, "test", size)
        assert allowed is (shown is None)
        if shown is not None:
            assert int(limiter.limit("test")) == shown


def test_rate_limited_message():
    # validation.RateLimitedErrorMsg with distributor_test.go TestDistributor's values
    text = rate_limited_message("test", 400.0, 100, 1000)
    assert text == (
        "ingestion rate limit exceeded for user test (limit: 400 bytes/sec) while attempting to "
        "ingest '100' lines totaling '1000' bytes, reduce log volume or contact your Loki "
        "administrator to see if the limit can be increased"
    )


def test_adr_tenant_limit():
    # ADR: ingestion_rate_mb 20, burst 40, one distributor: 20 MiB/s, 40 MiB at once
    limits = Limits.from_mapping({"ingestion_rate_mb": 20, "ingestion_burst_size_mb": 40})
    limiter = IngestionRateLimiter(limits)
    assert limiter.limit("fake") == 20 * 1048576
    assert limiter.allow_n(NOW, "fake", 40 * 1048576)
    assert not limiter.allow_n(NOW + S, "fake", 20 * 1048576 + 1)
    assert limiter.allow_n(NOW + S, "fake", 20 * 1048576)


def test_stream_limiter_defaults():
    # Overrides.PerStreamRateLimit: 3MB/s, burst 15MB
    bucket = stream_limiter(Limits())
    assert (bucket.limit, bucket.burst) == (3 * 1048576, 15 * 1048576)
