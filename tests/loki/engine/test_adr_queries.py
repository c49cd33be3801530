"""Every LogQL query of /work/shared/ADR-loki.md runs over a small homelab dataset without
error, and a few give the numbers computed by hand from the data."""

from __future__ import annotations

import pytest

from sim.loki.engine.evaluate import query_instant, query_range
from sim.loki.engine.labels import from_mapping
from sim.loki.engine.limits import QueryLimits

from .homelab import API_ERROR, API_INFO, NGINX, STREAMS, T0, TENANT, S, entries, homelab

LIMITS = QueryLimits()
END = T0 + 600 * S
NOW = END + 60 * S

# ADR-loki.md: dashboard panels (§7), query patterns and alert rules (§7, §11)
ADR_QUERIES = [
    'sum(rate({level="error"}[5m])) by (namespace, app)',
    'sum(bytes_over_time({job=~".+"}[5m])) by (namespace)',
    '{level=~"error|fatal"} | json | line_format "{{.timestamp}} {{.message}}"',
    'topk(10, sum by (pod) (bytes_over_time({namespace="production"}[1h])))',
    '{namespace="production", app="api"}',
    '{level="error"}',
    '{namespace="production"} |= "connection refused"',
    '{app="api"} != "health check"',
    'sum(rate({namespace="production", level="error"}[5m]))',
    'sum by (pod) (rate({namespace="default"}[1m]))',
    'sum by (app) (bytes_over_time({namespace="production"}[1h]))',
    '{app="api"} | json | status_code >= 500',
    'sum by (method) (rate({app="api"} | json | __error__="" [5m]))',
    '{app="nginx"} | logfmt | duration > 1s',
    'sum(rate({namespace="production", level="error"}[5m])) > 10',
    'count_over_time({app="api"} |= "panic" [5m]) > 0',
    'count_over_time({namespace="production"} |= "panic" [5m]) > 0',
    'count_over_time({namespace="production"} |= "out of memory" [5m]) > 0',
    '{app="api"} | json | line_format "{{.method}} {{.path}} {{.status}} {{.duration}}"',
    '{app=~"oauth|keycloak"} |= "login"',
    '{namespace="production", level="error"}',
]


@pytest.mark.parametrize("query", ADR_QUERIES)
def test_adr_query_runs(query):
    source = homelab()
    result = query_range(
        source, TENANT, query, T0, END, 14 * S, limit=100, limits=LIMITS, now_ns=NOW
    )
    assert result.result_type in ("streams", "matrix")
    if not query.endswith("> 10") and "out of memory" not in query:
        assert result.size > 0, query


def _instant(query: str):
    return query_instant(homelab(), TENANT, query, END, limits=LIMITS, now_ns=NOW).data


def _bytes(labels: dict[str, str]) -> float:
    for stream_labels, every, make in STREAMS:
        if stream_labels == labels:
            return float(sum(len(line) for _, line in entries(every, make)))
    raise AssertionError(labels)


def test_bytes_per_app_by_hand():
    # all ten minutes lie in the last hour: every line's length counts
    got = {s.labels: s.value for s in _instant(
        'sum by (app) (bytes_over_time({namespace="production"}[1h]))'
    )}  # fmt: skip
    assert got == {
        from_mapping({"app": "api"}): _bytes(API_INFO) + _bytes(API_ERROR),
        from_mapping({"app": "nginx"}): _bytes(NGINX),
    }


def test_panics_in_five_minutes_by_hand():
    # error lines every 30 s at 0..570 s; the window (300 s, 600 s] holds 330..570: 9 lines
    got = _instant('count_over_time({namespace="production"} |= "panic" [5m]) > 0')
    assert [(s.labels, s.value) for s in got] == [(from_mapping(API_ERROR), 9.0)]
    rate = _instant('sum(rate({namespace="production", level="error"}[5m]))')
    assert [(s.labels, s.value) for s in rate] == [((), 9 / 300)]


def test_slow_nginx_requests_by_hand():
    # duration = (i % 40) / 10 s for i = 0, 10, ..., 590: above 1s when i % 40 == 20 or 30
    result = query_range(
        homelab(), TENANT, '{app="nginx"} | logfmt | duration > 1s', T0, END, 0,
        limit=1000, limits=LIMITS, now_ns=NOW,
    )  # fmt: skip
    lines = sorted(e.line for s in result.data for e in s.entries)
    expected = sorted(
        f"level=info method=GET path=/static status=200 duration={(i % 40) / 10}s".encode()
        for i in range(0, 600, 10)
        if (i % 40) / 10 > 1
    )
    assert lines == expected
