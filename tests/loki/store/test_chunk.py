"""MemChunk: blocks, space, utilization, reordering, serialisation (memchunk.go, v3.6.0)."""

from __future__ import annotations

import random

import pytest

from sim.loki.store.chunk import MemChunk
from sim.loki.store.codec import parse_codec
from sim.loki.store.layout import to_bytes

NONE = parse_codec("none")
GZIP = parse_codec("gzip")
SNAPPY = parse_codec("snappy")

# memchunk_test.go TestMemChunk_SpaceFor: (blocks, target, head entries of "a", cut bytes,
# line, metadata, expected) for chunk format V4.
SPACE_FOR = [
    ("targetSize not defined", 9, 0, 0, 0, b"a", (), True),
    ("targetSize not defined and too many blocks", 11, 0, 0, 0, b"a", (), False),
    ("head too big", 0, 10, 100, 0, b"a", (), False),
    ("cut blocks too big", 0, 10, 0, 100, b"a", (), False),
    ("entry fits", 0, 10, 0, 0, b"a" * 9, (), True),
    ("entry fits with structured metadata", 0, 10, 0, 0, b"aa", (("foo", "aa"),), True),
    ("entry too big", 0, 10, 0, 0, b"a" * 100, (), False),
    (
        "entry too big because structured metadata",
        0,
        10,
        0,
        0,
        b"a" * 5,
        (("foo", "aaaaa"),),
        False,
    ),
]


@pytest.mark.parametrize(
    ("desc", "blocks", "target", "head", "cut", "line", "meta", "expected"), SPACE_FOR
)
def test_space_for(desc, blocks, target, head, cut, line, meta, expected) -> None:
    chunk = MemChunk(NONE, 1024, target)
    chunk.blocks = [None] * blocks  # only counted
    chunk.cut_block_size = cut
    for ts in range(head):
        chunk.head.append(ts, b"a", (), chunk.symbolizer)
    assert chunk.space_for(line, meta) is expected


def test_chunk_filling_without_target_is_ten_blocks() -> None:
    # memchunk_test.go TestChunkFilling: block size 1024, 512-byte lines, no target size:
    # exactly blockSize*blocksPerChunk/lineSize entries fit.
    chunk = MemChunk(NONE, 1024, 0)
    appended = 0
    while chunk.space_for(bytes(512), ()) and appended < 30:
        chunk.append(appended, bytes(512), ())
        appended += 1
    assert appended == 20
    assert [ts for run in chunk.entries(0, 100) for ts, _, _ in run] == list(range(20))


def test_gzip_chunk_fills_to_target_size() -> None:
    # memchunk_test.go TestGZIPChunkTargetSize: random 512-byte lines, gzip, 256 KiB blocks,
    # 1500 KiB target: once full and closed, utilization is within 1% of 1.
    rng = random.Random(99)
    chunk = MemChunk(GZIP, 256 * 1024, 1500 * 1024)
    line = b""
    ts = 0
    while chunk.space_for(line, ()) and ts < 5000:
        line = rng.randbytes(512)
        chunk.append(ts, line, ())
        ts += 1
    assert ts < 5000
    chunk.close()
    assert chunk.head.size == 0
    assert 0.9 * 1500 * 1024 < chunk.compressed_size() < 1.1 * 1500 * 1024
    assert 0.99 < chunk.utilization() < 1.01


def test_block_is_cut_when_head_reaches_block_size() -> None:
    # memchunk.go Append: cut once head.UncompressedSize() >= blockSize.
    chunk = MemChunk(NONE, 10, 0)
    chunk.append(1, b"12345", ())
    assert not chunk.blocks
    chunk.append(2, b"67890", ())
    assert len(chunk.blocks) == 1 and chunk.head.size == 0
    assert chunk.blocks[0].uncompressed == 10 and chunk.blocks[0].entries == 2


def test_reorder_across_blocks() -> None:
    # unordered_test.go TestReorderAcrossBlocks: blocks [1,5] and [3,7] come back 1,3,5,7.
    chunk = MemChunk(SNAPPY, 256 * 1024, 1500 * 1024)
    for batch in ([1, 5], [3, 7]):
        for second in batch:
            chunk.append(second * 10**9, str(second).encode(), ())
        chunk.cut()
    chunk.close()
    runs = chunk.entries(0, 10**10)
    assert len(chunk.blocks) == 1
    assert [line for run in runs for _, line, _ in run] == [b"1", b"3", b"5", b"7"]


def test_bounds_ignore_zero_start_of_empty_head() -> None:
    # memchunk.go Bounds: the head's 0 start is replaced by the first block's.
    chunk = MemChunk(NONE, 1, 0)
    chunk.append(100, b"a", ())
    chunk.append(200, b"b", ())
    assert chunk.bounds() == (100, 200)


@pytest.mark.parametrize("codec", ["gzip", "snappy", "lz4", "zstd"])
def test_background_compression_cuts_the_same_chunks(codec: str) -> None:
    # Stand-in detail: compressing on worker threads must not move any chunk boundary.
    rng = random.Random(7)
    lines = [
        rng.randbytes(rng.randint(10, 400)) if rng.random() < 0.3 else b"msg=%d ok" % i * 20
        for i in range(3000)
    ]

    def chunks_of(background: bool) -> list[bytes]:
        done, chunk = [], MemChunk(parse_codec(codec), 2000, 20000, background=background)
        for ts, line in enumerate(lines):
            if not chunk.space_for(line, ()):
                chunk.close()
                done.append(to_bytes(chunk))
                chunk = MemChunk(parse_codec(codec), 2000, 20000, background=background)
            chunk.append(ts, line, ())
        chunk.close()
        return [*done, to_bytes(chunk)]

    inline = chunks_of(False)
    assert len(inline) > 5
    assert chunks_of(True) == inline
