"""Go's encoding/binary varints, as every Loki file format here uses them.

`uvarint`/`varint` are binary.PutUvarint/PutVarint (zig-zag); `Reader` is chunkenc's decbuf:
it reads from a bytes buffer and raises `DecodeError` (a ValueError) past the end or on a
varint longer than 10 bytes, where Go sets decbuf's error.
"""

from __future__ import annotations

import operator
import struct
from bisect import bisect_left
from collections.abc import Callable, Iterator
from itertools import compress, count, repeat

from sim.protowire import varint as plain_uvarint  # Go's uvarint for values below 2**64

# Precomputed for the lengths and small deltas that dominate every record.
_SMALL = [bytes([i]) for i in range(128)] + [
    bytes([i & 0x7F | 0x80, i >> 7]) for i in range(128, 16384)
]
# Two 7-bit groups, both with the continuation bit: the low bytes of any value >= 2**28.
_CONTINUED14 = [bytes([i & 0x7F | 0x80, i >> 7 | 0x80]) for i in range(16384)]
# Encodings of value >> 28 seen so far: nanosecond timestamps share them for minutes.
_HIGH: dict[int, bytes] = {}
_BE64 = struct.Struct(">Q")
_BE32 = struct.Struct(">I")


class DecodeError(ValueError):
    """The bytes end early or hold an invalid varint (decbuf's ErrInvalidSize/ErrOverflow)."""


def uvarint(value: int) -> bytes:
    """binary.AppendUvarint for value >= 0."""
    if value < 16384:
        return _SMALL[value]
    if value >= 1 << 28:
        high = _HIGH.get(value >> 28)
        if high is None:
            high = plain_uvarint(value >> 28)
            if len(_HIGH) < 65536:
                _HIGH[value >> 28] = high
        return _CONTINUED14[value & 0x3FFF] + _CONTINUED14[value >> 14 & 0x3FFF] + high
    return _CONTINUED14[value & 0x3FFF] + _SMALL[value >> 14]


def varint(value: int) -> bytes:
    """binary.AppendVarint: zig-zag, so small negative numbers stay short."""
    return uvarint(value << 1 if value >= 0 else ((-value) << 1) - 1)


def uvarint_str(data: bytes) -> bytes:
    """A length-prefixed byte string (Loki's PutUvarintStr / PutUvarintBytes)."""
    return uvarint(len(data)) + data


def be64(value: int) -> bytes:
    return _BE64.pack(value & 0xFFFFFFFFFFFFFFFF)


def be32(value: int) -> bytes:
    return _BE32.pack(value & 0xFFFFFFFF)


class Reader:
    """decbuf over `data`: each read advances `pos` or raises DecodeError."""

    __slots__ = ("data", "end", "pos")

    def __init__(self, data: bytes, pos: int = 0, end: int | None = None) -> None:
        self.data = data
        self.pos = pos
        self.end = len(data) if end is None else end

    def remaining(self) -> int:
        return self.end - self.pos

    def byte(self) -> int:
        if self.pos >= self.end:
            raise DecodeError("invalid size")
        value = self.data[self.pos]
        self.pos += 1
        return value

    def uvarint(self) -> int:
        data, pos, end = self.data, self.pos, self.end
        result = shift = 0
        while True:
            if pos >= end:
                raise DecodeError("invalid size")
            byte = data[pos]
            pos += 1
            result |= (byte & 0x7F) << shift
            if byte < 0x80:
                self.pos = pos
                return result
            shift += 7
            if shift > 63:
                raise DecodeError("varint overflows a 64-bit integer")

    def varint(self) -> int:
        raw = self.uvarint()
        return (raw >> 1) ^ -(raw & 1)

    def take(self, length: int) -> bytes:
        if length < 0 or self.pos + length > self.end:
            raise DecodeError("invalid size")
        value = self.data[self.pos : self.pos + length]
        self.pos += length
        return bytes(value)

    def uvarint_bytes(self) -> bytes:
        return self.take(self.uvarint())

    def uvarint_str(self) -> str:
        return self.uvarint_bytes().decode("utf-8", "surrogateescape")

    def be64(self) -> int:
        raw = self.take(8)
        value: int = _BE64.unpack(raw)[0]
        return value

    def be64_signed(self) -> int:
        value = self.be64()
        return value - (1 << 64) if value >= 1 << 63 else value

    def be32(self) -> int:
        raw = self.take(4)
        value: int = _BE32.unpack(raw)[0]
        return value


