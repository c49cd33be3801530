"""Step evaluation of metric queries (NewStepEvaluator in pkg/logql/evaluator.go, v3.6.0).

Each node of the expression becomes an iterator of (timestamp ms, vector), one item per
step. Building a node reads its data at once (as Loki selects samples before stepping);
errors that Loki finds while stepping (a series still carrying `__error__`, duplicate series
in a binary operation) are raised at the step where they appear.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from sim.errors import UnsupportedFeature
from sim.loki.engine import binary
from sim.loki.engine.errors import ExecutionError, PipelineError
from sim.loki.engine.labels import EMPTY, Labels, get, has, labels_string, new_labels
from sim.loki.engine.messages import ERROR_LABEL, PRESERVE_ERROR_LABEL
from sim.loki.engine.pipeline.extractor import (
    COUNT_OPS,
    SampleExtractor,
    new_extractor,
    pushdown_grouping,
)
from sim.loki.engine.range_agg import range_steps, trunc_div
from sim.loki.engine.results import Sample, Vector
from sim.loki.engine.select import SeriesData
from sim.loki.engine.stats import Stats
from sim.loki.engine.vector_agg import aggregate
from sim.loki.logql import ast

StepIterator = Iterator[tuple[int, Vector]]
# (selector, extractor, start ns, end ns, with values) -> samples per series
SampleSelect = Callable[
    [ast.LogSelectorExpr, SampleExtractor, int, int, bool], dict[Labels, SeriesData]
]


@dataclass
class EvalContext:
    select: SampleSelect
    start_ns: int
    end_ns: int
    step_ns: int
    stats: Stats = field(default_factory=Stats)
    min_select_ns: int | None = None  # max_query_lookback, as the querier clamps selections


def absent_labels(selector: ast.LogSelectorExpr) -> Labels:
    """absentLabels: the `=` matchers' labels, minus names matched any other way."""
    out: list[tuple[str, str]] = []
    empty: list[str] = []
    for m in ast.selector_matchers(selector):
        if m.name == "__name__":
            continue
        if m.type is ast.MatchType.EQUAL and not any(n == m.name for n, _ in out):
            out.append((m.name, m.value))
        else:
            empty.append(m.name)
    return new_labels(pair for pair in out if pair[0] not in empty)


def _check_errors(items: list[tuple[Labels, float]]) -> None:
    for labels, _ in items:
        if has(labels, ERROR_LABEL) and get(labels, PRESERVE_ERROR_LABEL) != "true":
            raise PipelineError(get(labels, ERROR_LABEL), labels_string(labels))


def range_aggregation(
    expr: ast.RangeAggregationExpr, ctx: EvalContext, override: ast.Grouping | None = None
) -> StepIterator:
    extractor = new_extractor(expr, override)
    log_range = expr.left
    start = ctx.start_ns - log_range.interval - log_range.offset
    if ctx.min_select_ns is not None:
        start = max(start, ctx.min_select_ns)
    end = ctx.end_ns - log_range.offset + 1  # the end of a window is inclusive
    unwrapped = log_range.unwrap is not None
    with_values = unwrapped or expr.operation not in COUNT_OPS
    series = ctx.select(log_range.left, extractor, start, end, with_values)
    steps = range_steps(
        series,
        expr.operation,
        log_range.interval,
        expr.params,
        unwrapped,
        ctx.start_ns,
        ctx.end_ns,
        ctx.step_ns,
        log_range.offset,
    )
    absent = absent_labels(log_range.left) if expr.operation == "absent_over_time" else None
    return _range_vectors(steps, absent)


def _range_vectors(
    steps: Iterator[tuple[int, list[tuple[Labels, float]]]], absent: Labels | None
) -> StepIterator:
    for ts, items in steps:
        _check_errors(items)
        if absent is None:
            yield ts, [Sample(labels, value, ts) for labels, value in items]
        else:
            yield ts, [] if items else [Sample(absent, 1.0, ts)]


def _vector_aggregation(expr: ast.VectorAggregationExpr, ctx: EvalContext) -> StepIterator:
    if expr.operation == "approx_topk":
        raise UnsupportedFeature("embedded Loki", "approx_topk (count-min sketch)")
    left = expr.left
    if isinstance(left, ast.RangeAggregationExpr) and expr.operation == "sum":
        inner = range_aggregation(left, ctx, pushdown_grouping(expr))
    else:
        inner = build(left, ctx)
    return ((ts, aggregate(vec, expr, ts)) for ts, vec in inner)


def _literal_binop(
    expr: ast.BinOpExpr, literal: ast.LiteralExpr, other: StepIterator, literal_left: bool
) -> StepIterator:
    for ts, vec in other:
        yield (
            ts,
            binary.literal_step(
                expr.op, literal.value, vec, literal_left, expr.opts.return_bool, ts
            ),
        )


def _binop(expr: ast.BinOpExpr, ctx: EvalContext) -> StepIterator:
    if isinstance(expr.left, ast.LiteralExpr):
        return _literal_binop(expr, expr.left, build(expr.right, ctx), True)
    if isinstance(expr.right, ast.LiteralExpr):
        return _literal_binop(expr, expr.right, build(expr.left, ctx), False)
    lhs, rhs = build(expr.left, ctx), build(expr.right, ctx)
    return _vector_binop(expr, lhs, rhs)


def _vector_binop(expr: ast.BinOpExpr, lhs: StepIterator, rhs: StepIterator) -> StepIterator:
    matching = expr.opts.vector_matching
    for _, right in rhs:  # Loki steps the right-hand side first
        step = next(lhs, None)
        if step is None:
            return
        ts, left = step
        if expr.op in ("and", "or", "unless"):
            yield ts, binary.set_operation(expr.op, matching, left, right)
        else:
            yield ts, binary.vector_binop(expr.op, expr.opts, left, right)


def _label_replace(expr: ast.LabelReplaceExpr, ctx: EvalContext) -> StepIterator:
    return ((ts, binary.label_replace(vec, expr)) for ts, vec in build(expr.left, ctx))


def vector_steps(value: float, ctx: EvalContext) -> StepIterator:
    """VectorIterator: `vector(1)`, stepping in whole milliseconds."""
    step_ms = trunc_div(ctx.step_ns, 1_000_000) or 1
    end_ms = ctx.end_ns // 1_000_000
    current = ctx.start_ns // 1_000_000
    while current <= end_ms:
        yield current, [Sample(EMPTY, value, current)]
        current += step_ms


def build(expr: ast.SampleExpr, ctx: EvalContext) -> StepIterator:
    """NewStepEvaluator."""
    if isinstance(expr, ast.RangeAggregationExpr):
        return range_aggregation(expr, ctx)
    if isinstance(expr, ast.VectorAggregationExpr):
        return _vector_aggregation(expr, ctx)
    if isinstance(expr, ast.BinOpExpr):
        return _binop(expr, ctx)
    if isinstance(expr, ast.LabelReplaceExpr):
        return _label_replace(expr, ctx)
    if isinstance(expr, ast.VectorExpr):
        return vector_steps(expr.value, ctx)
    raise ExecutionError(
        f"unexpected expr type (*syntax.{type(expr).__name__}) for Evaluator type "
        "(*logql.DefaultEvaluator) "
    )
