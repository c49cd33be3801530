"""/loki/api/v1/index/stats: streams, chunks, entries and bytes a query would touch.

Two halves, summed (stats.MergeStats), so a stream both in memory and flushed counts twice:

- Ingester (instance.go getStats): unflushed chunks of streams overlapping the range, with
  `from < chunk end and through > chunk start`; entries and uncompressed bytes scaled by the
  share of the chunk's time span the range covers (util.GetFactorOfTime), truncated.
- Store (tsdb Stats): per daily table the range touches, each indexed chunk overlapping it
  adds its KiB-rounded size and entry count, each scaled and truncated; a series counts once
  (bloom-deduplicated) if its scaled entries in a table are above 0. A chunk indexed in two
  tables the range touches is counted in both, as Loki does.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sim.loki.store.index import IndexedStream, table_of
from sim.loki.store.merge import factor_of_time
from sim.loki.store.stream import MemStream


@dataclass(frozen=True)
class IndexStats:
    streams: int = 0
    chunks: int = 0
    entries: int = 0
    bytes: int = 0

    def __add__(self, other: IndexStats) -> IndexStats:
        return IndexStats(
            self.streams + other.streams,
            self.chunks + other.chunks,
            self.entries + other.entries,
            self.bytes + other.bytes,
        )


def ingester_stats(streams: Iterable[MemStream], from_ms: int, through_ms: int) -> IndexStats:
    start, end = from_ms * 1_000_000, through_ms * 1_000_000
    total_streams = chunks = entries = size = 0
    for stream in streams:
        first, last = stream.bounds()
        if not (end > first and start <= last):
            continue
        overlapping = False
        for desc in stream.chunks:
            low, high = desc.chunk.bounds()
            if desc.flushed is None and start < high and end > low:
                overlapping = True
                chunks += 1
                factor = factor_of_time(start, end, low, high)
                entries += int(factor * desc.chunk.entry_count())
                size += int(factor * desc.chunk.uncompressed_size())
        total_streams += overlapping
    return IndexStats(total_streams, chunks, entries, size)


def store_stats(streams: Iterable[IndexedStream], from_ms: int, through_ms: int) -> IndexStats:
    seen: set[int] = set()
    chunks = entries = kib = 0
    listed = list(streams)
    for table in range(table_of(from_ms), table_of(through_ms) + 1):
        for stream in listed:
            series_chunks = series_entries = series_kib = 0
            fingerprint = 0
            for chunk in stream.chunks.values():
                if table not in chunk.tables or not chunk.overlaps(from_ms, through_ms):
                    continue
                factor = factor_of_time(from_ms, through_ms, chunk.from_ms, chunk.through_ms)
                series_chunks += 1
                series_kib += int(chunk.kb * factor)
                series_entries += int(chunk.entries * factor)
                fingerprint = chunk.fingerprint
            if series_entries > 0:
                seen.add(fingerprint)
                chunks += series_chunks
                entries += series_entries
                kib += series_kib
    return IndexStats(len(seen), chunks, entries, kib << 10)
