"""Index stats halves (instance.go getStats, tsdb single_file_index.go Stats, v3.6.0)."""

from __future__ import annotations

from sim.loki.store.codec import parse_codec
from sim.loki.store.index import DAY_MS, IndexedChunk, IndexedStream
from sim.loki.store.stats import IndexStats, ingester_stats, store_stats
from sim.loki.store.stream import ChunkRules, MemStream

RULES = ChunkRules(parse_codec("none"), 256 * 1024, 1572864, 1, 1, 1, 0.1)
MS = 1_000_000


def memory_stream(points: list[int], flushed: bool = False) -> MemStream:
    stream = MemStream("t", '{a="1"}', {"a": "1"}, 1)
    stream.push([(ms * MS, b"x" * 100, ()) for ms in points], RULES, 0)
    if flushed:
        stream.chunks[0].flushed = 1
    return stream


def test_ingester_stats_scale_by_overlap() -> None:
    # getStats: factor = share of the chunk's span the range covers; entries/bytes truncated.
    stream = memory_stream(list(range(0, 1000, 100)))  # 10 entries over [0, 900] ms
    assert ingester_stats([stream], 0, 1000) == IndexStats(1, 1, 10, 1000)
    assert ingester_stats([stream], 0, 450) == IndexStats(1, 1, 5, 500)
    assert ingester_stats([stream], 2000, 3000) == IndexStats(0, 0, 0, 0)


def test_ingester_stats_skip_flushed_chunks() -> None:
    # "Flushed chunks will already be counted by the TSDB manager+shipper".
    assert ingester_stats([memory_stream([1, 2], flushed=True)], 0, 10) == IndexStats(0, 0, 0, 0)


def stored(chunk_id: str, from_ms: int, through_ms: int, kb: int, entries: int) -> IndexedChunk:
    tables = set(range(from_ms // DAY_MS, through_ms // DAY_MS + 1))
    return IndexedChunk(
        chunk_id, "t", 7, '{a="1"}', from_ms, through_ms, 0, kb, entries, 0, "", tables
    )


def test_store_stats_count_a_chunk_once_per_table_touched() -> None:
    # Blooms dedupe streams, not chunks: a chunk in two daily tables counts in each.
    spanning = stored("c", DAY_MS - 1000, DAY_MS + 1000, 10, 100)
    stream = IndexedStream('{a="1"}', {"c": spanning})
    assert store_stats([stream], DAY_MS - 1000, DAY_MS + 1000) == IndexStats(1, 2, 200, 20 << 10)
    assert store_stats([stream], 0, DAY_MS - 1) == IndexStats(1, 1, 49, 4 << 10)  # factor .4995


def test_store_stats_ignore_series_scaled_to_no_entries() -> None:
    # tsdb Stats: a series adds to the totals only if its scaled entries are above 0.
    chunk = stored("c", 0, 10_000, 4, 5)
    stream = IndexedStream('{a="1"}', {"c": chunk})
    assert store_stats([stream], 9_990, 10_001) == IndexStats(0, 0, 0, 0)
    assert store_stats([stream], 8_000, 10_001) == IndexStats(1, 1, 1, 0)
