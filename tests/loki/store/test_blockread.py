"""decode_entries (sim/loki/store/blockread.py) reads blocks as head.decode_block does.

Blocks are written by HeadBlock.serialise (unordered.go Serialise, v3.6.0): zig-zag varint
timestamp, varint line length, the line, then the symbols section.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sim.loki.store.blockread import decode_entries
from sim.loki.store.head import HeadBlock, Symbolizer, decode_block

_stamps = st.one_of(
    st.integers(-(2**63), 2**63 - 1),
    st.integers(1_600_000_000 * 10**9, 1_900_000_000 * 10**9),  # 9-byte varints
    st.integers(0, 2**28),
)
_metadata = st.sampled_from(
    [
        (),
        (("detected_level", "info"),),
        (("a", "b"), ("c", "d" * 200)),
        (("é", "\udcff"),),
        tuple((f"k{i}", "v" * i) for i in range(40)),  # a section longer than 127 bytes
    ]
)


@given(st.lists(st.tuples(_stamps, st.binary(max_size=300), _metadata), max_size=40))
@settings(max_examples=200, deadline=None)
def test_decode_entries_is_decode_block(
    entries: list[tuple[int, bytes, tuple[tuple[str, str], ...]]],
) -> None:
    head, symbols = HeadBlock(), Symbolizer()
    for ts, line, metadata in entries:
        head.append(ts, line, metadata, symbols)
    raw = head.serialise(symbols)
    assert decode_entries(raw, symbols) == list(decode_block(raw, symbols))


@pytest.mark.parametrize(
    "ts",
    [
        1_750_000_000_123_456_789,  # now: 9 bytes, decoded at once
        2**55,  # 8 bytes (zig-zag doubles it to 2**56: still 9)
        2**62 - 1,
        -(2**62),  # negative: zig-zag odd
        0,
        127,
    ],
)
def test_timestamps_of_every_width(ts: int) -> None:
    head, symbols = HeadBlock(), Symbolizer()
    head.append(ts, b"x", (), symbols)
    assert decode_entries(head.serialise(symbols), symbols) == [(ts, b"x", ())]
