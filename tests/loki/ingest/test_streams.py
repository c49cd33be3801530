"""The active stream limit (pkg/ingester/limiter.go, limiter_test.go)."""

from __future__ import annotations

import pytest

from sim.loki.ingest.streams import (
    MAX_INT32,
    IngesterRing,
    combine,
    min_non_zero,
    stream_limit,
    stream_limit_message,
)
from sim.loki.limits import Limits

ERR = (
    "tenant 'test' per-user streams limit exceeded, streams: {} exceeds calculated limit: {} "
    "(local limit: {}, global limit: {}, local share: {})"
)


@pytest.mark.parametrize(
    ("local", "global_", "share", "streams", "expected"),
    [
        # limiter_test.go TestStreamCountLimiter_AssertNewStreamAllowed (rows without the
        # owned-stream service, which the stand-in refuses): the share is the fixed strategy
        (0, 0, 0, 100, None),
        (0, 1000, 300, 299, None),
        (0, 1000, 300, 300, ERR.format(300, 300, 0, 1000, 300)),
        (0, 0, 0, MAX_INT32 - 1, None),
        (1000, 0, 1000, 3000, ERR.format(3000, 1000, 1000, 0, 1000)),
        (0, 1000, 100, 3000, ERR.format(3000, 100, 0, 1000, 100)),
        (150, 1000, 150, 3000, ERR.format(3000, 150, 150, 1000, 150)),
        (500, 1000, 300, 3000, ERR.format(3000, 300, 500, 1000, 300)),
    ],
)
def test_assert_new_stream_allowed(local, global_, share, streams, expected):
    limit = combine(local, global_, share)
    allowed = limit.allows(streams)
    assert allowed is (expected is None)
    if expected:
        assert limit.ingester_message("test", streams) == expected


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    # limiter_test.go TestLimiter_minNonZero
    [(0, 0, 0), (0, 1, 1), (1, 0, 1), (1, 2, 1), (2, 1, 1)],
)
def test_min_non_zero(first, second, expected):
    assert min_non_zero(first, second) == expected


@pytest.mark.parametrize(
    ("global_", "zones", "healthy", "in_zone", "rf", "expected"),
    [
        # limiter_test.go TestConvertGlobalToLocalLimit_IngesterRing
        (0, 1, 1, 1, 3, 0),
        (100, 1, 10, 10, 3, 30),
        (200, 3, 30, 10, 3, 20),
        (200, 2, 0, 0, 3, 0),
        (200, 3, 10, 0, 3, 0),
    ],
)
def test_global_to_local(global_, zones, healthy, in_zone, rf, expected):
    ring = IngesterRing(
        replication_factor=rf, healthy_instances=healthy, zones=zones, healthy_in_zone=in_zone
    )
    assert ring.global_to_local(global_) == expected


def test_adr_limit_in_force_is_5000():
    # ADR: max_streams_per_user 10000; default max_global_streams_per_user 5000; the single
    # binary runs one ingester with commonConfig.replication_factor 1:
    # min(10000, int(5000 / 1 * 1)) = 5000
    limits = Limits.from_mapping({"max_streams_per_user": 10000})
    limit = stream_limit(limits, IngesterRing(replication_factor=1, healthy_instances=1))
    assert (limit.calculated, limit.local, limit.global_, limit.adjusted_global) == (
        5000,
        10000,
        5000,
        5000,
    )
    assert limit.allows(4999) and not limit.allows(5000)


def test_loki_default_replication_factor_triples_the_share():
    # common.replication_factor defaults to 3: one ingester's share becomes 15000
    limits = Limits.from_mapping({"max_streams_per_user": 10000})
    assert stream_limit(limits, IngesterRing()).calculated == 10000


def test_stream_limit_message():
    # validation.StreamLimitErrorMsg, what the client receives with the 429
    assert stream_limit_message('{app="x"}', "fake") == (
        'maximum active stream limit exceeded when trying to create stream {app="x"}, reduce '
        "the number of active streams (reduce labels or reduce label values), or contact your "
        "Loki administrator to see if the limit can be increased, user: 'fake'"
    )
