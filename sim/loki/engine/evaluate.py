"""Entry points: run a LogQL query as Loki 3.6 runs it (pkg/logql/engine.go query.Exec,
with the checks of the query frontend and querier in front).

    result = query_range(source, "tenant", 'sum by (app) (rate({env="prod"}[5m]))',
                         start_ns, end_ns, step_ns, limits=QueryLimits())
    body = to_json(result)

Log queries return streams (instant log queries are refused, as Loki refuses them); metric
queries return a matrix (range) or a vector (instant); a bare number returns a scalar.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

from sim.errors import UnsupportedFeature
from sim.loki.engine import messages as msg
from sim.loki.engine.errors import ExecutionError, QueryError, SeriesLimitError
from sim.loki.engine.labels import EMPTY, Labels
from sim.loki.engine.limits import QueryLimits
from sim.loki.engine.logquery import run_log_query
from sim.loki.engine.optimize import is_sortable, log_ranges, optimize, selectors
from sim.loki.engine.pipeline.extractor import SampleExtractor
from sim.loki.engine.range_agg import trunc_div
from sim.loki.engine.results import (
    CATEGORIZE_LABELS,
    Data,
    Matrix,
    QueryResult,
    ResultType,
    Sample,
    Scalar,
    Series,
    Vector,
)
from sim.loki.engine.select import SeriesData, select_samples
from sim.loki.engine.source import Direction, LogSource
from sim.loki.engine.stats import Stats
from sim.loki.engine.steps import EvalContext, SampleSelect, build
from sim.loki.logql import ast, parse_expr


def _scalar_matrix(value: float, start_ns: int, end_ns: int, step_ns: int) -> Matrix:
    """PopulateMatrixFromScalar."""
    points = []
    ts = start_ns
    while ts <= end_ns:
        points.append((trunc_div(ts, 1_000_000), value))
        ts += step_ns
    return [Series(EMPTY, points)]


def join_steps(ctx: EvalContext, expr: ast.SampleExpr, instant: bool, max_series: int) -> Data:
    """JoinSampleVector: the first step checked at once, then series counted at each step."""
    steps = build(expr, ctx)
    first = next(steps, None)
    if first is None:
        raise ExecutionError("unexpected empty result")
    vector = first[1]
    if len(vector) > max_series:
        raise SeriesLimitError(max_series)
    if instant:
        if is_sortable(expr):
            return vector
        return sorted(vector, key=lambda s: s.labels)
    series: dict[Labels, Series] = {}
    step: tuple[int, Vector] | None = first
    while step is not None:
        for sample in step[1]:
            found = series.get(sample.labels)
            if found is None:
                found = series[sample.labels] = Series(sample.labels)
            found.points.append((sample.t_ms, sample.value))
        if len(series) > max_series:
            raise SeriesLimitError(max_series)
        step = next(steps, None)
    return [series[key] for key in sorted(series)]


def _source_select(source: LogSource, tenant: str, stats: Stats) -> SampleSelect:
    def select(
        selector: ast.LogSelectorExpr,
        extractor: SampleExtractor,
        start_ns: int,
        end_ns: int,
        with_values: bool,
    ) -> dict[Labels, SeriesData]:
        return select_samples(
            source, tenant, selector, extractor, start_ns, end_ns, stats, with_values
        )

    return select


def run_metric(
    expr: ast.SampleExpr,
    select: SampleSelect,
    start_ns: int,
    end_ns: int,
    step_ns: int,
    instant: bool,
    limits: QueryLimits,
    stats: Stats | None = None,
    min_select_ns: int | None = None,
) -> tuple[ResultType, Data]:
    """query.evalSample (and evalLiteral / evalVector) with samples from `select`."""
    if isinstance(expr, ast.MultiVariantExpr):
        if not limits.enable_multi_variant_queries:
            raise QueryError(msg.ERR_VARIANTS_DISABLED)
        raise UnsupportedFeature("embedded Loki", "multi-variant queries (variants(...) of)")
    if isinstance(expr, ast.LiteralExpr):
        if instant:
            return "scalar", Scalar(trunc_div(start_ns, 1_000_000), expr.value)
        return "matrix", _scalar_matrix(expr.value, start_ns, end_ns, step_ns)
    if isinstance(expr, ast.VectorExpr):
        if instant:
            return "vector", [Sample(EMPTY, expr.value, start_ns // 1_000_000)]
        return "matrix", _scalar_matrix(expr.value, start_ns, end_ns, step_ns)
    for log_range in log_ranges(expr):
        limits.check_range(log_range.interval)
    ctx = EvalContext(select, start_ns, end_ns, step_ns, stats or Stats(), min_select_ns)
    data = join_steps(ctx, optimize(expr), instant, limits.max_query_series)
    return ("vector" if instant else "matrix"), data


def _run(
    source: LogSource,
    tenant: str,
    query: str,
    start_ns: int,
    end_ns: int,
    step_ns: int,
    instant: bool,
    limit: int,
    direction: Direction,
    interval_ns: int,
    limits: QueryLimits,
    encoding_flags: Sequence[str],
    now_ns: int | None,
) -> QueryResult:
    began = time.perf_counter()
    stats = Stats()
    expr = parse_expr(query)
    is_log = isinstance(expr, ast.MatchersExpr | ast.PipelineExpr)
    if is_log:
        if instant:
            raise QueryError(msg.ERR_UNSUPPORTED_INSTANT_LOG_QUERY)
        limits.check_entries(limit)
    now = time.time_ns() if now_ns is None else now_ns
    clamped = limits.clamp_start(start_ns, end_ns, now)
    limits.check_length(start_ns if clamped is None else clamped, end_ns)
    for selector in selectors(expr):
        limits.check_matchers(ast.selector_matchers(selector))
    flags = tuple(encoding_flags)
    result_type: ResultType
    if clamped is None:  # entirely before max_query_lookback: an empty answer
        result_type = "streams" if is_log else ("vector" if instant else "matrix")
        return QueryResult(result_type, [], stats, encoding_flags=flags)
    data: Data
    if isinstance(expr, ast.MatchersExpr | ast.PipelineExpr):
        categorize = CATEGORIZE_LABELS in flags
        data = run_log_query(
            source, tenant, expr, clamped, end_ns, limit, direction, interval_ns, categorize, stats
        )
        result_type = "streams"
    else:
        min_select = now - limits.max_query_lookback_ns if limits.max_query_lookback_ns else None
        select = _source_select(source, tenant, stats)
        result_type, data = run_metric(
            expr, select, clamped, end_ns, step_ns, instant, limits, stats, min_select
        )
    result = QueryResult(result_type, data, stats, encoding_flags=flags)
    stats.entries_returned = result.size
    stats.exec_time_s = time.perf_counter() - began
    return result


def query_range(
    source: LogSource,
    tenant: str,
    query: str,
    start_ns: int,
    end_ns: int,
    step_ns: int,
    *,
    limit: int = 100,
    direction: Direction = "backward",
    interval_ns: int = 0,
    limits: QueryLimits,
    encoding_flags: Sequence[str] = (),
    now_ns: int | None = None,
) -> QueryResult:
    """/loki/api/v1/query_range: a log query over [start, end), or a metric query stepped
    from start to end inclusive. A query with start == end and step 0 is an instant one."""
    instant = start_ns == end_ns and step_ns == 0
    return _run(
        source, tenant, query, start_ns, end_ns, step_ns, instant, limit, direction,
        interval_ns, limits, encoding_flags, now_ns,
    )  # fmt: skip


def query_instant(
    source: LogSource,
    tenant: str,
    query: str,
    time_ns: int,
    *,
    limit: int = 100,
    direction: Direction = "backward",
    limits: QueryLimits,
    encoding_flags: Sequence[str] = (),
    now_ns: int | None = None,
) -> QueryResult:
    """/loki/api/v1/query: a metric query evaluated at one time."""
    return _run(
        source, tenant, query, time_ns, time_ns, 0, True, limit, direction, 0, limits,
        encoding_flags, now_ns,
    )  # fmt: skip
