"""A block's timestamps decoded as one column, in C: N nine-byte varints at once.

A timestamp from 1971 to 2116 is a zig-zag varint of exactly nine bytes (2*ts is in
[2^56, 2^63)), and the ninth byte (bits 56-62) only changes every 2^56 ns (2.3 years), so
the entries of a block share it. The first eight bytes of N fields, laid end to end, are one
64*N-bit integer: the three mask-and-shift steps that pack one varint's seven-bit groups
(blockread.py) apply to every field at once with masks repeating every 64 bits, the shared
ninth byte is added to every field by one multiplication, and the result is the array's own
bytes. Whether the timestamps strictly increase is found the same way, from the differences
of neighbouring fields. Fields that are not such varints make the answer None.
"""

from __future__ import annotations

import sys
from array import array
from functools import lru_cache
from typing import NamedTuple

_ROUND = 64  # fields per mask size step: counts are padded up to a multiple of it
_PAD = b"\x80" * 8  # a field that passes every check (value 0)


class _Plan(NamedTuple):
    """The masks for a number of fields."""

    low_groups: int  # step 1: bytes 0, 2, 4, 6 stay, bytes 1, 3, 5, 7 move down a bit
    high_groups: int
    low_pairs: int  # step 2: 14-bit groups at bits 0 and 32 stay, at 16 and 48 move down 2
    high_pairs: int
    low_quad: int  # step 3: bits 0-27 stay, bits 32-59 move down 4
    high_quad: int
    continued: int  # every byte must have the continuation bit
    ones: int  # 1 in every field


def _repeat(field: list[int], count: int) -> int:
    return int.from_bytes(bytes(field) * count, "little")


@lru_cache(maxsize=16)
def _plan(count: int) -> _Plan:
    return _Plan(
        _repeat([0x7F, 0, 0x7F, 0, 0x7F, 0, 0x7F, 0], count),
        _repeat([0, 0x7F, 0, 0x7F, 0, 0x7F, 0, 0x7F], count),
        _repeat([0xFF, 0x3F, 0, 0, 0xFF, 0x3F, 0, 0], count),
        _repeat([0, 0, 0xFF, 0x3F, 0, 0, 0xFF, 0x3F], count),
        _repeat([0xFF, 0xFF, 0xFF, 0x0F, 0, 0, 0, 0], count),
        _repeat([0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0x0F], count),
        _repeat([0x80] * 8, count),
        _repeat([1, 0, 0, 0, 0, 0, 0, 0], count),
    )


def nine_byte_stamps(heads: list[bytes], ninth: int) -> tuple[array[int], bool] | None:
    """The timestamps whose varints are each eight bytes of `heads` then the byte `ninth`,
    and whether they strictly increase; None unless every one is a nine-byte zig-zag varint
    of a timestamp >= 0."""
    if ninth >= 0x80:
        return None
    count = len(heads)
    padded = -(-count // _ROUND) * _ROUND
    plan = _plan(padded)
    x = int.from_bytes(b"".join(heads) + _PAD * (padded - count), "little")
    if x & plan.continued != plan.continued or x & plan.ones:  # short varint, or odd: ts < 0
        return None
    x = ((x & plan.high_groups) >> 1) | (x & plan.low_groups)
    x = ((x & plan.high_pairs) >> 2) | (x & plan.low_pairs)
    x = (x & plan.low_quad) | ((x & plan.high_quad) >> 4)
    # zig-zag of ts >= 0 is 2*ts: every field's low bit is 0, so one shift halves them all
    x = (x >> 1) + plan.ones * (ninth << 55)
    size = 8 * count
    stamps = array("q")
    stamps.frombytes(x.to_bytes(8 * padded, "little")[:size])
    if sys.byteorder != "little":
        stamps.byteswap()
    return stamps, _increasing(x, count)


def _increasing(x: int, count: int) -> bool:
    """Whether each of the first `count` 64-bit fields of x is above the one before it.

    Field k of (next - this - 1 + 2^63) is ts[k+1] - ts[k] - 1 + 2^63, in [0, 2^64) for any
    two timestamps in [0, 2^62): no borrow crosses fields, and bit 63 is set exactly where
    the difference is at least 1.
    """
    if count < 2:
        return True
    pairs = count - 1
    ones = (1 << (64 * pairs)) // ((1 << 64) - 1)  # 1 in each of `pairs` fields
    this = x & ((1 << (64 * pairs)) - 1)
    following = (x >> 64) & ((1 << (64 * pairs)) - 1)
    differences = following - this + ones * ((1 << 63) - 1)
    high = ones << 63
    return differences & high == high
