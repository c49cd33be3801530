"""Metric queries over a source that offers columns (sim/loki/engine/colsamples.py) answer
exactly as over its entries (select.py _stream_samples, the reference: the extractor run on
each entry as pkg/logql/log/metrics_extraction.go does, v3.6.0): the same series, samples,
values and stats. The source here is the store (sim/loki/store/colselect.py), with chunks
in memory and on disk, in order (read as columns) and out of order (read as entries)."""

from __future__ import annotations

import json
import random
from array import array
from collections.abc import Iterator, Mapping, Sequence
from functools import partial
from pathlib import Path

import pytest

from sim.loki.engine import colsamples
from sim.loki.engine.evaluate import query_range
from sim.loki.engine.labels import from_mapping
from sim.loki.engine.limits import QueryLimits
from sim.loki.engine.marshal import to_json
from sim.loki.engine.pipeline.extractor import extractor_for, length_value
from sim.loki.engine.select import _extract, select_samples
from sim.loki.engine.source import Entry, matches_all
from sim.loki.engine.stats import Stats, metadata_bytes
from sim.loki.logql import ast, parse_expr
from sim.loki.logql.matchers import Matcher
from sim.loki.store import Store, StoreConfig
from sim.loki.store.blockcols import Columns
from sim.loki.store.colcache import ColumnCache
from sim.loki.store.colselect import StreamColumns, select_columns

S = 10**9
NOW = 1_750_000_000 * S
LEVELS = [(), (("detected_level", "info"),), (("detected_level", "warn"),)]
LIMITS = QueryLimits(max_query_series=2**31 - 1)


