"""The embedded Loki's storage engine: one object the server and the LogQL evaluator use.

Layout under `data_dir`: `wal/` (segments and checkpoints), `chunks/<tenant>/<fp>/<key>`
(flushed chunks), `index/chunks.log`, `compactor/retention/markers/`. Opening replays the
WAL. `tick()` runs what Loki's goroutines run on timers: the flush sweep every
`flush_check_period`, a checkpoint every `checkpoint_duration`, and with retention enabled
the mark phase (first after one `compaction_interval`, then every apply interval) and the
sweeper (every minute). Single-threaded: every call comes from the server's event loop.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from sim.errors import ToolError
from sim.loki.store.bulk import Batch
from sim.loki.store.codec import parse_codec
from sim.loki.store.compactor import Compactor, RetentionResult
from sim.loki.store.config import StoreConfig
from sim.loki.store.flush import Flusher
from sim.loki.store.head import Entry, Metadata
from sim.loki.store.index import ChunkIndex
from sim.loki.store.lazyrun import merged_slices
from sim.loki.store.memory import MemoryStreams
from sim.loki.store.merge import dedupe_slices
from sim.loki.store.metrics import StoreMetrics
from sim.loki.store.reader import ChunkCache, Reader, Sources, StreamMatcher
from sim.loki.store.stats import IndexStats, ingester_stats, store_stats
from sim.loki.store.stream import ChunkRules
from sim.loki.store.wal import PendingRecord, WriteAheadLog, recover
from sim.loki.store.walrec import RefColumns, RefEntries

_S = 1_000_000_000
_SWEEP_EVERY_NS = 60 * _S  # retention.minListMarkDelay


class StoreClosed(ToolError):
    """The store was used after close()."""


@dataclass(frozen=True)
class StreamState:
    """What the push path's per-stream checks need after a restart."""

    last_ts: int | None
    last_line: bytes
    highest_ts: int | None
    entry_count: int


