"""Shortcuts on the store's write path keep its bytes and answers: the head block's duplicate
index caught up only when a duplicate check needs it (unordered.go Append at v3.6.0: an
entry equal in timestamp and line to one in the head block is not stored), rows joined by
slice assignment, and write-log pages written without joining their fragments first
(tsdb/wlog as vendored in grafana/loki v3.6.0)."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sim.loki.store.bulk import Batch, append_run
from sim.loki.store.chunk import MemChunk
from sim.loki.store.codec import parse_codec
from sim.loki.store.head import HeadBlock, Symbolizer
from sim.loki.store.varint import interleave
from sim.loki.store.wlog import (
    PAGE_SIZE,
    SegmentWriter,
    read_records,
    segment_indexes,
    segment_path,
)


def test_an_entry_appended_in_bulk_is_still_a_duplicate() -> None:
    # unordered.go Append: (ts, line) already in the head block is a duplicate
    chunk = MemChunk(parse_codec("none"), 1 << 20, 0)
    append_run(Batch([1, 2, 3], [b"a", b"b", b"c"], [(), (), ()]), 0, 3, chunk)
    head = chunk.head
    assert head.indexed == 0  # not indexed yet: nothing asked
    assert head.append(2, b"b", (), chunk.symbolizer) is True  # a duplicate all the same
    assert head.append(2, b"x", (), chunk.symbolizer) is False  # same time, other line
    assert head.ts == [1, 2, 3, 2] and head.indexed == 4
    assert head.index() == {1: b"a", 2: [b"b", b"x"], 3: b"c"}


def test_the_index_catches_up_with_several_runs() -> None:
    head = HeadBlock()
    head.append(5, b"e", (), Symbolizer())
    head.ts += [6, 7]
    head.lines += [b"f", b"g"]
    assert head.index() == {5: b"e", 6: b"f", 7: b"g"} and head.indexed == 3


@given(st.lists(st.lists(st.binary(max_size=3), min_size=4, max_size=4), max_size=30))
def test_interleave_joins_as_zip_does(rows: list[list[bytes]]) -> None:
    columns = [list(column) for column in zip(*rows, strict=True)] if rows else [[]] * 4
    joined = b"".join(itertools.chain.from_iterable(zip(*columns, strict=True)))
    assert b"".join(interleave(columns)) == joined


@given(st.lists(st.binary(max_size=40), max_size=300))
@settings(max_examples=40, deadline=None)
def test_pages_of_many_fragments_read_back(
    tmp_path_factory: pytest.TempPathFactory, records: list[bytes]
) -> None:
    # one log() of many small records puts many fragments in a page: joined, not writev'd
    directory = tmp_path_factory.mktemp("wal")
    writer = SegmentWriter(directory, 4 * PAGE_SIZE)
    writer.log(*records)
    writer.log(b"last")
    writer.close()
    paths = [segment_path(directory, i) for i in segment_indexes(directory)]
    assert list(read_records(paths)) == [*records, b"last"]
