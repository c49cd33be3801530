"""sim/loki/logql/operators.py: constant folding and Go's math for it.

Rows from grafana/loki v3.6.0 pkg/logql/syntax/ast_test.go (TestStringer) and ast.go
MergeBinOp, and Go's math.Pow documentation (special cases).
"""

from __future__ import annotations

import math

import pytest

from sim.loki.logql.operators import go_pow, merge


@pytest.mark.parametrize(
    ("op", "left", "right", "result"),
    [
        # ast.go MergeBinOp: division and modulo by zero give NaN rather than an error...
        ("/", 1.0, 0.0, math.nan),
        ("%", 1.0, 0.0, math.nan),
        # ...modulo keeps the dividend's sign (math.Mod); comparisons give 1 or 0.
        ("%", -7.0, 3.0, -1.0),
        (">", 2.0, 1.0, 1.0),
        ("<=", 2.0, 1.0, 0.0),
        ("^", 2.0, 10.0, 1024.0),
    ],
)
def test_merge(op: str, left: float, right: float, result: float) -> None:
    got = merge(op, left, right)
    assert got == result or (math.isnan(got) and math.isnan(result))


@pytest.mark.parametrize(
    ("x", "y", "result"),
    [
        # math.Pow special cases
        (0.0, -1.0, math.inf),
        (-0.0, -3.0, -math.inf),
        (0.0, -0.5, math.inf),
        (-8.0, 1 / 3, math.nan),
        (10.0, 400.0, math.inf),
        (-10.0, 401.0, -math.inf),
    ],
)
def test_go_pow(x: float, y: float, result: float) -> None:
    got = go_pow(x, y)
    assert got == result or (math.isnan(got) and math.isnan(result))
