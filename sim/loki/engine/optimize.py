"""Rewrites Loki applies to a metric query before running it (pkg/logql/optimize.go, v3.6.0).

removeLineformat: a `line_format` inside a range aggregation (other than bytes_*) is
dropped unless a parser or line filter follows it, so its template errors never appear.
"""

from __future__ import annotations

from dataclasses import replace

from sim.loki.logql import ast

_USES_LINE = (
    ast.LogfmtParserExpr,
    ast.LineParserExpr,
    ast.LineFilterExpr,
    ast.JSONExpressionParserExpr,
    ast.LogfmtExpressionParserExpr,
)


def _without_line_format(expr: ast.RangeAggregationExpr) -> ast.RangeAggregationExpr:
    selector = expr.left.left
    if expr.operation in ("bytes_over_time", "bytes_rate") or not isinstance(
        selector, ast.PipelineExpr
    ):
        return expr
    stages = selector.stages
    kept = tuple(
        stage
        for i, stage in enumerate(stages)
        if not isinstance(stage, ast.LineFmtExpr)
        or any(isinstance(later, _USES_LINE) for later in stages[i:])
    )
    if kept == stages:
        return expr
    new_selector: ast.LogSelectorExpr = replace(selector, stages=kept) if kept else selector.left
    return replace(expr, left=replace(expr.left, left=new_selector))


def optimize(expr: ast.SampleExpr) -> ast.SampleExpr:
    """optimizeSampleExpr (approx_topk is refused where it is evaluated)."""
    if isinstance(expr, ast.RangeAggregationExpr):
        return _without_line_format(expr)
    if isinstance(expr, ast.VectorAggregationExpr | ast.LabelReplaceExpr):
        return replace(expr, left=optimize(expr.left))
    if isinstance(expr, ast.BinOpExpr):
        return replace(expr, left=optimize(expr.left), right=optimize(expr.right))
    return expr


def log_ranges(expr: ast.Expr) -> list[ast.LogRangeExpr]:
    """Every `{...}[range]` of a metric query, in walk order."""
    if isinstance(expr, ast.RangeAggregationExpr):
        return [expr.left]
    if isinstance(expr, ast.VectorAggregationExpr | ast.LabelReplaceExpr):
        return log_ranges(expr.left)
    if isinstance(expr, ast.BinOpExpr):
        return log_ranges(expr.left) + log_ranges(expr.right)
    if isinstance(expr, ast.MultiVariantExpr):
        return [expr.log_range] + [r for v in expr.variants for r in log_ranges(v)]
    return []


def selectors(expr: ast.Expr) -> list[ast.LogSelectorExpr]:
    if isinstance(expr, ast.MatchersExpr | ast.PipelineExpr):
        return [expr]
    return [r.left for r in log_ranges(expr)]


def is_sortable(expr: ast.Expr) -> bool:
    """Sortable: the query sorts its result (sort / sort_desc anywhere)."""
    if isinstance(expr, ast.VectorAggregationExpr):
        return expr.operation in ("sort", "sort_desc") or is_sortable(expr.left)
    if isinstance(expr, ast.LabelReplaceExpr):
        return is_sortable(expr.left)
    if isinstance(expr, ast.BinOpExpr):
        return is_sortable(expr.left) or is_sortable(expr.right)
    return False
