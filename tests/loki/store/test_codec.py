"""chunk_encoding codecs (pkg/compression/codec.go and pool.go at v3.6.0)."""

from __future__ import annotations

import pytest

from sim.errors import LokiConfigError
from sim.loki.store.codec import parse_codec, supported_codecs

# codec.go: String() names and the serialised byte of each supported codec.
NAMES = [
    ("none", 0),
    ("gzip", 1),
    ("lz4-64k", 3),
    ("snappy", 4),
    ("lz4-256k", 5),
    ("lz4-1M", 6),
    ("lz4", 7),
    ("flate", 8),
    ("zstd", 9),
    ("GZIP", 1),  # ParseCodec compares with strings.EqualFold
    ("Snappy", 4),
]


@pytest.mark.parametrize(("name", "codec_id"), NAMES)
def test_parse_codec(name: str, codec_id: int) -> None:
    assert parse_codec(name).id == codec_id


def test_unknown_codec_uses_loki_message() -> None:
    # codec.go ParseCodec: "invalid encoding: %s, supported: %s".
    with pytest.raises(LokiConfigError) as caught:
        parse_codec("brotli", path="loki.yaml")
    assert str(caught.value) == (
        "loki.yaml: ingester.chunk_encoding: invalid encoding: brotli, supported: "
        "none, gzip, lz4-64k, snappy, lz4-256k, lz4-1M, lz4, flate, zstd"
    )
    assert supported_codecs().startswith("none, gzip")


@pytest.mark.parametrize("name", [name for name, _ in NAMES[:9]])
def test_round_trip(name: str) -> None:
    codec = parse_codec(name)
    data = b"level=info msg=hello " * 500
    assert codec.decompress(codec.compress(data)) == data


def test_snappy_is_the_framed_format() -> None:
    # pool.go SnappyPool uses golang/snappy NewBufferedWriter: the stream starts with the
    # stream identifier chunk (0xff, length 6, "sNaPpY").
    assert parse_codec("snappy").compress(b"x" * 100).startswith(b"\xff\x06\x00\x00sNaPpY")


def test_gzip_is_a_gzip_member() -> None:
    # pool.go GzipPool writes gzip members (magic 1f 8b).
    assert parse_codec("gzip").compress(b"x").startswith(b"\x1f\x8b")
