"""`lokisim bench`: throughput figures, each beside a baseline measured in the same run.

Benchmarks, not tests: the machines are shared and noisy, so they report ratios measured
side by side rather than asserting on time.
"""

from __future__ import annotations

import asyncio
import os
import resource
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from sim.fleet.clock import VirtualClock
from sim.fleet.ledger import Ledger
from sim.fleet.runner import Fleet
from sim.scenario import Scenario, load_scenario

HOMELAB = Path(__file__).resolve().parent.parent / "scenarios" / "homelab.yaml"
# Scales the homelab's ~100 KiB/s so the fleet runs flat out on a virtual clock.
FLEET_SCALE = 1000.0


def run_benchmarks(which: list[str], *, seconds: float, console: Console) -> list[dict[str, Any]]:
    results: list[dict[str, Any]] = []
    with _one_core():
        for name in which:
            results.append(BENCHMARKS[name](seconds))
    _print(results, console)
    return results


def bench_fleet(seconds: float) -> dict[str, Any]:
    """CRI output of the homelab mix, against raw writes of the same bytes in the same chunks."""
    scenario = _scaled(load_scenario(HOMELAB), FLEET_SCALE)
    work = Path(tempfile.mkdtemp(prefix="lokisim-bench-"))
    try:
        ledger = Ledger(work / "run", work / "pods")
        fleet = Fleet(scenario, work / "pods", ledger, VirtualClock(time.time() - seconds))
        started = time.perf_counter()
        asyncio.run(fleet.run(seconds))
        elapsed = time.perf_counter() - started
        ledger.close()
        summary = fleet.summary()
        total = int(summary["file_bytes"])
        writes = max(sum(source.log.writes for source in fleet.sources), 1)
        baseline = _raw_write_seconds(work / "raw.bin", total, chunk=max(total // writes, 1))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return {
        "name": "fleet",
        "what": "CRI output of the homelab workload mix, one core",
        "bytes": total,
        "lines": summary["entries"],
        "seconds": elapsed,
        "mb_per_s": total / elapsed / 1e6,
        "lines_per_s": int(summary["entries"]) / elapsed,
        "baseline_mb_per_s": total / baseline / 1e6,
        "baseline": "raw write() of the same bytes in the same chunk sizes, same directory",
        "ratio_to_baseline": baseline / elapsed,
        "rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def _raw_write_seconds(path: Path, total: int, chunk: int) -> float:
    block = os.urandom(min(chunk, total) or 1)
    started = time.perf_counter()
    with path.open("wb") as out:
        written = 0
        while written < total:
            out.write(block)
            written += len(block)
        out.flush()
    return time.perf_counter() - started


def _scaled(scenario: Scenario, factor: float) -> Scenario:
    pods = [
        pod.model_copy(
            update={
                "containers": [
                    c.model_copy(update={"rate": c.rate.scaled(factor)}) for c in pod.containers
                ]
            }
        )
        for pod in scenario.pods
    ]
    return scenario.model_copy(update={"pods": pods, "timeline": []})


class _one_core:
    """Pins the process to one CPU while measuring, where the OS allows it."""

    def __enter__(self) -> None:
        self._saved = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else None
        if self._saved:
            os.sched_setaffinity(0, {min(self._saved)})

    def __exit__(self, *exc: object) -> None:
        if self._saved:
            os.sched_setaffinity(0, self._saved)


def _print(results: list[dict[str, Any]], console: Console) -> None:
    table = Table(title="lokisim bench")
    for column in ("benchmark", "MB/s", "lines/s", "baseline MB/s", "ratio", "RSS MiB"):
        table.add_column(column, justify="right" if column != "benchmark" else "left")
    for r in results:
        table.add_row(
            r["name"],
            f"{r['mb_per_s']:.1f}",
            f"{r.get('lines_per_s', 0):,.0f}",
            f"{r.get('baseline_mb_per_s', 0):.1f}",
            f"{r.get('ratio_to_baseline', 0):.3f}",
            f"{r.get('rss_mib', 0):.0f}",
        )
    console.print(table)
    for r in results:
        if r["name"] == "loki":  # the targets are per CPU-second and query p95s
            console.print(
                f"loki: {r['mb_per_cpu_s']:.1f} MB per CPU-second (synthetic batches), "
                f"{r['homelab_mb_per_cpu_s']:.1f} (homelab batches); `{r['query']}` p95 "
                f"{r['p95_s']:.2f} s; `{r['hour_query']}` over {r['homelab_minutes']:g} min "
                f"p95 {r['hour_p95_s']:.2f} s; peak RSS {r['homelab_rss_mib']:.0f} MiB",
                soft_wrap=True,
            )


def bench_loki(seconds: float) -> dict[str, Any]:
    from sim.loki.http.bench import bench_loki as measure

    return measure(seconds)


def bench_agent(seconds: float) -> dict[str, Any]:
    from sim.agent.bench import bench_agent as measure

    return measure(seconds)


def bench_load(seconds: float) -> dict[str, Any]:
    from sim.load.bench import bench_load as measure

    return measure(seconds)


BENCHMARKS = {"fleet": bench_fleet, "agent": bench_agent, "loki": bench_loki, "load": bench_load}
