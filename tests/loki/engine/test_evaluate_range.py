"""Range queries against grafana/loki v3.6.0 pkg/logql/engine_test.go (TestEngine_RangeQuery,
TestEngine_MaxSeries, TestEngine_MaxRangeInterval), with the same fake querier data.

The log rows use a source that, like Loki's querierRecorder, returns its streams whatever the
time range; rows whose selector has line filters are left out, as the recorder skips the
pipeline and the filters would not hold on its lines ("0", "1", ...).
"""

from __future__ import annotations

import pytest

from sim.loki.engine.errors import ExecutionError, SeriesLimitError
from sim.loki.engine.evaluate import query_range, run_metric
from sim.loki.engine.labels import from_mapping
from sim.loki.engine.limits import QueryLimits
from sim.loki.engine.results import LogEntry, Series, Stream
from sim.loki.logql import parse_expr

from .enginecases import S, factor, fake_select, identity, parse_labels, series

NO_LIMITS = QueryLimits(max_query_series=2**31 - 1)
N = 300


class RecorderSource:
    """querierRecorder for logs: every stream, entries as given, whatever is asked."""

    def __init__(self, streams):
        self.streams = streams

    def select(self, tenant, matchers, start_ns, end_ns, direction):
        for labels, entries in self.streams:
            yield labels, iter(entries)


def _stream(indexes) -> list:
    return [(i * S, str(i).encode(), ()) for i in indexes]


# TestEngine_RangeQuery log rows: (query, start s, end s, interval s, direction, limit, entries, kept)
@pytest.mark.parametrize(
    ("query", "interval_s", "direction", "limit", "indexes", "kept"),
    [
        ('{app="foo"}', 0, "forward", 10, range(N), list(range(10))),
        ('{app="food"}', 2, "forward", 10, range(N), list(range(0, 20, 2))),  # newIntervalStream
        ('{app="fed"}', 2, "backward", 10, range(N - 1, 0, -1),
         list(range(299, 279, -2))),  # newBackwardIntervalStream
    ],
)  # fmt: skip
def test_log_range_query(query, interval_s, direction, limit, indexes, kept):
    labels = {m.name: m.value for m in parse_expr(query).matchers}
    source = RecorderSource([(labels, _stream(indexes))])
    result = query_range(
        source, "fake", query, 0, 30 * S, 0, limit=limit, direction=direction,
        interval_ns=interval_s * S, limits=NO_LIMITS, now_ns=30 * S,
    )  # fmt: skip
    expected = [Stream(from_mapping(labels), [LogEntry(i * S, str(i).encode()) for i in kept])]
    assert (result.result_type, result.data) == ("streams", expected)


def _series(labels: str, *points: tuple[int, float]) -> Series:
    return Series(parse_labels(labels), [(t * 1000, v) for t, v in points])


def _every(start: int, end: int, step: int, value: float) -> list[tuple[int, float]]:
    return [(t, value) for t in range(start, end + 1, step)]


FOO_BAR = [
    series(N, factor(10, identity), '{app="foo"}'),
    series(N, factor(5, identity), '{app="bar"}'),
]
FOUR = [
    series(N, factor(10, identity), '{app="foo", cluster="b", namespace="a"}'),
    series(N, factor(5, identity), '{app="bar", cluster="a", namespace="b"}'),
    series(N, factor(5, identity), '{app="foo", cluster="a" ,namespace="a"}'),
    series(N, factor(10, identity), '{app="bar", cluster="b" ,namespace="b"}'),
]  # fmt: skip

