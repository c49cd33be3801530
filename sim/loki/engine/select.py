"""Reading the source through a pipeline: log entries for log queries, samples for metric
queries (the querier's SelectLogs / SelectSamples over the store, for v3.6.0 semantics).

Entries of all streams are merged by time (ties by labels), lazily, so a log query with a
limit stops reading once it has enough. Samples are collected per series as sorted runs:
one run per (stream, series) pair, merged only when an aggregation needs time order.
Pipelines made of line filters only take the bulk path of scan.py. Metric queries that read
no line content take the entries as columns from a source that offers them (colsamples.py).
"""

from __future__ import annotations

import heapq
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from operator import itemgetter

from sim.loki.engine.colsamples import column_samples
from sim.loki.engine.labels import Labels, LabelsResult, from_mapping
from sim.loki.engine.pipeline.extractor import (
    Metadata,
    SampleExtractor,
    StreamExtractor,
    length_value,
)
from sim.loki.engine.pipeline.pipeline import Pipeline, StreamPipeline, filters_only
from sim.loki.engine.scan import chunks, kept
from sim.loki.engine.source import ColumnSource, Entry, LogSource
from sim.loki.engine.stats import Stats, metadata_bytes
from sim.loki.logql import ast

_TS = itemgetter(0)
_LINE = itemgetter(1)
_METADATA = itemgetter(2)
# (sort key, labels string, ts, line, labels)
Merged = tuple[int, str, int, bytes, LabelsResult]
Run = tuple[list[int], list[float]]


def _columns(chunk: list[Entry], stats: Stats) -> tuple[Sequence[bytes], bool]:
    """The chunk's lines, counted as read; and whether any entry has structured metadata."""
    lines = list(map(_LINE, chunk))
    stats.lines += len(chunk)
    stats.bytes += sum(map(len, lines))
    if not any(map(_METADATA, chunk)):
        return lines, False
    # entries of a block share their metadata tuples: each distinct one is measured once
    metas = list(map(_METADATA, chunk))
    distinct = dict(zip(map(id, metas), metas, strict=True))
    sizes = {key: metadata_bytes(meta) for key, meta in distinct.items()}
    stats.metadata_bytes += sum(map(sizes.__getitem__, map(id, metas)))
    return lines, True


def _stream_entries(
    stream: StreamPipeline, entries: Iterator[Entry], backward: bool, stats: Stats
) -> Iterator[Merged]:
    sign = -1 if backward else 1
    predicate = stream.predicate
    for chunk in chunks(entries):
        lines, _ = _columns(chunk, stats)
        if predicate is not None:
            for i in kept(lines, predicate):
                ts, line, metadata = chunk[i]
                stats.post_filter_lines += 1
                result = stream.labels_for(metadata)
                yield sign * ts, result.string, ts, line, result
            continue
        for ts, line, metadata in chunk:
            out = stream.process(ts, line, metadata)
            if out is not None:
                stats.post_filter_lines += 1
                result = out[1]
                yield sign * ts, result.string, ts, out[0], result


def select_logs(
    source: LogSource,
    tenant: str,
    selector: ast.LogSelectorExpr,
    pipeline: Pipeline,
    start_ns: int,
    end_ns: int,
    direction: str,
    stats: Stats,
) -> Iterator[Merged]:
    """Processed entries of [start, end) from every stream, in direction order."""
    matchers = ast.selector_matchers(selector)
    backward = direction == "backward"
    runs = [
        _stream_entries(pipeline.for_stream(from_mapping(labels)), entries, backward, stats)
        for labels, entries in source.select(
            tenant, matchers, start_ns, end_ns, "backward" if backward else "forward"
        )
    ]
    if len(runs) == 1:
        return runs[0]
    return heapq.merge(*runs)


@dataclass
class SeriesData:
    """The samples of one series, as time-sorted runs; values None means all 1.0."""

    runs: list[tuple[Sequence[int], Sequence[float] | None]] = field(default_factory=list)
    merged: tuple[Sequence[int], Sequence[float]] | None = None

    def time_ordered(self) -> tuple[Sequence[int], Sequence[float]]:
        """All samples in time order (stable: earlier runs first on equal times)."""
        if self.merged is None:
            if len(self.runs) == 1:
                ts, values = self.runs[0]
                self.merged = ts, values if values is not None else [1.0] * len(ts)
            else:
                all_ts: list[int] = []
                all_values: list[float] = []
                for ts, values in self.runs:
                    all_ts += ts
                    all_values += values if values is not None else [1.0] * len(ts)
                order = sorted(range(len(all_ts)), key=all_ts.__getitem__)
                self.merged = [all_ts[i] for i in order], [all_values[i] for i in order]
        return self.merged


