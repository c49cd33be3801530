"""Contract: the embedded Loki answers as a real Loki 3.6 does.

Every case runs against the embedded Loki, and against a real one when
LOKISIM_REAL_LOKI_URL is set (read at import: the suite's autouse fixture clears LOKISIM_*
variables before each test). Cases that need a particular Loki configuration or a process
the test starts itself are skipped for the real target, with the reason.
"""

from __future__ import annotations

import gzip
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import cramjam
import httpx
import pytest

from tests.loki.http.conftest import EmbeddedLoki, write_config
from tests.loki.http.pushes import JSON, PROTO, json_body, now_ns, proto_body

REAL_URL = os.environ.get("LOKISIM_REAL_LOKI_URL", "")
REPO = Path(__file__).resolve().parents[3]
_S = 1_000_000_000

TARGETS = [
    pytest.param("embedded"),
    pytest.param(
        "real",
        marks=pytest.mark.skipif(not REAL_URL, reason="set LOKISIM_REAL_LOKI_URL to a real Loki"),
    ),
]


@dataclass
class Target:
    kind: str
    client: httpx.Client
    run: str  # a label value unique to this test, so a shared real Loki keeps tests apart

    def push(self, body: bytes, headers: dict[str, str]) -> httpx.Response:
        return self.client.post("/loki/api/v1/push", content=body, headers=headers)

    def lines(self, selector: str) -> list[str]:
        params = {"query": selector, "since": "1h", "limit": "1000", "direction": "forward"}
        response = self.client.get("/loki/api/v1/query_range", params=params)
        assert response.status_code == 200, response.text
        result = response.json()["data"]["result"]
        entries = sorted((int(v[0]), v[1]) for s in result for v in s["values"])
        return [line for _, line in entries]


@pytest.fixture(params=TARGETS)
def target(request: pytest.FixtureRequest) -> Iterator[Target]:
    """The Loki under test; the embedded one is made by `configured` (default config)."""
    run = uuid.uuid4().hex[:12]
    if request.param == "embedded":
        yield Target("embedded", httpx.Client(), run)
        return
    with httpx.Client(base_url=REAL_URL, timeout=30) as client:
        yield Target("real", client, run)


@pytest.fixture
def configured(target: Target, make_loki: Callable[..., EmbeddedLoki]) -> Callable[..., Target]:
    """The target with a config: for the embedded one a Loki started with it; the real one
    is used as it is only when no special config is asked for."""

    def make(why: str = "", **config: object) -> Target:
        if target.kind == "real":
            if why:
                pytest.skip(f"needs {why}; the real Loki at LOKISIM_REAL_LOKI_URL has its own")
            return target
        target.client.close()
        return Target("embedded", make_loki(**config).client, target.run)

    return make


def test_push_json_then_query_back(configured: Callable[..., Target]) -> None:
    target = configured()
    now = now_ns()
    body = json_body({"run": target.run, "fmt": "json"}, [(now - 2, "first"), (now - 1, "second")])
    assert target.push(body, JSON).status_code == 204
    assert target.lines(f'{{run="{target.run}"}}') == ["first", "second"]


def test_push_protobuf_then_query_back(configured: Callable[..., Target]) -> None:
    target = configured()
    now = now_ns()
    body = proto_body(f'{{run="{target.run}", fmt="proto"}}', [(now - 2, "a"), (now - 1, "b")])
    assert target.push(body, PROTO).status_code == 204
    assert target.lines(f'{{run="{target.run}"}}') == ["a", "b"]


def test_grouped_validation_errors_keep_the_valid_entries(
    configured: Callable[..., Target],
) -> None:
    target = configured()
    now = now_ns()
    old = now - 8 * 86400 * _S  # reject_old_samples_max_age defaults to 7d
    lines = [(old, "too old 1"), (old + 1, "too old 2"), (now - 1, "fine")]
    response = target.push(json_body({"run": target.run}, lines), JSON)
    # validate.go GreaterThanMaxSampleAgeErrorMsg, grouped by util.GroupedErrors
    assert response.status_code == 400
    assert "has timestamp too old" in response.text
    assert response.text.endswith("\n")
    assert target.lines(f'{{run="{target.run}"}}') == ["fine"]


def test_over_the_tenant_rate_is_429(configured: Callable[..., Target]) -> None:
    target = configured(
        "a Loki with a tiny ingestion_rate_mb",
        limits="  ingestion_rate_mb: 0.0001\n  ingestion_burst_size_mb: 0.0002",
    )
    response = target.push(json_body({"run": target.run}, [(now_ns(), "x" * 1000)]), JSON)
    assert response.status_code == 429
    assert response.text.startswith(
        "ingestion rate limit exceeded for user fake (limit: 104 bytes/sec)"
    )


def test_bodies_over_the_limit_are_413(configured: Callable[..., Target]) -> None:
    target = configured(
        "a Loki with a small distributor.max_recv_msg_size",
        extra="distributor:\n  max_recv_msg_size: 2048",
    )
    big = proto_body(f'{{run="{target.run}"}}', [(now_ns(), "z" * 4000)])
    response = target.push(big, PROTO)
    assert response.status_code == 413
    assert response.text.startswith("request body too large: message size too large than max")
    # a small gzip body that inflates past the limit, refused while inflating
    raw = cramjam.snappy.compress_raw(b"\x0a" + b"\xff" * 100)  # any bytes: never decoded
    bomb = gzip.compress(bytes(raw) + b"\x00" * 100_000)
    assert len(bomb) < 2048
    headers = {**PROTO, "Content-Encoding": "gzip"}
    inflated = target.push(bomb, headers)
    assert (inflated.status_code, inflated.text) == (
        413,
        "request body too large: message size too large than max (2049 vs 2048)\n",
    )


