"""The composition root: the push path's ingester and the store agree across restarts and
flushes (pkg/ingester/recovery.go, instance.go, flush.go removeFlushedChunks)."""

from __future__ import annotations

from pathlib import Path

from sim.loki.config import load_loki_config
from sim.loki.http.runtime import LokiRuntime
from sim.loki.ingest.outcome import PushOutcome
from sim.loki.push.body import RawPush
from tests.loki.http.conftest import write_config
from tests.loki.http.pushes import json_body, now_ns

ONE_STREAM = "  max_streams_per_user: 1\n  max_global_streams_per_user: 0"


def _runtime(config: Path) -> LokiRuntime:
    runtime = LokiRuntime(load_loki_config(config), None)
    runtime.open_store()
    runtime.start()
    return runtime


def _outcome(runtime: LokiRuntime, app: str, ts: int, line: str = "x") -> PushOutcome:
    body = json_body({"app": app}, [(ts, line)])
    return runtime.push("fake", RawPush("/loki/api/v1/push", "application/json", None, body))


def _push(runtime: LokiRuntime, app: str, ts: int, line: str = "x") -> int:
    return _outcome(runtime, app, ts, line).status


def test_streams_restored_from_the_wal_count_against_the_stream_limit(tmp_path: Path) -> None:
    config = write_config(tmp_path, limits=ONE_STREAM)
    first = _runtime(config)
    assert _push(first, "a", now_ns()) == 204
    first.stop(flush=False)
    second = _runtime(config)
    try:
        # the WAL gave the stream back, so a second one is over max_streams_per_user: 1
        assert _push(second, "b", now_ns()) == 429
        assert _push(second, "a", now_ns()) == 204
    finally:
        second.stop(flush=False)


def test_the_last_entry_survives_a_restart_for_the_duplicate_check(tmp_path: Path) -> None:
    config = write_config(tmp_path)
    ts = now_ns()
    first = _runtime(config)
    assert _push(first, "a", ts, "same") == 204
    first.stop(flush=False)
    second = _runtime(config)
    try:
        # stream.go: an entry equal to the stream's last one is dropped without an error,
        # before it reaches the store: nothing is stored
        outcome = _outcome(second, "a", ts, "same")
        assert (outcome.status, outcome.stored_entries) == (204, 0)
        assert _outcome(second, "a", ts, "other").stored_entries == 1
    finally:
        second.stop(flush=False)


def test_a_flushed_stream_leaves_memory_and_frees_the_limit(tmp_path: Path) -> None:
    runtime = _runtime(write_config(tmp_path, limits=ONE_STREAM))
    try:
        assert _push(runtime, "a", now_ns()) == 204
        assert _push(runtime, "b", now_ns()) == 429
        runtime.store.flush(immediate=True)  # type: ignore[union-attr]
        runtime.tick()  # chunk_retain_period 0: the stream has no chunks left, it is removed
        assert _push(runtime, "b", now_ns()) == 204
    finally:
        runtime.stop(flush=False)
