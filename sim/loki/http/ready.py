"""GET /ready as pkg/loki/loki.go readyHandler answers it for the single binary.

In order: once SIGTERM arrived, 503 "Application is stopping"; while a module is still
starting (the ingester replays its WAL before it joins the ring), 503 "Some services are
not Running:" and the count per state; then the ingester's lifecycler check (dskit
ring/lifecycler.go CheckReady): it holds 503 "Ingester not ready: waiting for 15s after
being ready" until `ingester.lifecycler.min_ready_duration` (default 15s) has passed since
the first /ready call that found everything running. Once ready, it stays ready.
Pushes are accepted from the moment every module runs, during that wait too.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sim.gotemplate.goduration import duration_string as go_duration
from sim.loki.http import messages as m
from sim.loki.limits import LimitsValueError, parse_go_duration

_S = 1_000_000_000
DEFAULT_MIN_READY_NS = 15 * _S  # dskit ring/lifecycler.go: -ingester.min-ready-duration
STARTING, RUNNING, STOPPING = "Starting", "Running", "Stopping"


def min_ready_duration(raw: Mapping[str, Any]) -> int:
    """ingester.lifecycler.min_ready_duration from the file (a Go duration), in ns."""
    ingester = raw.get("ingester")
    lifecycler = ingester.get("lifecycler") if isinstance(ingester, Mapping) else None
    if not isinstance(lifecycler, Mapping) or "min_ready_duration" not in lifecycler:
        return DEFAULT_MIN_READY_NS
    value = lifecycler["min_ready_duration"]
    if value is None:
        return 0
    try:
        return parse_go_duration(str(value))
    except LimitsValueError:
        return DEFAULT_MIN_READY_NS  # the config module refuses what Loki cannot parse


class Readiness:
    """The module state and the lifecycler's min-ready wait."""

    def __init__(self, min_ready_ns: int = DEFAULT_MIN_READY_NS) -> None:
        self.min_ready_ns = min_ready_ns
        self.state = STARTING
        self.shutdown_requested = False
        self._ready_since: int | None = None
        self._ready = False

    @property
    def accepting(self) -> bool:
        """Every module runs: pushes and queries reach the ingester."""
        return self.state == RUNNING and not self.shutdown_requested

    def check(self, now_ns: int) -> tuple[int, str]:
        """(status, text) for GET /ready at `now_ns`; the text goes through http.Error."""
        if self.shutdown_requested:
            return 503, m.APPLICATION_STOPPING
        if self.state != RUNNING:
            return 503, f"Some services are not Running:\n{self.state}: 1\n"
        if not self._ready:
            if self._ready_since is None:
                self._ready_since = now_ns
            if now_ns - self._ready_since < self.min_ready_ns:
                wait = f"waiting for {go_duration(self.min_ready_ns)} after being ready"
                return 503, m.INGESTER_NOT_READY % wait
            self._ready = True
        return 200, m.READY
