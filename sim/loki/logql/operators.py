"""Metric-query constructors with Loki's checks (ast.go, grafana/loki v3.6.0).

newRangeAggregationExpr, mustNewVectorAggregationExpr, mustNewBinOpExpr (including folding
`1 + 1` into `2`), mustNewLiteralExpr and mustNewLabelReplaceExpr: on failure they return a
node that carries the error, which validation reports; the messages are Loki's.
"""

from __future__ import annotations

import math
from typing import Any

from sim.golang.regexp import GoRegexpError, compile_go
from sim.golang.strconv import GoRangeError, atoi, parse_float
from sim.golang.strconv_format import format_float_fixed6
from sim.golang.strconv_quote import GoSyntaxError
from sim.loki.logql import ast
from sim.loki.logql.errors import LogQLParseError

# RangeAggregationExpr.validate()
_GROUPING_ALLOWED = {
    "avg_over_time", "stddev_over_time", "stdvar_over_time", "quantile_over_time",
    "max_over_time", "min_over_time", "first_over_time", "last_over_time",
}  # fmt: skip
_UNWRAP_ALLOWED = {
    "avg_over_time", "sum_over_time", "max_over_time", "min_over_time", "stddev_over_time",
    "stdvar_over_time", "quantile_over_time", "rate", "rate_counter", "absent_over_time",
    "first_over_time", "last_over_time",
}  # fmt: skip
_NO_UNWRAP_ALLOWED = {
    "bytes_over_time",
    "bytes_rate",
    "count_over_time",
    "rate",
    "absent_over_time",
}
_LOGICAL = {"or", "and", "unless"}
_GO_TYPES = {ast.MatchersExpr: "*syntax.MatchersExpr", ast.PipelineExpr: "*syntax.PipelineExpr"}


def _invalid(message: str) -> ast.InvalidExpr:
    return ast.InvalidExpr(LogQLParseError(message, 0, 0))


def range_aggregation(
    left: ast.LogRangeExpr, op: str, grouping: ast.Grouping | None, param: str | None
) -> ast.SampleExpr:
    params: float | None = None
    if param is not None:
        if op != "quantile_over_time":
            return _invalid(f"parameter {param} not supported for operation {op}")
        try:
            params = parse_float(param)
        except (GoSyntaxError, GoRangeError) as err:
            return _invalid(f"invalid parameter for operation {op}: {err}")
    elif op == "quantile_over_time":
        return _invalid(f"parameter required for operation {op}")
    if grouping is not None and op not in _GROUPING_ALLOWED:
        return _invalid(f"grouping not allowed for {op} aggregation")
    if left.unwrap is not None and op not in _UNWRAP_ALLOWED:
        return _invalid(f"invalid aggregation {op} with unwrap")
    if left.unwrap is None and op not in _NO_UNWRAP_ALLOWED:
        return _invalid(f"invalid aggregation {op} without unwrap")
    return ast.RangeAggregationExpr(left, op, params, grouping)


def vector_aggregation(
    left: Any, op: str, grouping: ast.Grouping | None, param: str | None
) -> ast.SampleExpr:
    k = 0
    if op in ("topk", "bottomk", "approx_topk"):
        if param is None:
            return _invalid(f"parameter required for operation {op}")
        try:
            k = atoi(param)
        except (GoSyntaxError, GoRangeError):
            return _invalid(f"invalid parameter {op}({param},")
        if k <= 0:
            return _invalid(f"invalid parameter (must be greater than 0) {op}({param}")
        if op == "approx_topk" and grouping is not None:
            return _invalid(f"grouping not allowed for {op} aggregation")
    elif param is not None:
        return _invalid(f"unsupported parameter for operation {op}({param},")
    return ast.VectorAggregationExpr(left, op, grouping or ast.Grouping(), k)


def label_replace(left: Any, dst: str, replacement: str, src: str, regex: str) -> ast.SampleExpr:
    try:
        compiled = compile_go("^(?:" + regex + ")$")
    except GoRegexpError as err:
        return _invalid(f"invalid regex in label_replace: {err}")
    return ast.LabelReplaceExpr(left, dst, replacement, src, regex, compiled)


def literal(text: str, invert: bool) -> ast.LiteralExpr:
    err: ValueError | None = None
    try:
        value = parse_float(text)
    except GoSyntaxError as e:
        value, err = 0.0, e
    except GoRangeError as e:
        value, err = e.value, e
    if invert:
        value = -value
    if err is None:
        return ast.LiteralExpr(value)
    return ast.LiteralExpr(
        value, LogQLParseError(f"unable to parse literal as a float: {err}", 0, 0)
    )


def bin_op(op: str, opts: ast.BinOpOptions, lhs: Any, rhs: Any) -> ast.SampleExpr:
    if type(lhs) in _GO_TYPES:
        return _invalid(
            f"unexpected type for left leg of binary operation ({op}): {_GO_TYPES[type(lhs)]}"
        )
    if type(rhs) in _GO_TYPES:
        return _invalid(
            f"unexpected type for right leg of binary operation ({op}): {_GO_TYPES[type(rhs)]}"
        )
    for side in (lhs, rhs):
        if isinstance(side, ast.LiteralExpr) and side.err is not None:
            return ast.InvalidExpr(side.err)
    left_lit, right_lit = isinstance(lhs, ast.LiteralExpr), isinstance(rhs, ast.LiteralExpr)
    if op in _LOGICAL and (left_lit or right_lit):
        side, value = ("left", lhs.value) if left_lit else ("right", rhs.value)
        return _invalid(
            f"unexpected literal for {side} leg of logical/set binary operation ({op}): "
            + format_float_fixed6(value)
        )
    if left_lit and right_lit:  # Loki folds constant expressions
        return ast.LiteralExpr(merge(op, lhs.value, rhs.value))
    return ast.BinOpExpr(lhs, op, rhs, opts)


def merge(op: str, left: float, right: float) -> float:
    """MergeBinOp on two scalars (no filtering): comparisons give 1 or 0."""
    if op == "+":
        return left + right
    if op == "-":
        return left - right
    if op == "*":
        return left * right
    if op == "/":
        return math.nan if right == 0 else left / right
    if op == "%":
        return math.nan if right == 0 else math.fmod(left, right)
    if op == "^":
        return go_pow(left, right)
    comparisons = {"==": left == right, "!=": left != right, ">": left > right,
                   ">=": left >= right, "<": left < right, "<=": left <= right}  # fmt: skip
    return 1.0 if comparisons[op] else 0.0


def go_pow(x: float, y: float) -> float:
    """Go's math.Pow, whose special cases return NaN/Inf where Python raises."""
    try:
        return math.pow(x, y)
    except ValueError:  # 0 to a negative power, or a negative base to a fraction
        if x == 0:
            odd = y == math.floor(y) and math.fmod(y, 2) != 0
            return math.copysign(math.inf, x) if odd else math.inf
        return math.nan
    except OverflowError:
        odd = y == math.floor(y) and math.fmod(y, 2) != 0
        return -math.inf if x < 0 and odd else math.inf
