"""Store.select reads runs lazily (lazyrun.py) and gives what reading every run first gives:
Reader.runs merged by merge.merge_runs and deduplicated (pkg/iter/entry_iterator.go,
pkg/querier at v3.6.0), over chunks in memory and chunks flushed to disk."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from sim.loki.store import Store, StoreConfig
from sim.loki.store.merge import dedupe, merge_runs
from tests.loki.store.conftest import FakeClock

S = 10**9


def _filled(path: Path, clock: FakeClock, seed: int) -> Store:
    """Pushes out of order, with repeats, some flushed (idle), some still in memory."""
    rng = random.Random(seed)
    cfg = StoreConfig(chunk_block_size=300, chunk_target_size=1500, chunk_idle_period_s=60)
    store = Store(path, cfg, clock=clock)
    start = clock.ns - 600 * S
    for push in range(12):
        entries = []
        for _ in range(rng.randint(1, 40)):
            ts = start + rng.randint(0, 300) * S // 10
            # empty lines do not move a head block's mint (head.py): a chunk then holds
            # entries below its indexed `from`, which the forward read must still find first
            line = b"" if rng.random() < 0.15 else b"line %d" % rng.randint(0, 30)
            entries.append((ts, line, (("detected_level", "info"),) if rng.random() < 0.5 else ()))
        store.append("t", '{app="a"}', entries)
        if push in (4, 8):
            clock.advance(120)
            store.flush()  # the idle chunk goes to disk
    return store


def _eager(store: Store, start: int, end: int, backward: bool) -> list[object]:
    found = store.reader.sources("t", None, start, end, True)
    out: list[object] = []
    for labels in sorted(found):
        runs = store.reader.runs(found[labels], start, end)
        out.append(list(dedupe(merge_runs(runs, backward))))
    return out


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("backward", [False, True])
def test_lazy_select_is_the_eager_read(
    tmp_path: Path, clock: FakeClock, seed: int, backward: bool
) -> None:
    store = _filled(tmp_path / "data", clock, seed)
    try:
        assert list(store.index.streams("t"))  # some chunks were flushed
        start, end = clock.ns - 590 * S, clock.ns - 200 * S
        direction = "backward" if backward else "forward"
        lazy = [list(e) for _, e in store.select("t", None, start, end, direction=direction)]
        assert lazy == _eager(store, start, end, backward)
    finally:
        store.close(flush=False)


@pytest.mark.parametrize("seed", range(3))
def test_a_reopened_store_reads_forward_from_the_indexed_low(
    tmp_path: Path, clock: FakeClock, seed: int
) -> None:
    store = _filled(tmp_path / "data", clock, seed)
    start, end = clock.ns - 590 * S, clock.ns - 200 * S
    before = [list(e) for _, e in store.select("t", None, start, end, direction="forward")]
    store.close(flush=False)
    cfg = StoreConfig(chunk_block_size=300, chunk_target_size=1500, chunk_idle_period_s=60)
    reopened = Store(tmp_path / "data", cfg, clock=clock)
    try:
        chunks = [c for s in reopened.index.streams("t") for c in s.chunks.values()]
        assert chunks and all(
            c.low_ns is not None and c.low_ns // 10**6 <= c.from_ms for c in chunks
        )
        after = [list(e) for _, e in reopened.select("t", None, start, end, direction="forward")]
        assert after == before == _eager(reopened, start, end, False)
    finally:
        reopened.close(flush=False)


def test_an_empty_first_line_below_the_chunks_from_is_read_first(
    tmp_path: Path, clock: FakeClock
) -> None:
    # unordered.go Append updates mint only while the head's size is 0, so a chunk opened by
    # an empty line at t=1 s and then a line at t=3 s is indexed from 3 s but holds 1 s.
    cfg = StoreConfig(chunk_block_size=300, chunk_target_size=1500, chunk_idle_period_s=60)
    store = Store(tmp_path / "data", cfg, clock=clock)
    base = clock.ns - 100 * S
    store.append("t", '{app="a"}', [(base + 1 * S, b"", ()), (base + 3 * S, b"three", ())])
    store.flush(immediate=True)
    store.append("t", '{app="a"}', [(base + 2 * S, b"two", ())])
    store.flush(immediate=True)
    try:
        (stream,) = store.index.streams("t")
        lows = sorted((c.from_ms, c.low_ns) for c in stream.chunks.values())
        assert lows[1] == ((base + 3 * S) // 10**6, base + 1 * S)  # from above the true low
        got = [
            [ts for ts, *_ in entries]
            for _, entries in store.select("t", None, base, base + 10 * S, direction="forward")
        ]
        assert got == [[base + 1 * S, base + 2 * S, base + 3 * S]]
    finally:
        store.close(flush=False)
