"""One stream in the ingester: its chunks and when they are cut and flushed.

pkg/ingester/stream.go (Push, storeEntries, cutChunk, cutChunkForSynchronization) and
flush.go (shouldFlushChunk) at v3.6.0:

- An entry equal in timestamp and line to the stream's last accepted entry is dropped
  (this check survives chunk cuts and flushes, not the stream's removal).
- Before each entry, a new chunk is cut when the current one is closed, has no space for the
  entry, or the entry rolls over a synchronisation point: `sync_period` (1h) offset by the
  stream fingerprint, and only when the chunk is more than `sync_min_utilization` (0.1) used.
- Every stored entry, duplicates of the head block included, advances the entry counter that
  WAL records carry, the last line and the highest timestamp.
- A chunk is due for flushing when closed (`full`, or `synced`), idle for more than
  `chunk_idle_period` since its last append (`idle`), or when its entries span more than
  `max_chunk_age` (`max_age`, measured on entry timestamps, not wall time).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from sim.loki.store.bulk import Batch, append_run, run_end
from sim.loki.store.chunk import MemChunk
from sim.loki.store.codec import Codec
from sim.loki.store.head import Entry

_U64 = 0xFFFFFFFFFFFFFFFF

REASON_IDLE = "idle"
REASON_MAX_AGE = "max_age"
REASON_FORCED = "forced"
REASON_FULL = "full"
REASON_SYNCED = "synced"


@dataclass(frozen=True)
class ChunkRules:
    """The ingester settings that decide chunk boundaries (all times in nanoseconds)."""

    codec: Codec
    block_size: int
    target_size: int
    idle_ns: int
    max_age_ns: int
    sync_period_ns: int
    sync_min_utilization: float
    background_compression: bool = False

    def new_chunk(self) -> MemChunk:
        return MemChunk(
            self.codec, self.block_size, self.target_size, background=self.background_compression
        )


@dataclass(slots=True)
class ChunkDesc:
    """chunkDesc: a chunk with its flush state; times are Unix ns, None for Go's zero time."""

    chunk: MemChunk
    closed: bool = False
    synced: bool = False
    flushed: int | None = None
    reason: str = ""
    last_updated: int | None = None


