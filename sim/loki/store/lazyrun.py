"""Merging a stream's runs without decoding the ones a read never reaches.

`merge.merge_runs` orders entries by timestamp, earlier runs first among equal timestamps
(backward: the exact reverse). A query with a limit reads the first few thousand entries of
that order, yet every block of every chunk in range was decoded first. Here each run comes
with bounds of its timestamps and is decoded only once the merge reaches them: a run whose
lowest possible key (low timestamp, run index) is above the smallest key among the runs
open so far cannot hold the next entry. The order is merge_runs' exactly; while no other
run can interleave, the current one is handed out a slice at a time.
"""

from __future__ import annotations

import heapq
import itertools
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from operator import itemgetter

from sim.loki.store.head import Entry

_TS = itemgetter(0)


@dataclass(slots=True)
class LazyRun:
    """Entries sorted by timestamp, all within [low, high], from `load` when first read."""

    low: int
    high: int
    load: Callable[[], list[Entry]]


@dataclass(slots=True)
class LazyGroup:
    """Runs not listed yet (a chunk still on disk), all within [low, high]: `expand` lists
    them, in the order merge_runs would be given them, in place of the group."""

    low: int
    high: int
    expand: Callable[[], Sequence[LazyRun | LazyGroup]]


def given(entries: list[Entry]) -> list[Entry]:
    """A `load` for entries already at hand."""
    return entries


def _negated(entry: Entry) -> int:
    return -entry[0]


Order = tuple[int, ...]


def lazy_merge(runs: Sequence[LazyRun | LazyGroup], backward: bool) -> Iterator[Entry]:
    """merge_runs over the runs (groups expanded in place), loading runs as needed."""
    return itertools.chain.from_iterable(merged_slices(runs, backward))


def merged_slices(runs: Sequence[LazyRun | LazyGroup], backward: bool) -> Iterator[list[Entry]]:
    """lazy_merge's entries, as consecutive slices of the runs.

    Keys are (timestamp, order) ascending, where a run's order is its index (a group's runs
    get their group's order with their own index appended, which sorts after the group's).
    Backward, each run is read reversed with keys (-timestamp, -order): merge_runs' order.
    """
    sign = -1 if backward else 1
    key = _negated if backward else _TS
    # runs and groups not opened yet, by their least possible key
    pending: list[tuple[int, Order, LazyRun | LazyGroup]] = []

    def add(items: Sequence[LazyRun | LazyGroup], parent: Order) -> None:
        for index, item in enumerate(items):
            least = -item.high if backward else item.low
            heapq.heappush(pending, (least, (*parent, sign * index), item))

    add(runs, ())
    open_runs: list[tuple[int, Order, int, list[Entry]]] = []  # key, order, position, entries
    while True:
        while pending and (not open_runs or pending[0][:2] <= open_runs[0][:2]):
            _, order, item = heapq.heappop(pending)
            if isinstance(item, LazyGroup):
                add(item.expand(), order)
                continue
            entries = item.load()
            if entries:
                if backward:
                    entries = entries[::-1]
                heapq.heappush(open_runs, (key(entries[0]), order, 0, entries))
        if not open_runs:
            return
        _, order, position, entries = open_runs[0]
        # the least key of any other run bounds how far this one goes before they interleave
        others = [pending[0][:2]] if pending else []
        others += [open_runs[i][:2] for i in (1, 2) if i < len(open_runs)]
        bound = min(others) if others else None
        if bound is None:
            end = len(entries)
        elif order < bound[1]:
            end = bisect_right(entries, bound[0], position, key=key)
        else:
            end = bisect_left(entries, bound[0], position, key=key)
        yield entries[position:end]
        if end < len(entries):
            heapq.heapreplace(open_runs, (key(entries[end]), order, end, entries))
        else:
            heapq.heappop(open_runs)
