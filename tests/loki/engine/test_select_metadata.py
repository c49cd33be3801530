"""Samples of entries with structured metadata (sim/loki/engine/select.py): with line
filters only, an entry's series depends on its metadata alone, so the extractor runs once
per distinct metadata. The reference is the extractor run on every entry, as
pkg/logql/log/metrics_extraction.go Process does (v3.6.0); series, their samples in order,
and the count of lines kept must agree."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sim.loki.engine.labels import from_mapping
from sim.loki.engine.pipeline.extractor import extractor_for
from sim.loki.engine.select import Run, _extract, _stream_samples
from sim.loki.engine.stats import Stats
from sim.loki.logql import ast, parse_expr

QUERIES = [
    'count_over_time({app="x"}[1m])',
    'sum by (detected_level) (rate({app="x"}[1m]))',
    'sum by (app) (count_over_time({app="x"} |= "a" [1m]))',
    'bytes_over_time({app="x"} != "b" [1m])',
    'sum without (trace) (count_over_time({app="x"}[1m]))',
]
_metas = st.sampled_from(
    [(), (("detected_level", "info"),), (("detected_level", "warn"),), (("app", "y"),),
     (("trace", "1"), ("detected_level", "info"))]
)  # fmt: skip
_entries = st.lists(
    st.tuples(st.integers(0, 10**9), st.sampled_from([b"a", b"b", b"ab", b""]), _metas),
    max_size=40,
)


def _reference(
    query: str, entries: list[tuple[int, bytes, tuple[tuple[str, str], ...]]]
) -> tuple[dict[object, Run], int]:
    extractor = extractor_for(parse_expr(query))  # type: ignore[arg-type]
    stream = extractor.for_stream(from_mapping({"app": "x"}))
    runs: dict[object, Run] = {}
    stats = Stats()
    for entry in entries:
        _extract(stream, entry, runs, stats)  # type: ignore[arg-type]
    return {k: v for k, v in runs.items() if v[0]}, stats.post_filter_lines


@pytest.mark.parametrize("query", QUERIES)
@given(entries=_entries)
@settings(max_examples=60, deadline=None)
def test_samples_as_each_entry_extracted(
    query: str, entries: list[tuple[int, bytes, tuple[tuple[str, str], ...]]]
) -> None:
    expr = parse_expr(query)
    assert isinstance(expr, ast.SampleExpr)
    extractor = extractor_for(expr)
    stream = extractor.for_stream(from_mapping({"app": "x"}))
    stats = Stats()
    found = _stream_samples(extractor, stream, iter(sorted(entries)), stats, True)
    runs = {k: v for k, v in found.items() if v[0]}
    assert (runs, stats.post_filter_lines) == _reference(query, sorted(entries))
