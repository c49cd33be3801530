"""The index of flushed chunks by daily table (tsdb manager.go, index.go at v3.6.0)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sim.loki.store.index import DAY_MS, ChunkIndex, IndexedChunk, table_of


def chunk(chunk_id: str, from_ms: int, through_ms: int, labels: str = '{a="1"}') -> IndexedChunk:
    return IndexedChunk(chunk_id, "t", 1, labels, from_ms, through_ms, 0, 2, 10, 100, chunk_id)


def test_chunk_is_indexed_in_every_table_it_touches(tmp_path: Path) -> None:
    # manager.go IndexBuckets: tables from from/period to through/period inclusive.
    index = ChunkIndex(tmp_path)
    spanning = chunk("c", DAY_MS - 1, 2 * DAY_MS)
    assert index.add(spanning)
    assert spanning.tables == {0, 1, 2}
    assert not index.add(chunk("c", 0, 1))  # same key: indexed once
    assert index.tables() == [0, 1, 2]


@pytest.mark.parametrize(
    ("from_ms", "through_ms", "visible"),
    [
        # index.go overlap: from <= chunk.through && through > chunk.from
        (0, 100, False),
        (0, 101, True),
        (200, 300, True),
        (201, 300, False),
    ],
)
def test_visibility_uses_tsdb_overlap(
    tmp_path: Path, from_ms: int, through_ms: int, visible: bool
) -> None:
    index = ChunkIndex(tmp_path)
    index.add(chunk("c", 100, 200))
    stream = index.stream("t", '{a="1"}')
    assert stream is not None
    assert bool(index.visible(stream, from_ms, through_ms)) is visible


def test_dropping_from_one_table_keeps_the_others(tmp_path: Path) -> None:
    index = ChunkIndex(tmp_path)
    index.add(chunk("c", DAY_MS - 10, DAY_MS + 10))
    assert index.drop("c", 0)
    stream = index.stream("t", '{a="1"}')
    assert stream is not None
    assert index.visible(stream, 0, DAY_MS - 5) == []  # only table 0 read
    assert index.visible(stream, DAY_MS - 5, DAY_MS + 5)  # table 1 still has it
    assert index.drop("c", 1)
    assert index.stream("t", '{a="1"}') is None
    assert not index.drop("c", 1)


def test_index_survives_reopen_and_torn_tail(tmp_path: Path) -> None:
    index = ChunkIndex(tmp_path)
    index.add(chunk("keep", 0, 10))
    index.add(chunk("dropped", 0, 10, '{a="2"}'))
    index.drop("dropped", 0)
    index.close()
    with (tmp_path / "chunks.log").open("ab") as handle:
        handle.write(b'{"op":"add","id":"to')  # a write cut short by a crash
    reopened = ChunkIndex(tmp_path)
    assert sorted(reopened.by_id) == ["keep"]
    reopened.compact()
    assert sorted(ChunkIndex(tmp_path).by_id) == ["keep"]


def test_table_of_is_the_day_number() -> None:
    assert [table_of(0), table_of(DAY_MS - 1), table_of(DAY_MS)] == [0, 0, 1]
