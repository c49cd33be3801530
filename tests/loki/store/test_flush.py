"""Flushing chunks to the object store and the index (flush.go, tsdb store.go)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sim.loki.store.chunkfile import chunk_data
from sim.loki.store.codec import parse_codec
from sim.loki.store.flush import Flusher
from sim.loki.store.index import ChunkIndex
from sim.loki.store.layout import to_bytes
from sim.loki.store.metrics import StoreMetrics
from sim.loki.store.stream import ChunkRules, MemStream

RULES = ChunkRules(parse_codec("gzip"), 256 * 1024, 1572864, 1, 1, 1, 0.1)
S = 10**9


@pytest.mark.parametrize(
    ("line_bytes", "kb"),
    [
        # store.go IndexChunk: math.Round(uncompressed / 1KiB); halves round up
        (511, 0),
        (512, 1),
        (1535, 1),
        (1536, 2),
    ],
)
def test_flush_writes_file_index_and_metrics(tmp_path: Path, line_bytes: int, kb: int) -> None:
    index, metrics = ChunkIndex(tmp_path / "index"), StoreMetrics()
    flusher = Flusher(tmp_path / "chunks", index, metrics)
    stream = MemStream("t", '{app="api"}', {"app": "api"}, 0xBEEF)
    stream.push([(5 * S + 1, b"x" * line_bytes, ())], RULES, 0)
    desc = stream.chunks[0]
    flusher(stream, desc, "idle", 9 * S)
    assert desc.flushed == 9 * S
    [chunk] = index.by_id.values()
    # util.RoundToMilliseconds: 5000.000001 ms -> from 5000, through 5001
    assert (chunk.from_ms, chunk.through_ms, chunk.kb, chunk.entries) == (5000, 5001, kb, 1)
    assert chunk.id.startswith("t/beef/1388:1389:")
    encoded = (tmp_path / "chunks" / chunk.path).read_bytes()
    assert len(encoded) == chunk.size == metrics.chunk_stored_bytes["t"]
    assert chunk_data(encoded) == to_bytes(desc.chunk)
    assert metrics.chunks_flushed == {"idle": 1} and metrics.chunks_stored["t"] == 1
    [observed] = metrics.observations
    assert observed.age_seconds == pytest.approx(4.0, abs=1e-6)
    assert observed.compression_ratio == desc.chunk.uncompressed_size() / len(encoded)
