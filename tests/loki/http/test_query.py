"""/loki/api/v1/query_range and /query through the server (codec.go, roundtrip.go, http.go)."""

from __future__ import annotations

import pytest

from tests.loki.http.pushes import JSON, json_body, now_ns


@pytest.fixture
def stocked(loki):
    now = now_ns()
    lines = [(now - 3000, "GET /a 200"), (now - 2000, "GET /b 500 needle"), (now - 1000, "x")]
    body = json_body({"app": "api"}, lines)
    assert loki.client.post("/loki/api/v1/push", content=body, headers=JSON).status_code == 204
    return loki


def test_a_log_query_returns_streams_newest_first(stocked) -> None:
    response = stocked.client.get("/loki/api/v1/query_range", params={"query": '{app="api"}'})
    assert response.headers["Content-Type"] == "application/json; charset=UTF-8"
    data = response.json()["data"]
    assert data["resultType"] == "streams"
    lines = [value[1] for value in data["result"][0]["values"]]
    assert lines == ["x", "GET /b 500 needle", "GET /a 200"]  # direction defaults to backward


def test_a_post_form_is_read_like_a_query_string(stocked) -> None:
    # PrepopulateMiddleware: url-encoded POST bodies are part of r.Form
    form = {"query": '{app="api"} |= "needle"', "direction": "forward"}
    data = stocked.client.post("/loki/api/v1/query_range", data=form).json()["data"]
    assert [v[1] for v in data["result"][0]["values"]] == ["GET /b 500 needle"]


def test_a_metric_instant_query(stocked) -> None:
    query = 'sum(count_over_time({app="api"}[1m]))'
    data = stocked.client.get("/loki/api/v1/query", params={"query": query}).json()["data"]
    assert data["resultType"] == "vector"
    assert data["result"][0]["value"][1] == "3"


@pytest.mark.parametrize(
    ("path", "params", "text"),
    [
        # pkg/querier/queryrange/limits.go maxSeriesErrTmpl (default max_entries 5000)
        ("/loki/api/v1/query_range", {"query": '{app="api"}', "limit": "5001"},
         "max entries limit per query exceeded, limit > max_entries_limit_per_query (5001 > 5000)"),
        # pkg/loghttp/query.go errEndBeforeStart
        ("/loki/api/v1/query_range", {"query": '{app="api"}', "start": "20", "end": "10"},
         "end timestamp must not be before or equal to start time"),
        # pkg/loghttp/params.go parseDirection
        ("/loki/api/v1/query_range", {"query": '{app="api"}', "direction": "up"},
         "invalid direction 'up'"),
        # pkg/logqlmodel/error.go ErrUnsupportedSyntaxForInstantQuery
        ("/loki/api/v1/query", {"query": '{app="api"}'},
         "log queries are not supported as an instant query type, please change your query to a "
         "range query type"),
        # Go's url.ParseQuery through PrepopulateMiddleware
        ("/loki/api/v1/query_range?query=%zz", None, 'invalid URL escape "%zz"'),
    ],
)  # fmt: skip
def test_query_errors_are_400_without_newline(stocked, path, params, text) -> None:
    response = stocked.client.get(path, params=params)
    assert (response.status_code, response.text) == (400, text)


def test_the_legacy_read_api_is_refused_loudly(stocked) -> None:
    response = stocked.client.get("/api/prom/query", params={"query": '{app="api"}'})
    assert response.status_code == 501
    assert "/api/prom/query" in response.text
