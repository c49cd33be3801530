"""Chunk bytes: the V4 layout, checkpoints, and their quirks (memchunk.go at v3.6.0)."""

from __future__ import annotations

from sim.loki.store.chunk import MemChunk
from sim.loki.store.codec import parse_codec
from sim.loki.store.layout import checkpoint, from_bytes, from_checkpoint, to_bytes

NONE = parse_codec("none")
GZIP = parse_codec("gzip")
SNAPPY = parse_codec("snappy")


def test_serialisation_round_trip_with_metadata() -> None:
    chunk = MemChunk(GZIP, 64, 0)
    entries = [
        (ts, f"line {ts}".encode() * 3, ((("trace", str(ts % 3)),) if ts % 2 else ()))
        for ts in range(40)
    ]
    for entry in entries:
        chunk.append(*entry)
    chunk.close()
    data = to_bytes(chunk)
    restored = from_bytes(data, 64, 0)
    assert [e for run in restored.entries(0, 100) for e in run] == entries
    assert restored.uncompressed_size() == chunk.uncompressed_size()
    assert restored.compressed_size() == len(data)


def test_corrupt_block_is_skipped() -> None:
    # memchunk.go newByteChunk: a block failing its checksum is dropped, the rest is read.
    chunk = MemChunk(NONE, 4, 0)
    for ts, line in enumerate([b"aaaa", b"bbbb", b"cccc"]):
        chunk.append(ts, line, ())
    data = bytearray(to_bytes(chunk))
    data[data.index(b"bbbb")] ^= 0xFF
    restored = from_bytes(bytes(data), 4, 0)
    assert [line for run in restored.entries(0, 10) for _, line, _ in run] == [b"aaaa", b"cccc"]


def test_serialising_freezes_the_reported_compressed_size() -> None:
    # memchunk.go writeTo sets compressedSize, which CompressedSize then returns for good,
    # even after more data arrives (a WAL checkpoint serialises live chunks).
    chunk = MemChunk(NONE, 1024, 1000)
    chunk.append(1, b"x" * 100, ())
    assert chunk.compressed_size() == 100
    frozen = len(checkpoint(chunk)[0])
    chunk.append(2, b"y" * 300, ())
    assert chunk.compressed_size() == frozen
    assert chunk.utilization() == frozen / 1000


def test_checkpoint_round_trip_keeps_head_and_blocks() -> None:
    chunk = MemChunk(SNAPPY, 16, 0)
    for ts in range(10):
        chunk.append(ts, b"entry-%d" % ts, (("k", "v"),) if ts == 9 else ())
    data, head = checkpoint(chunk)
    restored = from_checkpoint(data, head, 16, 0)
    assert restored.entries(0, 100) == chunk.entries(0, 100)
    assert restored.head.size == chunk.head.size
