"""Reading a stream back: chunks merged in time order, duplicates removed.

The querier merges the entries of every chunk of a stream (ingester and store) with
iter.NewMergeEntryIterator (pkg/iter/entry_iterator.go, v3.6.0): ordered by timestamp, ties
kept in source order, and among entries with the same timestamp only the first with a given
line is kept (structured metadata plays no part). Backward is the exact reverse order.
"""

from __future__ import annotations

import heapq
import itertools
import operator
from collections.abc import Callable, Iterable, Iterator, Sequence

from sim.loki.store.head import Entry


def _timestamp(entry: Entry) -> int:
    return entry[0]


def merge_runs(runs: Sequence[Sequence[Entry]], backward: bool) -> Iterator[Entry]:
    """Runs are each sorted ascending; earlier runs win ties going forward."""
    kept = [run for run in runs if run]
    disjoint = all(kept[i - 1][-1][0] <= kept[i][0][0] for i in range(1, len(kept)))
    if not backward:
        if disjoint:
            return (entry for run in kept for entry in run)
        return heapq.merge(*kept, key=_timestamp)
    if disjoint:
        return (entry for run in reversed(kept) for entry in reversed(run))
    return heapq.merge(*(reversed(run) for run in reversed(kept)), key=_timestamp, reverse=True)


def dedupe(
    entries: Iterable[Entry], line_filter: Callable[[bytes], bool] | None = None
) -> Iterator[Entry]:
    """Drop entries repeating an earlier (timestamp, line); apply `line_filter` if given."""
    current: int | None = None
    first = b""
    others: set[bytes] | None = None
    for entry in entries:
        ts, line = entry[0], entry[1]
        if ts != current:
            current, first, others = ts, line, None
        elif line == first or (others is not None and line in others):
            continue
        elif others is None:
            others = {line}
        else:
            others.add(line)
        if line_filter is None or line_filter(line):
            yield entry


def dedupe_slices(
    slices: Iterable[list[Entry]], line_filter: Callable[[bytes], bool] | None = None
) -> Iterator[list[Entry]]:
    """dedupe over the entries of consecutive slices, a slice at a time: a slice whose
    timestamps all differ, from each other and from the entry before it, is kept whole."""
    current: int | None = None
    first = b""
    others: set[bytes] | None = None
    for entries in slices:
        stamps = list(map(_timestamp, entries))
        if (
            line_filter is None
            and stamps
            and stamps[0] != current
            and not any(map(operator.eq, stamps, itertools.islice(stamps, 1, None)))
        ):
            current, first, others = stamps[-1], entries[-1][1], None
            yield entries
            continue
        kept: list[Entry] = []
        for entry in entries:
            ts, line = entry[0], entry[1]
            if ts != current:
                current, first, others = ts, line, None
            elif line == first or (others is not None and line in others):
                continue
            elif others is None:
                others = {line}
            else:
                others.add(line)
            if line_filter is None or line_filter(line):
                kept.append(entry)
        if kept:
            yield kept


def factor_of_time(start: int, end: int, low: int, high: int) -> float:
    """util.GetFactorOfTime: the share of [low, high] that [start, end] covers."""
    if start > high or end < low:
        return 0.0
    if low == high:
        return 1.0
    total = high - low
    leading = max(0, start - low)
    trailing = max(0, high - end)
    return (total - (leading + trailing)) / total
