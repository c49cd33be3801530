"""Target selection: `auto` picks compose only when a Docker engine answers (DESIGN.md, Targets)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sim.stack.targets import docker_engine_answers, resolve_target


def test_explicit_targets() -> None:
    assert resolve_target("embedded").kind == "embedded"
    assert resolve_target("compose").kind == "compose"
    url = resolve_target("https://loki.example:3100/")
    assert (url.kind, url.url) == ("url", "https://loki.example:3100")


def test_auto_without_an_engine_is_embedded_and_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DOCKER_HOST", f"unix://{tmp_path}/docker.sock")
    target = resolve_target("auto")
    assert target.kind == "embedded"
    assert target.reason == f"auto: no Docker engine socket at {tmp_path}/docker.sock"


def test_a_tcp_engine_that_does_not_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOCKER_HOST", "tcp://127.0.0.1:9")  # discard port: nothing listens
    answers, detail = docker_engine_answers(timeout=0.5)
    assert not answers
    assert detail.startswith("the Docker engine at tcp://127.0.0.1:9 did not answer")
