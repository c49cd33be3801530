"""The embedded collector (`lokisim agent run`) as one supervised process.

It reads the user's Promtail config unchanged, as the compose target's Promtail does; only
what its header names comes from the environment (`-config.expand-env`): where Loki is,
the CA to verify it with, the pods dir, its own address and positions file.
"""

from __future__ import annotations

import sys
from pathlib import Path

from sim.stack.process import Component

PUSH_PATH = "/loki/api/v1/push"


def collector_component(
    run_dir: Path,
    *,
    config: Path,
    pods_dir: Path,
    loki_url: str,
    ca_file: Path | None,
    port: int,
) -> Component:
    """`loki_url` is Loki's base URL; `ca_file` None means the system's CAs (or plain HTTP)."""
    return Component(
        "collector",
        [sys.executable, "-m", "sim", "agent", "run", "--config", str(config), "--expand-env"],
        run_dir / "collector.log",
        env={
            "LOKI_URL": loki_url.rstrip("/") + PUSH_PATH,
            "LOKI_CA_FILE": str(ca_file.resolve()) if ca_file is not None else "",
            "LOKISIM_PODS_DIR": str(pods_dir.resolve()),
            "PROMTAIL_HTTP_ADDRESS": "127.0.0.1",
            "PROMTAIL_HTTP_PORT": str(port),
            "PROMTAIL_POSITIONS_FILE": str(run_dir / "positions.yaml"),
        },
    )
