"""The route table, dskit's route names and gorilla/mux's 404 and 405."""

from __future__ import annotations

import pytest

from sim.loki.http.app import ROUTES, route_label


# dskit middleware/route_injector.go MakeLabelValue
@pytest.mark.parametrize(
    ("template", "label"),
    [
        ("/loki/api/v1/push", "loki_api_v1_push"),
        ("/loki/api/v1/query_range", "loki_api_v1_query_range"),
        ("/loki/api/v1/label/{name}/values", "loki_api_v1_label_name_values"),
        ("/api/prom/push", "api_prom_push"),
        ("/ready", "ready"),
        ("/", "root"),
    ],
)
def test_route_label(template: str, label: str) -> None:
    assert route_label(template) == label


def test_every_route_of_the_write_and_read_api_is_served() -> None:
    # pkg/loki/modules.go: initDistributor, initQuerier, initQueryFrontend, loki.go Run
    paths = {path for path, _, _ in ROUTES}
    for path in ("/loki/api/v1/push", "/loki/api/v1/query_range", "/loki/api/v1/query",
                 "/loki/api/v1/labels", "/loki/api/v1/label/{name}/values", "/loki/api/v1/series",
                 "/loki/api/v1/index/stats", "/loki/api/v1/tail", "/ready", "/metrics",
                 "/config", "/loki/api/v1/status/buildinfo", "/services"):  # fmt: skip
        assert path in paths


def test_not_found_and_method_not_allowed(loki) -> None:
    missing = loki.client.get("/loki/api/v1/nope")
    assert (missing.status_code, missing.text) == (404, "404 page not found\n")  # http.NotFound
    wrong = loki.client.get("/loki/api/v1/push")
    assert (wrong.status_code, wrong.content) == (405, b"")  # mux's methodNotAllowedHandler
    metrics = loki.client.get("/metrics").text
    assert 'route="other",status_code="404"' in metrics


def test_an_endpoint_loki_has_and_the_stand_in_lacks_is_501(loki) -> None:
    response = loki.client.post("/otlp/v1/logs", content=b"")
    assert response.status_code == 501
    assert "/otlp/v1/logs" in response.text
