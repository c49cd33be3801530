"""One supervised component: a subprocess with its log kept, a readiness probe, a clean stop.

The embedded target runs Loki and the collector as their own processes, as compose runs
containers, so nothing reaches into another component's memory.
"""

from __future__ import annotations

import os
import signal
import socket
import ssl
import subprocess
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

import httpx

from sim.errors import ToolError


def free_port(host: str = "127.0.0.1") -> int:
    """A port nothing listens on right now (the component binds it a moment later)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


def poll_ready(
    url: str,
    timeout: float,
    *,
    verify: ssl.SSLContext | bool = True,
    failed: Callable[[], str | None] = lambda: None,
) -> str | None:
    """Polls `url` until it answers 200 (None) or `timeout` passes (the last answer).

    `failed` says why waiting is pointless (a process that died): raised as a ToolError.
    """
    deadline = time.monotonic() + timeout
    last = "no answer"
    while time.monotonic() < deadline:
        reason = failed()
        if reason is not None:
            raise ToolError(reason)
        try:
            answer = httpx.get(url, timeout=1.0, verify=verify)
            if answer.status_code == 200:
                return None
            last = f"{answer.status_code} {answer.text.strip()[:200]}"
        except httpx.HTTPError as err:
            last = f"{type(err).__name__}: {err}".rstrip(": ")
        time.sleep(0.1)
    return last


class Component:
    """A named subprocess whose stdout and stderr go to `<run dir>/<name>.log`."""

    def __init__(
        self,
        name: str,
        argv: Sequence[str],
        log_path: Path,
        *,
        env: Mapping[str, str] | None = None,
        cwd: Path | None = None,
    ) -> None:
        self.name = name
        self.argv = list(argv)
        self.log_path = log_path
        self.env = {**os.environ, **(env or {})}
        self.cwd = cwd
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    def start(self) -> None:
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        with self.log_path.open("ab") as log:
            # A new session: Ctrl-C in the terminal reaches lokisim, which stops us in order.
            self._process = subprocess.Popen(
                self.argv,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                env=self.env,
                cwd=self.cwd,
                start_new_session=True,
            )

    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def wait_ready(self, url: str, timeout: float, *, verify: ssl.SSLContext | bool = True) -> None:
        """Poll `url` until it answers 200; a dead process or a timeout is a ToolError."""
        last = poll_ready(url, timeout, verify=verify, failed=self._failure)
        if last is not None:
            raise ToolError(
                f"{self.name} was not ready at {url} after {timeout:g}s (last answer: {last}); "
                f"its log is {self.log_path}"
            )

    def _failure(self) -> str | None:
        if self.running():
            return None
        return (
            f"{self.name} exited with status {self.returncode()} before it was ready; "
            f"its log is {self.log_path}:\n{self.tail_log()}"
        )

    def returncode(self) -> int | None:
        return self._process.poll() if self._process is not None else None

    def stop(self, grace: float = 15.0) -> int | None:
        """SIGTERM, then SIGKILL after `grace` seconds; returns the exit status."""
        process = self._process
        if process is None or process.poll() is not None:
            return self.returncode()
        process.send_signal(signal.SIGTERM)
        try:
            return process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            process.kill()
            return process.wait(timeout=5)

    def kill(self) -> None:
        """SIGKILL at once: the crash a durability scenario wants."""
        if self._process is not None and self._process.poll() is None:
            self._process.kill()
            self._process.wait(timeout=5)

    def tail_log(self, lines: int = 20) -> str:
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])
