"""Store.append_columns (the push path's way in) stores what append_many stores: the same
chunks and the same WAL bytes (pkg/ingester/instance.go Push, wal.go at v3.6.0)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sim.loki.store import Store, StoreConfig
from sim.loki.store.wlog import segment_indexes, segment_path
from tests.loki.store.conftest import FakeClock, read

S = 10**9
LEVEL = (("detected_level", "info"),)


def _pushes(
    start: int,
) -> list[list[tuple[str, list[tuple[int, bytes, tuple[tuple[str, str], ...]]]]]]:
    app, web = '{app="api"}', '{app="web"}'
    return [
        [(app, [(start + i, b"line %d" % i, LEVEL) for i in range(50)])],
        [
            (app, [(start + 49, b"line 49", LEVEL), (start + 60, b"x", ())]),  # a repeat first
            (web, [(start + 5, b"b", ()), (start + 3, b"a", (("k", "v"),))]),  # out of order
        ],
        [(web, [])],
    ]


def _store(path: Path, clock: FakeClock, columns: bool) -> Store:
    store = Store(path, StoreConfig(chunk_block_size=256, chunk_target_size=2000), clock=clock)
    for push in _pushes(clock.ns - 100 * S):
        if columns:
            as_columns = [
                (labels, [e[0] for e in es], [e[1] for e in es], [e[2] for e in es])
                for labels, es in push
            ]
            store.append_columns("t", as_columns)
        else:
            store.append_many("t", push)
    return store


@pytest.mark.parametrize("direction", ["forward", "backward"])
def test_columns_and_entries_store_alike(tmp_path: Path, clock: FakeClock, direction: str) -> None:
    by_entries = _store(tmp_path / "entries", clock, columns=False)
    by_columns = _store(tmp_path / "columns", clock, columns=True)
    try:
        assert read(by_columns, direction=direction) == read(by_entries, direction=direction)
    finally:
        by_entries.close(flush=False)
        by_columns.close(flush=False)
    for name in ("entries", "columns"):
        assert segment_indexes(tmp_path / name / "wal") == [0]
    wal = [segment_path(tmp_path / name / "wal", 0).read_bytes() for name in ("entries", "columns")]
    assert wal[0] == wal[1]