class EntrySource:
    """The store as a LogSource (as sim/loki/http/source.py StoreSource reads it)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def select(
        self, tenant: str, matchers: Sequence[Matcher], start_ns: int, end_ns: int, direction: str
    ) -> Iterator[tuple[Mapping[str, str], Iterator[Entry]]]:
        matcher = partial(matches_all, matchers)
        return self.store.select(tenant, matcher, start_ns, end_ns, direction=direction)  # type: ignore[arg-type]


class ColumnStoreSource(EntrySource):
    def select_columns(
        self, tenant: str, matchers: Sequence[Matcher], start_ns: int, end_ns: int
    ) -> Iterator[StreamColumns]:
        return select_columns(self.store, tenant, partial(matches_all, matchers), start_ns, end_ns)


def _store(path: Path, seed: int, ordered: bool) -> Store:
    rng = random.Random(seed)
    cfg = StoreConfig(chunk_block_size=800, chunk_target_size=4000, chunk_idle_period_s=60)
    now = [NOW / S]
    store = Store(path, cfg, clock=lambda: now[0])
    stamps = dict.fromkeys(("web", "db", "cache"), NOW - 900 * S)
    for push in range(8):
        for app in stamps:
            entries = []
            for _ in range(rng.randint(5, 40)):
                stamps[app] += rng.randint(1, 4 * S)
                ts = stamps[app] if ordered else NOW - 900 * S + rng.randint(0, 600) * S
                line = b"level=%d msg=%d " % (rng.randint(0, 2), rng.randint(0, 5))
                entries.append((ts, line + b"z" * rng.randint(0, 150), rng.choice(LEVELS)))
            labels = '{{app="{}", env="{}"}}'.format(app, "prod" if app != "cache" else "dev")
            store.append("t", labels, entries)
        if push in (2, 5):
            now[0] += 120
            store.flush()  # idle chunks go to disk
    store.reader.columns = ColumnCache()
    return store


QUERIES = [
    'count_over_time({env=~".+"}[1m])',
    'sum by (env) (rate({env=~".+"}[5m]))',
    'sum by (detected_level) (count_over_time({env=~".+"}[2m]))',
    'sum without (app) (bytes_over_time({env="prod"}[1m]))',
    'bytes_rate({app="web"}[30s])',
    'sum(count_over_time({env=~".+"}[10m]))',
    'absent_over_time({app="web"}[1m])',
    'sum by (app) (count_over_time({env=~".+"} |= "msg=1" [1m]))',  # a line filter: entries
    'sum by (level) (count_over_time({env=~".+"} | logfmt [1m]))',  # a parser: entries
]


def _as_lists(found: dict[object, object]) -> dict[object, object]:
    return {
        key: [(list(ts), None if v is None else list(v)) for ts, v in data.runs]  # type: ignore[attr-defined]
        for key, data in found.items()
    }


@pytest.mark.parametrize("ordered", [True, False])
@pytest.mark.parametrize("query", QUERIES)
def test_samples_and_stats_as_from_entries(
    tmp_path: Path, query: str, ordered: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = _store(tmp_path / "data", 11, ordered)
    calls: list[int] = []
    monkeypatch.setattr(
        "sim.loki.engine.select.column_samples",
        lambda *a: calls.append(1) or colsamples.column_samples(*a),  # type: ignore[func-returns-value]
    )
    expr = parse_expr(query)
    assert isinstance(expr, ast.SampleExpr)
    answers = []
    for source in (ColumnStoreSource(store), EntrySource(store)):
        stats = Stats()
        found = select_samples(
            source, "t", _selector(expr), extractor_for(expr), NOW - 1000 * S, NOW, stats,
            "bytes" in query,
        )  # fmt: skip
        answers.append((_as_lists(found), stats))  # type: ignore[arg-type]
    assert answers[0] == answers[1]
    assert answers[0][1].lines > 0
    reads_lines = "|" in query
    assert bool(calls) is (not reads_lines and ordered)  # out of order: some streams entries
    store.close(flush=False)


def _selector(expr: ast.SampleExpr) -> ast.LogSelectorExpr:
    while isinstance(expr, ast.VectorAggregationExpr):
        expr = expr.left
    assert isinstance(expr, ast.RangeAggregationExpr)
    return expr.left.left


@pytest.mark.parametrize("ordered", [True, False])
@pytest.mark.parametrize("query", QUERIES[:7])
def test_query_range_answers_as_from_entries(tmp_path: Path, query: str, ordered: bool) -> None:
    store = _store(tmp_path / "data", 5, ordered)
    bodies = []
    for source in (ColumnStoreSource(store), EntrySource(store)):
        result = query_range(
            source, "t", query, NOW - 800 * S, NOW - 60 * S, 14 * S, limits=LIMITS, now_ns=NOW
        )
        body = json.loads(to_json(result))
        summary = body["data"]["stats"]["summary"]
        for timing in ("execTime", "bytesProcessedPerSecond", "linesProcessedPerSecond"):
            summary[timing] = 0
        bodies.append(body)
    assert bodies[0] == bodies[1]
    assert bodies[0]["data"]["result"]
    store.close(flush=False)


TRACES = [(), (("detected_level", "info"),), (("trace", "1"), ("detected_level", "warn"))]


@pytest.mark.parametrize(
    "query",
    [
        'count_over_time({app="x"}[1m])',
        'sum by (detected_level) (rate({app="x"}[1m]))',
        'sum without (trace) (bytes_over_time({app="x"}[1m]))',
        'sum by (trace) (bytes_rate({app="x"}[1m]))',
    ],
)
@pytest.mark.parametrize("wide", [False, True])  # more than 256 metadata: ids in an array
def test_column_samples_as_each_entry_extracted(query: str, wide: bool) -> None:
    rng = random.Random(query)
    metas = TRACES + ([(("trace", str(i)),) for i in range(300)] if wide else [])
    entries = [
        (NOW + i, b"x" * rng.randint(0, 50), rng.choice(metas[:3] if i % 2 else metas))
        for i in range(400)
    ]
    expr = parse_expr(query)
    assert isinstance(expr, ast.SampleExpr)
    reference: dict[object, tuple[list[int], list[float]]] = {}
    ref_stats = Stats()
    extractor = extractor_for(expr)
    stream = extractor.for_stream(from_mapping({"app": "x"}))
    for entry in entries:
        ref_stats.lines += 1
        _extract(stream, entry, reference, ref_stats)  # type: ignore[arg-type]
    # the same entries as three runs of columns, each numbering its own metadata
    runs = []
    for part in (entries[:150], entries[150:151], entries[151:]):
        numbering: dict[object, int] = {}
        ids = [numbering.setdefault(m, len(numbering)) for _, _, m in part]
        packed = bytes(ids) if len(numbering) <= 256 else array("I", ids)
        assert isinstance(packed, array) is (wide and len(part) > 256)
        runs.append(
            Columns([e[0] for e in part], [len(e[1]) for e in part], packed, tuple(numbering), True)  # type: ignore[arg-type]
        )
    extractor = extractor_for(expr)
    value_of = length_value(extractor)
    assert value_of is not None
    stats = Stats()
    got = colsamples.column_samples(
        value_of, extractor.for_stream(from_mapping({"app": "x"})), runs, stats, True
    )
    assert {k: (list(t), list(v or ())) for k, (t, v) in got.items() if t} == {
        k: v for k, v in reference.items() if v[0]
    }
    assert stats.lines == ref_stats.lines == len(entries)
    assert stats.post_filter_lines == ref_stats.post_filter_lines
    assert stats.bytes == sum(len(e[1]) for e in entries)
    assert stats.metadata_bytes == sum(metadata_bytes(e[2]) for e in entries)
