"""Log queries: the entries a selector and its pipeline return (readStreams in
pkg/logql/engine.go, grafana/loki v3.6.0).

Entries are taken in time order (newest first when backward) until `limit` are kept. With an
`interval`, an entry is kept only when at least that long after (before, if backward) the
previous kept one. Streams are keyed by their full label set (stream labels, structured
metadata and parsed labels), or with `categorize-labels` by the stream labels alone, the
other two being carried per entry. Streams come back sorted by their labels string.
"""

from __future__ import annotations

from sim.loki.engine.labels import Labels, LabelsResult, labels_string
from sim.loki.engine.pipeline.pipeline import new_pipeline
from sim.loki.engine.results import LogEntry, Stream, Streams
from sim.loki.engine.select import select_logs
from sim.loki.engine.source import Direction, LogSource
from sim.loki.engine.stats import Stats
from sim.loki.logql import ast

_FIRST = -100 * 1_000_000_000  # lastEntryMinTime: time.Unix(-100, 0)


def _categorized(result: LabelsResult) -> tuple[Labels, Labels, Labels]:
    """categorizeLabelsIterator: (stream labels, structured metadata, parsed)."""
    meta, parsed = result.structured_metadata, result.parsed
    if not meta and not parsed:
        return result.labels, meta, parsed
    names = {n for n, _ in meta} | {n for n, _ in parsed}
    return tuple(p for p in result.labels if p[0] not in names), meta, parsed


def run_log_query(
    source: LogSource,
    tenant: str,
    selector: ast.LogSelectorExpr,
    start_ns: int,
    end_ns: int,
    limit: int,
    direction: Direction,
    interval_ns: int,
    categorize: bool,
    stats: Stats,
) -> Streams:
    pipeline = new_pipeline(selector)
    entries = select_logs(source, tenant, selector, pipeline, start_ns, end_ns, direction, stats)
    forward = direction == "forward"
    streams: dict[str, Stream] = {}
    kept = 0
    last = _FIRST
    for _, key, ts, line, result in entries:
        if kept >= limit:
            break
        if interval_ns and last // 1_000_000_000 >= 0:
            if forward and ts < last + interval_ns:
                continue
            if not forward and ts > last - interval_ns:
                continue
        if categorize:
            labels, meta, parsed = _categorized(result)
            key = labels_string(labels)
            entry = LogEntry(ts, line, meta, parsed)
        else:
            labels, entry = result.labels, LogEntry(ts, line)
        stream = streams.get(key)
        if stream is None:
            stream = streams[key] = Stream(labels)
        stream.entries.append(entry)
        last = ts
        kept += 1
    stats.referenced_metadata |= any(p.referenced_metadata for p in pipeline.streams.values())
    return [streams[key] for key in sorted(streams)]
