"""What QueryUsers send: Grafana's requests (grafana pkg/tsdb/loki/api.go makeDataRequest)."""

from __future__ import annotations

import random

import pytest

from sim.adr import adr_query_strings
from sim.load.queries import (
    DEFAULT_ENDPOINTS,
    QueryPlan,
    is_log_query,
    stream_selector,
    volume_query,
)

NOW = 1_800_000_000_000_000_000
HOUR_NS = 3600 * 10**9


def _plan(queries, endpoints=DEFAULT_ENDPOINTS, range_s=3600.0):
    return QueryPlan(queries, endpoints, range_s, random.Random(1))


@pytest.mark.parametrize(
    ("endpoint", "path", "params", "headers"),
    [
        # Range: query, direction, limit (maxLines), start/end in ns, step as whole ms + "ms".
        (
            "query_range",
            "/loki/api/v1/query_range",
            [
                ("query", '{app="api"}'),
                ("direction", "backward"),
                ("limit", "1000"),
                ("start", str(NOW - HOUR_NS)),
                ("end", str(NOW)),
                ("step", "3600ms"),
            ],
            [],
        ),
        # Instant: time instead of start/end/step.
        (
            "query",
            "/loki/api/v1/query",
            [
                ("query", 'sum(rate({app="api"}[5m]))'),
                ("direction", "backward"),
                ("limit", "1000"),
                ("time", str(NOW)),
            ],
            [],
        ),
        # The logs-volume histogram, tagged as Grafana tags its supplementary queries.
        (
            "logs_volume",
            "/loki/api/v1/query_range",
            [
                ("query", 'sum by (level, detected_level) (count_over_time({app="api"} [36s]))'),
                ("direction", "backward"),
                ("limit", "1000"),
                ("start", str(NOW - HOUR_NS)),
                ("end", str(NOW)),
                ("step", "36000ms"),
            ],
            [("X-Query-Tags", "Source=logvolhist")],
        ),
        ("labels", "/loki/api/v1/labels", [("start", str(NOW - HOUR_NS)), ("end", str(NOW))], []),
        (
            "index_stats",
            "/loki/api/v1/index/stats",
            [("query", '{app="api"}'), ("start", str(NOW - HOUR_NS)), ("end", str(NOW))],
            [],
        ),
        (
            "index_volume",
            "/loki/api/v1/index/volume",
            [
                ("query", '{app="api"}'),
                ("start", str(NOW - HOUR_NS)),
                ("end", str(NOW)),
                ("limit", "100"),
            ],
            [],
        ),
    ],
)
def test_requests_have_grafanas_shape(endpoint, path, params, headers):
    metric = endpoint == "query"
    plan = _plan(['sum(rate({app="api"}[5m]))' if metric else '{app="api"}'])
    call = plan.call(endpoint, NOW)
    assert (call.name, call.path, list(call.params), list(call.headers)) == (
        endpoint,
        path,
        params,
        headers,
    )


def test_series_and_label_values_name_a_selector_and_a_label():
    plan = _plan(['{app="api"} |= "x"'])
    series = plan.call("series", NOW)
    assert (
        series.url()
        == f"/loki/api/v1/series?match%5B%5D=%7Bapp%3D%22api%22%7D&start={NOW - HOUR_NS}&end={NOW}"
    )
    values = plan.call("label_values", NOW)
    assert values.path.startswith("/loki/api/v1/label/") and values.path.endswith("/values")


def test_every_adr_query_yields_a_selector():
    for query in adr_query_strings():
        assert stream_selector(query).startswith("{")


@pytest.mark.parametrize(
    ("query", "selector"),
    [
        ('{app="api"} | json', '{app="api"}'),
        ('sum by (pod) (rate({namespace="default"}[1m]))', '{namespace="default"}'),
        ('{job=~"}{"} |= "x"', '{job=~"}{"}'),  # braces inside a quoted value
        ("{job=~`a}b`}", "{job=~`a}b`}"),
        ('{msg="say \\"}\\""}', '{msg="say \\"}\\""}'),
    ],
)
def test_stream_selector(query, selector):
    assert stream_selector(query) == selector


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("vector(1)", "expected a LogQL query with a stream selector, got 'vector(1)'"),
        ('{app="api"', "expected a closed stream selector in '{app=\"api\"'"),
    ],
)
def test_queries_without_a_selector_are_refused(query, message):
    with pytest.raises(ValueError) as caught:
        _plan([query])
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("query", "log"),
    [('{app="api"}', True), ('  {app="api"} |= "x"', True), ('sum(rate({a="b"}[1m]))', False)],
)
def test_log_or_metric(query, log):
    assert is_log_query(query) is log


@pytest.mark.parametrize(
    ("query", "volume"),
    [
        ('{app="api"}', 'sum by (level, detected_level) (count_over_time({app="api"} [1m]))'),
        (
            '{app="api"} | json',
            'sum by (level, detected_level) (count_over_time({app="api"} | json | drop __error__ [1m]))',
        ),
    ],
)
def test_volume_query(query, volume):
    assert volume_query(query, "1m") == volume


def test_endpoints_that_do_not_apply_are_left_out():
    plan = _plan(['{app="api"}'], ["query", "labels"])  # no metric query: no instant query
    assert plan.endpoints == ["labels"]
    with pytest.raises(ValueError, match="no endpoint of query applies"):
        _plan(['{app="api"}'], ["query"])


def test_draws_follow_the_weights_and_reach_every_endpoint():
    plan = _plan(list(adr_query_strings()))
    names = [plan.next(NOW).name for _ in range(2000)]
    assert set(names) == set(DEFAULT_ENDPOINTS)
    assert names.count("query_range") > names.count("labels")
