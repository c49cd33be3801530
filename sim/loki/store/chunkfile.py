"""A flushed chunk as the filesystem object store holds it (pkg/storage/chunk/chunk.go).

Chunk.EncodeTo writes: 4-byte length, the chunk's JSON metadata in the framed snappy format,
4-byte data length, then the MemChunk bytes. `len()` of that is what the ingester counts in
`loki_ingester_chunk_stored_bytes_total` and `loki_ingester_chunk_size_bytes`. The chunk's
key is `<tenant>/<fingerprint hex>/<from hex>:<through hex>:<checksum hex>` (schema v12+),
from/through being the entry bounds rounded out to milliseconds; on the filesystem the part
after the last `/` is base64-encoded (FSEncoder). Identical chunks get identical keys, so a
chunk flushed twice is stored once.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from pathlib import Path
from zlib import crc32

import cramjam

from sim.loki.store.varint import Reader, be32

LOGS_METRIC_NAME = "logs"  # flush.go: the chunk metric gets __name__="logs"
LOG_CHUNK_ENCODING = 129  # chunkenc.LogChunk


@dataclass(frozen=True, slots=True)
class ChunkKey:
    tenant: str
    fingerprint: int
    from_ms: int
    through_ms: int
    checksum: int

    @property
    def id(self) -> str:
        """SchemaConfig.ExternalKey for schema v12 and later."""
        return (
            f"{self.tenant}/{self.fingerprint:x}/"
            f"{self.from_ms:x}:{self.through_ms:x}:{self.checksum:x}"
        )

    def relative_path(self) -> Path:
        return path_of_id(self.id)


def path_of_id(chunk_id: str) -> Path:
    """The file of a chunk key (FSEncoder), for deleting a chunk known only by its key."""
    head, _, tail = chunk_id.rpartition("/")
    return Path(head) / base64.b64encode(tail.encode()).decode()


def round_to_milliseconds(start_ns: int, end_ns: int) -> tuple[int, int]:
    """util.RoundToMilliseconds: start truncated, end rounded up to the next millisecond."""
    from_ms = _go_div(start_ns, 1_000_000)
    through_ms = _go_div(end_ns, 1_000_000)
    if (end_ns % 1_000_000_000) % 1_000_000:
        through_ms += 1
    return from_ms, through_ms


def _go_div(value: int, divisor: int) -> int:
    """Go's integer division truncates toward zero."""
    return value // divisor if value >= 0 else -(-value // divisor)


def _model_time(ms: int) -> str:
    """model.Time's JSON: seconds as Go's FormatFloat(x, 'f', -1, 64)."""
    text = repr(ms / 1000)
    if "e" in text or "E" in text:
        text = f"{ms / 1000:f}".rstrip("0").rstrip(".")
    return text[:-2] if text.endswith(".0") else text


def _metadata_json(key: ChunkKey, pairs: list[tuple[str, str]]) -> bytes:
    metric = dict(pairs)
    metric["__name__"] = LOGS_METRIC_NAME
    labels = json.dumps(metric, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    labels = labels.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    text = (
        f'{{"fingerprint":{key.fingerprint},"userID":{json.dumps(key.tenant)},'
        f'"from":{_model_time(key.from_ms)},"through":{_model_time(key.through_ms)},'
        f'"metric":{labels},"encoding":{LOG_CHUNK_ENCODING}}}\n'
    )
    return text.encode("utf-8", "surrogateescape")


def encode_chunk_file(
    tenant: str,
    fingerprint: int,
    from_ms: int,
    through_ms: int,
    pairs: list[tuple[str, str]],
    data: bytes,
) -> tuple[ChunkKey, bytes]:
    """Chunk.EncodeTo; the checksum (part of the key) is taken over the encoded bytes."""
    key = ChunkKey(tenant, fingerprint, from_ms, through_ms, 0)
    metadata = bytes(cramjam.snappy.compress(_metadata_json(key, pairs)))
    encoded = be32(len(metadata) + 4) + metadata + be32(len(data)) + data
    return ChunkKey(tenant, fingerprint, from_ms, through_ms, crc32(encoded)), encoded


def chunk_data(encoded: bytes) -> bytes:
    """The MemChunk bytes inside an encoded chunk."""
    reader = Reader(encoded)
    metadata_len = reader.be32()
    reader.pos = metadata_len
    return reader.take(reader.be32())
