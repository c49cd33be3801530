"""The Promtail-compatible collector: config, discovery, tailing, positions, stages, client.

    run_agent(config_path, expand_env=False) -> int     `lokisim agent run`
    dry_run(config_path, labels, stdin, stdout) -> int   `lokisim agent dry-run`
    bench_agent(seconds) -> dict                         `lokisim bench agent`

Imported lazily so that `sim.agent.stages` alone stays light.
"""

from __future__ import annotations

from typing import Any

__all__ = ["bench_agent", "dry_run", "run_agent"]


def __getattr__(name: str) -> Any:
    if name == "run_agent":
        from .run import run_agent

        return run_agent
    if name == "dry_run":
        from .dry_run import dry_run

        return dry_run
    if name == "bench_agent":
        from .bench import bench_agent

        return bench_agent
    raise AttributeError(name)
