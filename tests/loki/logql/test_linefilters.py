"""sim/loki/logql/linefilters.py: the trees Loki builds for chained and `or`-ed line filters.

Rows from grafana/loki v3.6.0 pkg/logql/syntax/parser_test.go (TestParse, line numbers are
that file's) and ast_test.go (TestOrLineFilterTypes, TestStringer).
"""

from __future__ import annotations

import pytest

from sim.loki.logql import ast, parse_expr, to_string
from sim.loki.logql.linefilters import or_filter
from sim.loki.logql.stages import LineFilterExpr, LineMatchType

EQ = LineMatchType.EQUAL


def _stage(query: str) -> ast.StageExpr:
    expr = parse_expr(query)
    assert isinstance(expr, ast.PipelineExpr) and len(expr.stages) == 1
    return expr.stages[0]


def test_or_chains_after_a_nested_filter() -> None:
    # parser_test.go L3169: {app="foo"} |= "foo" or "bar" |= "buzz" or "fizz"
    foo = LineFilterExpr(EQ, "foo", or_=LineFilterExpr(EQ, "bar", is_or_child=True))
    expected = LineFilterExpr(
        EQ, "buzz", left=foo, or_=LineFilterExpr(EQ, "fizz", is_or_child=True)
    )
    assert _stage('{app="foo"} |= "foo" or "bar" |= "buzz" or "fizz"') == expected


@pytest.mark.parametrize(
    ("query", "ty"),
    [
        # parser_test.go L3204 and L3234: alternatives take the first filter's type.
        ('{app="foo"} |= "foo" or "bar" or "baz"', LineMatchType.EQUAL),
        ('{app="foo"} |> "foo" or "bar" or "baz"', LineMatchType.PATTERN),
    ],
)
def test_or_chain_of_three(query: str, ty: LineMatchType) -> None:
    baz = LineFilterExpr(ty, "baz", is_or_child=True)
    assert _stage(query) == LineFilterExpr(
        ty, "foo", or_=LineFilterExpr(ty, "bar", or_=baz, is_or_child=True)
    )


def test_nested_filters() -> None:
    # parser_test.go L696: each filter holds the ones before it in `left`.
    baz = LineFilterExpr(EQ, "baz")
    blip = LineFilterExpr(LineMatchType.REGEXP, "blip", left=baz)
    flip = LineFilterExpr(LineMatchType.NOT_EQUAL, "flip", left=blip)
    expected = LineFilterExpr(LineMatchType.NOT_REGEXP, "flap", left=flip)
    assert _stage('{foo="bar"} |= "baz" |~ "blip" != "flip" !~ "flap"') == expected


@pytest.mark.parametrize("ty", list(LineMatchType))
def test_alternatives_inherit_the_type(ty: LineMatchType) -> None:
    # ast_test.go TestOrLineFilterTypes
    f1, f2, f3 = LineFilterExpr(ty, "a"), LineFilterExpr(EQ, "b"), LineFilterExpr(EQ, "c")
    or_filter(f1, or_filter(f2, f3))
    assert (f1.ty, f2.ty, f3.ty) == (ty, ty, ty)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # ast_test.go TestStringer: a negative filter with alternatives becomes nested filters.
        ('{app="foo"} != "foo" or "bar"', '{app="foo"} != "foo" != "bar"'),
        (
            '{app="foo"} !~ "test" !~ "foo" or "bar" or "baz"',
            '{app="foo"} !~ "test" !~ "foo" !~ "bar" !~ "baz"',
        ),
        ('{app="foo"} != ip("127.0.0.1") or "foo"', '{app="foo"} != ip("127.0.0.1") != "foo"'),
        # ast.go newOrLineFilterExpr sets `left.Or = right`: an `ip(...)` alternative followed
        # by another alternative is replaced by it (the filter tree really loses it).
        ('{app="foo"} |= "a" or ip("1.2.3.4") or "c"', '{app="foo"} |= "a" or "c"'),
    ],
)
def test_rewrites(query: str, expected: str) -> None:
    assert to_string(parse_expr(query)) == expected
