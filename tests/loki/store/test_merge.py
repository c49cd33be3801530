"""Merging a stream's chunks on read (pkg/iter/entry_iterator.go, pkg/util/time.go)."""

from __future__ import annotations

import pytest

from sim.loki.store.merge import dedupe, factor_of_time, merge_runs

STREAM = [(1, b"foo", ()), (2, b"foo", ()), (3, b"foo", ())]
BAR = [(4, b"bar", ())]

# entry_iterator_test.go Test_DuplicateCount: (runs, entries left after deduplication).
DUPLICATES = [
    ("empty", [], 0),
    ("replication 2", [STREAM, STREAM], 3),
    ("replication 3", [STREAM, STREAM, STREAM, BAR], 4),
    ("single", [BAR], 1),
]


@pytest.mark.parametrize(("desc", "runs", "left"), DUPLICATES)
@pytest.mark.parametrize("backward", [False, True])
def test_duplicates_across_runs_are_dropped(
    desc: str, runs: list, left: int, backward: bool
) -> None:
    assert len(list(dedupe(merge_runs(runs, backward)))) == left


def test_dedupe_merge_keeps_first_of_each_line_per_timestamp() -> None:
    # entry_iterator_test.go TestDedupeMergeEntryIterator: 1s "0","2" + 1s "1","0","2" ->
    # three lines at 1s, then "3" at 2s (run order decides between the two orders Loki allows).
    first = [(1, b"0", ()), (1, b"2", ()), (2, b"3", ())]
    second = [(1, b"1", ()), (1, b"0", ()), (1, b"2", ())]
    lines = [line for _, line, _ in dedupe(merge_runs([first, second], False))]
    assert lines == [b"0", b"2", b"1", b"3"]


def test_backward_is_the_reverse_of_forward() -> None:
    runs = [[(1, b"a", ()), (3, b"c", ())], [(2, b"b", ()), (3, b"d", ())]]
    forward = list(merge_runs(runs, False))
    assert list(merge_runs(runs, True)) == forward[::-1]


def test_metadata_does_not_make_a_line_distinct() -> None:
    runs = [[(1, b"x", (("a", "1"),))], [(1, b"x", (("a", "2"),))]]
    assert list(dedupe(merge_runs(runs, False))) == [(1, b"x", (("a", "1"),))]


def test_line_filter_applies_after_deduplication() -> None:
    runs = [[(1, b"keep", ()), (2, b"drop", ()), (3, b"keep", ())]]
    kept = list(dedupe(merge_runs(runs, False), lambda line: line == b"keep"))
    assert [ts for ts, _, _ in kept] == [1, 3]


# time_test.go TestGetFactorOfTime.
FACTORS = [
    ("equal", 10, 20, 10, 20, 1.0),
    ("50% overlap on left", 10, 20, 5, 15, 0.5),
    ("50% overlap on right", 10, 20, 15, 25, 0.5),
    ("10% overlap on right", 15, 16, 15, 25, 0.1),
    ("no overlap", 10, 20, 25, 35, 0.0),
    ("no overlap, through=extentMin", 10, 20, 20, 35, 0.0),
    (
        "factor would be NaN",
        1685655637000000000,
        1685656237000000000,
        1685656107442496000,
        1685656107442496000,
        1.0,
    ),
]


@pytest.mark.parametrize(("desc", "start", "end", "low", "high", "factor"), FACTORS)
def test_factor_of_time(
    desc: str, start: int, end: int, low: int, high: int, factor: float
) -> None:
    assert factor_of_time(start, end, low, high) == factor
