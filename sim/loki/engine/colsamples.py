"""Samples of a stream read as columns (source.EntryColumns): what select.py's
_stream_samples gives when the extractor reads nothing of a line but its length (no stages,
no unwrap: `count_over_time`, `rate`, `bytes_*`).

An entry's series then depends on its structured metadata alone, as in select.py's
_with_metadata: the extractor runs once per distinct metadata of the stream, and a run's
entries join their series a metadata at a time, at C speed (a byte mask of the run's
metadata indexes, itertools.compress). Stats count what select._columns counts: every entry
read (and kept), its line bytes and its structured metadata bytes.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Sequence
from itertools import compress

from sim.loki.engine.labels import Labels
from sim.loki.engine.pipeline.extractor import StreamExtractor
from sim.loki.engine.source import EntryColumns, Metadata
from sim.loki.engine.stats import Stats, metadata_bytes

ColumnRun = tuple["array[int]", "array[float] | None"]


def _counts(ids: Sequence[int], distinct: int) -> list[int]:
    """How many entries have each metadata index."""
    if isinstance(ids, bytes):
        return [ids.count(index) for index in range(distinct)]
    counts = [0] * distinct
    for index in ids:
        counts[index] += 1
    return counts


def _mask(ids: Sequence[int], indexes: list[int]) -> bytes:
    """1 for each entry whose metadata index is one of `indexes`, 0 for the others."""
    if isinstance(ids, bytes):
        table = bytearray(256)
        for index in indexes:
            table[index] = 1
        return ids.translate(table)
    return bytes(map(set(indexes).__contains__, ids))


class _Series:
    """A stream's series so far, by the metadata that leads to each."""

    def __init__(self, stream: StreamExtractor, with_values: bool) -> None:
        self.stream = stream
        self.with_values = with_values
        lbs = stream.builder
        lbs.reset()
        self.runs: dict[Labels, ColumnRun] = {}
        plain = self._run(lbs.grouped_labels().labels)
        self.by_metadata: dict[Metadata, tuple[ColumnRun, int] | None] = {(): (plain, 0)}

    def _run(self, labels: Labels) -> ColumnRun:
        run = self.runs.get(labels)
        if run is None:
            run = self.runs[labels] = (array("q"), array("d") if self.with_values else None)
        return run

    def of(self, ts: int, metadata: Metadata) -> tuple[ColumnRun, int] | None:
        """The run of entries with this metadata and its size in bytes; None if dropped."""
        if metadata in self.by_metadata:
            return self.by_metadata[metadata]
        got = self.stream.process(ts, b"", metadata)
        found = None if got is None else (self._run(got[1].labels), metadata_bytes(metadata))
        self.by_metadata[metadata] = found
        return found


def column_samples(
    value_of: Callable[[int], float],
    stream: StreamExtractor,
    runs: Iterable[EntryColumns],
    stats: Stats,
    with_values: bool,
) -> dict[Labels, ColumnRun]:
    """Samples per series label set; `value_of` gives a sample's value from its line length."""
    series = _Series(stream, with_values)
    for run in runs:
        stamps, lengths, ids, metas = run.stamps, run.lengths, run.ids, run.metas
        stats.lines += len(stamps)
        stats.bytes += sum(lengths)
        counts = [len(stamps)] if len(metas) == 1 else _counts(ids, len(metas))
        # the run's metadata indexes by the series they lead to, in first-seen order
        targets: dict[int, tuple[ColumnRun, list[int]]] = {}
        for index, count in enumerate(counts):
            found = series.of(stamps[0], metas[index]) if count else None
            if found is None:
                continue
            target, size = found
            targets.setdefault(id(target), (target, []))[1].append(index)
            stats.post_filter_lines += count
            stats.metadata_bytes += count * size
        for (times, values), indexes in targets.values():
            chosen_stamps: Iterable[int] = stamps
            chosen_lengths: Iterable[int] = lengths
            if sum(counts[index] for index in indexes) < len(stamps):  # entries in time order
                mask = _mask(ids, indexes)
                chosen_stamps, chosen_lengths = compress(stamps, mask), compress(lengths, mask)
            times.extend(chosen_stamps)
            if values is not None:
                values.extend(map(value_of, chosen_lengths))
    return series.runs
