"""chunk_columns (sim/loki/store/colread.py) reads what MemChunk.lazy_runs reads, run for run
(blocks within the range whole, others cut to it, then the head block: memchunk.go Iterator,
v3.6.0), and in_order says when those runs need no merge."""

from __future__ import annotations

import itertools
import random

import pytest

from sim.loki.store.blockcols import Columns
from sim.loki.store.chunk import MemChunk
from sim.loki.store.codec import parse_codec
from sim.loki.store.colcache import ColumnCache
from sim.loki.store.colread import chunk_columns, in_order
from sim.loki.store.head import Metadata

NOW = 1_750_000_000_000_000_000
INFO = (("detected_level", "info"),)


def _flat(columns: Columns) -> list[tuple[int, int, Metadata]]:
    return [
        (ts, length, columns.metas[index])
        for ts, length, index in zip(columns.stamps, columns.lengths, columns.ids, strict=True)
    ]


def _chunk(seed: int, ordered: bool) -> MemChunk:
    rng = random.Random(seed)
    chunk = MemChunk(parse_codec("gzip"), block_size=400, target_size=0)
    ts = NOW
    for _ in range(120):
        ts += rng.randint(1, 1000)
        at = ts if ordered else NOW + rng.randint(0, 60_000)
        chunk.append(at, b"l" * rng.randint(0, 40), rng.choice([(), INFO]))
    return chunk


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("ordered", [True, False])
@pytest.mark.parametrize(
    ("low", "high"),
    [(0, 2**62), (NOW + 5_000, NOW + 40_000), (NOW + 20_000, NOW + 20_001), (0, NOW)],
)
def test_runs_as_lazy_runs_reads_them(seed: int, ordered: bool, low: int, high: int) -> None:
    chunk = _chunk(seed, ordered)
    assert len(chunk.blocks) > 2 and len(chunk.head)  # cut blocks and a head block
    cache = ColumnCache()
    expected = [
        [(ts, len(line), metadata) for ts, line, metadata in run.load()]
        for run in chunk.lazy_runs(low, high)
    ]
    for _ in range(2):  # read, then from the cache
        assert [_flat(run) for run in chunk_columns(chunk, low, high, cache)] == expected
    assert len(cache) == sum(1 for b in chunk.blocks if not (high < b.mint or b.maxt < low))


def _run(*stamps: int) -> Columns:
    rising = all(a < b for a, b in itertools.pairwise(stamps))
    return Columns(list(stamps), [0] * len(stamps), bytes(len(stamps)), ((),), rising)


@pytest.mark.parametrize(
    ("runs", "ordered"),
    [
        ([_run(1, 2), _run(3, 4)], True),
        ([_run(1, 2), _run(), _run(3)], True),  # empty runs take no part
        ([_run(1, 2), _run(2, 4)], False),  # a timestamp repeats across runs: dedupe may drop
        ([_run(3, 4), _run(1, 2)], False),  # runs overlap: merge_runs interleaves
        ([_run(1, 1)], False),  # a timestamp repeats within a run
        ([], True),
    ],
)
def test_in_order(runs: list[Columns], ordered: bool) -> None:
    assert in_order(runs) is ordered
