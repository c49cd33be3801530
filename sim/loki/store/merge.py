"""Reading a stream back: chunks merged in time order, duplicates removed.

The querier merges the entries of every chunk of a stream (ingester and store) with
iter.NewMergeEntryIterator (pkg/iter/entry_iterator.go, v3.6.0): ordered by timestamp, ties
kept in source order, and among entries with the same timestamp only the first with a given
line is kept (structured metadata plays no part). Backward is the exact reverse order.
"""

from __future__ import annotations

import heapq
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
