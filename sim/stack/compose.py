"""The compose target: compose/docker-compose.yml's real images, one Compose project per run.

`docker compose -p lokisim-<run id> -f compose/docker-compose.yml -f <run>/compose.override.yaml`
pulls the images the run needs that are missing (one line each), brings up Loki (after
loki-init) and the collector chosen (Promtail, or Alloy for a `.alloy` config), published on
free 127.0.0.1 ports, and waits for Loki's /ready and the collector's /metrics. At the end:
the collector stops first (it flushes), then Loki; each container's log is saved into the
run dir; Loki's volume is measured; and `down --remove-orphans` always runs, also after
Ctrl-C or SIGTERM. The volumes stay (Loki's data can still be looked at) unless
LOKISIM_COMPOSE_REMOVE_VOLUMES asks for `--volumes`; the command that removes them is printed.
"""

from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sim.errors import ToolError
from sim.stack.base import Endpoints
from sim.stack.composefile import (
    LOKI_CERT,
    LOKI_KEY,
    Collector,
    override,
    service_images,
    write_override,
)
from sim.stack.containerstats import ContainerStatsSampler
from sim.stack.docker import ComposeCLI, Runner, pull_missing
from sim.stack.lokiconfig import write_tls_config
from sim.stack.process import free_port, poll_ready
from sim.stack.targets import TargetKind
from sim.stack.tls import make_run_tls

READY_TIMEOUT = 180.0  # containers start, then Loki's min_ready_duration (15 s)
UP_TIMEOUT = 300.0  # the images are already pulled
PORT_VARIABLES = {
    "loki": "LOKISIM_LOKI_PORT",
    "promtail": "LOKISIM_PROMTAIL_PORT",
    "alloy": "LOKISIM_ALLOY_PORT",
}
LOGS = (("loki-init", "loki-init.log"), ("loki", "loki.log"))


def project_name(run_dir: Path) -> str:
    """`lokisim-<run id>`, in the characters Compose allows in a project name."""
    return "lokisim-" + re.sub(r"[^a-z0-9_-]+", "-", run_dir.name.lower()).strip("-_")


def collector_choice(collector: str, config: Path) -> Collector:
    """adr and recommended are the base file's Promtail configs; a `.alloy` path runs Alloy."""
    if collector in ("adr", "recommended"):
        return Collector("promtail")
    return Collector("alloy" if config.suffix == ".alloy" else "promtail", config)


def _say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)  # beside the runner's console, which is stderr


def parse_ps(text: str) -> dict[str, dict[str, Any]]:
    """`docker compose ps --format json`: one object per line (Compose >= 2.21) or an array."""
    text = text.strip()
    if not text:
        return {}
    try:
        rows = (
            json.loads(text) if text.startswith("[") else [json.loads(x) for x in text.splitlines()]
        )
    except ValueError:
        return {}
    return {str(row.get("Service")): row for row in rows if isinstance(row, dict)}


