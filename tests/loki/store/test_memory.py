"""In-memory streams and the periodic sweep (instance.go, flush.go at v3.6.0)."""

from __future__ import annotations

import pytest

from sim.loki.store import memory as memory_module
from sim.loki.store.codec import parse_codec
from sim.loki.store.fingerprint import labels_fingerprint
from sim.loki.store.memory import MemoryStreams
from sim.loki.store.metrics import StoreMetrics
from sim.loki.store.stream import ChunkDesc, ChunkRules, MemStream

MINUTE = 60 * 10**9
RULES = ChunkRules(parse_codec("none"), 1024, 4096, 30 * MINUTE, 120 * MINUTE, 60 * MINUTE, 0.1)


class Recorder:
    def __init__(self) -> None:
        self.flushed: list[tuple[str, str]] = []

    def __call__(self, stream: MemStream, desc: ChunkDesc, reason: str, now: int) -> None:
        desc.chunk.close()
        desc.flushed = now
        self.flushed.append((stream.labels, reason))


def test_stream_fingerprint_and_mapping() -> None:
    streams = MemoryStreams(RULES, StoreMetrics())
    stream, created = streams.get_or_create("t", '{b="2", a="1"}')
    assert created and list(stream.pairs.items()) == [("a", "1"), ("b", "2")]
    # the hash runs over the labels sorted by name, as syntax.ParseLabels returns them
    assert stream.fingerprint == labels_fingerprint([("a", "1"), ("b", "2")])
    assert streams.get_or_create("t", '{b="2", a="1"}') == (stream, False)
    assert streams.metrics.memory_streams["t"] == 1


def test_colliding_fingerprints_are_mapped_apart(monkeypatch: pytest.MonkeyPatch) -> None:
    # mapper.go MapFP gives a colliding stream another fingerprint.
    monkeypatch.setattr(memory_module, "labels_fingerprint", lambda pairs: 42)
    streams = MemoryStreams(RULES, StoreMetrics())
    first, _ = streams.get_or_create("t", '{a="1"}')
    second, _ = streams.get_or_create("t", '{a="2"}')
    assert (first.fingerprint, second.fingerprint) == (42, 43)


def test_sweep_flushes_due_chunks_and_forgets_empty_streams() -> None:
    metrics = StoreMetrics()
    streams = MemoryStreams(RULES, metrics)
    busy, _ = streams.get_or_create("t", '{a="busy"}')
    quiet, _ = streams.get_or_create("t", '{a="quiet"}')
    streams.push(quiet, [(1, b"x", ())], 0)
    streams.push(busy, [(ts, b"y" * 500, ()) for ts in range(12)], 0)  # one chunk full
    assert metrics.memory_chunks == 3 and metrics.chunks_created == 3
    flush = Recorder()
    streams.sweep(10 * MINUTE, immediate=False, retain_ns=0, flush=flush)
    assert flush.flushed == [('{a="busy"}', "full")]
    assert metrics.memory_chunks == 2
    streams.sweep(31 * MINUTE, immediate=False, retain_ns=0, flush=flush)
    assert flush.flushed[1:] == [('{a="busy"}', "idle"), ('{a="quiet"}', "idle")]
    assert list(streams.all_streams()) == [] and metrics.memory_streams["t"] == 0


def test_immediate_sweep_forces_every_chunk() -> None:
    # flush.go collectChunksToFlush: immediate flushes get reason "forced".
    streams = MemoryStreams(RULES, StoreMetrics())
    stream, _ = streams.get_or_create("t", '{a="1"}')
    streams.push(stream, [(1, b"x", ())], 0)
    flush = Recorder()
    streams.sweep(0, immediate=True, retain_ns=0, flush=flush)
    assert flush.flushed == [('{a="1"}', "forced")]


def test_retain_period_keeps_flushed_chunks_in_memory() -> None:
    # flush.go removeFlushedChunks: kept until chunk_retain_period has passed.
    streams = MemoryStreams(RULES, StoreMetrics())
    stream, _ = streams.get_or_create("t", '{a="1"}')
    streams.push(stream, [(1, b"x", ())], 0)
    flush = Recorder()
    streams.sweep(0, immediate=True, retain_ns=MINUTE, flush=flush)
    assert len(stream.chunks) == 1
    streams.sweep(MINUTE - 1, immediate=False, retain_ns=MINUTE, flush=flush)
    assert len(stream.chunks) == 1
    streams.sweep(MINUTE, immediate=False, retain_ns=MINUTE, flush=flush)
    assert streams.get("t", '{a="1"}') is None
    assert len(flush.flushed) == 1  # a flushed chunk is not flushed again
