"""The runner's Loki client against the embedded Loki: pagination, series, timed queries."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from sim.errors import ToolError
from sim.stack.lokiclient import PAGE, LokiClient
from tests.loki.http.conftest import EmbeddedLoki, write_config


@pytest.fixture
def loki(tmp_path: Path) -> Iterator[EmbeddedLoki]:
    server = EmbeddedLoki(write_config(tmp_path, limits="  max_entries_limit_per_query: 5000"))
    yield server
    server.close()


def _push(loki: EmbeddedLoki, labels: dict[str, str], values: list[list[str]]) -> None:
    body = json.dumps({"streams": [{"stream": labels, "values": values}]})
    answer = loki.client.post(
        "/loki/api/v1/push", content=body, headers={"Content-Type": "application/json"}
    )
    assert answer.status_code == 204, answer.text


def test_entries_pages_through_shared_timestamps_exactly_once(loki: EmbeddedLoki) -> None:
    base = time.time_ns() - 60 * 10**9
    # Three lines per timestamp, so page boundaries fall inside a timestamp.
    values = [[str(base + i // 3), f"line {i}"] for i in range(2 * PAGE + 7)]
    for start in range(0, len(values), 2000):
        _push(loki, {"app": "a"}, values[start : start + 2000])
    client = LokiClient(loki.url)
    try:
        got = list(client.entries('{app="a"}', base, base + 10**9))
    finally:
        client.close()
    assert sorted(e.line for e in got) == sorted(line for _, line in values)


def test_series_and_timed_queries(loki: EmbeddedLoki) -> None:
    now = time.time_ns()
    _push(loki, {"app": "a", "env": "x"}, [[str(now - 10**9), "hello"]])
    _push(loki, {"team": "b"}, [[str(now - 10**9), "world"]])
    client = LokiClient(loki.url)
    try:
        names = {tuple(sorted(s.items())) for s in client.series(now - 60 * 10**9, now)}
        assert (("team", "b"),) in {tuple((k, v) for k, v in n if k == "team") for n in names}
        assert any(dict(n).get("app") == "a" for n in names)
        ok = client.timed_query('{app="a"}', start_ns=now - 60 * 10**9, end_ns=now, instant=False)
        assert ok.error is None and ok.results == 1
        bad = client.timed_query('{app="a"', start_ns=now - 10**9, end_ns=now, instant=False)
        assert bad.error is not None and bad.error.startswith("400: parse error")
    finally:
        client.close()


def test_the_tenant_rate_limit_is_read_from_loki_config(tmp_path: Path) -> None:
    limits = "  max_entries_limit_per_query: 5000\n  ingestion_rate_mb: 20\n  ingestion_burst_size_mb: 40"
    server = EmbeddedLoki(write_config(tmp_path, limits=limits))
    client = LokiClient(server.url)
    try:
        # ingestion_rate_mb counts MiB: bytesInMB = 1 << 20 (pkg/validation/limits.go)
        assert client.ingestion_limits() == (20 * 1024 * 1024, 40 * 1024 * 1024)
    finally:
        client.close()
        server.close()
    nobody = LokiClient("http://127.0.0.1:9")
    assert nobody.ingestion_limits() == (None, None)
    nobody.close()


def test_unreachable_loki_is_a_tool_error() -> None:
    client = LokiClient("http://127.0.0.1:9")
    with pytest.raises(ToolError, match="did not answer /loki/api/v1/labels"):
        client.label_names(0, 1)
    client.close()
