"""POST /loki/api/v1/push through the server (pkg/distributor/http.go pushHandler)."""

from __future__ import annotations

import gzip

import pytest

from tests.loki.http.pushes import JSON, PROTO, json_body, now_ns, proto_body


def test_a_valid_push_is_204_with_no_body(loki) -> None:
    response = loki.client.post(
        "/loki/api/v1/push", content=json_body({"app": "a"}, [(now_ns(), "x")]), headers=JSON
    )
    assert (response.status_code, response.content) == (204, b"")


def test_the_legacy_route_pushes_too(loki) -> None:
    # modules.go registers /api/prom/push with the same handler
    body = proto_body('{app="a"}', [(now_ns(), "x")])
    assert loki.client.post("/api/prom/push", content=body, headers=PROTO).status_code == 204


@pytest.mark.parametrize(
    ("body", "headers", "status", "text"),
    [
        # push.go: an empty streams list reaches the distributor, validate.go's text
        (b'{"streams":[]}', JSON, 422, "error at least one valid stream is required for ingestion"),
        # mime.ParseMediaType of an absent Content-Type
        (b"", {}, 400, "mime: no media type"),
        (b"x", {**PROTO, "Content-Encoding": "br"}, 400, 'Content-Encoding "br" not supported'),
    ],
)
def test_refusals_are_go_http_errors(loki, body, headers, status, text) -> None:
    response = loki.client.post("/loki/api/v1/push", content=body, headers=headers)
    assert response.status_code == status
    assert response.text == text + "\n"  # http.Error
    assert response.headers["Content-Type"] == "text/plain; charset=utf-8"


def test_auth_enabled_requires_an_org_id(make_loki) -> None:
    loki = make_loki(auth=True)
    body = json_body({"app": "a"}, [(now_ns(), "x")])
    response = loki.client.post("/loki/api/v1/push", content=body, headers=JSON)
    assert (response.status_code, response.text) == (401, "no org id\n")
    headers = {**JSON, "X-Scope-OrgID": "team-a"}
    assert loki.client.post("/loki/api/v1/push", content=body, headers=headers).status_code == 204


def test_a_gzip_body_inflating_past_the_limit_is_413(make_loki, tmp_path) -> None:
    loki = make_loki()
    loki.runtime.push_path.max_recv_msg_size = 1000  # distributor.max_recv_msg_size
    raw = proto_body('{app="a"}', [(now_ns(), "y" * 5000)])
    body = gzip.compress(raw)
    headers = {**PROTO, "Content-Encoding": "gzip"}
    response = loki.client.post("/loki/api/v1/push", content=body, headers=headers)
    assert response.status_code == 413
    assert response.text.startswith("request body too large: message size too large than max")
