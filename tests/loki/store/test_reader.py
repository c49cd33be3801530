"""The read path's sources and the flushed-chunk cache."""

from __future__ import annotations

from pathlib import Path

import pytest

from sim.loki.store import reader as reader_module
from sim.loki.store.codec import parse_codec
from sim.loki.store.flush import Flusher
from sim.loki.store.index import ChunkIndex
from sim.loki.store.memory import MemoryStreams
from sim.loki.store.metrics import StoreMetrics
from sim.loki.store.reader import ChunkCache, Reader
from sim.loki.store.stream import ChunkRules

RULES = ChunkRules(parse_codec("snappy"), 256 * 1024, 1572864, 1, 1, 1, 0.1)
S = 10**9


@pytest.fixture
def setup(tmp_path: Path) -> tuple[Reader, MemoryStreams]:
    metrics = StoreMetrics()
    memory = MemoryStreams(RULES, metrics)
    index = ChunkIndex(tmp_path / "index")
    flusher = Flusher(tmp_path / "chunks", index, metrics)
    flushed, _ = memory.get_or_create("t", '{app="old"}')
    memory.push(flushed, [(10 * S, b"old", ())], 0)
    memory.sweep(0, immediate=True, retain_ns=0, flush=flusher)
    live, _ = memory.get_or_create("t", '{app="live"}')
    memory.push(live, [(100 * S, b"live", ())], 0)
    return Reader(
        memory, index, ChunkCache(tmp_path / "chunks", RULES.block_size, RULES.target_size)
    ), memory


def test_sources_join_memory_and_store(setup) -> None:
    reader, _ = setup
    found = reader.sources("t", None, 0, 200 * S, ingesters=True)
    assert sorted(found) == ['{app="live"}', '{app="old"}']
    assert found['{app="old"}'].stored and found['{app="old"}'].memory is None
    assert found['{app="live"}'].memory is not None and not found['{app="live"}'].stored
    assert [e[1] for run in reader.runs(found['{app="old"}'], 0, 200 * S) for e in run] == [b"old"]


def test_series_need_overlap_but_label_queries_take_more(setup) -> None:
    # instance.go: series use shouldConsiderStream; label names take every stream in memory;
    # single_file_index.go LabelNames reads whole daily tables, not chunk time ranges.
    reader, _ = setup
    assert list(reader.sources("t", None, 0, 5 * S, ingesters=True)) == []
    assert sorted(reader.sources("t", None, 0, 5 * S, ingesters=True, labels_only=True)) == [
        '{app="live"}',
        '{app="old"}',
    ]
    assert list(reader.sources("t", None, 0, 200 * S, ingesters=False)) == ['{app="old"}']
    assert list(reader.sources("t", None, 86400 * S, 86401 * S, False, labels_only=True)) == []


def test_matchers_filter_streams(setup) -> None:
    reader, _ = setup
    assert list(reader.sources("t", lambda p: p["app"] == "live", 0, 200 * S, True)) == [
        '{app="live"}'
    ]


def test_cache_evicts_least_recently_used(setup, monkeypatch: pytest.MonkeyPatch) -> None:
    reader, _ = setup
    monkeypatch.setattr(reader_module, "_CACHE_BYTES", 1)
    [chunk] = reader.index.by_id.values()
    first = reader.cache.get(chunk)
    assert reader.cache.get(chunk) is first  # a single entry is kept even over the limit
    reader.cache.forget(chunk.id)
    assert reader.cache.bytes == 0 and reader.cache.get(chunk) is not first
