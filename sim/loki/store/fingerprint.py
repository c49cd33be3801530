"""A stream's fingerprint: Prometheus' labels.HashWithoutLabels, i.e. xxhash64.

The ingester keys streams by `xxhash64(name 0xff value 0xff ...)` over the sorted labels,
`__name__` excluded (pkg/ingester/instance.go getHashForLabels). The fingerprint also offsets
each stream's chunk-synchronisation points (stream.go cutChunkForSynchronization), so the
exact value decides when a `synced` cut happens. Computed once per stream: pure Python is fine.
"""

from __future__ import annotations

from collections.abc import Iterable

from sim.loki.store.varint import encode_str

_MASK = 0xFFFFFFFFFFFFFFFF
_P1 = 11400714785074694791
_P2 = 14029467366897019727
_P3 = 1609587929392839161
_P4 = 9650029242287828579
_P5 = 2870177450012600261
_SEP = b"\xff"


def _rotl(value: int, count: int) -> int:
    return ((value << count) | (value >> (64 - count))) & _MASK


def _round(acc: int, lane: int) -> int:
    acc = (acc + lane * _P2) & _MASK
    return (_rotl(acc, 31) * _P1) & _MASK


def _merge(acc: int, value: int) -> int:
    acc ^= _round(0, value)
    return (acc * _P1 + _P4) & _MASK


def xxhash64(data: bytes, seed: int = 0) -> int:
    """XXH64, as github.com/cespare/xxhash/v2 Sum64 computes it (seed 0)."""
    length = len(data)
    pos = 0
    if length >= 32:
        v1 = (seed + _P1 + _P2) & _MASK
        v2 = (seed + _P2) & _MASK
        v3 = seed & _MASK
        v4 = (seed - _P1) & _MASK
        while pos + 32 <= length:
            v1 = _round(v1, int.from_bytes(data[pos : pos + 8], "little"))
            v2 = _round(v2, int.from_bytes(data[pos + 8 : pos + 16], "little"))
            v3 = _round(v3, int.from_bytes(data[pos + 16 : pos + 24], "little"))
            v4 = _round(v4, int.from_bytes(data[pos + 24 : pos + 32], "little"))
            pos += 32
        acc = (_rotl(v1, 1) + _rotl(v2, 7) + _rotl(v3, 12) + _rotl(v4, 18)) & _MASK
        for lane in (v1, v2, v3, v4):
            acc = _merge(acc, lane)
    else:
        acc = (seed + _P5) & _MASK
    acc = (acc + length) & _MASK
    while pos + 8 <= length:
        acc ^= _round(0, int.from_bytes(data[pos : pos + 8], "little"))
        acc = (_rotl(acc, 27) * _P1 + _P4) & _MASK
        pos += 8
    if pos + 4 <= length:
        acc ^= (int.from_bytes(data[pos : pos + 4], "little") * _P1) & _MASK
        acc = (_rotl(acc, 23) * _P2 + _P3) & _MASK
        pos += 4
    while pos < length:
        acc ^= (data[pos] * _P5) & _MASK
        acc = (_rotl(acc, 11) * _P1) & _MASK
        pos += 1
    acc ^= acc >> 33
    acc = (acc * _P2) & _MASK
    acc ^= acc >> 29
    acc = (acc * _P3) & _MASK
    acc ^= acc >> 32
    return acc


def labels_fingerprint(pairs: Iterable[tuple[str, str]]) -> int:
    """labels.HashWithoutLabels(b) with no names: every label but `__name__`, in order."""
    buf = bytearray()
    for name, value in pairs:
        if name == "__name__":
            continue
        buf += encode_str(name) + _SEP + encode_str(value) + _SEP
    return xxhash64(bytes(buf))