class Store:
    """Loki 3.6's ingester + chunk store + compactor retention, for one single binary.

    `labels` arguments are canonical stream strings (`{a="1", b="2"}`, as the push path
    prints them); entries are `(unix ns, line bytes, structured metadata pairs)` already
    validated by the push path. A labels string that does not parse raises ValueError.
    """

    def __init__(
        self,
        data_dir: Path,
        cfg: StoreConfig | None = None,
        *,
        clock: Callable[[], float] = time.time,
        config_path: str = "",
    ) -> None:
        self.cfg = cfg = cfg or StoreConfig()
        cfg.validate(config_path)
        self.clock = clock
        self.metrics = StoreMetrics()
        self.rules = ChunkRules(
            codec=parse_codec(cfg.chunk_encoding),
            block_size=cfg.chunk_block_size,
            target_size=cfg.chunk_target_size,
            idle_ns=int(cfg.chunk_idle_period_s * _S),
            max_age_ns=int(cfg.max_chunk_age_s * _S),
            sync_period_ns=int(cfg.sync_period_s * _S),
            sync_min_utilization=cfg.sync_min_utilization,
            background_compression=cfg.background_compression,
        )
        data_dir.mkdir(parents=True, exist_ok=True)
        self.memory = MemoryStreams(self.rules, self.metrics)
        self.index = ChunkIndex(data_dir / "index")
        self.chunks_dir = data_dir / "chunks"
        self.flusher = Flusher(self.chunks_dir, self.index, self.metrics)
        self.cache = ChunkCache(self.chunks_dir, cfg.chunk_block_size, cfg.chunk_target_size)
        self.reader = Reader(self.memory, self.index, self.cache)
        self.compactor = Compactor(
            cfg.retention_enabled,
            cfg.retention_policies(config_path),
            int(cfg.retention_delete_delay_s * _S),
            (self.index, self.cache, self.chunks_dir),
            self.reader.pairs,
            self.metrics,
        )
        now = self._now()
        self.wal: WriteAheadLog | None = None
        if cfg.wal_enabled:
            wal_dir = cfg.wal_dir or data_dir / "wal"
            started = time.perf_counter()
            recover(wal_dir, self.memory, self.metrics, now)
            self.metrics.wal_replay_duration_seconds = time.perf_counter() - started
            self.wal = WriteAheadLog(wal_dir, cfg.wal_segment_size, self.metrics)
        self._next_flush = now + int(cfg.flush_check_period_s * _S)
        self._next_checkpoint = now + int(cfg.checkpoint_interval_s * _S)
        self._next_retention = self._next_sweep = now + int(cfg.compaction_interval_s * _S)
        self._closed = False

    def _now(self) -> int:
        return int(self.clock() * _S)

    def _check_open(self) -> None:
        if self._closed:
            raise StoreClosed("the Loki store is closed")

    # --- write path ---------------------------------------------------------------------
    def append(self, tenant: str, labels: str, entries: Sequence[Entry]) -> None:
        """Store one stream's validated entries; WAL-logged before returning."""
        self.append_many(tenant, [(labels, entries)])

    def append_many(self, tenant: str, streams: Sequence[tuple[str, Sequence[Entry]]]) -> None:
        """One push request of a tenant: one WAL record for all its streams, as Loki logs."""
        self._check_open()
        now = self._now()
        record = PendingRecord(tenant)
        for labels, entries in streams:
            stream, created = self.memory.get_or_create(tenant, labels)
            if created:
                record.series.append((stream.fingerprint, labels))
            stored = self.memory.push(stream, entries, now)
            if stored:
                record.entries.append(RefEntries(stream.fingerprint, stream.entry_count, stored))
        if self.wal is not None:
            self.wal.log(record)

    def append_columns(
        self,
        tenant: str,
        streams: Sequence[tuple[str, list[int], list[bytes], list[Metadata]]],
    ) -> None:
        """append_many with each stream's entries as columns: timestamps, lines, metadata."""
        self._check_open()
        now = self._now()
        record = PendingRecord(tenant)
        for labels, stamps, lines, metas in streams:
            stream, created = self.memory.get_or_create(tenant, labels)
            if created:
                record.series.append((stream.fingerprint, labels))
            batch = Batch(stamps, lines, metas)
            stored = self.memory.push_batch(stream, batch, now)
            ref, counter = stream.fingerprint, stream.entry_count
            if stored is None:  # every entry (if any) was stored
                if stamps:
                    columns = (stamps, lines, metas, batch.line_lengths)
                    record.entries.append(RefColumns(ref, counter, *columns))
            elif stored:
                record.entries.append(RefEntries(ref, counter, stored))
        if self.wal is not None:
            self.wal.log(record)

    # --- read path ----------------------------------------------------------------------
    def _ingesters(self, end_ns: int) -> bool:
        within = self.cfg.query_ingesters_within_s
        return within <= 0 or end_ns > self._now() - int(within * _S)

    def sources(
        self,
        tenant: str,
        matchers: StreamMatcher | None,
        start_ns: int,
        end_ns: int,
        *,
        labels_only: bool = False,
    ) -> dict[str, Sources]:
        """The matching streams' chunks for [start, end), the ingesters' included only when
        the range ends within `query_ingesters_within` (the querier's rule); `labels_only`:
        the wider rules of label name and value queries."""
        self._check_open()
        ingesters = self._ingesters(end_ns)
        return self.reader.sources(
            tenant, matchers, start_ns, end_ns, ingesters, labels_only=labels_only
        )

    def select(
        self,
        tenant: str,
        matchers: StreamMatcher | None,
        start_ns: int,
        end_ns: int,
        *,
        direction: Literal["forward", "backward"] = "forward",
        line_filter: Callable[[bytes], bool] | None = None,
    ) -> Iterator[tuple[Mapping[str, str], Iterator[Entry]]]:
        """Streams with entries in [start, end), by labels; entries in `direction` order."""
        if direction not in ("forward", "backward"):
            raise ValueError(f"direction must be forward or backward, got {direction!r}")
        found = self.sources(tenant, matchers, start_ns, end_ns)
        backward = direction == "backward"
        for labels in sorted(found):
            sources = found[labels]
            runs = self.reader.lazy_runs(sources, start_ns, end_ns, backward)
            slices = dedupe_slices(merged_slices(runs, backward), line_filter)
            entries = itertools.chain.from_iterable(slices)
            first = next(entries, None)
            if first is not None:
                yield sources.pairs, itertools.chain((first,), entries)

    def series(
        self, tenant: str, matchers: StreamMatcher | None, start_ns: int, end_ns: int
    ) -> list[Mapping[str, str]]:
        found = self.sources(tenant, matchers, start_ns, end_ns)
        return [found[labels].pairs for labels in sorted(found)]

    def label_names(self, tenant: str, start_ns: int, end_ns: int) -> list[str]:
        found = self.sources(tenant, None, start_ns, end_ns, labels_only=True)
        return sorted({name for sources in found.values() for name in sources.pairs})

    def label_values(
        self,
        tenant: str,
        name: str,
        start_ns: int,
        end_ns: int,
        matchers: StreamMatcher | None = None,
    ) -> list[str]:
        found = self.sources(tenant, matchers, start_ns, end_ns, labels_only=True)
        values = {sources.pairs.get(name, "") for sources in found.values()}
        return sorted(values - {""})

    def stats(
        self, tenant: str, matchers: StreamMatcher | None, start_ns: int, end_ns: int
    ) -> IndexStats:
        self._check_open()
        from_ms, through_ms = start_ns // 1_000_000, end_ns // 1_000_000
        total = IndexStats()
        if self._ingesters(end_ns):
            streams = self.memory.streams(tenant)
            matched = [s for s in streams if matchers is None or matchers(s.pairs)]
            total += ingester_stats(matched, from_ms, through_ms)
        stored = [
            s
            for s in self.index.streams(tenant)
            if matchers is None or matchers(self.reader.pairs(s.labels))
        ]
        return total + store_stats(stored, from_ms, through_ms)

    def stream_state(self, tenant: str, labels: str) -> StreamState | None:
        stream = self.memory.get(tenant, labels)
        if stream is None:
            return None
        return StreamState(stream.last_ts, stream.last_line, stream.highest_ts, stream.entry_count)

    def memory_streams(self, tenant: str) -> list[str]:
        """Labels of the tenant's streams in memory (what counts against the stream limit)."""
        return [stream.labels for stream in self.memory.streams(tenant)]

    # --- timers -------------------------------------------------------------------------
    def tick(self) -> None:
        self._check_open()
        now = self._now()
        if now >= self._next_flush:
            self.flush(now=now)
            self._next_flush = _advance(self._next_flush, self.cfg.flush_check_period_s, now)
        if self.wal is not None and now >= self._next_checkpoint:
            self.wal.checkpoint(self.memory.all_streams())
            self._next_checkpoint = _advance(
                self._next_checkpoint, self.cfg.checkpoint_interval_s, now
            )
        if self.cfg.retention_enabled and now >= self._next_retention:
            self.compactor.mark(now)
            interval = self.cfg.effective_retention_interval_s()
            self._next_retention = _advance(self._next_retention, interval, now)
        if self.cfg.retention_enabled and now >= self._next_sweep:
            self.compactor.sweep(now)
            self._next_sweep = _advance(self._next_sweep, _SWEEP_EVERY_NS / _S, now)

    def flush(self, *, immediate: bool = False, now: int | None = None) -> None:
        """One flush sweep (`immediate`: everything, reason `forced`, like /flush)."""
        self._check_open()
        retain = int(self.cfg.chunk_retain_period_s * _S)
        when = self._now() if now is None else now
        self.memory.sweep(when, immediate, retain, self.flusher)

    def checkpoint(self) -> None:
        self._check_open()
        if self.wal is not None:
            self.wal.checkpoint(self.memory.all_streams())

    def apply_retention(self, now_ns: int) -> RetentionResult:
        """A compactor pass at `now_ns`: mark expired chunks, then sweep old enough marks."""
        self._check_open()
        return self.compactor.apply(now_ns)

    def close(self, *, flush: bool | None = None) -> None:
        """Shut down. `flush=None` does what Loki does: flush chunks only when
        `flush_on_shutdown` is set or the WAL is disabled; the WAL keeps the rest."""
        if self._closed:
            return
        if flush is None:
            flush = self.cfg.flush_on_shutdown or not self.cfg.wal_enabled
        if flush:
            self.flush(immediate=True)
        if self.wal is not None:
            self.wal.close()
        self.index.close()
        self._closed = True


def _advance(due: int, period_s: float, now: int) -> int:
    """A Go ticker: the next multiple of the period after now (missed ticks are dropped)."""
    period = max(1, int(period_s * _S))
    missed = (now - due) // period + 1
    return due + missed * period
