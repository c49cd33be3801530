"""Chunk block compression: Loki's `chunk_encoding` codecs (pkg/compression, v3.6.0).

The ingester default is gzip (`ingester.chunk-encoding` flag default in
pkg/ingester/ingester.go), not snappy. Loki's snappy pool wraps golang/snappy's
NewBufferedWriter, which writes the *framed* snappy format (stream identifier, then
CRC-checked chunks of at most 64 KiB, stored raw when compression saves under 1/8), so
`snappy` here is cramjam's framed compressor, not the raw block format. Stand-in
differences, which move sizes by a fraction of a percent, never which entries are kept:
gzip/flate use zlib level 6 where Loki uses klauspost/compress at DefaultCompression, zstd
uses level 3 (klauspost's SpeedDefault), lz4 uses cramjam's frame encoder with its own
block size.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from dataclasses import dataclass

import cramjam

from sim.errors import LokiConfigError

# pkg/compression/codec.go: the byte each codec is serialised as (chunk header byte 6).
NONE, GZIP, LZ4_64K, SNAPPY, LZ4_256K, LZ4_1M, LZ4_4M, FLATE, ZSTD = 0, 1, 3, 4, 5, 6, 7, 8, 9


@dataclass(frozen=True)
class Codec:
    """One `chunk_encoding`: its Loki name, its serialised byte, and the two directions."""

    name: str
    id: int
    compress: Callable[[bytes], bytes]
    decompress: Callable[[bytes], bytes]


def _gzip(data: bytes) -> bytes:
    writer = zlib.compressobj(6, zlib.DEFLATED, 31)
    return writer.compress(data) + writer.flush()


def _flate(data: bytes) -> bytes:
    writer = zlib.compressobj(6, zlib.DEFLATED, -15)
    return writer.compress(data) + writer.flush()


def _identity(data: bytes) -> bytes:
    return bytes(data)


def _snappy(data: bytes) -> bytes:
    return bytes(cramjam.snappy.compress(data))


def _unsnappy(data: bytes) -> bytes:
    return bytes(cramjam.snappy.decompress(data))


def _lz4(data: bytes) -> bytes:
    return bytes(cramjam.lz4.compress(data))


def _unlz4(data: bytes) -> bytes:
    return bytes(cramjam.lz4.decompress(data))


def _zstd(data: bytes) -> bytes:
    return bytes(cramjam.zstd.compress(data, level=3))


def _unzstd(data: bytes) -> bytes:
    return bytes(cramjam.zstd.decompress(data))


# supportedCodecs, in Loki's order (SupportedCodecs() lists them this way in its error).
_CODECS = (
    Codec("none", NONE, _identity, _identity),
    Codec("gzip", GZIP, _gzip, lambda data: zlib.decompress(data, 31)),
    Codec("lz4-64k", LZ4_64K, _lz4, _unlz4),
    Codec("snappy", SNAPPY, _snappy, _unsnappy),
    Codec("lz4-256k", LZ4_256K, _lz4, _unlz4),
    Codec("lz4-1M", LZ4_1M, _lz4, _unlz4),
    Codec("lz4", LZ4_4M, _lz4, _unlz4),
    Codec("flate", FLATE, _flate, lambda data: zlib.decompress(data, -15)),
    Codec("zstd", ZSTD, _zstd, _unzstd),
)
BY_ID = {codec.id: codec for codec in _CODECS}


def supported_codecs() -> str:
    """compression.SupportedCodecs()."""
    return ", ".join(codec.name for codec in _CODECS)


def parse_codec(name: str, *, path: str = "", field: str = "ingester.chunk_encoding") -> Codec:
    """compression.ParseCodec: case-insensitive, Loki's error text otherwise."""
    for codec in _CODECS:
        if codec.name.lower() == name.lower():
            return codec
    raise LokiConfigError(path, field, f"invalid encoding: {name}, supported: {supported_codecs()}")
