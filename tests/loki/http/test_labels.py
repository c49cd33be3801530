"""Labels, label values, series and index stats answers (pkg/util/marshal/marshal.go)."""

from __future__ import annotations

import pytest

from tests.loki.http.pushes import JSON, json_body, now_ns


@pytest.fixture
def stocked(loki):
    now = now_ns()
    for labels in ({"app": "api", "env": "prod"}, {"app": "db", "env": "dev"}):
        body = json_body(labels, [(now - 1000, "one"), (now, "two")])
        assert loki.client.post("/loki/api/v1/push", content=body, headers=JSON).status_code == 204
    return loki


def test_label_names_and_values(stocked) -> None:
    names = stocked.client.get("/loki/api/v1/labels").json()
    assert names == {"status": "success", "data": ["app", "env", "service_name"]}
    values = stocked.client.get("/loki/api/v1/label/app/values").json()
    assert values == {"status": "success", "data": ["api", "db"]}
    narrowed = stocked.client.get(
        "/loki/api/v1/label/app/values", params={"query": '{env="dev"}'}
    ).json()
    assert narrowed["data"] == ["db"]


def test_an_empty_label_answer_omits_data(stocked) -> None:
    # loghttp.LabelResponse: `json:"data,omitempty"`
    response = stocked.client.get("/loki/api/v1/label/nothing/values")
    assert response.text == '{"status":"success"}\n'
    assert response.headers["Content-Type"] == "application/json; charset=UTF-8"


def test_series_by_match_groups(stocked) -> None:
    found = stocked.client.get("/loki/api/v1/series", params={"match[]": '{env="prod"}'}).json()
    assert found == {
        "status": "success",
        "data": [{"app": "api", "env": "prod", "service_name": "api"}],
    }
    everything = stocked.client.get("/loki/api/v1/series").json()["data"]
    assert len(everything) == 2


def test_index_stats(stocked) -> None:
    stats = stocked.client.get("/loki/api/v1/index/stats", params={"query": '{app="api"}'}).json()
    assert list(stats) == ["streams", "chunks", "bytes", "entries"]  # IndexStatsResponse order
    assert (stats["streams"], stats["entries"]) == (1, 2)


@pytest.mark.parametrize(
    ("path", "params", "text"),
    [
        # pkg/logql/matchers.go MatchForSeriesRequest: a group must have matchers
        ("/loki/api/v1/series", {"match[]": '{app="api"} |= "x"'}, "only label matchers are supported"),
        ("/loki/api/v1/labels", {"start": "x"},
         "could not parse 'start' parameter: strconv.ParseInt: parsing \"x\": invalid syntax"),
        # util/validation ErrQueryTooLong, checked by the limits middleware (default 721h)
        ("/loki/api/v1/labels", {"start": "0", "end": "3000000"},
         "the query time range exceeds the limit (query length: 833h20m0s, limit: 30d1h)"),
        # the LogQL parser's own text (sim/loki/logql), answered 400 as ErrParse
        ("/loki/api/v1/index/stats", {"query": "{"},
         "parse error at line 1, col 2: syntax error: unexpected $end, expecting IDENTIFIER or }"),
    ],
)  # fmt: skip
def test_errors_are_400_without_newline(stocked, path, params, text) -> None:
    response = stocked.client.get(path, params=params)
    assert (response.status_code, response.text) == (400, text)


def test_a_range_wholly_before_max_query_lookback_is_an_empty_answer(make_loki) -> None:
    # pkg/querier/queryrange/limits.go limitsMiddleware: NewEmptyResponse, not an error
    loki = make_loki(limits="  max_query_lookback: 1h")
    old = {"start": str(now_ns() - 3 * 86400 * 10**9), "end": str(now_ns() - 2 * 86400 * 10**9)}
    assert loki.client.get("/loki/api/v1/labels", params=old).text == '{"status":"success"}\n'
    series = loki.client.get("/loki/api/v1/series", params=old).json()
    assert series == {"status": "success", "data": []}
