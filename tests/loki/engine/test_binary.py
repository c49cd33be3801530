"""sim/loki/engine/binary.py against grafana/loki v3.6.0 pkg/logql/evaluator_test.go
(TestDefaultEvaluator_DivideByZero, TestEvaluator_mergeBinOpComparisons) and the
label_replace / set operation rules of pkg/logql/evaluator.go."""

from __future__ import annotations

import math

import pytest

from sim.loki.engine.binary import go_pow, label_replace, merge, set_operation
from sim.loki.engine.results import Sample
from sim.loki.logql import ast, parse_expr

from .enginecases import parse_labels


def _s(value: float, labels: str = "{}") -> Sample:
    return Sample(parse_labels(labels), value, 1)


@pytest.mark.parametrize("op", ["/", "%"])
def test_divide_by_zero_is_nan(op):
    # TestDefaultEvaluator_DivideByZero
    merged = merge(op, _s(1), _s(0), swap=False, filter_=False)
    assert merged is not None and math.isnan(merged.value)


# TestEvaluator_mergeBinOpComparisons: (op, lhs, rhs, bool result)
@pytest.mark.parametrize(
    ("op", "lhs", "rhs", "expected"),
    [
        ("==", 1, 1, 1), ("==", 1, 0, 0), ("!=", 0, 1, 1), ("!=", 1, 1, 0),
        (">", 1, 1, 0), (">", 1, 0, 1), ("<", 1, 1, 0), ("<", 0, 1, 1),
        (">=", 1, 1, 1), (">=", 0, 1, 0), ("<=", 0, 0, 1), ("<=", 1, 0, 0),
    ],
)  # fmt: skip
def test_comparisons(op, lhs, rhs, expected):
    merged = merge(op, _s(lhs), _s(rhs), swap=False, filter_=False)
    assert merged is not None and merged.value == expected
    filtered = merge(op, _s(lhs), _s(rhs), swap=False, filter_=True)
    assert filtered is None if expected == 0 else filtered == _s(lhs)


def test_pow_follows_go():
    # math.Pow returns NaN / Inf where Python's math.pow raises
    assert math.isnan(go_pow(-8, 1 / 3))
    assert go_pow(10, 400) == math.inf
    assert go_pow(-10, 401) == -math.inf


def _replace(query: str, labels: str) -> str:
    expr = parse_expr(query)
    assert isinstance(expr, ast.LabelReplaceExpr)
    (out,) = label_replace([_s(1, labels)], expr)
    return dict(out.labels)


# evaluator.go LabelReplaceEvaluator: anchored regexp, $-expansion, an empty result deletes
@pytest.mark.parametrize(
    ("args", "labels", "expected"),
    [
        ('"new", "$1", "app", "f(.*)"', '{app="foo"}', {"app": "foo", "new": "oo"}),
        ('"new", "$1", "app", "f(.*)"', '{app="bar"}', {"app": "bar"}),
        ('"app", "", "app", ".*"', '{app="foo"}', {}),
        ('"new", "${1}-x", "app", "(.*)"', '{app="a"}', {"app": "a", "new": "a-x"}),
    ],
)
def test_label_replace(args, labels, expected):
    assert _replace(f'label_replace(rate({{a="b"}}[1m]), {args})', labels) == expected


# evaluator.go vectorAnd / vectorOr / vectorUnless
@pytest.mark.parametrize(
    ("op", "expected"),
    [("and", ['{a="1"}']), ("or", ['{a="1"}', '{a="2"}', '{a="3"}']), ("unless", ['{a="2"}'])],
)
def test_set_operations(op, expected):
    lhs = [_s(1, '{a="1"}'), _s(2, '{a="2"}')]
    rhs = [_s(3, '{a="1"}'), _s(4, '{a="3"}')]
    got = set_operation(op, ast.VectorMatching(), lhs, rhs)
    assert [s.labels for s in got] == [parse_labels(text) for text in expected]
