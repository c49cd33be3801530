"""Go's encoding/binary varints (the encoding every Loki chunk, WAL and index field uses)."""

from __future__ import annotations

import pytest

from sim.loki.store.varint import DecodeError, Reader, uvarint, varint

# Go encoding/binary PutUvarint: 7 bits per byte, low group first, high bit = more follows.
UVARINTS = [
    (0, b"\x00"),
    (1, b"\x01"),
    (127, b"\x7f"),
    (128, b"\x80\x01"),
    (300, b"\xac\x02"),
    (16383, b"\xff\x7f"),
    (16384, b"\x80\x80\x01"),
    (2**28 - 1, b"\xff\xff\xff\x7f"),
    (2**28, b"\x80\x80\x80\x80\x01"),
    (2**64 - 1, b"\xff" * 9 + b"\x01"),
]

# Go encoding/binary PutVarint: zig-zag (0, -1, 1, -2, ... -> 0, 1, 2, 3, ...).
VARINTS = [(0, b"\x00"), (-1, b"\x01"), (1, b"\x02"), (-2, b"\x03"), (63, b"\x7e"), (-64, b"\x7f")]


@pytest.mark.parametrize(("value", "encoded"), UVARINTS)
def test_uvarint_matches_go(value: int, encoded: bytes) -> None:
    assert uvarint(value) == encoded
    assert Reader(encoded).uvarint() == value


@pytest.mark.parametrize(("value", "encoded"), VARINTS)
def test_varint_is_zigzag(value: int, encoded: bytes) -> None:
    assert varint(value) == encoded
    assert Reader(encoded).varint() == value


def test_nanosecond_timestamps_round_trip() -> None:
    # The cached high groups must not change the encoding of neighbouring timestamps.
    for ts in (1_700_000_000_000_000_000 + step * 268_435_455 for step in range(50)):
        assert Reader(varint(ts)).varint() == ts
        assert Reader(varint(-ts)).varint() == -ts


@pytest.mark.parametrize("data", [b"", b"\x80", b"\xff\xff"])
def test_reading_past_the_end_is_an_error(data: bytes) -> None:
    with pytest.raises(DecodeError):
        Reader(data).uvarint()


def test_take_checks_length() -> None:
    reader = Reader(b"abc")
    assert reader.take(2) == b"ab"
    with pytest.raises(DecodeError):
        reader.take(2)
