"""The compose containers' docker stats sampler, against fakes shaped like the docker SDK."""

from __future__ import annotations

import json
import socketserver
import tempfile
import threading
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest

from sim.stack.containerstats import MAX_ERRORS, ContainerStatsSampler, DockerEngine

PROJECT = "lokisim-tiny-20261126t120000z"
SERVICES = {"loki": "loki", "collector": "promtail"}


class FakeContainer:
    """Like docker.models.containers.Container: stats(stream=False) gives one JSON object."""

    def __init__(self, answers: list[Any], called: threading.Event | None = None) -> None:
        self.answers = answers
        self.calls = 0
        self.called = called

    def stats(self, *, stream: bool) -> Any:
        assert stream is False  # one answer, with precpu_stats filled by the engine
        self.calls += 1
        if self.called is not None and self.calls >= 2:
            self.called.set()
        answer = self.answers[min(self.calls, len(self.answers)) - 1]
        if isinstance(answer, BaseException):
            raise answer
        return answer


class FakeEngine:
    def __init__(self, containers: dict[str, list[FakeContainer | None]]) -> None:
        self.containers = containers
        self.finds: list[tuple[str, str]] = []
        self.closed = False

    def find(self, project: str, service: str) -> FakeContainer | None:
        self.finds.append((project, service))
        queue = self.containers.get(service, [None])
        return queue.pop(0) if len(queue) > 1 else queue[0]

    def close(self) -> None:
        self.closed = True


def _sampler(engine: FakeEngine) -> ContainerStatsSampler:
    return ContainerStatsSampler(PROJECT, SERVICES, connect=lambda: engine, every=0.0)


def test_each_reading_is_kept_as_it_came_with_its_role_and_service() -> None:
    loki, promtail = FakeContainer([{"read": "a"}]), FakeContainer([{"read": "b"}])
    engine = FakeEngine({"loki": [loki], "promtail": [promtail]})
    sampler = _sampler(engine)
    sampler.sample_once()
    sampler.sample_once()
    assert [(s.container, s.service, s.stats) for s in sampler.samples] == [
        ("loki", "loki", {"read": "a"}),
        ("collector", "promtail", {"read": "b"}),
        ("loki", "loki", {"read": "a"}),
        ("collector", "promtail", {"read": "b"}),
    ]
    # found once by their Compose labels, then kept
    assert engine.finds == [(PROJECT, "loki"), (PROJECT, "promtail")]
    assert sampler.errors == []


def test_failures_are_errors_never_exceptions_and_a_lost_container_is_found_again() -> None:
    gone = FakeContainer([RuntimeError("404 Client Error: No such container: 3f2a")])
    again = FakeContainer([{"read": "c"}])
    engine = FakeEngine({"loki": [gone, again], "promtail": [None]})
    sampler = _sampler(engine)
    sampler.sample_once()
    sampler.sample_once()
    sampler.sample_once()
    assert sampler.errors == [
        "docker stats of loki failed: 404 Client Error: No such container: 3f2a",
        f"no running container of service promtail in {PROJECT}",  # said once
    ]
    assert [s.stats for s in sampler.samples] == [{"read": "c"}, {"read": "c"}]


def test_an_engine_api_that_does_not_answer_is_an_error_and_is_retried() -> None:
    attempts: list[int] = []

    def connect() -> FakeEngine:
        attempts.append(1)
        raise ConnectionError("Error while fetching server API version: connection refused")

    sampler = ContainerStatsSampler(PROJECT, SERVICES, connect=connect)
    sampler.sample_once()
    sampler.sample_once()
    assert len(attempts) == 2
    assert sampler.errors == [
        "the Docker engine API did not answer: Error while fetching server API version: "
        "connection refused"
    ]
    assert sampler.samples == []


def test_an_answer_that_is_not_an_object_is_an_error() -> None:
    engine = FakeEngine({"loki": [FakeContainer([b"{"])], "promtail": [None]})
    sampler = _sampler(engine)
    sampler.sample_once()
    assert sampler.errors[0] == "docker stats of loki: expected a JSON object, got b'{'"


def test_errors_are_capped() -> None:
    failing = [FakeContainer([RuntimeError(f"failure {n}")]) for n in range(3 * MAX_ERRORS)]
    engine = FakeEngine({"loki": [*failing, failing[-1]], "promtail": [None]})
    sampler = _sampler(engine)
    for _ in range(3 * MAX_ERRORS):
        sampler.sample_once()
    assert len(sampler.errors) == MAX_ERRORS


