"""select_columns (sim/loki/store/colselect.py) selects what Store.select selects, forward:
the same streams in the same order, and for each the same entries (timestamps, line lengths,
metadata), as columns where no merge or dedupe can change them (pkg/iter/entry_iterator.go,
v3.6.0), as Store.select's own entries otherwise. Chunks in memory and on disk, several
blocks and a head block, retention and reopening are all read."""

from __future__ import annotations

import gc
import random
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import pytest

from sim.loki.store import Store, StoreConfig
from sim.loki.store.blockcols import Columns
from sim.loki.store.colcache import ColumnCache
from sim.loki.store.colselect import select_columns
from tests.loki.store.conftest import FakeClock

S = 10**9
INFO = (("detected_level", "info"),)
WARN = (("detected_level", "warn"),)
SMALL = {"chunk_block_size": 600, "chunk_target_size": 3000, "chunk_idle_period_s": 60}
Flat = list[tuple[int, int, tuple[tuple[str, str], ...]]]
Matcher = Callable[[Mapping[str, str]], bool] | None


def _expected(store: Store, start: int, end: int, matcher: Matcher = None) -> list[object]:
    return [
        (dict(pairs), [(ts, len(line), m) for ts, line, m in entries])
        for pairs, entries in store.select("t", matcher, start, end, direction="forward")
    ]


def _read(
    store: Store, start: int, end: int, matcher: Matcher = None
) -> tuple[list[object], list[bool]]:
    """The selection flattened, and for each stream whether it came as columns."""
    out: list[object] = []
    as_columns: list[bool] = []
    for pairs, data in select_columns(store, "t", matcher, start, end):
        flat: Flat = []
        if isinstance(data, list):
            for run in data:
                assert isinstance(run, Columns)
                flat += [
                    (ts, n, run.metas[i])
                    for ts, n, i in zip(run.stamps, run.lengths, run.ids, strict=True)
                ]
        else:
            flat = [(ts, len(line), m) for ts, line, m in data]
        out.append((dict(pairs), flat))
        as_columns.append(isinstance(data, list))
    return out, as_columns


def _push(store: Store, clock: FakeClock, rng: random.Random, ordered: bool) -> None:
    """Three streams, ten pushes, flushes in between: chunks on disk and in memory."""
    start = clock.ns - 3000 * S
    stamps = {app: start for app in "abc"}
    for push in range(10):
        for app in "abc":
            entries = []
            for _ in range(rng.randint(5, 30)):
                stamps[app] += rng.randint(1, 3 * S)
                ts = stamps[app] if ordered else start + rng.randint(0, 2000) * S
                line = b"line %d " % rng.randint(0, 9) + b"x" * rng.randint(0, 200)
                entries.append((ts, line, rng.choice([(), INFO, WARN])))
            store.append("t", f'{{app="{app}"}}', entries)
        if push in (3, 6):
            clock.advance(120)
            store.flush()  # idle chunks go to disk, and leave memory


@pytest.fixture
def store(tmp_path: Path, clock: FakeClock) -> Iterator[Store]:
    opened = Store(tmp_path / "data", StoreConfig(**SMALL), clock=clock)  # type: ignore[arg-type]
    opened.reader.columns = ColumnCache()
    yield opened
    opened.close(flush=False)


@pytest.mark.parametrize("seed", range(3))
@pytest.mark.parametrize(
    ("low", "high"),
    [(-3100, 10), (-2500, -900), (-1500, -1499), (-5000, -4000)],  # seconds from now
)
def test_ordered_streams_come_as_columns(
    store: Store, clock: FakeClock, seed: int, low: int, high: int
) -> None:
    _push(store, clock, random.Random(seed), ordered=True)
    assert list(store.index.streams("t"))  # some chunks were flushed
    start, end = clock.ns + low * S, clock.ns + high * S
    for _ in range(2):  # read, then read again from the column cache
        got, as_columns = _read(store, start, end)
        assert got == _expected(store, start, end)
        assert all(as_columns)


@pytest.mark.parametrize("seed", range(4))
def test_out_of_order_streams_come_as_store_select_gives_them(
    store: Store, clock: FakeClock, seed: int
) -> None:
    # timestamps repeat and chunks overlap: merge and dedupe read lines, so entries are read
    _push(store, clock, random.Random(seed), ordered=False)
    start, end = clock.ns - 3100 * S, clock.ns
    got, as_columns = _read(store, start, end)
    assert got == _expected(store, start, end)
    assert not all(as_columns)


def test_a_matcher_and_the_ingester_window(store: Store, clock: FakeClock) -> None:
    _push(store, clock, random.Random(7), ordered=True)

    def only_b(labels: Mapping[str, str]) -> bool:
        return labels.get("app") == "b"

    start, end = clock.ns - 3100 * S, clock.ns
    got, _ = _read(store, start, end, only_b)
    assert got == _expected(store, start, end, only_b) and len(got) == 1
    # past query_ingesters_within (3h) only the store answers: what is in memory is not read
    clock.advance(4 * 3600)
    got, _ = _read(store, start, end)
    assert got == _expected(store, start, end)


def test_retention_takes_the_columns_of_deleted_chunks(tmp_path: Path, clock: FakeClock) -> None:
    cfg = StoreConfig(retention_enabled=True, retention_period_s=86400, **SMALL)  # type: ignore[arg-type]
    store = Store(tmp_path / "data", cfg, clock=clock)
    cache = store.reader.columns = ColumnCache()
    old, new = clock.ns - 2 * 86400 * S, clock.ns - 60 * S
    for base, app in ((old, "old"), (new, "new")):
        entries = [(base + i * S, b"line %d" % i + b"y" * 100, INFO) for i in range(60)]
        store.append("t", f'{{app="{app}"}}', entries)
    store.flush(immediate=True)
    everything = (old - S, clock.ns)
    got, as_columns = _read(store, *everything)
    # the entry-by-entry read notes each block's low (MemChunk._block_low): in place, so the
    # columns read before stay with their blocks
    assert got == _expected(store, *everything) and len(got) == 2 and all(as_columns)
    cached = len(cache)
    assert cached == sum(
        len(store.cache.get(c).blocks) for s in store.index.streams("t") for c in s.chunks.values()
    )
    assert store.apply_retention(clock.ns).marked == 1
    gc.collect()
    assert 0 < len(cache) < cached  # the old chunk's blocks are gone, and their columns
    got, _ = _read(store, *everything)
    assert got == _expected(store, *everything) and [g[0] for g in got] == [{"app": "new"}]  # type: ignore[index]
    store.close(flush=False)


def test_a_reopened_store(tmp_path: Path, clock: FakeClock) -> None:
    store = Store(tmp_path / "data", StoreConfig(**SMALL), clock=clock)  # type: ignore[arg-type]
    _push(store, clock, random.Random(3), ordered=True)
    start, end = clock.ns - 3100 * S, clock.ns
    store.close(flush=False)  # what is in memory comes back from the WAL
    reopened = Store(tmp_path / "data", StoreConfig(**SMALL), clock=clock)  # type: ignore[arg-type]
    reopened.reader.columns = ColumnCache()
    got, as_columns = _read(reopened, start, end)
    assert got == _expected(reopened, start, end)
    assert got and all(as_columns)
    reopened.close(flush=False)
