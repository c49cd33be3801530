"""Lazy merging of a stream's runs (sim/loki/store/lazyrun.py) against merge_runs.

The order is pkg/iter/entry_iterator.go's (v3.6.0) as merge.py implements it: by timestamp,
earlier runs first among equal timestamps, backward its exact reverse. A run is decoded only
when the merge can reach it.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sim.loki.store.lazyrun import LazyGroup, LazyRun, lazy_merge
from sim.loki.store.merge import merge_runs

Entry = tuple[int, bytes, tuple[tuple[str, str], ...]]


def _run(stamps: list[int], tag: int) -> list[Entry]:
    return [(ts, b"%d-%d" % (tag, i % 2), ()) for i, ts in enumerate(sorted(stamps))]


def _lazy(run: list[Entry], slack: int, loaded: list[int], tag: int) -> LazyRun:
    low = (run[0][0] if run else 50) - slack
    high = (run[-1][0] if run else 50) + slack

    def load() -> list[Entry]:
        loaded.append(tag)
        return list(run)

    return LazyRun(low, high, load)


_runs = st.lists(
    st.tuples(st.lists(st.integers(0, 40), max_size=12), st.sampled_from([0, 0, 1, 30])),
    max_size=7,
)


@given(runs=_runs, grouped=st.booleans(), backward=st.booleans())
@settings(max_examples=300, deadline=None)
def test_lazy_merge_is_merge_runs(
    runs: list[tuple[list[int], int]], grouped: bool, backward: bool
) -> None:
    plain = [_run(stamps, tag) for tag, (stamps, _) in enumerate(runs)]
    loaded: list[int] = []
    lazy: list[LazyRun | LazyGroup] = [
        _lazy(run, slack, loaded, tag)
        for tag, (run, (_, slack)) in enumerate(zip(plain, runs, strict=True))
    ]
    if grouped and lazy:  # the first half as one group, as a stored chunk comes
        half = len(lazy) // 2
        members = lazy[:half]
        lazy = [LazyGroup(-(1 << 63), 1 << 63, lambda: members), *lazy[half:]]
    assert list(lazy_merge(lazy, backward)) == list(merge_runs(plain, backward))


def test_runs_past_what_is_read_are_not_decoded() -> None:
    # three blocks one after the other; reading two entries backward reaches only the last
    loaded: list[int] = []
    runs = [_lazy(_run([i * 10 + 1, i * 10 + 2], i), 0, loaded, i) for i in range(3)]
    merged = lazy_merge(runs, backward=True)
    assert [next(merged)[0], next(merged)[0]] == [22, 21]
    assert loaded == [2]


def test_overlapping_runs_are_opened_together() -> None:
    # a run whose bounds reach below the next entry must be read before that entry is given
    loaded: list[int] = []
    runs = [_lazy(_run([1, 9], 0), 0, loaded, 0), _lazy(_run([5], 1), 0, loaded, 1)]
    assert [e[0] for e in lazy_merge(runs, backward=False)] == [1, 5, 9]
    assert loaded == [0, 1]
