"""The embedded target: `lokisim loki serve` and `lokisim agent run` as supervised processes.

Both read the same files the compose target mounts into the real containers; only the
addresses and directories come from the environment (Promtail's `-config.expand-env`).
With TLS (the default, ADR 6.2) Loki serves the run's throwaway certificate and the
collector and the runner verify it against the run's CA.
"""

from __future__ import annotations

import sys
from pathlib import Path

from sim.stack.base import Endpoints
from sim.stack.collector import collector_component
from sim.stack.lokiconfig import write_tls_config
from sim.stack.process import Component, free_port
from sim.stack.targets import TargetKind
from sim.stack.tls import make_run_tls

READY_TIMEOUT = 60.0  # Loki waits min_ready_duration (15 s by default) before /ready says 200


class EmbeddedStack:
    """Loki and the collector for one run, their logs and data in the run directory."""

    kind: TargetKind = "embedded"
    owns_loki = True
    tenant: str | None = None

    def __init__(
        self,
        run_dir: Path,
        *,
        loki_config: Path,
        collector_config: Path,
        pods_dir: Path,
        tls: bool = True,
    ) -> None:
        self.run_dir = run_dir
        self.problems: list[str] = []
        loki_port, agent_port = free_port(), free_port()
        ca_file: Path | None = None
        if tls:
            files = make_run_tls(run_dir / "tls", label=run_dir.name)
            ca_file = files.ca_cert
            loki_config = write_tls_config(
                loki_config,
                run_dir / "loki-config.yaml",
                cert_file=str(files.cert.resolve()),
                key_file=str(files.key.resolve()),
            )
        scheme = "https" if tls else "http"
        self.endpoints = Endpoints(
            f"{scheme}://127.0.0.1:{loki_port}", f"http://127.0.0.1:{agent_port}", ca_file
        )
        self.loki = Component(
            "loki",
            [
                *(sys.executable, "-m", "sim", "loki", "serve"),
                *("--config", str(loki_config)),
                *("--listen", f"127.0.0.1:{loki_port}"),
                *("--data", str(run_dir / "loki-data")),
            ],
            run_dir / "loki.log",
        )
        self.agent = collector_component(
            run_dir,
            config=collector_config,
            pods_dir=pods_dir,
            loki_url=self.endpoints.loki_url,
            ca_file=ca_file,
            port=agent_port,
        )

    def start(self) -> None:
        """Loki first, ready; then the collector, serving its metrics."""
        self.loki.start()
        verify = self.endpoints.verify()
        self.loki.wait_ready(f"{self.endpoints.loki_url}/ready", READY_TIMEOUT, verify=verify)
        self.agent.start()
        # Promtail's /ready stays 503 until it tails a file; /metrics says it is up.
        self.agent.wait_ready(f"{self.endpoints.collector_url}/metrics", READY_TIMEOUT)

    def stop(self) -> dict[str, int | None]:
        """Collector first (it flushes its last batch into Loki), then Loki."""
        return {"collector": self.agent.stop(), "loki": self.loki.stop()}

    def stored_bytes(self) -> int | None:
        """Loki's data dir on disk (WAL, index, chunks), as the capacity verdict reads it."""
        data = self.run_dir / "loki-data"
        if not data.exists():
            return None
        return sum(p.stat().st_size for p in data.rglob("*") if p.is_file())

    def metrics_baseline(self) -> str | None:
        return None  # a fresh Loki: its counters are the run's
