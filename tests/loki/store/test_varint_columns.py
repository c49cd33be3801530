"""uvarint_columns / uvarints (sim/loki/store/varint.py): Go's binary.AppendUvarint by column."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sim.loki.store.varint import uvarint, uvarint_columns, uvarint_columns_sorted, uvarints

# encoding/binary varint_test.go's values, by width
WIDTHS = [
    ([0, 1, 127], 1),  # every value below 2**14: one column of whole encodings
    ([128, 16383], 1),
    ([16384, 2**21, 2**28 - 1], 2),  # below 2**28: the low 14 bits, then the rest
    ([2**28, 2**56, 2**64 - 1], 3),  # from 2**28: low 14 bits, next 14, the rest
    ([0, 2**28], 3),  # mixed: the widest decides, narrower values fill the first column
]


@pytest.mark.parametrize(("values", "columns"), WIDTHS)
def test_columns_join_to_uvarints(values: list[int], columns: int) -> None:
    found = uvarint_columns(values)
    assert len(found) == columns
    assert [b"".join(parts) for parts in zip(*found, strict=True)] == [uvarint(v) for v in values]


@given(st.lists(st.one_of(st.integers(0, 2**14), st.integers(0, 2**28), st.integers(0, 2**64 - 1))))
@settings(max_examples=200, deadline=None)
def test_uvarints_is_uvarint_of_each(values: list[int]) -> None:
    assert uvarints(values) == [uvarint(v) for v in values]


_STAMP = 1_700_000_000 * 10**9 << 1  # a zig-zag timestamp of 2023: a 9-byte uvarint


@given(
    st.lists(
        st.one_of(
            st.integers(0, 2**64 - 1),
            st.integers(_STAMP, _STAMP + 2**30),  # a block's few seconds: runs of one high part
        )
    )
)
@settings(max_examples=300, deadline=None)
def test_sorted_columns_are_the_same_columns(values: list[int]) -> None:
    values.sort()
    assert uvarint_columns_sorted(values) == uvarint_columns(values)
