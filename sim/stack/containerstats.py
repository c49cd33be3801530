"""While a compose run goes: the Loki and collector containers' `docker stats`, via the engine API.

A background thread (like the runner's probes) finds each container by its Compose labels
and asks the engine for `container.stats(stream=False)` every few seconds. Without
`one_shot` the engine waits for a second reading, so `precpu_stats` is filled and the CPU
figure covers the second or so between them. The answers are kept as they came; the
figures are computed by sim/verify/resources.py. It never takes the run down: what fails is
kept in `errors`, which the runner reports under tool_errors.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from typing import Any, Protocol

from sim.verify.inputs import ContainerStatsSample

EVERY = 5.0
API_TIMEOUT = 30  # seconds; each stats call itself takes about two of the engine's readings
MAX_ERRORS = 10
PROJECT_LABEL = "com.docker.compose.project"
SERVICE_LABEL = "com.docker.compose.service"


class StatsSource(Protocol):
    """What the sampler needs of a docker SDK Container."""

    def stats(self, *, stream: bool) -> Any: ...


class Engine(Protocol):
    def find(self, project: str, service: str) -> StatsSource | None:
        """The project's running container of `service`, if there is one yet."""

    def close(self) -> None: ...


class DockerEngine:
    """The engine the docker CLI would talk to: DOCKER_HOST, else the current context."""

    def __init__(self, client: Any = None) -> None:
        if client is None:
            import docker  # type: ignore[import-untyped]  # only the compose target needs it

            client = docker.from_env(timeout=API_TIMEOUT)
        self._client = client

    def find(self, project: str, service: str) -> StatsSource | None:
        labels = [f"{PROJECT_LABEL}={project}", f"{SERVICE_LABEL}={service}"]
        found = self._client.containers.list(filters={"label": labels})
        return found[0] if found else None

    def close(self) -> None:
        self._client.close()


class ContainerStatsSampler:
    """Samples `services` ({role: compose service}) of `project` until stopped."""

    def __init__(
        self,
        project: str,
        services: Mapping[str, str],
        *,
        connect: Callable[[], Engine] = DockerEngine,
        every: float = EVERY,
    ) -> None:
        self.project = project
        self.services = dict(services)
        self.samples: list[ContainerStatsSample] = []
        self.errors: list[str] = []
        self._connect = connect
        self._every = every
        self._engine: Engine | None = None
        self._containers: dict[str, StatsSource] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="container-stats", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        """Idempotent; waits for a stats call in flight (bounded by the API timeout)."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(API_TIMEOUT + 5)

    def _loop(self) -> None:
        while not self._stop.is_set():
            self.sample_once()
            self._stop.wait(self._every)
        if self._engine is not None:
            try:
                self._engine.close()
            except Exception as err:  # closing a connection must not fail the run either
                self._error(f"closing the Docker client failed: {err}")

    def sample_once(self) -> None:
        """One reading of every container; each failure is an error, never an exception."""
        try:
            if self._engine is None:
                self._engine = self._connect()
        except Exception as err:  # no engine API (a context the SDK cannot use, a socket gone)
            self._error(f"the Docker engine API did not answer: {err}")
            return
        for role, service in self.services.items():
            try:
                container = self._containers.get(role) or self._engine.find(self.project, service)
                if container is None:
                    self._error(f"no running container of service {service} in {self.project}")
                    continue
                self._containers[role] = container
                stats = container.stats(stream=False)
            except Exception as err:  # the container went away, the engine hung up: find again
                self._containers.pop(role, None)
                self._error(f"docker stats of {service} failed: {err}")
                continue
            if isinstance(stats, Mapping):
                self.samples.append(ContainerStatsSample(role, service, time.time(), stats))
            else:
                self._error(f"docker stats of {service}: expected a JSON object, got {stats!r}")

    def _error(self, message: str) -> None:
        if message not in self.errors and len(self.errors) < MAX_ERRORS:
            self.errors.append(message)
