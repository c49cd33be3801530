"""/ready, /metrics, /config, buildinfo, /services and /flush."""

from __future__ import annotations

import re

import yaml

from tests.loki.http.pushes import JSON, json_body, now_ns


def test_ready_waits_for_min_ready_duration(make_loki) -> None:
    loki = make_loki(min_ready="1h")
    response = loki.client.get("/ready")
    # lifecycler.CheckReady through readyHandler's http.Error
    assert (response.status_code, response.text) == (
        503,
        "Ingester not ready: waiting for 1h0m0s after being ready\n",
    )
    # pushes are accepted meanwhile: the ingester is ACTIVE in the ring
    body = json_body({"app": "a"}, [(now_ns(), "x")])
    assert loki.client.post("/loki/api/v1/push", content=body, headers=JSON).status_code == 204


def test_before_the_store_opens_ready_is_503_and_pushes_meet_an_empty_ring(make_loki) -> None:
    loki = make_loki(open_store=False)
    assert loki.client.get("/ready").text == "Some services are not Running:\nStarting: 1\n\n"
    body = json_body({"app": "a"}, [(now_ns(), "x")])
    response = loki.client.post("/loki/api/v1/push", content=body, headers=JSON)
    assert (response.status_code, response.text) == (500, "empty ring\n")


def test_ready(loki) -> None:
    response = loki.client.get("/ready")
    assert (response.status_code, response.text) == (200, "ready\n")


def test_metrics_after_a_push(loki) -> None:
    body = json_body({"app": "a"}, [(now_ns(), "abc")])
    loki.client.post("/loki/api/v1/push", content=body, headers=JSON)
    text = loki.client.get("/metrics").text
    assert ('loki_distributor_lines_received_total{format="loki",is_internal_stream="false",'
            'policy="",tenant="fake"} 1.0') in text  # fmt: skip
    assert 'loki_ingester_memory_streams{tenant="fake"} 1.0' in text
    assert 'loki_request_duration_seconds_count{method="POST",route="loki_api_v1_push"' in text
    # the store's own counters, read at scrape time: the push was written to the WAL
    assert re.search(r"^loki_ingester_wal_records_logged_total [1-9]", text, re.MULTILINE)


def test_config_is_yaml_of_the_effective_config(loki) -> None:
    response = loki.client.get("/config")
    assert response.headers["Content-Type"] == "text/plain; charset=utf-8"
    config = yaml.safe_load(response.text)
    assert config["auth_enabled"] is False
    diff = yaml.safe_load(loki.client.get("/config", params={"mode": "diff"}).text)
    assert diff["auth_enabled"] is False  # the default is true, so it differs


def test_buildinfo_and_services(loki) -> None:
    info = loki.client.get("/loki/api/v1/status/buildinfo").json()
    assert list(info) == ["version", "revision", "branch", "buildUser", "buildDate", "goVersion"]
    assert info["version"] == "3.6.0"
    assert "ingester => Running\n" in loki.client.get("/services").text


def test_flush_stores_chunks_now(loki) -> None:
    body = json_body({"app": "a"}, [(now_ns(), "abc")])
    loki.client.post("/loki/api/v1/push", content=body, headers=JSON)
    assert loki.client.post("/flush").status_code == 204  # Ingester.FlushHandler
    metrics = loki.client.get("/metrics").text
    assert 'loki_ingester_chunks_flushed_total{reason="forced"} 1.0' in metrics
