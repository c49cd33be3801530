"""The Store facade: writing, reading, flushing on Loki's timers, shutdown, retention."""

from __future__ import annotations

from pathlib import Path

import pytest

from sim.loki.store import RetentionStream, Store, StoreClosed, StoreConfig
from tests.loki.store.conftest import FakeClock, read

S = 10**9
API = '{app="api", env="prod"}'
WEB = '{app="web", env="prod"}'
API_KEY = (("app", "api"), ("env", "prod"))
WEB_KEY = (("app", "web"), ("env", "prod"))


def entries(start: int, count: int, step: int = S, prefix: str = "line") -> list:
    return [(start + i * step, f"{prefix} {i}".encode(), ()) for i in range(count)]


def test_append_then_select_by_stream_range_and_direction(open_store, clock: FakeClock) -> None:
    store = open_store()
    base = clock.ns - 600 * S
    store.append_many("t", [(API, entries(base, 5)), (WEB, entries(base, 2, prefix="web"))])
    everything = read(store)
    assert list(everything) == [API_KEY, WEB_KEY]
    assert [line for _, line in everything[API_KEY]] == [b"line %d" % i for i in range(5)]
    # [start, end): the entry at `end` is excluded
    only_api = read(store, lambda p: p["app"] == "api", base + S, base + 3 * S)
    assert only_api == {API_KEY: [(base + S, b"line 1"), (base + 2 * S, b"line 2")]}
    backward = read(store, lambda p: p["app"] == "api", direction="backward")
    assert backward[API_KEY] == everything[API_KEY][::-1]
    assert read(store, lambda p: False) == {}
    assert read(store, tenant="other") == {}


def test_line_filter_and_structured_metadata(open_store, clock: FakeClock) -> None:
    store = open_store()
    store.append(
        "t", API, [(clock.ns, b"keep", (("trace_id", "abc"),)), (clock.ns + 1, b"drop", ())]
    )
    [(pairs, selected)] = list(
        store.select("t", None, 0, 2**62, line_filter=lambda line: line == b"keep")
    )
    assert dict(pairs) == {"app": "api", "env": "prod"}
    assert list(selected) == [(clock.ns, b"keep", (("trace_id", "abc"),))]


def test_series_and_labels(open_store, clock: FakeClock) -> None:
    store = open_store()
    store.append_many(
        "t", [(API, entries(clock.ns, 1)), ('{app="web", team="x"}', entries(clock.ns, 1))]
    )
    series = store.series("t", lambda p: p.get("app") == "web", 0, 2**62)
    assert [dict(s) for s in series] == [{"app": "web", "team": "x"}]
    assert store.label_names("t", 0, 2**62) == ["app", "env", "team"]
    assert store.label_values("t", "app", 0, 2**62) == ["api", "web"]
    assert store.label_values("t", "env", 0, 2**62, lambda p: p["app"] == "web") == []


def test_idle_chunk_is_flushed_and_still_readable(open_store, clock: FakeClock) -> None:
    store = open_store()
    store.append("t", API, entries(clock.ns, 3))
    clock.advance(30 * 60)  # exactly chunk_idle_period: not yet idle (strictly greater)
    store.tick()
    assert store.metrics.chunks_flushed == {}
    clock.advance(30)
    store.tick()
    assert store.metrics.chunks_flushed == {"idle": 1}
    assert store.memory_streams("t") == []  # flushed stream left memory
    files = [p for p in (store.chunks_dir / "t").rglob("*") if p.is_file()]
    assert len(files) == 1
    assert store.metrics.chunk_stored_bytes["t"] == files[0].stat().st_size
    assert [line for _, line in read(store)[API_KEY]] == [b"line 0", b"line 1", b"line 2"]


def test_max_age_flush_uses_entry_timestamps(open_store, clock: FakeClock) -> None:
    # flush_test.go TestFlushMaxAge with max_chunk_age 1m: span 60s-1ns stays, 61s flushes.
    store = open_store(StoreConfig(max_chunk_age_s=60))
    base = clock.ns
    store.append("t", API, [(base + 1, b"1", ()), (base + 60 * S, b"2", ())])
    clock.advance(31)
    store.tick()
    assert store.metrics.chunks_flushed == {}
    store.append("t", API, [(base + 61 * S, b"3", ())])
    clock.advance(30)
    store.tick()
    assert store.metrics.chunks_flushed == {"max_age": 1}
    assert [line for _, line in read(store)[API_KEY]] == [b"1", b"2", b"3"]