class ComposeStack:
    kind: TargetKind = "compose"
    owns_loki = True
    tenant: str | None = None

    def __init__(
        self,
        run_dir: Path,
        *,
        docker: str,
        compose_file: Path,
        loki_config: Path,
        collector: str,
        collector_config: Path,
        pods_dir: Path,
        tls: bool = True,
        remove_volumes: bool = False,
        run: Runner = subprocess.run,
        say: Callable[[str], None] = _say,
    ) -> None:
        self.run_dir = run_dir
        self.remove_volumes = remove_volumes
        self.say = say  # progress lines for the user (pulls, readiness, what is left)
        self.images = service_images(compose_file)
        self.problems: list[str] = []
        self.choice = collector_choice(collector, collector_config)
        self.agent = self.choice.service
        ports = {"loki": free_port(), self.agent: free_port()}
        tls_dir: Path | None = None
        if tls:
            files = make_run_tls(run_dir / "tls", label=run_dir.name)
            tls_dir = files.directory
            loki_config = write_tls_config(
                loki_config, run_dir / "loki-config.yaml", cert_file=LOKI_CERT, key_file=LOKI_KEY
            )
        document = override(loki_config=loki_config, collector=self.choice, tls_dir=tls_dir)
        override_path = write_override(run_dir / "compose.override.yaml", document)
        env = {PORT_VARIABLES[name]: str(port) for name, port in ports.items()}
        env["LOKISIM_PODS_DIR"] = str(pods_dir.resolve())
        if collector in ("adr", "recommended"):
            env["LOKISIM_COLLECTOR"] = collector
        self.project = project_name(run_dir)
        self.cli = ComposeCLI(
            docker,
            project=self.project,
            files=[compose_file, override_path],
            profiles=self.choice.profiles,
            env=env,
            log_path=run_dir / "compose.log",
            run=run,
        )
        scheme = "https" if tls else "http"
        self.endpoints = Endpoints(
            f"{scheme}://127.0.0.1:{ports['loki']}",
            f"http://127.0.0.1:{ports[self.agent]}",
            tls_dir / "ca.crt" if tls_dir is not None else None,
        )
        self._up = False
        self._stored: int | None = None
        self._next_check = 0.0

    def start(self) -> None:
        self.pull()  # creates nothing in the project: a failure leaves nothing to take down
        self._up = True  # from here on, stop() must take the project down
        self.cli("up", "--detach", "--quiet-pull", "loki", self.agent, timeout=UP_TIMEOUT)
        self._wait("loki", f"{self.endpoints.loki_url}/ready")
        # Promtail's /ready stays 503 until it tails a file; /metrics says it is up.
        self._wait(self.agent, f"{self.endpoints.collector_url}/metrics")

    def pull(self) -> None:
        """The images of the run's services this machine lacks, one line per image."""
        pull_missing(self.cli, self.images, ("loki-init", "loki", self.agent), self.say)

    def _wait(self, service: str, url: str) -> None:
        self.say(f"waiting for {service} at {url} (up to {READY_TIMEOUT:g}s) ...")
        started = time.monotonic()
        verify = self.endpoints.verify()
        last = poll_ready(url, READY_TIMEOUT, verify=verify, failed=lambda: self._exited(service))
        if last is not None:
            raise ToolError(
                f"compose service {service} was not ready at {url} after {READY_TIMEOUT:g}s "
                f"(last answer: {last}); its log will be in {self.run_dir}"
            )
        self.say(f"{service} ready after {time.monotonic() - started:.0f}s")

    def stats_sampler(self) -> ContainerStatsSampler:
        """`docker stats` of Loki and the collector while the run goes (not yet started)."""
        return ContainerStatsSampler(self.project, {"loki": "loki", "collector": self.agent})

    def _exited(self, service: str) -> str | None:
        """Why waiting for `service` is pointless (its container or loki-init died), at most
        every 5 s."""
        if time.monotonic() < self._next_check:
            return None
        self._next_check = time.monotonic() + 5.0
        rows = parse_ps(self.cli("ps", "--all", "--format", "json", check=False))
        for name in ("loki-init", service):
            row = rows.get(name, {})
            failed = row.get("State") in ("exited", "dead", "restarting")
            if failed and not (name == "loki-init" and row.get("ExitCode") == 0):
                tail = self.cli("logs", "--no-color", "--tail", "20", name, check=False)
                return (
                    f"compose service {name} {row.get('State')} (exit code "
                    f"{row.get('ExitCode')}) before {service} was ready:\n{tail.strip()}"
                )
        return None

    def stop(self) -> dict[str, int | None]:
        """Collector, then Loki; logs saved and Loki's volume measured; then always `down`."""
        if not self._up:
            return {}
        statuses: dict[str, int | None] = {}
        steps = (
            lambda: self.cli("stop", "--timeout", "15", self.agent, timeout=60),
            lambda: self.cli("stop", "--timeout", "15", "loki", timeout=60),
            lambda: statuses.update(self._statuses()),
            self._save_logs,
            self._measure,
        )
        try:
            for step in steps:
                try:
                    step()
                except ToolError as err:
                    self.problems.append(str(err))
        finally:
            self._down()
        return statuses

    def _down(self) -> None:
        """Containers and network always; the volumes only when asked."""
        cleanup = shlex.join(self.cli.argv("down", "--volumes", "--remove-orphans"))
        volumes = ("--volumes",) if self.remove_volumes else ()
        try:
            self.cli("down", *volumes, "--remove-orphans", "--timeout", "15", timeout=180)
        except ToolError as err:
            message = f"{err}; remove what is left with: {cleanup}"
            self.problems.append(message)
            print(f"lokisim: warning: {message}", file=sys.stderr)  # also when interrupted
        else:
            if not self.remove_volumes:
                self.say(
                    f"kept the volumes of compose project {self.project} (Loki's data); "
                    f"remove them with: {cleanup}"
                )
        self._up = False

    def _statuses(self) -> dict[str, int | None]:
        rows = parse_ps(self.cli("ps", "--all", "--format", "json"))
        out: dict[str, int | None] = {}
        for name, service in (("collector", self.agent), ("loki", "loki")):
            row = rows.get(service, {})
            code = row.get("ExitCode")
            out[name] = int(code) if row.get("State") == "exited" and code is not None else None
        return out

    def _save_logs(self) -> None:
        for service, file in (*LOGS, (self.agent, "collector.log")):
            text = self.cli("logs", "--no-color", "--timestamps", service, check=False)
            (self.run_dir / file).write_text(text, encoding="utf-8")

    def _measure(self) -> None:
        """Bytes of every file in Loki's volume, read by a throwaway loki-init container."""
        out = self.cli(
            *("run", "--rm", "--no-deps", "-T", "--cap-add", "DAC_READ_SEARCH", "loki-init"),
            *("find", "/var/loki", "-type", "f", "-exec", "stat", "-c", "%s", "{}", "+"),
            timeout=120,
        )
        self._stored = sum(int(line) for line in out.split() if line.isdigit())

    def stored_bytes(self) -> int | None:
        return self._stored

    def metrics_baseline(self) -> str | None:
        return None  # a fresh Loki per run: its counters are the run's