def encode_str(text: str) -> bytes:
    """Loki's strings are Go strings: the bytes, with lone surrogates restored as bytes."""
    return text.encode("utf-8", "surrogateescape")


def byte_len(text: str) -> int:
    """len() of a Go string holding `text`."""
    return len(text) if text.isascii() else len(encode_str(text))


def uvarint_columns(values: list[int]) -> list[list[bytes]]:
    """uvarint of each value (all >= 0) as columns: joined element by element, the columns
    give the encodings. Built with table lookups mapped over the list.

    Block and WAL encoding write a varint per entry, and a Python call per value is most of
    their cost. The values are cut as `uvarint` cuts the widest of them (below 2**14: one
    piece; below 2**28: two; above: the low 14 bits, the next 14, then the rest), then the
    few narrower ones are encoded again one by one, into the first column.
    """
    if not values:
        return [[]]
    high = max(values)
    if high < 16384:
        return [list(map(_SMALL.__getitem__, values))]
    low = min(values)
    first = list(map(_CONTINUED14.__getitem__, map(operator.and_, values, repeat(0x3FFF))))
    rest = list(map(operator.rshift, values, repeat(14)))
    encode: Callable[[int], bytes] = uvarint  # the narrower values, one by one
    if high < 1 << 28:
        columns = [first, list(map(_SMALL.__getitem__, rest))]
        bound = 16384
    else:
        middle = map(operator.and_, rest, repeat(0x3FFF))
        top_values = list(map(operator.rshift, rest, repeat(14)))
        tops = {top: _top(top) for top in set(top_values)}
        columns = [
            first,
            list(map(_CONTINUED14.__getitem__, middle)),
            list(map(tops.__getitem__, top_values)),
        ]
        bound = 1 << 28
    if low < bound:
        for index in compress(count(), map(operator.gt, repeat(bound), values)):
            first[index] = encode(values[index])
            for column in columns[1:]:
                column[index] = b""
    return columns


def uvarint_columns_sorted(values: list[int]) -> list[list[bytes]]:
    """uvarint_columns of values in ascending order. When all are 2**28 or more (a block's
    zig-zag timestamps), the high parts (value >> 28, the same for ~134 ms of timestamps)
    are laid out run by run, found by bisection, instead of value by value."""
    if not values or values[0] < 1 << 28:
        return uvarint_columns(values)
    first = list(map(_CONTINUED14.__getitem__, map(operator.and_, values, repeat(0x3FFF))))
    middle = map(operator.and_, map(operator.rshift, values, repeat(14)), repeat(0x3FFF))
    tops: list[bytes] = []
    start, size = 0, len(values)
    while start < size:
        top = values[start] >> 28
        end = bisect_left(values, (top + 1) << 28, start) if top != values[-1] >> 28 else size
        tops += [_top(top)] * (end - start)
        start = end
    return [first, list(map(_CONTINUED14.__getitem__, middle)), tops]


def interleave(columns: list[list[bytes]]) -> list[bytes]:
    """The columns' items row by row (row 0 in column order, then row 1, ...), ready for
    b"".join: what joining zip(*columns) gives, by slice assignment (no tuple per row)."""
    width = len(columns)
    parts: list[bytes] = [b""] * (width * len(columns[0]))
    for index, column in enumerate(columns):
        parts[index::width] = column
    return parts


def uvarints(values: list[int]) -> list[bytes]:
    """uvarint of each value (all >= 0): uvarint_columns joined."""
    columns = uvarint_columns(values)
    if len(columns) == 1:
        return columns[0]
    return list(map(b"".join, zip(*columns, strict=True)))


def _shifted(values: list[int], bits: int) -> Iterator[int]:
    return map(operator.rshift, values, repeat(bits))


def _top(value: int) -> bytes:
    """The encoding of value >> 28 (as `uvarint` caches it)."""
    high = _HIGH.get(value)
    if high is None:
        high = plain_uvarint(value)
        if len(_HIGH) < 65536:
            _HIGH[value] = high
    return high