@dataclass(slots=True)
class MemStream:
    """A stream held by the ingester."""

    tenant: str
    labels: str
    pairs: Mapping[str, str]
    fingerprint: int
    chunks: list[ChunkDesc] = field(default_factory=list)
    last_ts: int | None = None
    last_line: bytes = b""
    highest_ts: int | None = None
    entry_count: int = 0
    chunks_created: int = 0  # loki_ingester_chunks_created_total contributions
    sync_until: int = -1  # no synchronisation point before this timestamp (see push)

    def push(self, entries: Iterable[Entry], rules: ChunkRules, now: int) -> list[Entry]:
        """validateEntries' duplicate check, then storeEntries; returns what was stored."""
        items = entries if isinstance(entries, list) else list(entries)
        batch = Batch.of(items)
        stored = self.push_batch(batch, rules, now)
        return items[:] if stored is None else stored

    def push_batch(self, batch: Batch, rules: ChunkRules, now: int) -> list[Entry] | None:
        """push() of a batch; returns what was stored, or None when that is every entry.

        Runs of in-order entries are appended in bulk (bulk.py); the loop inlines
        MemChunk.space_for and HeadBlock.append for the other entries without metadata:
        it is the whole ingest path, and calls dominate its cost in Python.
        """
        if not self.chunks:
            self.chunks.append(ChunkDesc(rules.new_chunk()))
            self.chunks_created += 1
        desc = self.chunks[-1]
        chunk = desc.chunk
        head = chunk.head
        target, block_size, period = rules.target_size, rules.block_size, rules.sync_period_ns
        last_ts, last_line = self.last_ts, self.last_line
        highest = self.highest_ts
        # what was stored: runs of the batch (start, end) and single entries, in order
        stored: list[tuple[int, int] | Entry] = []
        stored_count = 0
        stamps, lines, metas = batch.stamps, batch.lines, batch.metas
        index, count = 0, len(stamps)
        bulk_from = count if count < 2 else batch.ordered_from
        while index < count:
            if index >= bulk_from and not desc.closed:
                ts = stamps[index]
                until: int | None = None
                if period > 0 and highest is not None and ts >= highest:
                    until = self.sync_until
                    if until <= highest:
                        until = self.sync_until = next_sync_point(highest, self.fingerprint, period)
                ready = ts > head.maxt and (until is not None or period <= 0)
                if ready and not (ts == last_ts and lines[index] == last_line):
                    end = run_end(batch, index, chunk, until)
                    if end > index:
                        append_run(batch, index, end, chunk)
                        head = chunk.head
                        stored.append((index, end))
                        stored_count += end - index
                        index = end
                        last_ts, last_line = stamps[end - 1], lines[end - 1]
                        if highest is None or highest < last_ts:
                            highest = last_ts
                        continue
            ts, line, metadata = stamps[index], lines[index], metas[index]
            entry = (ts, line, metadata)
            index += 1
            if ts == last_ts and line == last_line:
                continue
            last_ts, last_line = ts, line
            if target > 0 and not metadata:
                known = chunk.symbolizer.size + chunk.cut_block_size + head.size + len(line)
                fits = known + chunk.pending_bound < target or chunk.space_for(line, metadata)
            else:
                fits = chunk.space_for(line, metadata)
            cut = desc.closed or not fits
            if not cut and period > 0 and highest is not None and ts >= highest:
                until = self.sync_until
                if until <= highest:
                    until = self.sync_until = next_sync_point(highest, self.fingerprint, period)
                cut = ts >= until and self._sync_cut(ts, highest, desc, rules)
            if cut:
                if stored_count:
                    desc.last_updated = now
                desc = self.cut_chunk(rules)
                chunk = desc.chunk
                head = chunk.head
            seen = head.index()
            if metadata or ts in seen:
                head.append(ts, line, metadata, chunk.symbolizer)
            else:  # HeadBlock.append without the duplicate and metadata branches
                seen[ts] = line
                if head.size == 0 or head.mint > ts:
                    head.mint = ts
                if head.maxt < ts:
                    head.maxt = ts
                timestamps = head.ts
                if timestamps and ts < timestamps[-1]:
                    head.ordered = False
                timestamps.append(ts)
                head.lines.append(line)
                head.metas.append(metadata)
                head.size += len(line)
                head.indexed = len(timestamps)
            if head.size >= block_size:
                chunk.cut()
                head = chunk.head
            if highest is None or highest < ts:
                highest = ts
            stored.append(entry)
            stored_count += 1
        if stored_count:
            desc.last_updated = now
            self.entry_count += stored_count
            self.highest_ts = highest
            self.last_ts, self.last_line = last_ts, last_line
        if stored_count == count:
            return None
        return _listed(batch, stored)

    def _sync_cut(self, ts: int, highest: int | None, desc: ChunkDesc, rules: ChunkRules) -> bool:
        """cutChunkForSynchronization; marks the chunk synced when it cuts."""
        period = rules.sync_period_ns
        if period <= 0 or highest is None or highest > ts:
            return False
        fingerprint = self.fingerprint
        current = (((ts & _U64) + fingerprint) & _U64) % period
        previous = (((highest & _U64) + fingerprint) & _U64) % period
        if current >= previous:
            return False
        if rules.sync_min_utilization > 0 and (
            desc.chunk.utilization() <= rules.sync_min_utilization
        ):
            return False
        desc.synced = True
        return True

    def cut_chunk(self, rules: ChunkRules) -> ChunkDesc:
        current = self.chunks[-1]
        current.chunk.close()
        current.closed = True
        self.chunks_created += 1
        desc = ChunkDesc(rules.new_chunk())
        self.chunks.append(desc)
        return desc

    def bounds(self) -> tuple[int, int]:
        """stream.Bounds: first chunk's start, last chunk's end (0, 0 without chunks)."""
        if not self.chunks:
            return 0, 0
        return self.chunks[0].chunk.bounds()[0], self.chunks[-1].chunk.bounds()[1]


def _listed(batch: Batch, stored: list[tuple[int, int] | Entry]) -> list[Entry]:
    """The stored entries: runs of the batch by (start, end), single entries as they are."""
    entries: list[Entry] = []
    for item in stored:
        if isinstance(item[1], int):
            entries += batch.entries[item[0] : item[1]]
        else:
            entries.append(item)
    return entries


def next_sync_point(highest: int, fingerprint: int, period: int) -> int:
    """The first timestamp after `highest` whose (ts + fp) mod period can be smaller.

    Until it, (ts + fp) mod period only grows with ts, so no synchronisation cut is due.
    """
    offset = ((highest & _U64) + fingerprint) & _U64
    distance = min(period - offset % period, (1 << 64) - offset)
    if highest < 0:
        distance = min(distance, -highest)  # uint64(ts) jumps where ts crosses 0
    return highest + distance


def should_flush(desc: ChunkDesc, rules: ChunkRules, now: int) -> str:
    """shouldFlushChunk: the reason this chunk is due for flushing, or ""."""
    if desc.closed:
        return REASON_SYNCED if desc.synced else REASON_FULL
    last = desc.last_updated
    if last is None or now - last > rules.idle_ns:
        return REASON_IDLE
    start, end = desc.chunk.bounds()
    if end - start > rules.max_age_ns:
        return REASON_MAX_AGE
    return ""
