"""Instant metric queries against grafana/loki v3.6.0 pkg/logql/engine_test.go
(TestEngine_InstantQuery and TestEngine_LogsRateUnwrap), with the same fake querier data."""

from __future__ import annotations

import pytest

from sim.loki.engine.errors import ExecutionError
from sim.loki.engine.evaluate import run_metric
from sim.loki.engine.limits import QueryLimits
from sim.loki.engine.results import Sample, Scalar
from sim.loki.logql import parse_expr

from .enginecases import (
    S,
    constant_value,
    factor,
    fake_select,
    identity,
    inc_value,
    offset,
    parse_labels,
    series,
)

NO_LIMITS = QueryLimits(max_query_series=2**31 - 1)
N = 300  # engine_test.go testSize


def _instant(query: str, at_s: int, data):
    _, got = run_metric(
        parse_expr(query), fake_select(data), at_s * S, at_s * S, 0, True, NO_LIMITS
    )
    return got


def _vector(at_s: int, *samples: tuple[str, float]):
    return [Sample(parse_labels(labels), value, at_s * 1000) for labels, value in samples]


FOO_BAR_10 = [
    series(N, factor(10, identity), '{app="foo"}'),
    series(N, factor(10, identity), '{app="bar"}'),
]
FOUR = [
    series(N, factor(10, identity), '{app="foo"}'),
    series(N, offset(46, identity), '{app="bar"}'),
    series(N, factor(5, identity), '{app="fuzz"}'),
    series(N, identity, '{app="buzz"}'),
]  # fmt: skip
NS = [
    series(N, factor(10, identity), '{app="foo", namespace="a"}'),
    series(N, factor(10, identity), '{app="bar", namespace="b"}'),
]

