"""sim/loki/engine/optimize.py against grafana/loki v3.6.0 pkg/logql/optimize.go
(removeLineformat) and evaluator_test.go TestDefaultEvaluator_Sortable."""

from __future__ import annotations

import pytest

from sim.loki.engine.optimize import is_sortable, optimize
from sim.loki.logql import parse_expr, to_string


@pytest.mark.parametrize(
    ("query", "optimized"),
    [
        ('count_over_time({a="b"} | line_format "{{.x}}" [1m])', 'count_over_time({a="b"}[1m])'),
        ('bytes_over_time({a="b"} | line_format "{{.x}}" [1m])',
         'bytes_over_time({a="b"} | line_format "{{.x}}"[1m])'),
        ('count_over_time({a="b"} | line_format "{{.x}}" | json [1m])',
         'count_over_time({a="b"} | line_format "{{.x}}" | json[1m])'),
        ('sum(rate({a="b"} | label_format y="1" | line_format "{{.x}}" [1m]))',
         'sum(rate({a="b"} | label_format y="1"[1m]))'),
    ],
)  # fmt: skip
def test_remove_line_format(query, optimized):
    assert to_string(optimize(parse_expr(query))) == optimized


def test_sortable():
    # TestDefaultEvaluator_Sortable
    assert is_sortable(parse_expr('sort(rate(({app=~"foo|bar"} |~".+bar")[1m])) '))
    assert not is_sortable(parse_expr('sum(rate(({app=~"foo|bar"} |~".+bar")[1m])) '))
