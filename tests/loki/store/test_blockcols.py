"""read_columns (sim/loki/store/blockcols.py) gives the columns of decode_entries
(sim/loki/store/blockread.py): the same timestamps, line lengths and metadata per entry,
read without a tuple per entry where the block allows, by decode_entries where it does not.

Blocks are written by HeadBlock.serialise (unordered.go Serialise, v3.6.0).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sim.loki.store import blockcols
from sim.loki.store.blockcols import Columns, entry_columns, read_columns
from sim.loki.store.blockread import decode_entries
from sim.loki.store.head import HeadBlock, Metadata, Symbolizer

NOW = 1_750_000_000_000_000_000
INFO = (("detected_level", "info"),)
WARN = (("detected_level", "warn"),)
Rows = Sequence[tuple[int, bytes, Metadata]]


def _block(entries: Rows) -> tuple[bytes, Symbolizer]:
    head, symbols = HeadBlock(), Symbolizer()
    for ts, line, metadata in entries:
        head.append(ts, line, metadata, symbols)
    return head.serialise(symbols), symbols


def _flat(columns: Columns) -> list[tuple[int, int, Metadata]]:
    return [
        (ts, length, columns.metas[index])
        for ts, length, index in zip(columns.stamps, columns.lengths, columns.ids, strict=True)
    ]


def _assert_as_decoded(raw: bytes, symbols: Symbolizer) -> Columns:
    columns = read_columns(raw, symbols)
    entries = decode_entries(raw, symbols)
    assert _flat(columns) == [(ts, len(line), metadata) for ts, line, metadata in entries]
    stamps = [entry[0] for entry in entries]
    assert columns.increasing is all(a < b for a, b in itertools.pairwise(stamps))
    assert len(set(columns.metas)) == len(columns.metas)  # each distinct metadata once
    return columns


@pytest.fixture
def entry_by_entry(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the blocks read by decode_entries instead of as columns."""
    calls: list[int] = []

    def spy(raw: bytes, symbols: Symbolizer) -> list[tuple[int, bytes, Metadata]]:
        calls.append(1)
        return decode_entries(raw, symbols)

    monkeypatch.setattr(blockcols, "decode_entries", spy)
    return calls


CASES = [
    # (why, entries, read as columns without decode_entries)
    (
        "structured metadata",
        [(NOW + i, b"line %d" % i, (INFO, WARN)[i % 2]) for i in range(50)],
        True,
    ),
    ("no structured metadata", [(NOW + i, b"x" * i, ()) for i in range(50)], True),
    (
        "some entries with, some without",
        [(NOW + i, b"y", (INFO, ())[i % 3 == 0]) for i in range(30)],
        True,
    ),
    ("empty lines", [(NOW + i, b"", INFO) for i in range(5)], True),
    (
        "lines of 128 bytes to 16 KiB: 2-byte lengths",
        [(NOW + i, b"z" * (128 + 999 * i), ()) for i in range(17)],
        True,
    ),
    (
        "a line over 16 KiB: a 3-byte length",
        [(NOW, b"a", ()), (NOW + 1, b"b" * 20_000, INFO)],
        True,
    ),
    (
        "two metadata pairs",
        [(NOW + i, b"l", (("a", "1"), ("b", str(i % 4)))) for i in range(20)],
        True,
    ),
    (
        "more than 256 distinct metadata",
        [(NOW + i, b"m", (("trace", str(i)),)) for i in range(300)],
        True,
    ),
    (
        "equal timestamps: not increasing",
        [(NOW, b"a", ()), (NOW, b"b", ()), (NOW + 1, b"c", ())],
        True,
    ),
    ("written out of order, read sorted", [(NOW + 5, b"a", ()), (NOW + 1, b"b", INFO)], True),
    # head.py: a section over 127 bytes has a 2-byte size
    (
        "a symbols section of 128 bytes or more",
        [(NOW, b"a", tuple((f"k{i}", "v") for i in range(70)))],
        False,
    ),
    ("timestamps before 1971: 8-byte varints", [(2**54, b"a", ()), (2**54 + 1, b"b", ())], False),
    ("a negative timestamp: zig-zag odd", [(-NOW, b"a", ())], False),
    (
        "the ninth byte changes within the block",
        [(3 * 2**55 - 1, b"a", ()), (3 * 2**55, b"b", ())],
        False,
    ),
    ("timestamp 0", [(0, b"a", INFO)], False),
]


