"""Flushing a chunk to the object store (pkg/ingester/flush.go flushChunks, v3.6.0).

The chunk is closed (head cut, blocks reordered), encoded with its metadata header, written
under its key, indexed (entries, uncompressed size rounded to KiB as tsdb.IndexChunk does),
and counted: `loki_ingester_chunks_flushed_total{reason}`, and per tenant the encoded size in
`loki_ingester_chunk_stored_bytes_total`.
"""

from __future__ import annotations

import os
from pathlib import Path

from sim.loki.store.chunk import MemChunk
from sim.loki.store.chunkfile import encode_chunk_file, round_to_milliseconds
from sim.loki.store.index import ChunkIndex, IndexedChunk
from sim.loki.store.layout import to_bytes
from sim.loki.store.metrics import FlushedChunk, StoreMetrics
from sim.loki.store.stream import ChunkDesc, MemStream


class Flusher:
    def __init__(self, chunks_dir: Path, index: ChunkIndex, metrics: StoreMetrics) -> None:
        self.chunks_dir = chunks_dir
        self.index = index
        self.metrics = metrics

    def __call__(self, stream: MemStream, desc: ChunkDesc, reason: str, now: int) -> None:
        chunk = desc.chunk
        chunk.close()
        start, end = chunk.bounds()
        from_ms, through_ms = round_to_milliseconds(start, end)
        key, encoded = encode_chunk_file(
            stream.tenant,
            stream.fingerprint,
            from_ms,
            through_ms,
            list(stream.pairs.items()),
            to_bytes(chunk),
        )
        relative = key.relative_path()
        write_atomically(self.chunks_dir / relative, encoded)
        uncompressed = chunk.uncompressed_size()
        self.index.add(
            IndexedChunk(
                id=key.id,
                tenant=stream.tenant,
                fingerprint=stream.fingerprint,
                labels=stream.labels,
                from_ms=from_ms,
                through_ms=through_ms,
                checksum=key.checksum,
                kb=int(uncompressed / 1024 + 0.5),  # math.Round: halves away from zero
                entries=chunk.entry_count(),
                size=len(encoded),
                path=str(relative),
                low_ns=chunk.lowest_timestamp(),
            )
        )
        desc.flushed = now
        self._count(stream.tenant, reason, chunk, len(encoded), now)

    def _count(self, tenant: str, reason: str, chunk: MemChunk, size: int, now: int) -> None:
        metrics = self.metrics
        metrics.chunks_flushed[reason] += 1
        metrics.chunk_stored_bytes[tenant] += size
        metrics.chunks_stored[tenant] += 1
        start, end = chunk.bounds()
        ratio = chunk.uncompressed_size() / size if size else 0.0
        metrics.observations.append(
            FlushedChunk(
                tenant=tenant,
                reason=reason,
                size_bytes=size,
                entries=chunk.entry_count(),
                utilization=chunk.utilization(),
                compression_ratio=ratio,
                age_seconds=(now - start) / 1e9,
                bounds_hours=(end - start) / 3.6e12,
            )
        )


def write_atomically(path: Path, data: bytes) -> None:
    """Write, fsync, rename: a crash leaves the old file or the new one, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    with temporary.open("wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)