def test_full_chunks_flush_with_reason_full(open_store, clock: FakeClock) -> None:
    store = open_store(
        StoreConfig(chunk_target_size=4000, chunk_block_size=1000, chunk_encoding="none")
    )
    store.append("t", API, [(clock.ns + i, bytes(100), ()) for i in range(100)])
    clock.advance(31)
    store.tick()
    flushed = store.metrics.chunks_flushed["full"]
    assert flushed >= 2
    assert store.metrics.chunks_created == flushed + 1  # the open chunk stays in memory
    assert len(read(store)[API_KEY]) == 100
    observed = store.metrics.drain_observations()
    assert [o.reason for o in observed] == ["full"] * flushed
    assert store.metrics.drain_observations() == []


def test_close_keeps_chunks_in_the_wal_by_default(open_store, clock: FakeClock) -> None:
    # ingester.go: flush on shutdown only with flush_on_shutdown or without a WAL.
    store = open_store()
    store.append("t", API, entries(clock.ns, 4))
    store.close()
    assert not (store.chunks_dir).exists()
    with pytest.raises(StoreClosed):
        store.append("t", API, entries(clock.ns, 1))
    reopened = open_store()
    assert len(read(reopened)[API_KEY]) == 4
    assert reopened.metrics.wal_recovered_entries == 4


@pytest.mark.parametrize(
    "cfg",
    [StoreConfig(flush_on_shutdown=True), StoreConfig(wal_enabled=False)],
    ids=["flush_on_shutdown", "wal disabled"],
)
def test_close_flushes_when_loki_would(open_store, clock: FakeClock, cfg: StoreConfig) -> None:
    store = open_store(cfg)
    store.append("t", API, entries(clock.ns, 4))
    store.close()
    assert store.metrics.chunks_flushed == {"forced": 1}
    assert len(read(open_store(cfg))[API_KEY]) == 4


def test_wal_disabled_loses_unflushed_data_on_crash(open_store, clock: FakeClock) -> None:
    store = open_store(StoreConfig(wal_enabled=False))
    store.append("t", API, entries(clock.ns, 4))
    assert read(open_store(StoreConfig(wal_enabled=False))) == {}  # a second process sees nothing


def test_checkpoint_then_replay_keeps_every_entry_once(
    open_store, clock: FakeClock, tmp_path: Path
) -> None:
    store = open_store()
    store.append("t", API, entries(clock.ns, 3))
    clock.advance(300)
    store.tick()  # checkpoint_duration elapsed
    assert store.metrics.checkpoint_creations == 1
    wal_dir = tmp_path / "data" / "wal"
    assert [p.name for p in wal_dir.iterdir() if p.name.startswith("checkpoint")] == [
        "checkpoint.000000"
    ]
    store.append("t", API, entries(clock.ns + 10 * S, 2, prefix="after"))
    reopened = open_store()
    lines = [line for _, line in read(reopened)[API_KEY]]
    assert lines == [b"line 0", b"line 1", b"line 2", b"after 0", b"after 1"]
    assert reopened.metrics.wal_recovered_chunks == 1
    assert reopened.stream_state("t", API).entry_count == 5


def test_stale_wal_records_are_dropped_by_counter(
    open_store, clock: FakeClock, tmp_path: Path
) -> None:
    # stream_test.go TestPushRejectOldCounter: records at or below the stream's counter are
    # duplicates. A checkpoint written without truncating the old segment (as when deletion
    # fails) must not double the entries.
    store = open_store()
    store.append("t", API, entries(clock.ns, 3))
    segments = sorted((tmp_path / "data" / "wal").glob("0*"))
    kept = {path: path.read_bytes() for path in segments}
    store.checkpoint()
    for path, data in kept.items():
        path.write_bytes(data)  # the covered segment survives
    reopened = open_store()
    assert len(read(reopened)[API_KEY]) == 3
    assert reopened.metrics.wal_duplicate_entries == 3


def test_torn_wal_tail_keeps_earlier_pushes(open_store, clock: FakeClock, tmp_path: Path) -> None:
    store = open_store()
    store.append("t", API, entries(clock.ns, 3))
    store.append("t", API, entries(clock.ns + 10 * S, 3, prefix="torn"))
    segment = max((tmp_path / "data" / "wal").glob("0*"))
    segment.write_bytes(segment.read_bytes()[:-5])  # cut the last record mid-way
    reopened = open_store()
    assert [line for _, line in read(reopened)[API_KEY]] == [b"line 0", b"line 1", b"line 2"]
    assert reopened.metrics.wal_corruptions["segment"] == 1