def _extract(stream: StreamExtractor, entry: Entry, runs: dict[Labels, Run], stats: Stats) -> None:
    got = stream.process(*entry)
    if got is not None:
        stats.post_filter_lines += 1
        run = runs.setdefault(got[1].labels, ([], []))
        run[0].append(entry[0])
        run[1].append(got[0])


def _with_metadata(
    extractor: SampleExtractor,
    stream: StreamExtractor,
    chunk: list[Entry],
    lines: Sequence[bytes],
    indexes: Sequence[int],
    runs: dict[Labels, Run],
    stats: Stats,
) -> None:
    """_extract of each kept entry of a chunk, when the pipeline holds line filters only:
    then an entry's series depends on its metadata alone, so the extractor runs once per
    distinct metadata and the other entries join that series' run."""
    lbs = stream.builder
    lbs.reset()
    plain = runs.setdefault(lbs.grouped_labels().labels, ([], []))
    known: dict[Metadata, Run] = {(): plain}
    line_value = extractor.line_value
    for i in indexes:
        entry = chunk[i]
        run = known.get(entry[2])
        if run is None:
            got = stream.process(*entry)
            if got is None:
                continue
            run = known[entry[2]] = runs.setdefault(got[1].labels, ([], []))
            run[0].append(entry[0])
            run[1].append(got[0])
        else:
            run[0].append(entry[0])
            run[1].append(line_value(lines[i]))
        stats.post_filter_lines += 1


def _stream_samples(
    extractor: SampleExtractor,
    stream: StreamExtractor,
    entries: Iterator[Entry],
    stats: Stats,
    with_values: bool,
) -> dict[Labels, Run]:
    runs: dict[Labels, Run] = {}
    fast = filters_only(extractor.stages) if extractor.label is None else None
    for chunk in chunks(entries):
        lines, has_metadata = _columns(chunk, stats)
        if fast is None:
            for entry in chunk:
                _extract(stream, entry, runs, stats)
            continue
        indexes = kept(lines, fast)
        if not indexes:
            continue
        lbs = stream.builder
        lbs.reset()
        run = runs.setdefault(lbs.grouped_labels().labels, ([], []))
        if has_metadata:  # metadata may change the labels: by distinct metadata
            _with_metadata(extractor, stream, chunk, lines, indexes, runs, stats)
            continue
        stats.post_filter_lines += len(indexes)
        if len(indexes) == len(chunk):  # every entry kept: take the columns whole
            run[0].extend(map(_TS, chunk))
            if with_values:
                run[1].extend(map(extractor.line_value, lines))
            continue
        run[0].extend(chunk[i][0] for i in indexes)
        if with_values:
            run[1].extend(extractor.line_value(lines[i]) for i in indexes)
    return runs


def _add(
    series: dict[Labels, SeriesData],
    found: Mapping[Labels, tuple[Sequence[int], Sequence[float] | None]],
    with_values: bool,
) -> None:
    """One stream's runs, one per series it feeds."""
    for key, (ts_list, values) in found.items():
        series.setdefault(key, SeriesData()).runs.append((ts_list, values if with_values else None))


def select_samples(
    source: LogSource,
    tenant: str,
    selector: ast.LogSelectorExpr,
    extractor: SampleExtractor,
    start_ns: int,
    end_ns: int,
    stats: Stats,
    with_values: bool,
) -> dict[Labels, SeriesData]:
    """Samples of [start, end) per series label set (labels as the extractor groups them)."""
    matchers = ast.selector_matchers(selector)
    series: dict[Labels, SeriesData] = {}
    value_of = length_value(extractor)
    if value_of is not None and isinstance(source, ColumnSource):
        for labels_map, data in source.select_columns(tenant, matchers, start_ns, end_ns):
            stream = extractor.for_stream(from_mapping(labels_map))
            if isinstance(data, Iterator):  # a stream whose merge needs its lines
                found = _stream_samples(extractor, stream, data, stats, with_values)
                _add(series, found, with_values)
            else:
                columns = column_samples(value_of, stream, data, stats, with_values)
                _add(series, columns, with_values)
    else:
        for labels_map, entries in source.select(tenant, matchers, start_ns, end_ns, "forward"):
            stream = extractor.for_stream(from_mapping(labels_map))
            found = _stream_samples(extractor, stream, entries, stats, with_values)
            _add(series, found, with_values)
    stats.referenced_metadata |= extractor.referenced_metadata
    return series
