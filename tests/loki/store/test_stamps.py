"""nine_byte_stamps (sim/loki/store/stamps.py) decodes timestamp fields as Reader.varint
(sim/loki/store/varint.py, Go's binary.Varint) reads them, or declines.

Fields are written by varint(), the writer HeadBlock.serialise uses (unordered.go
Serialise, v3.6.0: a zig-zag varint timestamp opens each entry).
"""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sim.loki.store.stamps import nine_byte_stamps
from sim.loki.store.varint import Reader, varint

NOW = 1_750_000_000_123_456_789


def _fields(stamps: list[int]) -> tuple[list[bytes], int]:
    encoded = [varint(ts) for ts in stamps]
    assert all(len(field) == 9 for field in encoded)
    return [field[:8] for field in encoded], encoded[0][8]


@pytest.mark.parametrize(
    ("stamps", "increasing"),
    [
        ([NOW], True),  # one field
        ([NOW, NOW + 1, NOW + 10**9], True),
        ([NOW, NOW], False),  # equal neighbours are not increasing
        ([NOW + 5, NOW], False),  # nor falling ones
        ([2**55, 2**55 + 1], True),  # the lowest with nine bytes: zig-zag 2**56
        ([2**56 - 2, 2**56 - 1], True),  # the highest whose ninth byte is 1
        ([NOW + i for i in range(63)], True),  # counts around the padding step of 64
        ([NOW + i for i in range(64)], True),
        ([NOW + i for i in range(65)], True),
        ([NOW + 7 * i for i in range(129)] + [NOW], False),  # the last pair falls
    ],
)
def test_nine_byte_fields_read_as_varint_reads_them(stamps: list[int], increasing: bool) -> None:
    heads, ninth = _fields(stamps)
    decoded = nine_byte_stamps(heads, ninth)
    assert decoded is not None
    column, rising = decoded
    assert list(column) == [Reader(varint(ts)).varint() for ts in stamps] == stamps
    assert rising is increasing


@pytest.mark.parametrize(
    ("heads", "ninth"),
    [
        ([varint(NOW)[:8]], 0x80),  # a ninth byte with the continuation bit: 10+ bytes
        ([varint(2**54)[:8]], 0),  # 2**54 is an 8-byte varint: its last byte ends early
        ([varint(-NOW)[:8]], varint(-NOW)[8]),  # negative: zig-zag odd
        ([varint(NOW)[:8], b"\x80" * 7 + b"\x01"], varint(NOW)[8]),  # second field short
    ],
)
def test_fields_that_are_not_nine_byte_varints_are_declined(heads: list[bytes], ninth: int) -> None:
    assert nine_byte_stamps(heads, ninth) is None


@given(
    st.integers(1, 127),  # the ninth byte: timestamps in [k * 2**55, (k + 1) * 2**55) share k
    st.lists(st.integers(0, 2**55 - 1), min_size=1, max_size=300),
)
@settings(max_examples=150, deadline=None)
def test_any_column_sharing_a_ninth_byte(ninth_byte: int, offsets: list[int]) -> None:
    stamps = [ninth_byte * 2**55 + offset for offset in offsets]
    heads, ninth = _fields(stamps)
    assert ninth == ninth_byte
    decoded = nine_byte_stamps(heads, ninth)
    assert decoded is not None
    assert list(decoded[0]) == stamps
    assert decoded[1] is all(a < b for a, b in itertools.pairwise(stamps))
