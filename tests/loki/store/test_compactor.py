"""Retention passes over a store's index and chunk files (compactor at v3.6.0)."""

from __future__ import annotations

from pathlib import Path

from sim.loki.store.chunkfile import path_of_id
from sim.loki.store.compactor import Compactor, RetentionResult
from sim.loki.store.index import ChunkIndex, IndexedChunk
from sim.loki.store.metrics import StoreMetrics
from sim.loki.store.reader import ChunkCache
from sim.loki.store.retention import RetentionPolicy

HOUR_NS = 3600 * 10**9
NOW_NS = 1_750_000_000 * 10**9
KEY = "t/1/a:b:c"


def compactor(tmp_path: Path, enabled: bool) -> tuple[Compactor, Path]:
    chunks_dir = tmp_path / "chunks"
    index = ChunkIndex(tmp_path / "index")
    path = chunks_dir / path_of_id(KEY)  # chunk keys are found by their FSEncoder path
    path.parent.mkdir(parents=True)
    path.write_bytes(b"chunk")
    old_ms = (NOW_NS - 48 * HOUR_NS) // 1_000_000
    index.add(IndexedChunk(KEY, "t", 1, '{a="1"}', old_ms, old_ms + 1, 0, 1, 1, 5, str(path)))
    c = Compactor(
        enabled,
        (RetentionPolicy(24 * HOUR_NS), {}),
        2 * HOUR_NS,
        (index, ChunkCache(chunks_dir, 1, 1), chunks_dir),
        lambda labels: {"a": "1"},
        StoreMetrics(),
    )
    return c, chunks_dir


def test_disabled_retention_marks_nothing(tmp_path: Path) -> None:
    # compactor.go: without retention_enabled the NeverExpiringExpirationChecker is used.
    c, _ = compactor(tmp_path, enabled=False)
    assert c.apply(NOW_NS) == RetentionResult(0, 0, 0)
    assert KEY in c.index.by_id


def test_marked_chunk_is_deleted_after_the_delay(tmp_path: Path) -> None:
    c, chunks_dir = compactor(tmp_path, enabled=True)
    assert c.apply(NOW_NS) == RetentionResult(1, 0, 0)
    assert c.index.by_id == {} and (chunks_dir / path_of_id(KEY)).exists()
    assert c.apply(NOW_NS + 2 * HOUR_NS + 1) == RetentionResult(0, 0, 1)
    assert not (chunks_dir / path_of_id(KEY)).exists()
    assert (c.metrics.retention_marks, c.metrics.retention_deleted) == (1, 1)


def test_deleting_a_missing_chunk_is_not_an_error(tmp_path: Path) -> None:
    # retention.go deleteChunk: a chunk already gone counts as done (IsChunkNotFoundErr).
    c, _ = compactor(tmp_path, enabled=True)
    c.marks.put([KEY, KEY], NOW_NS)
    assert c.sweep(NOW_NS + 3 * HOUR_NS) == 1
