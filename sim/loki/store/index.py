"""The index of flushed chunks: per tenant, per stream, per daily table (TSDB, 24h period).

A flushed chunk is indexed in every daily table its [from, through] (ms) touches
(tsdb.IndexBuckets). A query over [from, through] reads the tables it touches and keeps the
chunks that overlap it (`from <= chunk.through and through > chunk.from`, tsdb index.go
overlap). Retention removes a chunk from one table at a time, so a chunk dropped from older
tables stays visible to queries reaching its remaining tables. Each chunk carries the
TSDB ChunkMeta facts index stats use: entry count and uncompressed size rounded to KiB.

Persisted as an append-only log of adds and drops (one JSON object per line); a torn last
line is ignored on load, like a torn WAL tail.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

DAY_MS = 86_400_000


def table_of(ms: int) -> int:
    """The daily table number holding a millisecond timestamp."""
    return ms // DAY_MS


@dataclass(slots=True)
class IndexedChunk:
    id: str
    tenant: str
    fingerprint: int
    labels: str
    from_ms: int
    through_ms: int
    checksum: int
    kb: int
    entries: int
    size: int  # encoded bytes on disk
    path: str  # relative to the chunks directory
    tables: set[int] = field(default_factory=set)
    # lokisim's own: the chunk's smallest entry timestamp (ns), which from_ms can exceed (an
    # empty line does not move a head block's mint, head.py); lets a forward read open
    # chunks in order instead of all at once. None for indexes written before it existed.
    low_ns: int | None = None

    def overlaps(self, from_ms: int, through_ms: int) -> bool:
        return from_ms <= self.through_ms and through_ms > self.from_ms


@dataclass(slots=True)
class IndexedStream:
    labels: str
    chunks: dict[str, IndexedChunk] = field(default_factory=dict)


class ChunkIndex:
    """All tenants' flushed chunks, by tenant and stream labels."""

    def __init__(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self.path = directory / "chunks.log"
        self.tenants: dict[str, dict[str, IndexedStream]] = {}
        self.by_id: dict[str, IndexedChunk] = {}
        self._load()
        self.fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)

    def _load(self) -> None:
        if not self.path.exists():
            return
        for raw in self.path.read_bytes().splitlines():
            try:
                record = json.loads(raw)
            except ValueError:
                continue
            if record.get("op") == "add":
                self._add(_chunk_from(record))
            elif record.get("op") == "drop":
                self._drop(record["id"], record["table"])

    def _write(self, record: dict[str, object]) -> None:
        os.write(self.fd, json.dumps(record, separators=(",", ":")).encode() + b"\n")

    def add(self, chunk: IndexedChunk) -> bool:
        """Index a flushed chunk in each table it touches; False if already indexed."""
        if chunk.id in self.by_id:
            return False
        chunk.tables = set(range(table_of(chunk.from_ms), table_of(chunk.through_ms) + 1))
        self._add(chunk)
        self._write(_record_of(chunk))
        return True

    def _add(self, chunk: IndexedChunk) -> None:
        streams = self.tenants.setdefault(chunk.tenant, {})
        stream = streams.setdefault(chunk.labels, IndexedStream(chunk.labels))
        stream.chunks[chunk.id] = chunk
        self.by_id[chunk.id] = chunk

    def drop(self, chunk_id: str, table: int) -> bool:
        """RemoveChunk from one table; True if it was indexed there."""
        if not self._drop(chunk_id, table):
            return False
        self._write({"op": "drop", "id": chunk_id, "table": table})
        return True

    def _drop(self, chunk_id: str, table: int) -> bool:
        chunk = self.by_id.get(chunk_id)
        if chunk is None or table not in chunk.tables:
            return False
        chunk.tables.discard(table)
        if not chunk.tables:
            del self.by_id[chunk_id]
            streams = self.tenants[chunk.tenant]
            del streams[chunk.labels].chunks[chunk_id]
            if not streams[chunk.labels].chunks:
                del streams[chunk.labels]
        return True

    def streams(self, tenant: str) -> Iterator[IndexedStream]:
        yield from self.tenants.get(tenant, {}).values()

    def stream(self, tenant: str, labels: str) -> IndexedStream | None:
        return self.tenants.get(tenant, {}).get(labels)

    def visible(self, stream: IndexedStream, from_ms: int, through_ms: int) -> list[IndexedChunk]:
        """Chunks a query over [from, through] finds through the tables it reads."""
        first, last = table_of(from_ms), table_of(through_ms)
        return [
            chunk
            for chunk in stream.chunks.values()
            if chunk.overlaps(from_ms, through_ms)
            and any(first <= table <= last for table in chunk.tables)
        ]

    def in_tables(self, stream: IndexedStream, from_ms: int, through_ms: int) -> bool:
        """Whether the stream is in a table the range touches (what label queries read)."""
        first, last = table_of(from_ms), table_of(through_ms)
        return any(
            first <= table <= last for chunk in stream.chunks.values() for table in chunk.tables
        )

    def tables(self) -> list[int]:
        return sorted({table for chunk in self.by_id.values() for table in chunk.tables})

    def compact(self) -> None:
        """Rewrite the log with only the live chunks."""
        temporary = self.path.with_suffix(".tmp")
        with temporary.open("wb") as handle:
            for chunk in self.by_id.values():
                record = _record_of(chunk)
                record["tables"] = sorted(chunk.tables)
                handle.write(json.dumps(record, separators=(",", ":")).encode() + b"\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.close(self.fd)
        os.replace(temporary, self.path)
        self.fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)

    def close(self) -> None:
        if self.fd >= 0:
            os.fsync(self.fd)
            os.close(self.fd)
            self.fd = -1


def _record_of(chunk: IndexedChunk) -> dict[str, object]:
    return {
        "op": "add",
        "id": chunk.id,
        "tenant": chunk.tenant,
        "fp": chunk.fingerprint,
        "labels": chunk.labels,
        "from": chunk.from_ms,
        "through": chunk.through_ms,
        "checksum": chunk.checksum,
        "kb": chunk.kb,
        "entries": chunk.entries,
        "size": chunk.size,
        "path": chunk.path,
        **({"low": chunk.low_ns} if chunk.low_ns is not None else {}),
    }


def _chunk_from(record: dict[str, object]) -> IndexedChunk:
    def number(name: str) -> int:
        value = record[name]
        assert isinstance(value, int)
        return value

    chunk = IndexedChunk(
        id=str(record["id"]),
        tenant=str(record["tenant"]),
        fingerprint=number("fp"),
        labels=str(record["labels"]),
        from_ms=number("from"),
        through_ms=number("through"),
        checksum=number("checksum"),
        kb=number("kb"),
        entries=number("entries"),
        size=number("size"),
        path=str(record["path"]),
    )
    low = record.get("low")
    chunk.low_ns = low if isinstance(low, int) else None
    tables = record.get("tables")
    if isinstance(tables, list):
        chunk.tables = {int(table) for table in tables}
    else:
        chunk.tables = set(range(table_of(chunk.from_ms), table_of(chunk.through_ms) + 1))
    return chunk