def test_restart_restores_duplicate_check(open_store, clock: FakeClock) -> None:
    store = open_store()
    store.append("t", API, [(clock.ns, b"same", ())])
    reopened = open_store()
    state = reopened.stream_state("t", API)
    assert state is not None and (state.last_ts, state.last_line) == (clock.ns, b"same")
    reopened.append("t", API, [(clock.ns, b"same", ())])  # stream.go: repeat of last line dropped
    assert len(read(reopened)[API_KEY]) == 1


def test_ingesters_are_not_asked_for_old_ranges(open_store, clock: FakeClock) -> None:
    # querier intervals.go: a query ending before now - query_ingesters_within skips memory.
    store = open_store()
    old = clock.ns - 4 * 3600 * S
    store.append("t", API, [(old, b"old", ())])
    assert read(store, end=clock.ns - 3 * 3600 * S - S) == {}
    assert read(store, end=clock.ns)[API_KEY] == [(old, b"old")]


def test_stats_sum_memory_and_store(open_store, clock: FakeClock) -> None:
    store = open_store()
    base = clock.ns
    store.append("t", API, [(base, b"x" * 100, ()), (base + S, b"y" * 100, ())])
    memory = store.stats("t", None, base, base + 2 * S)
    assert (memory.streams, memory.chunks, memory.entries, memory.bytes) == (1, 1, 2, 200)
    store.flush(immediate=True)
    stored = store.stats("t", None, base, base + 2 * S)
    # tsdb: KB = round(200/1024) = 0 -> bytes 0; entries 2; chunk and stream counted once
    assert (stored.streams, stored.chunks, stored.entries, stored.bytes) == (1, 1, 2, 0)


def test_retention_marks_then_deletes_after_delay(open_store, clock: FakeClock) -> None:
    cfg = StoreConfig(
        retention_enabled=True, retention_period_s=86400, retention_delete_delay_s=7200
    )
    store = open_store(cfg)
    old = clock.ns - 2 * 86400 * S
    store.append("t", API, entries(old, 3))
    store.append("t", WEB, entries(clock.ns, 3))
    store.flush(immediate=True)
    files = sorted(p for p in store.chunks_dir.rglob("*") if p.is_file())
    assert len(files) == 2
    result = store.apply_retention(clock.ns)
    assert (result.marked, result.deleted) == (1, 0)
    assert list(read(store)) == [WEB_KEY]  # gone from the index at once
    assert sum(p.exists() for p in files) == 2  # the file waits for the delete delay
    assert store.apply_retention(clock.ns + 7200 * S).deleted == 0  # strictly older only
    assert store.apply_retention(clock.ns + 7200 * S + 1).deleted == 1
    assert sum(p.exists() for p in files) == 1


def test_retention_disabled_keeps_everything(open_store, clock: FakeClock) -> None:
    # compactor retention_enabled defaults to false: retention_period alone deletes nothing.
    store = open_store(StoreConfig(retention_period_s=86400))
    store.append("t", API, entries(clock.ns - 5 * 86400 * S, 1))
    store.flush(immediate=True)
    assert store.apply_retention(clock.ns).marked == 0


def test_tick_runs_retention_after_one_compaction_interval(open_store, clock: FakeClock) -> None:
    cfg = StoreConfig(
        retention_enabled=True,
        retention_period_s=86400,
        retention_streams=(RetentionStream('{app="web"}', 2 * 86400, priority=1),),
    )
    store = open_store(cfg)
    store.append_many(
        "t",
        [(API, entries(clock.ns - 36 * 3600 * S, 1)), (WEB, entries(clock.ns - 36 * 3600 * S, 1))],
    )
    store.flush(immediate=True)
    clock.advance(599)
    store.tick()
    assert store.metrics.retention_marks == 0
    clock.advance(1)  # tables_manager.go: first run after compaction_interval
    store.tick()
    assert store.metrics.retention_marks == 1  # web keeps 48h by its stream rule
    assert list(read(store)) == [WEB_KEY]


def test_select_rejects_unknown_direction(open_store) -> None:
    with pytest.raises(ValueError, match="direction"):
        list(open_store().select("t", None, 0, 1, direction="sideways"))


def test_reopening_reads_flushed_chunks(tmp_path: Path, clock: FakeClock) -> None:
    first = Store(tmp_path, StoreConfig(chunk_encoding="snappy"), clock=clock)
    first.append("t", API, entries(clock.ns, 50))
    first.flush(immediate=True)
    first.checkpoint()  # nothing left in memory: the checkpoint truncates the WAL
    first.close()
    second = Store(tmp_path, StoreConfig(), clock=clock)  # a different encoding is fine
    assert len(read(second)[API_KEY]) == 50
    assert second.metrics.wal_recovered_entries == 0
    second.close()