# TestEngine_RangeQuery metric rows: (query, start s, end s, step s, data, expected matrix)
CASES = [
    ('rate({app="foo"} |~".+bar" [1m])', 60, 120, 60, [[series(N, identity, '{app="foo"}')]],
     [_series('{app="foo"}', (60, 1), (120, 1))]),
    ('rate({app="foo"}[30s])', 60, 120, 15, [[series(N, factor(2, identity), '{app="foo"}')]],
     [_series('{app="foo"}', *_every(60, 120, 15, 0.5))]),
    ('count_over_time({app="foo"} |~".+bar" [1m])', 60, 120, 30,
     [[series(N, factor(10, identity), '{app="foo"}')]], [_series('{app="foo"}', *_every(60, 120, 30, 6))]),
    ('count_over_time(({app="foo"} |~".+bar")[5m])', 300, 600, 30,
     [[series(N, factor(10, identity), '{app="foo"}')]], [_series('{app="foo"}', *_every(300, 600, 30, 30))]),
    ('last_over_time(({app="foo"} |~".+bar" | unwrap foo)[5m])', 300, 600, 30,
     [[series(N, factor(10, identity), '{app="foo"}')]], [_series('{app="foo"}', *_every(300, 600, 30, 1))]),
    ('avg(count_over_time({app=~"foo|bar"} |~".+bar" [1m]))', 60, 180, 30,
     [[series(N, factor(10, identity), '{app="foo"}'), series(N, factor(10, identity), '{app="bar"}')]],
     [_series("{}", *_every(60, 180, 30, 6))]),
    ('max by (app) (rate({app=~"foo|bar"} |~".+bar" [1m]))', 60, 180, 30, [FOO_BAR],
     [_series('{app="bar"}', *_every(60, 180, 30, 0.2)), _series('{app="foo"}', *_every(60, 180, 30, 0.1))]),
    ('max(rate({app=~"foo|bar"} |~".+bar" [1m]))', 60, 180, 30, [FOO_BAR],
     [_series("{}", *_every(60, 180, 30, 0.2))]),
    ('sum(count_over_time({app=~"foo|bar"} |~".+bar" [1m])) by (app)', 60, 180, 30, [FOO_BAR],
     [_series('{app="bar"}', *_every(60, 180, 30, 12)), _series('{app="foo"}', *_every(60, 180, 30, 6))]),
    ('sum(count_over_time({app=~"foo|bar"} |~".+bar" [1m])) by (namespace,cluster, app)', 60, 180, 30,
     [FOUR],
     [_series('{app="bar", cluster="a", namespace="b"}', *_every(60, 180, 30, 12)),
      _series('{app="bar", cluster="b", namespace="b"}', *_every(60, 180, 30, 6)),
      _series('{app="foo", cluster="a", namespace="a"}', *_every(60, 180, 30, 12)),
      _series('{app="foo", cluster="b", namespace="a"}', *_every(60, 180, 30, 6))]),
    ('sum(count_over_time({app=~"foo|bar"} |~".+bar" [1m])) by (namespace, app)', 60, 180, 30, [FOUR],
     [_series('{app="bar", namespace="b"}', *_every(60, 180, 30, 18)),
      _series('{app="foo", namespace="a"}', *_every(60, 180, 30, 18))]),
    ('count(count_over_time({app=~"foo|bar"} |~".+bar" [1m])) without (app)', 60, 180, 30,
     [[series(N, factor(10, identity), '{app="foo"}'), series(N, factor(10, identity), '{app="bar"}')]],
     [_series("{}", *_every(60, 180, 30, 2))]),
    ('stdvar without (app) (count_over_time(({app=~"foo|bar"} |~".+bar")[1m])) ', 60, 180, 30, [FOO_BAR],
     [_series("{}", *_every(60, 180, 30, 9))]),
]  # fmt: skip


@pytest.mark.parametrize(("query", "start", "end", "step", "data", "expected"), CASES)
def test_metric_range_query(query, start, end, step, data, expected):
    result_type, got = run_metric(
        parse_expr(query), fake_select(data), start * S, end * S, step * S, False, NO_LIMITS
    )
    assert (result_type, got) == ("matrix", expected)


LOCAL = [
    series(1000, identity, labels)
    for labels in (
        '{app="foo"}', '{app="foo",bar="foo"}', '{app="foo",bar="bazz"}', '{app="foo",bar="fuzz"}',
        '{app="bar"}', '{app="bar",bar="foo"}', '{app="bar",bar="bazz"}', '{app="bar",bar="fuzz"}',
    )
]  # fmt: skip


# TestEngine_MaxSeries (metric rows): max_query_series 1 over getLocalQuerier's 8 series.
# Its topk(1, ...) row is left out: the 8 series tie, and which one Loki keeps at each step
# follows Go's random map order (so over many steps it exceeds the limit); ties are broken
# by labels here, the same series every step.
@pytest.mark.parametrize(
    ("query", "limit_error"),
    [
        ('rate({app="foo"} |~".+bar" [1m])', True),
        ('rate({app="foo"}[30s])', True),
        ('count_over_time({app="foo|bar"} |~".+bar" [1m])', True),
        ('avg(count_over_time({app=~"foo|bar"} |~".+bar" [1m]))', False),
    ],
)
def test_max_series(query, limit_error):
    limits = QueryLimits(max_query_series=1)
    select = fake_select([LOCAL, LOCAL])
    run = lambda: run_metric(parse_expr(query), select, 0, 1000 * S, 60 * S, False, limits)  # noqa: E731
    if limit_error:
        with pytest.raises(SeriesLimitError, match=r"maximum number of series \(1\) reached"):
            run()
    else:
        run()


# TestEngine_MaxRangeInterval: max_query_range 24h
@pytest.mark.parametrize(
    ("query", "limit_error"),
    [
        ('topk(1,rate(({app=~"foo|bar"})[2d]))', "[2d] > [1d]"),
        ('topk(1,rate(({app=~"foo|bar"})[1d]))', None),
        ('topk(1,rate({app=~"foo|bar"}[12h]) / (rate({app="baz"}[23h]) + rate({app="fiz"}[25h])))',
         "[1d1h] > [1d]"),
    ],
)  # fmt: skip
def test_max_range_interval(query, limit_error):
    limits = QueryLimits(max_query_series=100000, max_query_range_ns=24 * 3600 * S)
    select = fake_select([LOCAL[:1]] * 3)
    run = lambda: run_metric(parse_expr(query), select, 0, 1000 * S, 60 * S, False, limits)  # noqa: E731
    if limit_error:
        with pytest.raises(ExecutionError) as caught:
            run()
        assert str(caught.value) == "[interval] value exceeds limit: " + limit_error
    else:
        run()