# TestEngine_InstantQuery / TestEngine_LogsRateUnwrap: (query, time s, data per select, expected)
CASES = [
    ('rate({app="foo"} |~".+bar" [1m])', 60, [[series(N, identity, '{app="foo"}')]],
     _vector(60, ('{app="foo"}', 1))),
    ('rate({app="foo"}[30s])', 60, [[series(N, offset(46, identity), '{app="foo"}')]],
     _vector(60, ('{app="foo"}', 0.5))),
    ('rate({app="foo"} | unwrap foo [30s])', 60,
     [[series(N, offset(46, constant_value(2)), '{app="foo"}')]], _vector(60, ('{app="foo"}', 1.0))),
    ('count_over_time({app="foo"} |~".+bar" [1m])', 60,
     [[series(N, factor(10, identity), '{app="foo"}')]], _vector(60, ('{app="foo"}', 6))),
    ('first_over_time({app="foo"} |~".+bar" | unwrap foo [1m])', 60,
     [[series(N, factor(10, identity), '{app="foo"}')]], _vector(60, ('{app="foo"}', 1))),
    ('count_over_time({app="foo"} |~".+bar" [1m] offset 30s)', 90,
     [[series(N, factor(10, identity), '{app="foo"}')]], _vector(90, ('{app="foo"}', 6))),
    ('count_over_time(({app="foo"} |~".+bar")[5m])', 300,
     [[series(N, factor(10, identity), '{app="foo"}')]], _vector(300, ('{app="foo"}', 30))),
    ('absent_over_time(({app="foo"} |~".+bar")[5m])', 300,
     [[series(N, factor(10, identity), '{app="foo"}')]], []),
    ('absent_over_time(({app="foo"} |~".+bar")[5m])', 300, [], _vector(300, ('{app="foo"}', 1))),
    ('avg(count_over_time({app=~"foo|bar"} |~".+bar" [1m]))', 60, [FOO_BAR_10], _vector(60, ("{}", 6))),
    ('min(rate({app=~"foo|bar"} |~".+bar" [1m]))', 60, [FOO_BAR_10], _vector(60, ("{}", 0.1))),
    ('max by (app) (rate({app=~"foo|bar"} |~".+bar" [1m]))', 60,
     [[series(N, factor(10, identity), '{app="foo"}'), series(N, factor(5, identity), '{app="bar"}')]],
     _vector(60, ('{app="bar"}', 0.2), ('{app="foo"}', 0.1))),
    ('sum(rate({app=~"foo|bar"} |~".+bar" [1m]))', 60,
     [[series(N, factor(5, identity), '{app="foo"}'), series(N, factor(5, identity), '{app="bar"}')]],
     _vector(60, ("{}", 0.4))),
    ('sum(count_over_time({app=~"foo|bar"} |~".+bar" [1m])) by (app)', 60, [FOO_BAR_10],
     _vector(60, ('{app="bar"}', 6), ('{app="foo"}', 6))),
    ('sum(count_over_time({app=~"foo|bar"} |~".+bar" [1m] offset 30s)) by (namespace,app)', 90,
     [NS], _vector(90, ('{app="bar", namespace="b"}', 6), ('{app="foo", namespace="a"}', 6))),
    ('label_replace(sum(count_over_time({app=~"foo|bar"} |~".+bar" [1m])) by (namespace,app), '
     '"new", "$1", "app", "f(.*)")', 60, [NS],
     _vector(60, ('{app="bar", namespace="b"}', 6), ('{app="foo", namespace="a", new="oo"}', 6))),
    ('count(count_over_time({app=~"foo|bar"} |~".+bar" [1m])) without (app)', 60, [FOO_BAR_10],
     _vector(60, ("{}", 2))),
    ('stdvar without (app) (count_over_time(({app=~"foo|bar"} |~".+bar")[1m])) ', 60,
     [[series(N, factor(10, identity), '{app="foo"}'), series(N, factor(5, identity), '{app="bar"}')]],
     _vector(60, ("{}", 9))),
    ('stddev(count_over_time(({app=~"foo|bar"} |~".+bar")[1m])) ', 60,
     [[series(N, factor(10, identity), '{app="foo"}'), series(N, factor(2, identity), '{app="bar"}')]],
     _vector(60, ("{}", 12))),
    ('rate(({app=~"foo|bar"} |~".+bar")[1m])', 60, [FOUR[:2]],
     _vector(60, ('{app="bar"}', 0.25), ('{app="foo"}', 0.1))),
    ('topk(2,rate(({app=~"foo|bar"} |~".+bar")[1m]))', 60, [FOUR[:2]],
     _vector(60, ('{app="bar"}', 0.25), ('{app="foo"}', 0.1))),
    ('topk(1,rate(({app=~"foo|bar"} |~".+bar")[1m]))', 60, [FOUR[:2]],
     _vector(60, ('{app="bar"}', 0.25))),
    ('topk(1,rate(({app=~"foo|bar"} |~".+bar")[1m])) by (app)', 60, [FOUR],
     _vector(60, ('{app="bar"}', 0.25), ('{app="buzz"}', 1), ('{app="foo"}', 0.1),
             ('{app="fuzz"}', 0.2))),
    ('bottomk(2,rate(({app=~"foo|bar"} |~".+bar")[1m]))', 60, [FOUR],
     _vector(60, ('{app="foo"}', 0.1), ('{app="fuzz"}', 0.2))),
    ('bottomk(3,rate(({app=~"foo|bar"} |~".+bar")[1m])) without (app)', 60, [FOUR],
     _vector(60, ('{app="bar"}', 0.25), ('{app="foo"}', 0.1), ('{app="fuzz"}', 0.2))),
    ('bottomk(3,rate(({app=~"foo|bar"} |~".+bar")[1m])) without (app) + 1', 60, [FOUR],
     _vector(60, ('{app="bar"}', 1.25), ('{app="foo"}', 1.1), ('{app="fuzz"}', 1.2))),
    ('sort(rate(({app=~"foo|bar"} |~".+bar")[1m]))  + 1', 60, [FOUR],
     _vector(60, ('{app="foo"}', 1.1), ('{app="fuzz"}', 1.2), ('{app="bar"}', 1.25),
             ('{app="buzz"}', 2))),
    ('sort_desc(rate(({app=~"foo|bar"} |~".+bar")[1m]))  + 1', 60, [FOUR],
     _vector(60, ('{app="buzz"}', 2), ('{app="bar"}', 1.25), ('{app="fuzz"}', 1.2),
             ('{app="foo"}', 1.1))),
    ("1+1", 60, [], Scalar(60_000, 2)),
    ("2", 60, [], Scalar(60_000, 2)),
    ("vector(2)", 60, [], _vector(60, ("{}", 2))),
    ("1 == 1", 60, [], Scalar(60_000, 1)),
    ("1 == bool 1", 60, [], Scalar(60_000, 1)),
    ('count_over_time({app="foo"}[1m]) > 1', 60, [[series(N, identity, '{app="foo"}')]],
     _vector(60, ('{app="foo"}', 60))),
    ('1 < count_over_time({app="foo"}[1m])', 60, [[series(N, identity, '{app="foo"}')]],
     _vector(60, ('{app="foo"}', 60))),
    ('count_over_time({app="foo"}[1m]) > count_over_time({app="bar"}[1m])', 60,
     [[series(N, identity, '{app="foo"}')], []], []),
    ('count_over_time({app="foo"}[1m]) > bool count_over_time({app="bar"}[1m])', 60,
     [[series(N, identity, '{app="foo"}')], []], []),
    ('sum without(app) (count_over_time({app="foo"}[1m])) >= sum without(app) '
     '(count_over_time({app="bar"}[1m]))', 60,
     [[series(N, identity, '{app="foo"}')], [series(N, identity, '{app="bar"}')]],
     _vector(60, ("{}", 60))),
    ("10 / 5 / 2", 60, [], Scalar(60_000, 1)),
    ("10 / (5 / 2)", 60, [], Scalar(60_000, 4)),
    ('10 / ((rate({app="foo"} |~".+bar" [1m]) /5))', 60, [[series(N, identity, '{app="foo"}')]],
     _vector(60, ('{app="foo"}', 50))),
    ('sum by (app) (count_over_time({app="foo"}[1m])) + sum by (app) (count_over_time({app="bar"}[1m]))',
     60, [[series(N, identity, '{app="foo"}')], [series(N, identity, '{app="bar"}')]], []),
    ('sum by (app) (count_over_time({app="foo"}[1m])) + sum by (app) (count_over_time({app="foo"}[1m]))',
     60, [[series(N, identity, '{app="foo"}')], [series(N, identity, '{app="foo"}')]],
     _vector(60, ('{app="foo"}', 120))),
    ('sum by (app,machine) (count_over_time({app="foo"}[1m])) + on () sum by (app) '
     '(count_over_time({app="foo"}[1m]))', 60,
     [[series(N, identity, '{app="foo",machine="fuzz"}')], [series(N, identity, '{app="foo"}')]],
     _vector(60, ("{}", 120))),
    ('sum by (app,machine) (count_over_time({app="foo"}[1m])) + on (app) sum by (app) '
     '(count_over_time({app="foo"}[1m]))', 60,
     [[series(N, identity, '{app="foo",machine="fuzz"}')], [series(N, identity, '{app="foo"}')]],
     _vector(60, ('{app="foo"}', 120))),
    ('sum by (app,machine) (count_over_time({app="foo"}[1m])) > bool ignoring (machine) sum by (app) '
     '(count_over_time({app="foo"}[1m]))', 60,
     [[series(N, identity, '{app="foo",machine="fuzz"}')], [series(N, identity, '{app="foo"}')]],
     _vector(60, ('{app="foo"}', 0))),
    ('sum by (app,machine) (count_over_time({app="foo"}[1m])) > bool on () group_left sum by (app) '
     '(count_over_time({app="foo"}[1m]))', 60,
     [[series(N, identity, '{app="foo",machine="fuzz"}'), series(N, identity, '{app="foo",machine="buzz"}')],
      [series(N, identity, '{app="foo"}')]],
     _vector(60, ('{app="foo", machine="buzz"}', 0), ('{app="foo", machine="fuzz"}', 0))),
    ('sum by (app,machine) (count_over_time({app="foo"}[1m])) > bool on (app) group_left (pool) sum by '
     '(app,pool) (count_over_time({app="foo"}[1m]))', 60,
     [[series(N, identity, '{app="foo",machine="fuzz"}'), series(N, identity, '{app="foo",machine="buzz"}')],
      [series(N, identity, '{app="foo",pool="foo"}')]],
     _vector(60, ('{app="foo", machine="buzz", pool="foo"}', 0),
             ('{app="foo", machine="fuzz", pool="foo"}', 0))),
    ('sum by (app,pool) (count_over_time({app="foo"}[1m])) > bool on (app) group_right (pool) sum by '
     '(app,machine) (count_over_time({app="foo"}[1m]))', 60,
     [[series(N, identity, '{app="foo",pool="foo"}')],
      [series(N, identity, '{app="foo",machine="fuzz"}'), series(N, identity, '{app="foo",machine="buzz"}')]],
     _vector(60, ('{app="foo", machine="buzz", pool="foo"}', 0),
             ('{app="foo", machine="fuzz", pool="foo"}', 0))),
    # TestEngine_LogsRateUnwrap
    ('rate({app="foo"} | unwrap foo [30s])', 60,
     [[series(N, offset(46, constant_value(1)), '{app="foo"}')]], _vector(60, ('{app="foo"}', 0.5))),
    ('rate({app="foo"} | unwrap foo [30s])', 60,
     [[series(N, offset(46, inc_value(1)), '{app="foo"}')]], _vector(60, ('{app="foo"}', 27))),
    ('rate_counter({app="foo"} | unwrap foo [30s])', 60,
     [[series(N, offset(46, constant_value(1)), '{app="foo"}')]], _vector(60, ('{app="foo"}', 0))),
    ('rate_counter({app="foo"} | unwrap foo [30s])', 60,
     [[series(N, offset(46, inc_value(1)), '{app="foo"}')]],
     _vector(60, ('{app="foo"}', 0.46666766666666665))),
]  # fmt: skip


@pytest.mark.parametrize(("query", "at_s", "data", "expected"), CASES)
def test_instant_query(query, at_s, data, expected):
    assert _instant(query, at_s, data) == expected


def test_many_to_one_must_be_explicit():
    # TestEngine_InstantQuery: `> bool ignoring (machine)` with two machines on the left
    data = [
        [series(N, identity, '{app="foo",machine="fuzz"}'), series(N, identity, '{app="foo",machine="buzz"}')],
        [series(N, identity, '{app="foo"}')],
    ]  # fmt: skip
    query = (
        'sum by (app,machine) (count_over_time({app="foo"}[1m])) > bool ignoring (machine) '
        'sum by (app) (count_over_time({app="foo"}[1m]))'
    )
    with pytest.raises(ExecutionError) as caught:
        _instant(query, 60, data)
    assert str(caught.value) == (
        "multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)"
    )
