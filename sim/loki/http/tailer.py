"""Live tailing: the ingester's tailers (pkg/ingester/tailer.go) and the querier's merge
of them (pkg/querier/tail/tail.go) for one process, v3.6.0.

A Tailer holds entries waiting to be sent, ordered by time: first the historic ones (the
last `limit` entries since `start`, as the querier reads them), then each entry pushed
after the tail began whose stream matches the selector, run through the query's pipeline as
the ingester does. `take` releases at most 100 entries older than now - delay_for.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Iterable

from sim.loki.engine.jsonenc import html_string, string
from sim.loki.engine.labels import Labels, from_mapping
from sim.loki.engine.pipeline.pipeline import new_pipeline
from sim.loki.engine.results import CATEGORIZE_LABELS, LogEntry
from sim.loki.http import messages as m
from sim.loki.ingest.outcome import PushOutcome, StoredStream
from sim.loki.logql import ast
from sim.loki.store.memory import parse_pairs

Pending = tuple[int, int, Labels, LogEntry]  # (ts, arrival order, labels, entry)


class Tailer:
    def __init__(
        self, tenant: str, selector: ast.LogSelectorExpr, delay_ns: int, categorize: bool
    ) -> None:
        self.tenant = tenant
        self.selector = selector
        self.matchers = ast.selector_matchers(selector)
        self.pipeline = new_pipeline(selector)
        self.delay_ns = delay_ns
        self.categorize = categorize
        self.pending: list[Pending] = []
        self._order = itertools.count()

    def add(self, labels: Labels, entry: LogEntry) -> None:
        heapq.heappush(self.pending, (entry.ts_ns, next(self._order), labels, entry))

    def offer(self, streams: Iterable[StoredStream]) -> bool:
        """Entries of a push: those of matching streams that the pipeline keeps."""
        added = False
        for stored in streams:
            pairs = parse_pairs(stored.labels)
            if not all(x.matches(pairs.get(x.name, "")) for x in self.matchers):
                continue
            stream = self.pipeline.for_stream(from_mapping(pairs))
            for entry in stored.entries:
                out = stream.process(entry.timestamp, entry.line, entry.metadata)
                if out is None:
                    continue
                line, result = out
                if self.categorize:
                    names = {n for n, _ in result.structured_metadata + result.parsed}
                    labels = tuple(p for p in result.labels if p[0] not in names)
                    meta, parsed = result.structured_metadata, result.parsed
                    self.add(labels, LogEntry(entry.timestamp, line, meta, parsed))
                else:
                    self.add(result.labels, LogEntry(entry.timestamp, line))
                added = True
        return added

    def take(self, now_ns: int) -> list[tuple[Labels, LogEntry]]:
        """next(): entries whose time + delay_for is before now, oldest first, at most 100."""
        out: list[tuple[Labels, LogEntry]] = []
        while self.pending and len(out) < m.MAX_ENTRIES_PER_TAIL_RESPONSE:
            ts = self.pending[0][0]
            if not now_ns > ts + self.delay_ns:
                break
            _, _, labels, entry = heapq.heappop(self.pending)
            out.append((labels, entry))
        return out


class TailHub:
    """Every open tailer, per tenant (the ingester's view, for TailersCount)."""

    def __init__(self) -> None:
        self.tailers: dict[str, set[Tailer]] = {}

    def count(self, tenant: str) -> int:
        return len(self.tailers.get(tenant, ()))

    def register(self, tailer: Tailer) -> None:
        self.tailers.setdefault(tailer.tenant, set()).add(tailer)

    def unregister(self, tailer: Tailer) -> None:
        self.tailers.get(tailer.tenant, set()).discard(tailer)

    def on_push(self, tenant: str, outcome: PushOutcome) -> None:
        for tailer in self.tailers.get(tenant, ()):
            tailer.offer(outcome.stored)


def _labels_json(labels: Labels) -> bytes:
    return b"{" + b",".join(string(n) + b":" + string(v) for n, v in labels) + b"}"


def tail_response_json(
    entries: list[tuple[Labels, LogEntry]],
    dropped: list[tuple[int, Labels]],
    flags: tuple[str, ...],
) -> bytes:
    """EncodeTailResult: one stream object per entry, then `dropped_entries` if any."""
    categorize = CATEGORIZE_LABELS in flags
    streams = []
    for labels, entry in entries:
        value = b'["' + str(entry.ts_ns).encode() + b'",' + html_string(entry.line)
        if categorize:
            parts = []
            if entry.structured_metadata:
                parts.append(b'"structuredMetadata":' + _labels_json(entry.structured_metadata))
            if entry.parsed:
                parts.append(b'"parsed":' + _labels_json(entry.parsed))
            value += b",{" + b",".join(parts) + b"}"
        streams.append(b'{"stream":' + _labels_json(labels) + b',"values":[' + value + b"]]}")
    out = b'{"streams":[' + b",".join(streams) + b"]"
    if dropped:
        items = [
            b'{"timestamp":"' + str(ts).encode() + b'","labels":' + _labels_json(labels) + b"}"
            for ts, labels in dropped
        ]
        out += b',"dropped_entries":[' + b",".join(items) + b"]"
    if flags:
        out += b',"encodingFlags":[' + b",".join(string(flag) for flag in flags) + b"]"
    return out + b"}"
