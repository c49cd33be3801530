"""The ingester WAL: logging pushes, checkpointing, and replay at start.

pkg/ingester/wal.go, recovery.go, ingester.go starting() at v3.6.0:

- A push is logged after it is stored in memory: first a series record for each stream it
  created, then one entries record; `log` returns once both are written to the segment file.
- Replay: the newest checkpoint's streams (chunks, last line, entry counter), then every WAL
  segment. A series record binds its fingerprint to the stream with those labels (existing or
  new); an entries record whose counter is not above the stream's entry counter is a
  duplicate and dropped whole; others are pushed again (last-line check included, no
  too-far-behind check). A record that does not decode is skipped; a torn or corrupt
  fragment ends the replay of segments (later segments included). Streams left without
  chunks are then forgotten.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sim.loki.store.checkpoint import (
    CheckpointChunk,
    SeriesState,
    checkpoint_segments,
    decode_series_state,
    encode_series_state,
    last_checkpoint,
    write_checkpoint,
)
from sim.loki.store.head import Entry
from sim.loki.store.layout import ChunkDecodeError, checkpoint, from_checkpoint
from sim.loki.store.memory import MemoryStreams
from sim.loki.store.metrics import StoreMetrics
from sim.loki.store.stream import ChunkDesc, MemStream
from sim.loki.store.walrec import (
    RecordError,
    RefColumns,
    RefEntries,
    decode_record,
    encode_entries,
    encode_series,
)
from sim.loki.store.wlog import (
    SegmentWriter,
    WALCorruption,
    read_records,
    segment_indexes,
    segment_path,
)


@dataclass
class PendingRecord:
    """What one push adds to the WAL (wal.Record): created series, then entries."""

    tenant: str
    series: list[tuple[int, str]] = field(default_factory=list)
    entries: list[RefEntries | RefColumns] = field(default_factory=list)


class WriteAheadLog:
    def __init__(self, directory: Path, segment_size: int, metrics: StoreMetrics) -> None:
        self.directory = directory
        self.metrics = metrics
        self.writer = SegmentWriter(directory, segment_size)

    def log(self, record: PendingRecord) -> None:
        """walWrapper.Log: series then entries, each its own write-log record."""
        if record.series:
            data = encode_series(record.tenant, record.series)
            self.writer.log(data)
            self.metrics.wal_records_logged += 1
            self.metrics.wal_logged_bytes += len(data)
        if record.entries:
            data = encode_entries(record.tenant, record.entries)
            self.writer.log(data)
            self.metrics.wal_records_logged += 1
            self.metrics.wal_logged_bytes += len(data)

    def checkpoint(self, streams: Iterable[MemStream]) -> None:
        records = (encode_series_state(state_of(s)) for s in streams if s.chunks)
        written, logged = write_checkpoint(self.writer, records)
        if written:
            self.metrics.checkpoint_creations += 1
            self.metrics.checkpoint_logged_bytes += logged

    def close(self) -> None:
        self.writer.close()


def state_of(stream: MemStream) -> SeriesState:
    """streamIterator.Next: a stream as a checkpoint record."""
    state = SeriesState(
        tenant=stream.tenant,
        fingerprint=stream.fingerprint,
        labels=stream.labels,
        last_ts=stream.last_ts,
        last_line=stream.last_line,
        entry_count=stream.entry_count,
        highest_ts=stream.highest_ts,
    )
    for desc in stream.chunks:
        data, head = checkpoint(desc.chunk)
        state.chunks.append(
            CheckpointChunk(data, head, desc.closed, desc.synced, desc.flushed, desc.last_updated)
        )
    return state


def recover(directory: Path, memory: MemoryStreams, metrics: StoreMetrics, now: int) -> None:
    """Checkpoint, then segments, then forget streams without chunks (recoverer.Close)."""
    refs: dict[tuple[str, int], MemStream] = {}
    found = last_checkpoint(directory)
    if found is not None:
        try:
            for data in read_records(checkpoint_segments(found[0])):
                _recover_series(data, memory, metrics, refs)
        except WALCorruption:
            metrics.wal_corruptions["checkpoint"] += 1
    paths = [segment_path(directory, index) for index in segment_indexes(directory)]
    try:
        for data in read_records(paths):
            _replay_record(data, memory, metrics, refs, now)
    except WALCorruption:
        metrics.wal_corruptions["segment"] += 1
    for stream in list(memory.all_streams()):
        if not stream.chunks:
            memory.remove(stream)


def _recover_series(
    data: bytes,
    memory: MemoryStreams,
    metrics: StoreMetrics,
    refs: dict[tuple[str, int], MemStream],
) -> None:
    try:
        state = decode_series_state(data)
        rules = memory.rules
        chunks = [
            ChunkDesc(
                from_checkpoint(c.data, c.head, rules.block_size, rules.target_size),
                closed=c.closed,
                synced=c.synced,
                flushed=c.flushed,
                last_updated=c.last_updated,
            )
            for c in state.chunks
        ]
    except (RecordError, ChunkDecodeError):
        metrics.wal_corruptions["checkpoint"] += 1
        return
    stream, created = memory.get_or_create(state.tenant, state.labels)
    metrics.memory_chunks += len(chunks) - len(stream.chunks)
    stream.chunks = chunks
    stream.last_ts, stream.last_line = state.last_ts, state.last_line
    stream.entry_count, stream.highest_ts = state.entry_count, state.highest_ts
    refs[(state.tenant, state.fingerprint)] = stream
    metrics.wal_recovered_streams += created
    metrics.wal_recovered_chunks += len(chunks)
    metrics.wal_recovered_entries += sum(d.chunk.entry_count() for d in chunks)
    metrics.wal_recovered_bytes += sum(d.chunk.uncompressed_size() for d in chunks)


def _replay_record(
    data: bytes,
    memory: MemoryStreams,
    metrics: StoreMetrics,
    refs: dict[tuple[str, int], MemStream],
    now: int,
) -> None:
    try:
        record = decode_record(data)
    except RecordError:
        return  # RecoverWAL reports the error and reads on
    for fingerprint, labels in record.series:
        stream, created = memory.get_or_create(record.tenant, labels)
        refs[(record.tenant, fingerprint)] = stream
        metrics.wal_recovered_streams += created
    for ref in record.entries:
        target = refs.get((record.tenant, ref.ref))
        if target is None:
            continue  # "stream not set during WAL replay": skipped
        if ref.counter <= target.entry_count:
            metrics.wal_duplicate_entries += len(ref.entries)
            continue
        stored: list[Entry] = memory.push(target, ref.entries, now)
        metrics.wal_recovered_entries += len(stored)
        metrics.wal_recovered_bytes += sum(len(entry[1]) for entry in stored)
