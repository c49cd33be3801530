"""Bulk appends (sim/loki/store/bulk.py) store exactly what entry-by-entry pushes store.

A push of one entry never takes the bulk path, so pushing a batch entry by entry is the
reference: stream.go Push / storeEntries and memchunk.go / unordered.go at v3.6.0, as
MemStream implements them one entry at a time. Chunks are compared byte for byte.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sim.loki.store.bulk import Batch, run_end
from sim.loki.store.codec import parse_codec
from sim.loki.store.layout import to_bytes
from sim.loki.store.stream import ChunkRules, MemStream

S = 10**9
LEVEL = (("detected_level", "info"),)
WIDE = (("trace_id", "x" * 400), ("detected_level", "warn"))  # SpaceFor counts 400+ bytes, size 16


def _rules(block: int, target: int, sync: int, utilization: float) -> ChunkRules:
    return ChunkRules(
        codec=parse_codec("gzip"),
        block_size=block,
        target_size=target,
        idle_ns=30 * 60 * S,
        max_age_ns=2 * 3600 * S,
        sync_period_ns=sync,
        sync_min_utilization=utilization,
    )


def _state(stream: MemStream) -> list[object]:
    """Everything a push decides: chunk bytes, blocks, head, flags, stream counters."""
    state: list[object] = [
        stream.last_ts, stream.last_line, stream.highest_ts, stream.entry_count,
        stream.chunks_created,
    ]  # fmt: skip
    for desc in stream.chunks:
        chunk = desc.chunk
        head = chunk.head
        state += [
            to_bytes(chunk),
            [(b.entries, b.mint, b.maxt, b.uncompressed) for b in chunk.blocks],
        ]
        state += [head.ts, head.lines, head.metas, head.size, head.mint, head.maxt, head.ordered]
        state += [chunk.symbolizer.labels, desc.closed, desc.synced, desc.last_updated]
    return state


def _pushed(
    batches: list[list[tuple[int, bytes, tuple[tuple[str, str], ...]]]],
    rules: ChunkRules,
    whole: bool,
) -> tuple[list[object], list[object]]:
    stream = MemStream("fake", '{a="b"}', {"a": "b"}, 0x9E3779B97F4A7C15)
    stored: list[object] = []
    for number, batch in enumerate(batches):
        if whole or not batch:  # an empty push still opens the first chunk
            stored += stream.push(batch, rules, number * S)
        else:
            for entry in batch:
                stored += stream.push([entry], rules, number * S)
    return _state(stream), stored


_entry = st.tuples(
    st.integers(0, 3 * S),  # step from the previous timestamp
    st.sampled_from([b"", b"x", b"level=info a line", b"y" * 300, b"z" * 2000]),
    st.sampled_from([(), (), LEVEL, WIDE]),
    st.booleans(),  # step backwards instead
)


@given(
    batches=st.lists(st.lists(_entry, max_size=80), max_size=6),
    block=st.sampled_from([64, 512, 4096]),
    target=st.sampled_from([0, 1500, 12000]),
    sync=st.sampled_from([0, 2 * S, 3600 * S]),
    utilization=st.sampled_from([0.0, 0.1]),
)
@settings(max_examples=120, deadline=None)
def test_a_batch_stores_what_its_entries_pushed_one_by_one_store(
    batches: list[list[tuple[int, bytes, tuple[tuple[str, str], ...], bool]]],
    block: int,
    target: int,
    sync: int,
    utilization: float,
) -> None:
    rules = _rules(block, target, sync, utilization)
    ts, pushes = 1_750_000_000 * S, []
    for batch in batches:
        entries = []
        for step, line, meta, back in batch:
            ts += -step // 4 if back else step
            entries.append((ts, line, meta))
        pushes.append(entries)
    assert _pushed(pushes, rules, True) == _pushed(pushes, rules, False)


@pytest.mark.parametrize(
    ("stamps", "ordered_from"),
    [
        ([1, 2, 3], 0),  # all in order: the whole batch may go in bulk
        ([3, 1, 2], 1),  # from the first entry after the last step back
        ([1, 2, 2, 3], 2),  # an equal timestamp is a step back (it may be a duplicate)
        ([2, 1], 1),
    ],
)
def test_in_order_suffix(stamps: list[int], ordered_from: int) -> None:
    batch = Batch(stamps, [b"x"] * len(stamps), [()] * len(stamps))
    assert batch.ordered_from == ordered_from


def test_an_empty_line_is_never_appended_in_bulk() -> None:
    # unordered.go: a head whose size is 0 is empty and moves its mint; one by one it goes
    batch = Batch([1, 2, 3], [b"a", b"", b"c"], [(), (), ()])
    assert batch.ordered_from == 3


def test_run_stops_where_the_block_fills() -> None:
    # memchunk.go Append: the entry that brings the head to block_size is appended, then the
    # block is cut; the run ends with it
    rules = _rules(block=10, target=0, sync=0, utilization=0.0)
    chunk = rules.new_chunk()
    batch = Batch([1, 2, 3, 4], [b"aaaa", b"bbbb", b"cccc", b"dddd"], [()] * 4)
    assert run_end(batch, 0, chunk, None) == 3


@pytest.mark.parametrize(
    ("target", "end"),
    [
        # memchunk.go SpaceFor counts the metadata's names and values (426 bytes here) where
        # the head counts 16: symbols 426 + head 500 + line 100 + 426 = 1452
        (1500, 2),  # fits: the run takes both entries
        (1400, 1),  # does not: the second entry is left to the per-entry path (a cut)
    ],
)
def test_run_counts_metadata_as_space_for_does(target: int, end: int) -> None:
    wide = (("trace_id", "x" * 400), ("detected_level", "warn"))
    chunk = _rules(block=10_000, target=target, sync=0, utilization=0.0).new_chunk()
    chunk.symbolizer.add(wide)  # already known: the symbolizer does not grow
    batch = Batch([1, 2], [b"a" * 500, b"b" * 100], [(), wide])
    assert run_end(batch, 0, chunk, None) == end
