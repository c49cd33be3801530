"""A stream's entries in [start, end) read as columns (blockcols.py), for metric queries.

The chunks, blocks, head entries and range rules are those of Reader.lazy_runs and
MemChunk.lazy_runs, and the runs come in the order merge_runs is given them. When every run
is strictly increasing and each starts after the one before ends, merging and dedupe
(merge.py) change nothing: the runs, end to end, are the stream's entries as Store.select
yields them (`in_order`).
"""

from __future__ import annotations

from collections.abc import Sequence

from sim.loki.store.blockcols import Columns, entry_columns, read_columns
from sim.loki.store.chunk import MemChunk
from sim.loki.store.colcache import ColumnCache


def chunk_columns(chunk: MemChunk, mint: int, maxt: int, cache: ColumnCache) -> list[Columns]:
    """MemChunk.lazy_runs(mint, maxt) as columns: a cut block's come from `cache` when
    there, and go to it when read."""
    chunk.settle()
    runs: list[Columns] = []
    for block in chunk.blocks:
        if maxt < block.mint or block.maxt < mint:
            continue
        columns = cache.get(block)
        if columns is None:
            columns = read_columns(chunk.codec.decompress(block.data), chunk.symbolizer)
            cache.put(block, columns)
        # as lazy_runs: a block within the range is taken whole, others are cut to it
        if not (mint <= block.mint and block.maxt < maxt):
            columns = columns.within(mint, maxt)
        runs.append(columns)
    head = chunk.head.entries(mint, maxt)
    if head:
        runs.append(entry_columns(head))
    return runs


def in_order(runs: Sequence[Columns]) -> bool:
    """Whether the runs' timestamps, end to end, are strictly increasing."""
    last: int | None = None
    for run in runs:
        if not len(run):
            continue
        if not run.increasing or (last is not None and run.stamps[0] <= last):
            return False
        last = run.stamps[-1]
    return True
