"""A chunk's bytes: the V4 layout of MemChunk.writeTo / newByteChunk (memchunk.go, v3.6.0).

magic, format, codec; the structured-metadata section (compressed, or plain in a
checkpoint) and its CRC; each block followed by its CRC; the block metas (entries, mint,
maxt, offset, uncompressed size, length) and their CRC; then section lengths and offsets.
The head block is not included: a flush closes the chunk first, a checkpoint writes the
head separately (SerializeForCheckpointTo). Writing remembers the size as the chunk's
compressed size, as Loki does. CRCs are zlib's CRC-32 (Loki: Castagnoli, same size); a block
whose CRC does not match is skipped on reading, as Loki does.
"""

from __future__ import annotations

from zlib import crc32

from sim.loki.store.chunk import Block, MemChunk
from sim.loki.store.codec import BY_ID
from sim.loki.store.head import Symbolizer
from sim.loki.store.varint import DecodeError, Reader, be32, be64, uvarint, varint

MAGIC = 0x12EE56A
FORMAT_V4 = 4
HEAD_FORMAT = 6  # UnorderedWithStructuredMetadataHeadBlockFmt


class ChunkDecodeError(ValueError):
    """Chunk bytes that cannot be read (bad magic, version, or checksum of the metas)."""


def to_bytes(chunk: MemChunk, *, for_checkpoint: bool = False) -> bytes:
    """MemChunk.writeTo (head excluded)."""
    chunk.settle()
    symbols = chunk.symbolizer
    header = be32(MAGIC) + bytes([FORMAT_V4, chunk.codec.id])
    plain = symbols.plain_bytes()
    body = plain if for_checkpoint else chunk.codec.compress(plain)
    section = uvarint(len(symbols.labels)) + body
    parts = [header, section, be32(crc32(section))]
    offset = len(header) + len(section) + 4
    metas = [uvarint(len(chunk.blocks))]
    for block in chunk.blocks:
        parts += [block.data, be32(crc32(block.data))]
        metas += [uvarint(block.entries), varint(block.mint), varint(block.maxt)]
        metas += [uvarint(offset), uvarint(block.uncompressed), uvarint(len(block.data))]
        offset += len(block.data) + 4
    meta_bytes = b"".join(metas)
    parts += [meta_bytes, be32(crc32(meta_bytes))]
    parts += [be64(len(section)), be64(len(header)), be64(len(meta_bytes)), be64(offset)]
    data = b"".join(parts)
    chunk.serialised_size = len(data)
    return data


def from_bytes(
    data: bytes, block_size: int, target_size: int, *, from_checkpoint: bool = False
) -> MemChunk:
    """newByteChunk."""
    reader = Reader(data)
    try:
        if reader.be32() != MAGIC:
            raise ChunkDecodeError("invalid magic number")
        if reader.byte() != FORMAT_V4:
            raise ChunkDecodeError("invalid version")
        chunk = MemChunk(BY_ID[reader.byte()], block_size, target_size)
        chunk.serialised_size = len(data)
        tail = Reader(data, len(data) - 32)
        section_len, section_off, metas_len, metas_off = (tail.be64() for _ in range(4))
        metas = data[metas_off : metas_off + metas_len]
        if crc32(metas) != Reader(data, metas_off + metas_len).be32():
            raise ChunkDecodeError("invalid chunk checksum")
        section = Reader(data[section_off : section_off + section_len])
        count = section.uvarint()
        if not from_checkpoint:
            section = Reader(chunk.codec.decompress(section.data[section.pos :]))
        chunk.symbolizer = Symbolizer.from_plain(count, section)
        meta = Reader(metas)
        for _ in range(meta.uvarint()):
            entries, mint, maxt = meta.uvarint(), meta.varint(), meta.varint()
            offset, uncompressed, length = meta.uvarint(), meta.uvarint(), meta.uvarint()
            block = data[offset : offset + length]
            if len(block) != length or crc32(block) != Reader(data, offset + length).be32():
                continue
            chunk.blocks.append(Block(block, entries, mint, maxt, uncompressed))
            chunk.cut_block_size += length
    except (DecodeError, KeyError) as error:
        raise ChunkDecodeError(f"invalid chunk: {error}") from error
    return chunk


def checkpoint(chunk: MemChunk) -> tuple[bytes, bytes]:
    """SerializeForCheckpointTo: (chunk bytes, head bytes); the head first, as Loki does."""
    head = chunk.head.checkpoint_bytes(chunk.symbolizer, HEAD_FORMAT)
    return to_bytes(chunk, for_checkpoint=True), head


def from_checkpoint(data: bytes, head: bytes, block_size: int, target_size: int) -> MemChunk:
    chunk = from_bytes(data, block_size, target_size, from_checkpoint=True)
    chunk.head.load_checkpoint(head, chunk.symbolizer)
    return chunk