def test_the_thread_samples_until_stopped_then_closes_the_client() -> None:
    called = threading.Event()
    engine = FakeEngine({"loki": [FakeContainer([{"read": "a"}], called)], "promtail": [None]})
    sampler = _sampler(engine)
    sampler.start()
    assert called.wait(30)
    sampler.stop()
    sampler.stop()  # idempotent: the runner stops it again when it unwinds
    assert len([s for s in sampler.samples if s.container == "loki"]) >= 2
    assert engine.closed


class FakeClient:
    """Like docker.DockerClient: containers.list(filters=...) and close()."""

    def __init__(self, found: list[Any]) -> None:
        self.found = found
        self.filters: list[dict[str, Any]] = []
        self.closed = False
        self.containers = self

    def list(self, *, filters: dict[str, Any]) -> list[Any]:
        self.filters.append(filters)
        return self.found

    def close(self) -> None:
        self.closed = True


def test_the_docker_engine_finds_containers_by_their_compose_labels() -> None:
    container: Any = FakeContainer([])
    client = FakeClient([container])
    engine = DockerEngine(client)
    assert engine.find(PROJECT, "loki") is container
    # the labels Compose v2 puts on every container of a project
    assert client.filters == [
        {"label": [f"com.docker.compose.project={PROJECT}", "com.docker.compose.service=loki"]}
    ]
    assert DockerEngine(FakeClient([])).find(PROJECT, "loki") is None
    engine.close()
    assert client.closed


STATS = {
    "cpu_stats": {"cpu_usage": {"total_usage": 2}, "system_cpu_usage": 10, "online_cpus": 1},
    "precpu_stats": {"cpu_usage": {"total_usage": 1}, "system_cpu_usage": 5},
    "memory_stats": {"usage": 100, "stats": {"inactive_file": 10}},
}


class FakeEngineAPI(BaseHTTPRequestHandler):
    """The few Engine API routes the docker SDK calls here (moby api/swagger.yaml)."""

    asked: list[tuple[str, dict[str, list[str]]]]
    stats_read: threading.Event

    def log_message(self, *args: Any) -> None:
        pass

    def address_string(self) -> str:
        return "unix"

    def do_GET(self) -> None:
        url = urlparse(self.path)
        self.asked.append((url.path, parse_qs(url.query)))
        route = url.path.split("/", 2)[-1] if url.path.startswith("/v1.") else url.path
        body: Any = {
            "/version": {"ApiVersion": "1.47", "Version": "27.5.1", "MinAPIVersion": "1.24"},
            "containers/json": [{"Id": "3f2a", "Names": ["/lokisim-x-loki-1"]}],
            "containers/3f2a/json": {"Id": "3f2a", "Name": "/lokisim-x-loki-1"},
            "containers/3f2a/stats": STATS,
        }.get(route)
        if route == "containers/3f2a/stats":
            self.stats_read.set()
        data = json.dumps(body).encode()
        self.send_response(200 if body is not None else 404)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


class UnixServer(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True


def test_the_docker_sdk_asks_the_engine_api_as_expected(monkeypatch: pytest.MonkeyPatch) -> None:
    FakeEngineAPI.asked, FakeEngineAPI.stats_read = [], threading.Event()
    # a short path: a Unix socket's must fit in 108 bytes, which pytest's tmp_path may not
    short = tempfile.TemporaryDirectory(prefix="lokisim-", dir="/tmp")
    socket = Path(short.name) / "docker.sock"
    with short, UnixServer(str(socket), FakeEngineAPI) as server:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        monkeypatch.setenv("DOCKER_HOST", f"unix://{socket}")
        sampler = ContainerStatsSampler("lokisim-x", {"loki": "loki"})  # the real docker SDK
        sampler.start()
        assert FakeEngineAPI.stats_read.wait(30)
        sampler.stop()
        server.shutdown()
    assert sampler.errors == []
    assert sampler.samples[0].stats == STATS
    asked = dict(FakeEngineAPI.asked)
    assert json.loads(asked["/v1.47/containers/json"]["filters"][0]) == {
        "label": ["com.docker.compose.project=lokisim-x", "com.docker.compose.service=loki"]
    }
    # stream=false without one-shot: the engine takes two readings, precpu_stats is filled
    assert asked["/v1.47/containers/3f2a/stats"] == {"stream": ["False"]}
