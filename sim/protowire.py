"""Protobuf wire encoding shared by every writer of push.proto (collector, load, Loki).

Minimal varints as Go's protobuf and gogo encoders write them; a negative int64 is its
64-bit two's complement (10 bytes), as proto3's int64 fields carry it.
"""

from __future__ import annotations

# varints below 2^14 are one or two bytes: precomputed, they are most of what is written
_SMALL = [bytes([n]) if n < 0x80 else bytes([n & 0x7F | 0x80, n >> 7]) for n in range(1 << 14)]


def varint(value: int) -> bytes:
    if 0 <= value < 1 << 14:
        return _SMALL[value]
    value &= 0xFFFFFFFFFFFFFFFF
    out = bytearray()
    while value >= 0x80:
        out.append(value & 0x7F | 0x80)
        value >>= 7
    out.append(value)
    return bytes(out)


def length_delimited(number: int, payload: bytes) -> bytes:
    """Field `number` (wire type 2) holding `payload`."""
    return varint(number << 3 | 2) + varint(len(payload)) + payload
