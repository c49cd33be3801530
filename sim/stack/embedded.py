"""The embedded target: `lokisim loki serve` and `lokisim agent run` as supervised processes.

Both read the same files the compose target mounts into the real containers; only the
addresses and directories come from the environment (Promtail's `-config.expand-env`).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from sim.stack.process import Component, free_port

READY_TIMEOUT = 60.0  # Loki waits min_ready_duration (15 s by default) before /ready says 200


@dataclass(frozen=True, slots=True)
class EmbeddedAddresses:
    loki_url: str
    agent_url: str


class EmbeddedStack:
    """Loki and the collector for one run, their logs and data in the run directory."""

    def __init__(
        self,
        run_dir: Path,
        *,
        loki_config: Path,
        collector_config: Path,
        pods_dir: Path,
    ) -> None:
        self.run_dir = run_dir
        loki_port, agent_port = free_port(), free_port()
        self.addresses = EmbeddedAddresses(
            f"http://127.0.0.1:{loki_port}", f"http://127.0.0.1:{agent_port}"
        )
        python = [sys.executable, "-m", "sim"]
        self.loki = Component(
            "loki",
            [
                *python,
                "loki",
                "serve",
                "--config",
                str(loki_config),
                "--listen",
                f"127.0.0.1:{loki_port}",
                "--data",
                str(run_dir / "loki-data"),
            ],
            run_dir / "loki.log",
        )
        self.agent = Component(
            "collector",
            [*python, "agent", "run", "--config", str(collector_config), "--expand-env"],
            run_dir / "collector.log",
            env={
                "LOKI_URL": f"{self.addresses.loki_url}/loki/api/v1/push",
                "LOKISIM_PODS_DIR": str(pods_dir.resolve()),
                "PROMTAIL_HTTP_ADDRESS": "127.0.0.1",
                "PROMTAIL_HTTP_PORT": str(agent_port),
                "PROMTAIL_POSITIONS_FILE": str(run_dir / "positions.yaml"),
            },
        )

    def start(self) -> None:
        """Loki first, ready; then the collector, serving its metrics."""
        self.loki.start()
        self.loki.wait_ready(f"{self.addresses.loki_url}/ready", READY_TIMEOUT)
        self.agent.start()
        # Promtail's /ready stays 503 until it tails a file; /metrics says it is up.
        self.agent.wait_ready(f"{self.addresses.agent_url}/metrics", READY_TIMEOUT)

    def stop(self) -> dict[str, int | None]:
        """Collector first (it flushes its last batch into Loki), then Loki."""
        return {"collector": self.agent.stop(), "loki": self.loki.stop()}
