"""Rate-based stream sharding (distributor.go shardStream, ratestore.go, distributor_test.go)."""

from __future__ import annotations

import pytest

from sim.loki.ingest.sharding import ShardTracker, StreamRates, deal, shard_count
from sim.loki.push.labels import parse_labels
from sim.loki.push.model import Entry

S = 1_000_000_000
T0 = 1_795_703_941 * S


@pytest.mark.parametrize(
    ("size", "rate", "shards"),
    [
        # distributor_test.go TestShardCalculation (desired rate 3000)
        (1000, 0, 1),
        (1000, 3001, 2),
        (4000, 0, 2),
        (1000, 300_000, 101),
    ],
)
def test_shard_calculation(size, rate, shards):
    assert shard_count(rate, 1.0, size, 3000) == shards


@pytest.mark.parametrize(
    ("rate", "push_rate", "desired", "push_size", "shards"),
    [
        # distributor_test.go TestShardCountFor, row by row
        (0, 1, 0, 2, 1),
        (0, 1, 3, 2, 1),
        (0, 1, 20, 18, 1),
        (24, 1, 40, 36, 2),
        (0, 1, 22, 36, 2),
        (0, 1, 22, 90, 5),
        (24, 1 / 6, 40, 200, 2),
        (24, 0, 40, 200, 1),
        (24, 3, 40, 200, 6),
    ],
)
def test_shard_count_for(rate, push_rate, desired, push_size, shards):
    assert shard_count(rate, push_rate, push_size, desired) == shards


def _shard(tracker: ShardTracker, entries: int, size: int, desired: int) -> list[str]:
    labels = parse_labels("{app='myapp'}")
    shards = shard_count(0, 1.0, size, desired)
    if shards <= 1:
        return ['{app="myapp"}']
    return [
        text for _, text in tracker.shard_labels("fake", labels, '{app="myapp"}', shards, entries)
    ]


@pytest.mark.parametrize(
    ("entries", "size", "derived"),
    [
        # distributor_test.go TestStreamShard (desired rate 300, push rate 1)
        (0, 50, 1),
        (1, 1, 1),
        (3, 301, 2),
        (5, 301, 2),
        (20, 1, 1),
        (20, 301, 2),
        (20, 901, 4),
        (2, 901, 2),
        (1, 0, 1),
    ],
)
def test_stream_shard(entries, size, derived):
    assert len(_shard(ShardTracker(), entries, size, 300)) == derived


def test_shards_continue_across_calls():
    # distributor_test.go TestStreamShardAcrossCalls: 4 shards over 2 calls of 2 entries
    tracker = ShardTracker()
    first = _shard(tracker, 2, 400, 100)
    second = _shard(tracker, 2, 400, 100)
    assert first == ['{__stream_shard__="0", app="myapp"}', '{__stream_shard__="1", app="myapp"}']
    assert second == ['{__stream_shard__="2", app="myapp"}', '{__stream_shard__="3", app="myapp"}']


def test_entries_are_dealt_round_robin():
    entries = [Entry(i, b"x") for i in range(5)]
    dealt = deal(entries, 2)
    assert [[entry.timestamp for entry in part] for part in dealt] == [[0, 2, 4], [1, 3]]


def test_rates_follow_the_rate_store_average():
    rates = StreamRates()
    rates.record("fake", "{a}", "{a}", 1000, T0)
    assert rates.rate_for("fake", "{a}", T0) == (0, 0.0)  # nothing published yet
    assert rates.rate_for("fake", "{a}", T0 + S) == (1000, 1.0)  # first window taken as is
    rates.record("fake", "{a}", "{a}", 2000, T0 + S)
    rates.record("fake", "{a}", "{a}", 2000, T0 + S)
    # ratestore.go weightedMovingAverage: 0.4 * new + 0.6 * old
    assert rates.rate_for("fake", "{a}", T0 + 2 * S) == (
        int(0.4 * 4000 + 0.6 * 1000),
        0.4 * 2 + 0.6,
    )
    # a window without the stream decays it by 0.6
    assert rates.rate_for("fake", "{a}", T0 + 3 * S)[0] == int(0.6 * 2200)


def test_shard_rates_sum_into_the_base_stream():
    # aggregateByShard: rates added, pushes the maximum over shards
    rates = StreamRates()
    rates.record("fake", '{__stream_shard__="0", a="b"}', '{a="b"}', 700, T0)
    rates.record("fake", '{__stream_shard__="1", a="b"}', '{a="b"}', 300, T0)
    assert rates.rate_for("fake", '{a="b"}', T0 + S) == (1000, 1.0)


def test_rates_expire_ten_minutes_after_their_last_update():
    # ratestore.go cleanupExpired with rateKeepAlive = 10 minutes; until then the push rate
    # only decays (0.6 per idle second) without reaching zero
    rates = StreamRates()
    rates.record("fake", "{a}", "{a}", 10**9, T0)  # published by the tick at T0 + 1 s
    assert rates.rate_for("fake", "{a}", T0 + 601 * S)[1] > 0
    assert rates.rate_for("fake", "{a}", T0 + 602 * S) == (0, 0.0)
