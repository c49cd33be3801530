"""Chunk cutting and flush decisions for one stream (stream.go, flush.go at v3.6.0)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sim.loki.store.codec import parse_codec
from sim.loki.store.stream import ChunkDesc, ChunkRules, MemStream, should_flush

HOUR = 3600 * 10**9
MINUTE = 60 * 10**9


def rules(**overrides) -> ChunkRules:
    settings = dict(
        codec=parse_codec("none"),
        block_size=256 * 1024,
        target_size=1572864,
        idle_ns=30 * MINUTE,
        max_age_ns=2 * HOUR,
        sync_period_ns=HOUR,
        sync_min_utilization=0.1,
    )
    settings.update(overrides)
    return ChunkRules(**settings)


def stream(fingerprint: int = 0) -> MemStream:
    return MemStream("fake", '{foo="bar"}', {"foo": "bar"}, fingerprint)


def test_push_drops_repeat_of_last_line() -> None:
    # stream_test.go TestPushDeduplication: the exact repeat is dropped, a new line at the
    # same timestamp is kept.
    s = stream()
    stored = s.push(
        [(10**9, b"test", ()), (10**9, b"test", ()), (10**9, b"newer, better test", ())], rules(), 0
    )
    assert len(stored) == 2 and len(s.chunks) == 1
    assert s.chunks[0].chunk.entry_count() == 2
    assert s.entry_count == 2  # the WAL counter TestPushRejectOldCounter relies on


def test_last_line_check_survives_pushes() -> None:
    s = stream()
    s.push([(1, b"a", ())], rules(), 0)
    assert s.push([(1, b"a", ()), (2, b"b", ())], rules(), 0) == [(2, b"b", ())]


def test_size_cut_when_chunk_is_full() -> None:
    # stream.go storeEntries: no SpaceFor -> cutChunk closes the chunk and starts another.
    r = rules(target_size=100, block_size=40)
    s = stream()
    s.push([(ts, b"x" * 30, ()) for ts in range(5)], r, 0)
    assert [d.closed for d in s.chunks] == [True, False]
    assert [d.chunk.entry_count() for d in s.chunks] == [3, 2]
    assert should_flush(s.chunks[0], r, 0) == "full"
    assert s.chunks_created == 2


def fill(s: MemStream, r: ChunkRules, count: int, start: int, step: int) -> None:
    s.push([(start + i * step, b"%06d" % i * 50, ()) for i in range(count)], r, 0)


@pytest.mark.parametrize(
    ("desc", "filled", "next_ts", "cut"),
    [
        # cutChunkForSynchronization: with fp 0 the sync points are whole hours.
        ("rolls over the hour, chunk used > 10%", 700, HOUR + 1, True),
        ("rolls over the hour, chunk used <= 10%", 10, HOUR + 1, False),
        ("same hour", 700, HOUR - MINUTE + 1, False),
        ("older than the highest timestamp", 700, 1, False),
    ],
)
def test_synchronisation_cut(desc: str, filled: int, next_ts: int, cut: bool) -> None:
    r = rules(target_size=300_000)
    s = stream()
    fill(s, r, filled, HOUR - MINUTE, 1)
    s.push([(next_ts, b"next", ())], r, 0)
    assert (len(s.chunks) == 2) is cut
    assert s.chunks[0].synced is cut
    if cut:
        assert should_flush(s.chunks[0], r, 0) == "synced"


def test_fingerprint_offsets_synchronisation_points() -> None:
    # (ts + fp) % period: a fingerprint of half an hour moves the sync point to :30.
    r = rules(target_size=300_000)
    s = stream(fingerprint=HOUR // 2)
    fill(s, r, 700, HOUR // 2 - MINUTE, 1)
    s.push([(HOUR // 2 + 1, b"next", ())], r, 0)
    assert len(s.chunks) == 2 and s.chunks[0].synced


@pytest.mark.parametrize(
    ("desc", "closed", "synced", "idle_for", "span", "reason"),
    [
        # flush.go shouldFlushChunk, checked in this order.
        ("closed", True, False, 0, 0, "full"),
        ("closed by synchronisation", True, True, 0, 0, "synced"),
        ("idle longer than chunk_idle_period", False, False, 30 * MINUTE + 1, 0, "idle"),
        ("idle exactly chunk_idle_period", False, False, 30 * MINUTE, 0, ""),
        # flush_test.go TestFlushMaxAge: span (entry time) beyond max_chunk_age flushes
        ("entries span more than max_chunk_age", False, False, 0, 2 * HOUR + 1, "max_age"),
        ("entries span exactly max_chunk_age", False, False, 0, 2 * HOUR, ""),
    ],
)
def test_should_flush(desc, closed, synced, idle_for, span, reason) -> None:
    r = rules()
    chunk = r.new_chunk()
    chunk.append(1, b"a", ())
    chunk.append(1 + span, b"b", ())
    now = 10 * HOUR
    desc_ = ChunkDesc(chunk, closed=closed, synced=synced, last_updated=now - idle_for)
    assert should_flush(desc_, r, now) == reason


def test_never_updated_chunk_is_idle() -> None:
    # A zero lastUpdated (Go's zero time) is always older than the idle period.
    r = rules()
    assert should_flush(ChunkDesc(r.new_chunk()), r, 0) == "idle"


@given(
    fingerprint=st.integers(0, 2**64 - 1),
    steps=st.lists(st.integers(-5 * MINUTE, 40 * MINUTE), min_size=1, max_size=60),
)
@settings(max_examples=200, deadline=None)
def test_synchronisation_matches_the_plain_rule_within_one_push(
    fingerprint: int, steps: list[int]
) -> None:
    # stream.go cutChunkForSynchronization evaluated entry by entry, with the highest
    # timestamp updated as entries are stored (min utilization 0: every rollover cuts).
    r = rules(sync_min_utilization=0, target_size=0, block_size=1 << 30)
    ts, batch = 10 * HOUR, []
    for step in steps:
        ts += step
        batch.append((ts, b"%d" % len(batch), ()))
    s = stream(fingerprint)
    s.push(batch, r, 0)
    expected, highest = [0], None
    for entry_ts, _, _ in batch:
        if highest is not None and entry_ts >= highest:
            current = ((entry_ts + fingerprint) & 2**64 - 1) % HOUR
            previous = ((highest + fingerprint) & 2**64 - 1) % HOUR
            if current < previous:
                expected.append(0)
        expected[-1] += 1
        highest = entry_ts if highest is None else max(highest, entry_ts)
    assert [d.chunk.entry_count() for d in s.chunks] == expected
