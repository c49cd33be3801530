"""sim/loki/engine/vector_agg.py: VectorAggEvaluator of grafana/loki v3.6.0
pkg/logql/evaluator.go (running avg/stddev formulas, NaN handling of max/min/topk)."""

from __future__ import annotations

import math

import pytest

from sim.loki.engine.results import Sample
from sim.loki.engine.vector_agg import aggregate
from sim.loki.logql import parse_expr

from .enginecases import parse_labels


def _vector(*pairs: tuple[str, float]):
    return [Sample(parse_labels(labels), value, 0) for labels, value in pairs]


def _aggregate(query: str, vector):
    return [(dict(s.labels), s.value) for s in aggregate(vector, parse_expr(query), 7)]


INPUT = _vector(('{a="x", b="1"}', 1.0), ('{a="x", b="2"}', 3.0), ('{a="y", b="3"}', 5.0))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ('sum by (a) (rate({z="1"}[1m]))', [({"a": "x"}, 4.0), ({"a": "y"}, 5.0)]),
        ('avg(rate({z="1"}[1m]))', [({}, 3.0)]),
        ('count without (b) (rate({z="1"}[1m]))', [({"a": "x"}, 2.0), ({"a": "y"}, 1.0)]),
        ('stdvar(rate({z="1"}[1m]))', [({}, 8 / 3)]),
        ('max by (a) (rate({z="1"}[1m]))', [({"a": "x"}, 3.0), ({"a": "y"}, 5.0)]),
        ('topk(1, rate({z="1"}[1m])) by (a)',
         [({"a": "x", "b": "2"}, 3.0), ({"a": "y", "b": "3"}, 5.0)]),
        ('bottomk(2, rate({z="1"}[1m]))', [({"a": "x", "b": "1"}, 1.0), ({"a": "x", "b": "2"}, 3.0)]),
        ('sort_desc(rate({z="1"}[1m]))',
         [({"a": "y", "b": "3"}, 5.0), ({"a": "x", "b": "2"}, 3.0), ({"a": "x", "b": "1"}, 1.0)]),
    ],
)  # fmt: skip
def test_aggregations(query, expected):
    assert _aggregate(query, INPUT) == expected


def test_nan_is_replaced_by_max_and_ranked_last_by_topk():
    # evaluator.go: `group.value < s.F || math.IsNaN(group.value)`; heaps rank NaN lowest
    vector = _vector(('{b="1"}', math.nan), ('{b="2"}', 2.0))
    assert _aggregate('max(rate({z="1"}[1m]))', vector) == [({}, 2.0)]
    assert _aggregate('topk(1, rate({z="1"}[1m]))', vector) == [({"b": "2"}, 2.0)]
