"""Appending a run of entries at once: what MemStream.push does entry by entry, in bulk.

A push is mostly entries in strictly increasing time that go to the end of the head block.
For such a run nothing can differ from one entry to the next: no entry is a duplicate (of
the stream's last entry or of one in the head block), none makes the chunk cut (it fits, and
no synchronisation point lies in the run), and the head's mint, maxt and order are fixed by
the run's ends. `run_end` finds the longest run from an index for which that is provable
from column sums; `MemStream.push` appends it with list operations and takes every other
entry through its per-entry path, so the chunks come out the same either way.
"""

from __future__ import annotations

import itertools
import operator
from bisect import bisect_left
from collections.abc import Sequence
from itertools import repeat

from sim.loki.store.chunk import BLOCKS_PER_CHUNK, MemChunk
from sim.loki.store.head import Entry, Metadata, metadata_len
from sim.loki.store.varint import byte_len

_TS, _LINE, _METADATA = map(operator.itemgetter, (0, 1, 2))


class Batch:
    """The entries of one push as columns, with running sizes. `entries` (the tuples) are
    built only if asked for: the bulk path works on the columns alone."""

    __slots__ = (
        "_entries", "cum", "distinct", "has_meta", "line_lengths", "lines", "max_extra", "metas",
        "ordered_from", "stamps",
    )  # fmt: skip

    def __init__(
        self,
        stamps: list[int],
        lines: list[bytes],
        metas: list[Metadata],
        entries: list[Entry] | None = None,
    ) -> None:
        self._entries = entries
        self.stamps, self.lines, self.metas = stamps, lines, metas
        self.line_lengths = sizes = list(map(len, lines))
        self.distinct = distinct = distinct_metas(metas)
        self.has_meta = any(distinct)
        # what an entry adds to the head's size; max_extra bounds SpaceFor's excess over it
        self.max_extra = 0
        if self.has_meta:
            extra = max(metadata_len(meta) - 8 * len(meta) for meta in distinct)
            self.max_extra = max(0, extra)
            pairs = {len(meta) for meta in distinct}
            if len(pairs) == 1:  # usually: the one detected_level pair
                sizes = list(map(operator.add, sizes, repeat(8 * pairs.pop())))
            else:
                counts = map(len, metas)
                sizes = list(map(operator.add, sizes, map(operator.mul, counts, repeat(8))))
        # running sizes: cum[k] is what entries[0..k] add; a zero (an empty line without
        # metadata) leaves the head "empty" and moves its mint: such entries go one by one
        self.cum = list(itertools.accumulate(sizes))
        self.ordered_from = len(stamps) if 0 in sizes else _increasing_suffix(stamps)

    @classmethod
    def of(cls, entries: list[Entry]) -> Batch:
        stamps, lines = list(map(_TS, entries)), list(map(_LINE, entries))
        return cls(stamps, lines, list(map(_METADATA, entries)), entries)

    @property
    def entries(self) -> list[Entry]:
        if self._entries is None:
            self._entries = list(zip(self.stamps, self.lines, self.metas, strict=True))
        return self._entries

    def distinct_in(self, start: int, end: int) -> list[Metadata]:
        """distinct_metas(metas[start:end])."""
        if len(self.distinct) == 1 and end > start:
            return self.distinct
        return distinct_metas(self.metas[start:end])


def distinct_metas(metas: list[Metadata]) -> list[Metadata]:
    """The distinct metadata in first-seen order (a few: the push path shares one tuple
    per level, and a tuple of a few short strings hashes quickly)."""
    return list(dict.fromkeys(metas))


def _increasing_suffix(stamps: Sequence[int]) -> int:
    """The first index from which timestamps strictly increase to the end."""
    breaks = list(map(operator.le, itertools.islice(stamps, 1, None), stamps))
    if True not in breaks:
        return 0
    return len(breaks) - breaks[::-1].index(True)


def new_symbols_size(chunk: MemChunk, distinct: list[Metadata]) -> int:
    """Bytes the symbolizer would grow by if these (distinct) metadata were added."""
    index = chunk.symbolizer.index
    texts = {text for meta in distinct for pair in meta for text in pair}
    return sum(byte_len(text) for text in texts if text not in index)


def run_end(batch: Batch, start: int, chunk: MemChunk, until: int | None) -> int:
    """The end of the longest run from `start` that appends without a cut; `start` if none.

    The caller has checked the run's first entry: after the head block's maxt, not the
    stream's last entry, and (with `until`) not before the stream's highest timestamp.
    `until` is the next synchronisation point, None when no synchronisation check applies.
    """
    stamps, cum, count = batch.stamps, batch.cum, len(batch.stamps)
    end = count if until is None else bisect_left(stamps, until, start, count)
    head = chunk.head
    base = cum[start - 1] if start else 0
    # the entry that fills the block is appended, then the block is cut
    full = bisect_left(cum, chunk.block_size - head.size + base, start, end)
    end = min(end, full + 1)
    target = chunk.target_size
    if target <= 0:
        return end if len(chunk.blocks) < BLOCKS_PER_CHUNK else start
    for settled in (False, True):
        if settled:
            chunk.settle()  # only waits: the sizes it settles decide nothing differently
        symbols = chunk.symbolizer.size
        if batch.has_meta:
            symbols += new_symbols_size(chunk, batch.distinct_in(start, end))
        room = target - symbols - chunk.cut_block_size - chunk.pending_bound - head.size
        fits = bisect_left(cum, room + base - batch.max_extra, start, end)
        if fits == end or not chunk.pending:
            return fits
    return fits


def append_run(batch: Batch, start: int, end: int, chunk: MemChunk) -> None:
    """Append entries[start:end] to the head block, cutting it if it fills."""
    head = chunk.head
    stamps = batch.stamps[start:end]
    lines = batch.lines[start:end]
    metas = batch.metas[start:end]
    if batch.has_meta:
        add = chunk.symbolizer.add
        for meta in batch.distinct_in(start, end):  # in order: symbols numbered as first seen
            if meta:
                add(meta)
    # head.seen is left to catch up (HeadBlock.index): these are all after its entries
    if head.size == 0:
        head.mint = stamps[0]
    head.maxt = stamps[-1]
    head.ts += stamps
    head.lines += lines
    head.metas += metas
    head.size += batch.cum[end - 1] - (batch.cum[start - 1] if start else 0)
    if head.size >= chunk.block_size:
        chunk.cut()
