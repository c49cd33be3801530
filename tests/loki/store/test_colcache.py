"""ColumnCache (sim/loki/store/colcache.py): columns per block object, least recently used
evicted past the byte bound, dropped when their block is freed."""

from __future__ import annotations

import gc
from array import array

from sim.loki.store.blockcols import Columns
from sim.loki.store.chunk import Block
from sim.loki.store.colcache import ColumnCache


def _columns(count: int) -> Columns:
    return Columns(array("q", range(count)), array("I", [1] * count), bytes(count), ((),), True)


def _block(n: int) -> Block:
    return Block(b"data %d" % n, 1, n, n, 1)


def test_columns_are_found_by_their_block_only() -> None:
    cache = ColumnCache()
    block, twin = _block(1), _block(1)  # equal contents, another object
    columns = _columns(10)
    cache.put(block, columns)
    assert cache.get(block) is columns
    assert cache.get(twin) is None
    assert cache.bytes == columns.nbytes()


def test_the_least_recently_used_go_first_past_the_bound() -> None:
    size = _columns(100).nbytes()
    cache = ColumnCache(max_bytes=3 * size)
    blocks = [_block(n) for n in range(4)]
    for block in blocks[:3]:
        cache.put(block, _columns(100))
    assert cache.get(blocks[0]) is not None  # now the most recently used
    cache.put(blocks[3], _columns(100))
    assert [cache.get(b) is not None for b in blocks] == [True, False, True, True]
    assert cache.bytes == 3 * size <= cache.max_bytes


def test_columns_go_with_their_block() -> None:
    cache = ColumnCache()
    kept, dropped = _block(1), _block(2)
    cache.put(kept, _columns(10))
    cache.put(dropped, _columns(20))
    del dropped
    gc.collect()
    assert len(cache) == 1
    assert cache.bytes == _columns(10).nbytes()
    assert cache.get(kept) is not None


def test_columns_larger_than_the_bound_are_not_kept() -> None:
    cache = ColumnCache(max_bytes=100)
    block = _block(1)
    cache.put(block, _columns(1000))
    assert (len(cache), cache.bytes, cache.get(block)) == (0, 0, None)


def test_putting_again_replaces() -> None:
    cache = ColumnCache()
    block = _block(1)
    cache.put(block, _columns(10))
    newer = _columns(30)
    cache.put(block, newer)
    assert (len(cache), cache.bytes, cache.get(block)) == (1, newer.nbytes(), newer)
