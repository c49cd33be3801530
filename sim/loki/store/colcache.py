"""Columns of cut blocks kept for the next metric query (blockcols.py), bounded by bytes.

A cut block never changes, so its columns stay right for as long as the block lives. They are
kept per block object, least recently used evicted first, and dropped the moment the block
is freed (weak references): a chunk flushed and let go, evicted from the chunk cache,
rebuilt by a reorder, or deleted by retention takes its columns with it, and a new block
never meets a dead block's columns.
"""

from __future__ import annotations

import weakref
from collections import OrderedDict
from functools import partial

from sim.loki.store.blockcols import Columns
from sim.loki.store.chunk import Block

DEFAULT_BYTES = 64 * 1024 * 1024


class ColumnCache:
    def __init__(self, max_bytes: int = DEFAULT_BYTES) -> None:
        self.max_bytes = max_bytes
        self.bytes = 0
        # by id(block): the id is not reused while the weak reference's callback is pending
        self._entries: OrderedDict[int, tuple[weakref.ref[Block], Columns, int]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, block: Block) -> Columns | None:
        key = id(block)
        hit = self._entries.get(key)
        if hit is None or hit[0]() is not block:
            return None
        self._entries.move_to_end(key)
        return hit[1]

    def put(self, block: Block, columns: Columns) -> None:
        size = columns.nbytes()
        if size > self.max_bytes:
            return
        key = id(block)
        self._drop(key)
        self._entries[key] = (weakref.ref(block, partial(self._freed, key)), columns, size)
        self.bytes += size
        while self.bytes > self.max_bytes:
            self._drop(next(iter(self._entries)))

    def clear(self) -> None:
        self._entries.clear()
        self.bytes = 0

    def _drop(self, key: int) -> None:
        dropped = self._entries.pop(key, None)
        if dropped is not None:
            self.bytes -= dropped[2]

    def _freed(self, key: int, ref: weakref.ref[Block]) -> None:
        entry = self._entries.get(key)
        if entry is not None and entry[0] is ref:
            self._drop(key)


# the process's cache: stores share it (its keys are block objects, never equal across stores)
SHARED = ColumnCache()
