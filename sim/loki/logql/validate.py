"""What Loki checks after parsing (parser.go validateExpr, grafana/loki v3.6.0).

In the order Loki walks the tree: deferred construction errors, `sort`/`sort_desc` with
`by`/`without` labels, and for every stream selector at least one matcher that does not
match the empty string (`{app=~".*"}` alone would read every stream).
"""

from __future__ import annotations

from sim.loki.logql import ast
from sim.loki.logql.errors import ERR_EMPTY_COMPATIBLE_MATCHERS, LogQLParseError


def validate_matchers(matchers: tuple[ast.Matcher, ...]) -> None:
    """util.SplitFiltersAndMatchers must leave at least one real matcher."""
    if all(m.matches("") for m in matchers):
        raise LogQLParseError(ERR_EMPTY_COMPATIBLE_MATCHERS, 0, 0)


def validate_sample(expr: ast.SampleExpr) -> None:
    if isinstance(expr, ast.InvalidExpr):
        raise expr.err
    if isinstance(expr, ast.BinOpExpr):
        validate_sample(expr.left)
        validate_sample(expr.right)
    elif isinstance(expr, ast.LiteralExpr | ast.VectorExpr):
        if expr.err is not None:
            raise expr.err
    elif isinstance(expr, ast.VectorAggregationExpr):
        if expr.operation in ("sort", "sort_desc") and expr.grouping.groups:
            raise LogQLParseError("sort and sort_desc doesn't allow grouping by ", 0, 0)
        validate_sample(expr.left)
    elif isinstance(expr, ast.LabelReplaceExpr):
        validate_sample(expr.left)
    elif isinstance(expr, ast.RangeAggregationExpr):
        validate_matchers(ast.selector_matchers(expr.left.left))
    else:
        validate_matchers(ast.selector_matchers(expr.log_range.left))
        # Loki checks only the shared selector here and reports a broken variant when it runs
        # the query; it is reported now so that no evaluator ever sees an InvalidExpr.
        for variant in expr.variants:
            validate_sample(variant)


def validate_expr(expr: ast.Expr) -> None:
    if isinstance(expr, ast.MatchersExpr | ast.PipelineExpr):
        validate_matchers(ast.selector_matchers(expr))
    else:
        validate_sample(expr)
