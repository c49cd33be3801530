"""The ingester's in-memory streams per tenant (pkg/ingester/instance.go, flush.go sweep).

Streams are created on first push with their fingerprint (a colliding fingerprint is moved
to the next free value, standing in for Loki's fingerprint mapper). The periodic sweep
(every `flush_check_period`) flushes each stream's due chunks, drops flushed chunks once
`chunk_retain_period` has passed, and forgets streams left without chunks: their last-line
duplicate check and entry counter go with them, as in Loki.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from types import MappingProxyType

from sim.loki.push.labels import parse_labels
from sim.loki.store.bulk import Batch
from sim.loki.store.fingerprint import labels_fingerprint
from sim.loki.store.head import Entry
from sim.loki.store.metrics import StoreMetrics
from sim.loki.store.stream import REASON_FORCED, ChunkDesc, ChunkRules, MemStream, should_flush

_U64 = 0xFFFFFFFFFFFFFFFF
FlushChunk = Callable[[MemStream, ChunkDesc, str, int], None]


def parse_pairs(labels: str) -> Mapping[str, str]:
    """A canonical `{a="1", b="2"}` stream string as a read-only mapping."""
    return MappingProxyType(dict(parse_labels(labels)))


class MemoryStreams:
    def __init__(self, rules: ChunkRules, metrics: StoreMetrics) -> None:
        self.rules = rules
        self.metrics = metrics
        self.tenants: dict[str, dict[str, MemStream]] = {}
        self._fingerprints: dict[str, dict[int, str]] = {}

    def streams(self, tenant: str) -> Iterator[MemStream]:
        yield from self.tenants.get(tenant, {}).values()

    def all_streams(self) -> Iterator[MemStream]:
        for streams in self.tenants.values():
            yield from streams.values()

    def get(self, tenant: str, labels: str) -> MemStream | None:
        return self.tenants.get(tenant, {}).get(labels)

    def get_or_create(self, tenant: str, labels: str) -> tuple[MemStream, bool]:
        streams = self.tenants.setdefault(tenant, {})
        stream = streams.get(labels)
        if stream is not None:
            return stream, False
        pairs = parse_pairs(labels)
        owners = self._fingerprints.setdefault(tenant, {})
        fingerprint = labels_fingerprint(pairs.items())
        while owners.get(fingerprint, labels) != labels:
            fingerprint = (fingerprint + 1) & _U64
        owners[fingerprint] = labels
        stream = MemStream(tenant, labels, pairs, fingerprint)
        streams[labels] = stream
        self.metrics.memory_streams[tenant] += 1
        return stream, True

    def push(self, stream: MemStream, entries: Iterable[Entry], now: int) -> list[Entry]:
        chunks_before, created_before = len(stream.chunks), stream.chunks_created
        stored = stream.push(entries, self.rules, now)
        self.metrics.chunks_created += stream.chunks_created - created_before
        self.metrics.memory_chunks += len(stream.chunks) - chunks_before
        return stored

    def push_batch(self, stream: MemStream, batch: Batch, now: int) -> list[Entry] | None:
        """push() of a batch; None when every entry of it was stored."""
        chunks_before, created_before = len(stream.chunks), stream.chunks_created
        stored = stream.push_batch(batch, self.rules, now)
        self.metrics.chunks_created += stream.chunks_created - created_before
        self.metrics.memory_chunks += len(stream.chunks) - chunks_before
        return stored

    def remove(self, stream: MemStream) -> None:
        streams = self.tenants.get(stream.tenant, {})
        if streams.get(stream.labels) is stream:
            del streams[stream.labels]
            self._fingerprints[stream.tenant].pop(stream.fingerprint, None)
            self.metrics.memory_streams[stream.tenant] -= 1
            self.metrics.memory_chunks -= len(stream.chunks)

    def sweep(self, now: int, immediate: bool, retain_ns: int, flush: FlushChunk) -> None:
        """sweepUsers: flush what is due (everything when immediate), then prune."""
        for stream in list(self.all_streams()):
            self._sweep_stream(stream, now, immediate, flush)
            self._remove_flushed(stream, now, retain_ns)

    def _sweep_stream(
        self, stream: MemStream, now: int, immediate: bool, flush: FlushChunk
    ) -> None:
        if not stream.chunks:
            return
        last_due = should_flush(stream.chunks[-1], self.rules, now)
        if len(stream.chunks) == 1 and not immediate and not last_due:
            return
        for desc in stream.chunks:  # collectChunksToFlush
            reason = should_flush(desc, self.rules, now)
            if not (immediate or reason):
                continue
            desc.closed = True
            if desc.flushed is None:
                desc.reason = REASON_FORCED if immediate else reason
                flush(stream, desc, desc.reason, now)

    def _remove_flushed(self, stream: MemStream, now: int, retain_ns: int) -> None:
        """removeFlushedChunks, with mayRemoveStreams."""
        removed = 0
        while stream.chunks:
            flushed = stream.chunks[0].flushed
            if flushed is None or now - flushed < retain_ns:
                break
            stream.chunks.pop(0)
            removed += 1
        self.metrics.memory_chunks -= removed
        if not stream.chunks:
            self.remove(stream)