MALFORMED_PUSHES = [
    # (body, headers): each one Loki refuses with a 4xx from push.go / the distributor
    (b'{"streams": [', JSON),  # truncated JSON
    (b'{"streams":[{"stream":{"a":"b"},"values":[["x","line"]]}]}', JSON),  # bad timestamp
    (b"not snappy at all", PROTO),
    (bytes(cramjam.snappy.compress_raw(b"\xff\xff\xff")), PROTO),  # snappy, then bad protobuf
    (b"plain", {**PROTO, "Content-Encoding": "gzip"}),  # gzip: invalid header
    (proto_body("{app=", [(1, "x")]), PROTO),  # couldn't parse labels
    (proto_body("{}", [(1, "x")]), PROTO),  # no labels at all
]


@pytest.mark.parametrize(("body", "headers"), MALFORMED_PUSHES)
def test_malformed_pushes_are_4xx_never_5xx(
    configured: Callable[..., Target], body: bytes, headers: dict[str, str]
) -> None:
    target = configured()
    response = target.push(body, headers)
    assert 400 <= response.status_code < 500, response.text


MALFORMED_READS = [
    ("/loki/api/v1/query_range", {"query": "{app="}),
    ("/loki/api/v1/query_range", {"query": '{app="a"}', "step": "0"}),
    ("/loki/api/v1/query_range", {"query": '{app="a"}', "start": "yesterday"}),
    ("/loki/api/v1/query_range", {"query": 'sum(rate({app="a"}[1m])) by ('}),
    ("/loki/api/v1/query", {"query": '{app="a"}'}),  # log query as an instant query
    ("/loki/api/v1/query", {"query": "1 +"}),
    ("/loki/api/v1/label/app/values", {"start": "abc"}),
    ("/loki/api/v1/series", {"match[]": "garbage"}),
    ("/loki/api/v1/index/stats", {"query": "{"}),
]


@pytest.mark.parametrize(("path", "params"), MALFORMED_READS)
def test_malformed_reads_are_4xx_never_5xx(
    configured: Callable[..., Target], path: str, params: dict[str, str]
) -> None:
    target = configured()
    response = target.client.get(path, params=params)
    assert 400 <= response.status_code < 500, response.text


# --- kill -9 during ingest ---------------------------------------------------------------


class Server:
    """`python -m sim.loki.http` in a subprocess; its port from the "Loki started" line."""

    def __init__(self, config: Path, data: Path) -> None:
        command = [sys.executable, "-m", "sim.loki.http", "--config", str(config),
                   "--listen", "127.0.0.1:0", "--data", str(data)]  # fmt: skip
        self.process = subprocess.Popen(
            command, cwd=REPO, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True
        )
        assert self.process.stderr is not None
        for line in self.process.stderr:
            if 'msg="Loki started"' in line:
                addr = line.split("addr=")[1].split()[0]
                break
        else:
            raise AssertionError(f"the server did not start: exit {self.process.wait()}")
        self.url = f"http://{addr}"
        self._drain = threading.Thread(target=self.process.stderr.read, daemon=True)
        self._drain.start()
        with httpx.Client(base_url=self.url, timeout=5) as client:
            assert client.get("/ready").status_code == 200

    def wait(self) -> int:
        code = self.process.wait(20)
        self._drain.join(10)
        assert self.process.stderr is not None
        self.process.stderr.close()
        return code


def _push_until_killed(url: str, acked: list[str], stop: threading.Event) -> None:
    with httpx.Client(base_url=url, timeout=5) as client:
        for batch in range(100_000):
            if stop.is_set():
                return
            now = now_ns()
            lines = [(now + i, f"batch {batch} line {i}") for i in range(20)]
            try:
                response = client.post(
                    "/loki/api/v1/push", content=json_body({"job": "kill9"}, lines), headers=JSON
                )
            except httpx.HTTPError:
                return
            if response.status_code == 204:
                acked.extend(line for _, line in lines)


@pytest.mark.slow
def test_kill_9_during_ingest_loses_no_acknowledged_push(target: Target, tmp_path: Path) -> None:
    if target.kind != "embedded":
        pytest.skip("needs a Loki process the test starts and kills")
    config = write_config(tmp_path, limits="  max_entries_limit_per_query: 100000")
    data = tmp_path / "data"
    first = Server(config, data)
    acked: list[str] = []
    stop = threading.Event()
    pusher = threading.Thread(target=_push_until_killed, args=(first.url, acked, stop))
    pusher.start()
    deadline = time.monotonic() + 5
    while len(acked) < 400 and time.monotonic() < deadline:
        time.sleep(0.01)
    first.process.send_signal(signal.SIGKILL)  # while pushes are in flight
    first.wait()
    stop.set()
    pusher.join(10)
    assert acked, "no push was acknowledged before the kill"
    second = Server(config, data)
    try:
        params = {
            "query": '{job="kill9"}',
            "since": "1h",
            "limit": "100000",
            "direction": "forward",
        }
        with httpx.Client(base_url=second.url, timeout=30) as client:
            result = client.get("/loki/api/v1/query_range", params=params).json()["data"]["result"]
        stored = [value[1] for stream in result for value in stream["values"]]
        assert len(stored) == len(set(stored)), "an entry was stored twice"
        assert set(acked) <= set(stored), "an acknowledged entry was lost"
    finally:
        second.process.send_signal(signal.SIGTERM)
        assert second.wait() == 0  # SIGTERM: flush as configured, close, exit 0
