"""Which target a run uses: `auto` asks whether a Docker engine answers, and says what it chose."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Literal

import httpx

TargetKind = Literal["embedded", "compose", "url"]


@dataclass(frozen=True, slots=True)
class Target:
    kind: TargetKind
    url: str = ""  # for `url`: the Loki base URL
    reason: str = ""  # why `auto` chose it, printed for the user


def docker_engine_answers(timeout: float = 1.0) -> tuple[bool, str]:
    """(answers, detail): pings the engine on DOCKER_HOST or the default Unix socket."""
    host = os.environ.get("DOCKER_HOST", "unix:///var/run/docker.sock")
    try:
        if host.startswith("unix://"):
            path = host.removeprefix("unix://")
            if not os.path.exists(path):
                return False, f"no Docker engine socket at {path}"
            transport = httpx.HTTPTransport(uds=path)
            with httpx.Client(transport=transport, timeout=timeout) as client:
                answer = client.get("http://docker/_ping")
        elif host.startswith("tcp://"):
            answer = httpx.get(f"http://{host.removeprefix('tcp://')}/_ping", timeout=timeout)
        else:
            return False, f"DOCKER_HOST={host} is not a unix:// or tcp:// address"
    except httpx.HTTPError as err:
        return False, f"the Docker engine at {host} did not answer ({type(err).__name__})"
    if answer.status_code == 200:
        return True, f"a Docker engine answers at {host}"
    return False, f"the Docker engine at {host} answered {answer.status_code}"


def resolve_target(name: str) -> Target:
    """`auto`, `embedded`, `compose` or a Loki URL (the caller validated the form)."""
    if name.startswith(("http://", "https://")):
        return Target("url", url=name.rstrip("/"), reason="a Loki URL was given")
    if name == "embedded":
        return Target("embedded", reason="asked for")
    if name == "compose":
        return Target("compose", reason="asked for")
    answers, detail = docker_engine_answers()
    if answers:
        return Target("compose", reason=f"auto: {detail}")
    return Target("embedded", reason=f"auto: {detail}")
