"""Selectors and plain line filters read from a LogQL query."""

from __future__ import annotations

import pytest

from sim.loki.logql import parse_expr
from sim.verify.selectors import passes_all, selector_plans


def test_selectors_of_a_metric_query_and_a_binary_operation() -> None:
    plans = selector_plans(
        parse_expr('sum(rate({a="1"}[5m])) / sum(rate({b="2"} |= "x" | json [5m]))')
    )
    assert [[m.name for m in p.matchers] for p in plans] == [["a"], ["b"]]
    assert [len(p.line_filters) for p in plans] == [0, 1]
    assert [p.opaque for p in plans] == [False, True]


@pytest.mark.parametrize(
    ("query", "line", "expected"),
    [
        # LogQL line filter semantics (Loki docs, "Line filter expression"); upstream
        # pkg/logql/log/filter.go: |= contains, != not, |~ regexp anywhere, or-alternatives
        ('{a="1"} |= "panic"', "goroutine panic: x", True),
        ('{a="1"} |= "panic"', "all good", False),
        ('{a="1"} != "health"', "GET /healthz", False),
        ('{a="1"} |~ "err(or)?"', "an err here", True),
        ('{a="1"} !~ "^GET"', "GET /", False),
        ('{a="1"} |= "x" |= "y"', "x and y", True),
        ('{a="1"} |= "x" |= "y"', "x alone", False),
        ('{a="1"} |= "x" or "y"', "only y", True),
        ('{a="1"} |= ip("10.0.0.0/8")', "10.1.2.3", None),  # ip(): left to Loki
        ('{a="1"} | line_format "{{.x}}" |= "z"', "z", True),  # after a rewrite: not judged
    ],
)
def test_line_filters(query: str, line: str, expected: bool | None) -> None:
    (plan,) = selector_plans(parse_expr(query))
    assert passes_all(plan.line_filters, line) is expected
