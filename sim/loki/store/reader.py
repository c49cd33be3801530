"""The read path: what the querier gets from the ingester and from the store together.

pkg/querier/intervals.go (v3.6.0): the ingester is asked only when the query ends within
`query_ingesters_within` of now (0: always); the store is always asked, for the whole range.
In the ingester, a stream counts for series/stats when its bounds overlap the range
(shouldConsiderStream); label names and values come from every stream in memory. From the
store, a stream counts for queries and series when one of its indexed chunks is visible for
the range, and for label names and values when it is in any daily table the range touches
(tsdb LabelNames/LabelValues read whole tables).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from sim.loki.store.blockcols import Columns
from sim.loki.store.chunk import MemChunk
from sim.loki.store.chunkfile import chunk_data
from sim.loki.store.colcache import SHARED, ColumnCache
from sim.loki.store.colread import chunk_columns
from sim.loki.store.head import Entry
from sim.loki.store.index import ChunkIndex, IndexedChunk, IndexedStream
from sim.loki.store.layout import from_bytes
from sim.loki.store.lazyrun import LazyGroup, LazyRun
from sim.loki.store.memory import MemoryStreams, parse_pairs
from sim.loki.store.stream import MemStream

StreamMatcher = Callable[[Mapping[str, str]], bool]
_CACHE_BYTES = 64 * 1024 * 1024


@dataclass
class Sources:
    """One stream's chunks for a query: in memory and flushed."""

    pairs: Mapping[str, str]
    memory: MemStream | None = None
    stored: list[IndexedChunk] | None = None


class ChunkCache:
    """Flushed chunks read back from disk, least recently used evicted first."""

    def __init__(self, chunks_dir: Path, block_size: int, target_size: int) -> None:
        self.chunks_dir = chunks_dir
        self.block_size = block_size
        self.target_size = target_size
        self.cached: OrderedDict[str, tuple[MemChunk, int]] = OrderedDict()
        self.bytes = 0

    def get(self, chunk: IndexedChunk) -> MemChunk:
        hit = self.cached.get(chunk.id)
        if hit is not None:
            self.cached.move_to_end(chunk.id)
            return hit[0]
        encoded = (self.chunks_dir / chunk.path).read_bytes()
        loaded = from_bytes(chunk_data(encoded), self.block_size, self.target_size)
        self.cached[chunk.id] = (loaded, len(encoded))
        self.bytes += len(encoded)
        while self.bytes > _CACHE_BYTES and len(self.cached) > 1:
            _, (_, size) = self.cached.popitem(last=False)
            self.bytes -= size
        return loaded

    def forget(self, chunk_id: str) -> None:
        dropped = self.cached.pop(chunk_id, None)
        if dropped is not None:
            self.bytes -= dropped[1]


class Reader:
    def __init__(
        self,
        memory: MemoryStreams,
        index: ChunkIndex,
        cache: ChunkCache,
        columns: ColumnCache = SHARED,
    ) -> None:
        self.memory = memory
        self.index = index
        self.cache = cache
        self.columns = columns
        self._pairs: dict[str, Mapping[str, str]] = {}

    def pairs(self, labels: str) -> Mapping[str, str]:
        found = self._pairs.get(labels)
        if found is None:
            found = self._pairs[labels] = parse_pairs(labels)
        return found

    def sources(
        self,
        tenant: str,
        matchers: StreamMatcher | None,
        start_ns: int,
        end_ns: int,
        ingesters: bool,
        *,
        labels_only: bool = False,
    ) -> dict[str, Sources]:
        """Streams matching, with the chunks each side contributes for [start, end);
        `labels_only` applies the wider rules of label name and value queries."""
        found: dict[str, Sources] = {}
        if ingesters:
            for stream in self.memory.streams(tenant):
                if matchers is not None and not matchers(stream.pairs):
                    continue
                first, last = stream.bounds()
                if labels_only or (end_ns > first and start_ns <= last):
                    found[stream.labels] = Sources(stream.pairs, memory=stream)
        from_ms, through_ms = start_ns // 1_000_000, end_ns // 1_000_000
        for indexed in self.index.streams(tenant):
            pairs = self.pairs(indexed.labels)
            if matchers is not None and not matchers(pairs):
                continue
            if labels_only:
                if self.index.in_tables(indexed, from_ms, through_ms):
                    found.setdefault(indexed.labels, Sources(pairs))
                continue
            visible = self.index.visible(indexed, from_ms, through_ms)
            if visible:
                found.setdefault(indexed.labels, Sources(pairs)).stored = visible
        return found

    def runs(self, sources: Sources, start_ns: int, end_ns: int) -> list[list[Entry]]:
        """Sorted runs of entries in [start, end): stored chunks first, then memory."""
        runs: list[list[Entry]] = []
        for chunk in sorted(sources.stored or (), key=_chunk_start):
            runs += self.cache.get(chunk).entries(start_ns, end_ns)
        if sources.memory is not None:
            for desc in sources.memory.chunks:
                first, last = desc.chunk.bounds()
                if last < start_ns or first >= end_ns:
                    continue
                runs += desc.chunk.entries(start_ns, end_ns)
        return runs

    def lazy_runs(
        self, sources: Sources, start_ns: int, end_ns: int, backward: bool
    ) -> list[LazyRun | LazyGroup]:
        """runs(), with each stored chunk read from disk and each block decoded only when
        the merge reaches it (lazyrun.py)."""
        runs: list[LazyRun | LazyGroup] = []
        for chunk in sorted(sources.stored or (), key=_chunk_start):
            # entries are before `end_ns` and at most the chunk's end; a block may hold
            # entries before its mint (head.py), so only an indexed true low bounds it below
            high = min(chunk.through_ms * 1_000_000 + 999_999, end_ns - 1)
            low = -(1 << 63) if chunk.low_ns is None else max(chunk.low_ns, start_ns)
            load = partial(self._stored_runs, chunk, start_ns, end_ns, backward)
            runs.append(LazyGroup(low, high, load))
        if sources.memory is not None:
            for desc in sources.memory.chunks:
                first, last = desc.chunk.bounds()
                if last < start_ns or first >= end_ns:
                    continue
                runs += desc.chunk.lazy_runs(start_ns, end_ns, backward)
        return runs

    def column_runs(self, sources: Sources, start_ns: int, end_ns: int) -> list[Columns]:
        """runs(), forward, as columns (colread.py)."""
        runs: list[Columns] = []
        for chunk in sorted(sources.stored or (), key=_chunk_start):
            runs += chunk_columns(self.cache.get(chunk), start_ns, end_ns, self.columns)
        if sources.memory is not None:
            for desc in sources.memory.chunks:
                first, last = desc.chunk.bounds()
                if last < start_ns or first >= end_ns:
                    continue
                runs += chunk_columns(desc.chunk, start_ns, end_ns, self.columns)
        return runs

    def _stored_runs(
        self, chunk: IndexedChunk, start_ns: int, end_ns: int, backward: bool
    ) -> list[LazyRun]:
        return self.cache.get(chunk).lazy_runs(start_ns, end_ns, backward)

    def streams_stored(self, tenant: str) -> Iterator[IndexedStream]:
        return self.index.streams(tenant)


def _chunk_start(chunk: IndexedChunk) -> int:
    return chunk.from_ms