@pytest.mark.parametrize(("why", "entries", "as_columns"), CASES, ids=[c[0] for c in CASES])
def test_columns_are_the_entries_as_decoded(
    why: str, entries: Rows, as_columns: bool, entry_by_entry: list[int]
) -> None:
    raw, symbols = _block(entries)
    _assert_as_decoded(raw, symbols)
    assert (not entry_by_entry) is as_columns


def test_a_section_read_past_its_own_bytes_is_read_entry_by_entry(
    entry_by_entry: list[int],
) -> None:
    # a section whose declared size (3) is more than its count and symbols take: blockread.py
    # reads the pairs from its start and skips to its declared end
    symbols = Symbolizer()
    symbols.add(INFO)
    raw = b"".join(
        [bytes.fromhex("a4c4d9a0d6e9d0c418") + b"\x01a" + b"\x03\x01\x00\x01" for _ in range(2)]
    )
    odd = bytes.fromhex("a4c4d9a0d6e9d0c418") + b"\x01b" + b"\x04\x01\x00\x01\x07"
    _assert_as_decoded(raw + odd, symbols)
    assert entry_by_entry


def test_symbols_beyond_the_symbolizer_read_as_empty(entry_by_entry: list[int]) -> None:
    # Symbolizer.lookup: a reference past the known labels reads "" (symbols.go Lookup)
    raw, _symbols = _block([(NOW, b"a", INFO), (NOW + 1, b"b", ())])
    columns = _assert_as_decoded(raw, Symbolizer())
    assert columns.metas == ((("", ""),), ())
    assert not entry_by_entry


def test_an_empty_block() -> None:
    assert _flat(read_columns(b"", Symbolizer())) == []


@given(
    st.lists(
        st.tuples(
            st.one_of(
                st.integers(NOW, NOW + 10**9),
                st.integers(-(2**63), 2**63 - 1),
            ),
            st.binary(max_size=300),
            st.sampled_from([(), INFO, WARN, (("a", "b"), ("c", "d" * 200)), (("é", "\udcff"),)]),
        ),
        max_size=60,
    )
)
@settings(max_examples=200, deadline=None)
def test_any_block(entries: list[tuple[int, bytes, Metadata]]) -> None:
    _assert_as_decoded(*_block(entries))


@pytest.mark.parametrize(
    ("mint", "maxt"),
    [
        (NOW, NOW + 10),  # all: the same columns back
        (NOW + 3, NOW + 7),  # mint included, maxt excluded (MemChunk.entries)
        (NOW + 9, NOW + 100),
        (NOW - 5, NOW),  # none
        (NOW + 4, NOW + 4),
    ],
)
def test_within_keeps_what_the_entry_filter_keeps(mint: int, maxt: int) -> None:
    entries = [(NOW + i, b"l" * i, (INFO, WARN, ())[i % 3]) for i in range(10)]
    columns = read_columns(*_block(entries))
    kept = columns.within(mint, maxt)
    assert _flat(kept) == [(ts, len(line), m) for ts, line, m in entries if mint <= ts < maxt]
    assert (kept is columns) is (len(kept) == len(entries))


def test_entry_columns_of_a_head_block() -> None:
    head, symbols = HeadBlock(), Symbolizer()
    for ts, line, metadata in [(NOW + 2, b"bb", INFO), (NOW + 1, b"a", ()), (NOW + 2, b"c", INFO)]:
        head.append(ts, line, metadata, symbols)
    columns = entry_columns(head.entries(0, 2**63 - 1))
    assert _flat(columns) == [(NOW + 1, 1, ()), (NOW + 2, 2, INFO), (NOW + 2, 1, INFO)]
    assert columns.metas == ((), INFO)
    assert columns.increasing is False  # two entries at NOW + 2
