"""What the runner needs from a target's stack, whichever it is (embedded, compose, URL).

The run sequence (fleet, probes, drain, collect, verdict) is the same on every target;
only this changes: how Loki and the collector start and stop, where they answer, and what
can be known about Loki's disk.
"""

from __future__ import annotations

import ssl
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from sim.stack.targets import TargetKind


@dataclass(frozen=True, slots=True)
class Endpoints:
    loki_url: str  # Loki's base URL as the runner reaches it
    collector_url: str  # the collector's HTTP server (its /metrics), as the runner reaches it
    ca_file: Path | None = None  # the CA Loki's certificate chains to; None: system CAs

    def verify(self) -> ssl.SSLContext | bool:
        """What the runner's clients verify Loki with (True: the system's CAs)."""
        if self.ca_file is None:
            return True
        return ssl.create_default_context(cafile=str(self.ca_file))


class Stack(Protocol):
    kind: TargetKind
    endpoints: Endpoints
    owns_loki: bool  # False: a shared Loki; never /flush it, read back only this run's streams
    tenant: str | None  # X-Scope-OrgID for the runner's queries, and the verdicts' tenant
    problems: list[str]  # what the stack could not do, reported under tool_errors

    def start(self) -> None:
        """Starts what the run owns and waits until Loki and the collector answer."""

    def stop(self) -> dict[str, int | None]:
        """Stops everything it started (never raises); each component's exit status."""

    def stored_bytes(self) -> int | None:
        """Bytes Loki stored for the run, after stop(); None when it cannot be known."""

    def metrics_baseline(self) -> str | None:
        """Loki's /metrics before the run when Loki is shared (its counters predate us)."""
