"""The unordered head block with structured metadata (pkg/chunkenc/unordered.go, v3.6.0)."""

from __future__ import annotations

import pytest

from sim.loki.store.head import HeadBlock, Symbolizer, decode_block

AB = (("a", "b"),)

# unordered_test.go Test_Unordered_InsertRetrieval: (input, expected forward, has duplicate).
INSERT_RETRIEVAL = [
    (
        "simple",
        [(0, b"a", ()), (1, b"b", ()), (2, b"c", AB)],
        [(0, b"a", ()), (1, b"b", ()), (2, b"c", AB)],
        False,
    ),
    (
        "unordered",
        [(1, b"b", ()), (0, b"a", ()), (2, b"c", AB)],
        [(0, b"a", ()), (1, b"b", ()), (2, b"c", AB)],
        False,
    ),
    (
        "ts collision",
        [(0, b"a", AB), (0, b"b", AB), (1, b"c", ())],
        [(0, b"a", AB), (0, b"b", AB), (1, b"c", ())],
        False,
    ),
    (
        "ts remove exact dupe",
        [(0, b"a", ()), (0, b"b", ()), (1, b"c", ()), (0, b"b", AB)],
        [(0, b"a", ()), (0, b"b", ()), (1, b"c", ())],
        True,
    ),
]


@pytest.mark.parametrize(("desc", "entries", "expected", "has_dup"), INSERT_RETRIEVAL)
def test_insert_retrieval(desc: str, entries: list, expected: list, has_dup: bool) -> None:
    head, symbols = HeadBlock(), Symbolizer()
    duplicates = [head.append(ts, line, meta, symbols) for ts, line, meta in entries]
    assert any(duplicates) is has_dup
    assert head.entries(0, 2**63) == expected
    # a block cut from the head reads back the same, in the same order
    assert list(decode_block(head.serialise(symbols), symbols)) == expected


def test_size_counts_eight_bytes_per_metadata_pair() -> None:
    # unordered.go Append: hb.size += len(line) + structuredMetadata.Len()*2*4.
    head, symbols = HeadBlock(), Symbolizer()
    head.append(1, b"hello", (("trace_id", "abc"), ("user", "abc")), symbols)
    assert head.size == 5 + 2 * 8
    # symbols.go add: each distinct string once, by its byte length
    assert symbols.size == len("trace_id") + len("abc") + len("user")


def test_a_head_holding_only_empty_lines_is_empty() -> None:
    # unordered.go: IsEmpty is size == 0, and forEntries returns nothing for an empty head.
    head, symbols = HeadBlock(), Symbolizer()
    head.append(5, b"", (), symbols)
    assert head.is_empty()
    assert head.entries(0, 10) == []
    head.append(6, b"x", (), symbols)
    assert head.entries(0, 10) == [(5, b"", ()), (6, b"x", ())]


def test_bounds_start_at_zero_and_follow_size() -> None:
    # unordered.go Append: mint is reset while size is 0, maxt only grows from 0.
    head, symbols = HeadBlock(), Symbolizer()
    head.append(50, b"a", (), symbols)
    head.append(20, b"b", (), symbols)
    assert (head.mint, head.maxt) == (20, 50)


@pytest.mark.parametrize(
    ("mint", "maxt", "expected"),
    [
        # memchunk_test.go TestMemChunk_IteratorBounds: [mint, maxt) over entries at 1 and 2.
        (0, 1, []),
        (1, 2, [1]),
        (1, 3, [1, 2]),
        (2, 3, [2]),
    ],
)
def test_read_range_is_half_open(mint: int, maxt: int, expected: list[int]) -> None:
    head, symbols = HeadBlock(), Symbolizer()
    head.append(1, b"1", (), symbols)
    head.append(2, b"2", (), symbols)
    assert [ts for ts, _, _ in head.entries(mint, maxt)] == expected


def test_checkpoint_round_trip_recomputes_state() -> None:
    head, symbols = HeadBlock(), Symbolizer()
    for ts, line, meta in [(3, b"c", ()), (1, b"a", AB), (2, b"b", ())]:
        head.append(ts, line, meta, symbols)
    restored = HeadBlock()
    restored.load_checkpoint(head.checkpoint_bytes(symbols, 6), symbols)
    assert restored.entries(0, 10) == head.entries(0, 10)
    assert restored.size == head.size
    assert restored.append(1, b"a", (), symbols) is True  # duplicates still detected
