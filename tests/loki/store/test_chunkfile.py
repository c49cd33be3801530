"""Flushed chunk files: key, rounding, layout (pkg/storage/chunk, pkg/util/conv.go)."""

from __future__ import annotations

import base64

import cramjam
import pytest

from sim.loki.store.chunkfile import (
    ChunkKey,
    chunk_data,
    encode_chunk_file,
    path_of_id,
    round_to_milliseconds,
)
from sim.loki.store.varint import Reader

MS = 1_000_000

# conv_test.go TestRoundToMilliseconds.
ROUNDING = [
    ("0", 0, 1, 0, 1),
    ("equal", MS, MS, 1, 1),
    ("exact", MS, 2 * MS, 1, 2),
    ("rounding", MS + 10, 2 * MS + 10, 1, 3),
    (
        "rounding large number in nanoseconds",
        1643958368442000064,
        1643958368443000064,
        1643958368442,
        1643958368444,
    ),
    (
        "already rounded large number in nanoseconds",
        1643958368442000000,
        1643958368443000000,
        1643958368442,
        1643958368443,
    ),
]


@pytest.mark.parametrize(("desc", "start", "end", "from_ms", "through_ms"), ROUNDING)
def test_round_to_milliseconds(
    desc: str, start: int, end: int, from_ms: int, through_ms: int
) -> None:
    assert round_to_milliseconds(start, end) == (from_ms, through_ms)


def test_external_key_and_filesystem_path() -> None:
    # schema_config.go newerExternalKey; object_client.go FSEncoder base64s the tail.
    key = ChunkKey("fake", 0xABC, 0x10, 0x20, 0xDEAD)
    assert key.id == "fake/abc/10:20:dead"
    tail = base64.b64encode(b"10:20:dead").decode()
    assert str(key.relative_path()) == f"fake/abc/{tail}"
    assert path_of_id(key.id) == key.relative_path()


def test_encoded_layout() -> None:
    # chunk.go EncodeTo: [len incl. itself][snappy-framed JSON][data len][data].
    key, encoded = encode_chunk_file("t1", 7, 1000, 2500, [("app", "api")], b"DATA")
    reader = Reader(encoded)
    metadata_len = reader.be32()
    metadata = bytes(cramjam.snappy.decompress(encoded[4:metadata_len]))
    assert metadata == (
        b'{"fingerprint":7,"userID":"t1","from":1,"through":2.5,'
        b'"metric":{"__name__":"logs","app":"api"},"encoding":129}\n'
    )
    assert chunk_data(encoded) == b"DATA"
    assert key.id.startswith("t1/7/3e8:9c4:")


def test_identical_chunks_get_identical_keys() -> None:
    first = encode_chunk_file("t", 1, 1, 2, [("a", "b")], b"same")
    second = encode_chunk_file("t", 1, 1, 2, [("a", "b")], b"same")
    assert first == second
    assert encode_chunk_file("t", 1, 1, 2, [("a", "b")], b"other")[0] != first[0]
