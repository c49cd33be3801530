"""`lokisim fleet run`: write a scenario's pods into a directory, with progress shown."""

from __future__ import annotations

import asyncio
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

from sim.fleet.clock import Clock, VirtualClock, WallClock
from sim.fleet.ledger import Ledger
from sim.fleet.metrics import FleetMetrics
from sim.fleet.runner import Fleet
from sim.fleet.runner import Progress as FleetProgress
from sim.scenario import Scenario


@dataclass(frozen=True, slots=True)
class FleetResult:
    summary: dict[str, object]
    ledger: Path
    accounting: Path
    wall_seconds: float


def run_fleet(
    scenario: Scenario,
    pods_dir: Path,
    ledger_dir: Path,
    *,
    duration: float | None = None,
    seed: int | None = None,
    fast: bool = False,
    metrics_listen: str | None = None,
    console: Console | None = None,
) -> FleetResult:
    """Run the fleet to completion; `fast` writes with a virtual clock ending now."""
    pods_dir.mkdir(parents=True, exist_ok=True)
    ledger = Ledger(ledger_dir, pods_dir)
    metrics = FleetMetrics()
    if metrics_listen:
        port = metrics.serve(metrics_listen)
        _say(console, f"fleet metrics on http://{metrics_listen.rpartition(':')[0]}:{port}/metrics")
    length = scenario.duration if duration is None else duration
    clock: Clock = VirtualClock(time.time() - length) if fast else WallClock()
    fleet = Fleet(scenario, pods_dir, ledger, clock, seed=seed, metrics=metrics)
    started = time.monotonic()
    try:
        asyncio.run(_run_with_display(fleet, length, console))
        counts = [source.counts for source in fleet.sources]
        accounting = ledger.write_accounting(counts, fleet.summary())
    finally:
        ledger.close()
        metrics.close()
    return FleetResult(fleet.summary(), ledger.path, accounting, time.monotonic() - started)


async def _run_with_display(fleet: Fleet, duration: float, console: Console | None) -> None:
    if console is not None and console.is_terminal:
        with Progress(
            TextColumn("[bold]fleet[/]"),
            BarColumn(),
            TextColumn("{task.fields[status]}"),
            TimeRemainingColumn(),
            console=console,
            transient=True,
        ) as bar:
            task = bar.add_task("fleet", total=duration, status="")

            def show(p: FleetProgress) -> None:
                bar.update(task, completed=p.elapsed, status=_status(p))

            await fleet.run(duration, show)
        return
    last = [0.0]

    def plain(p: FleetProgress) -> None:
        # One line every 10 s, and one at the end, keeps CI logs readable.
        if p.elapsed - last[0] >= 10 or (p.elapsed >= p.duration and last[0] < p.duration):
            last[0] = p.elapsed
            print(f"fleet: {p.elapsed:5.0f}/{p.duration:g}s {_status(p)}", file=sys.stderr)

    await fleet.run(duration, plain if console is not None else None)


def _status(p: FleetProgress) -> str:
    return f"{p.pods} pods, {p.entries} lines, {p.bytes_written / 1e6:.1f} MB, {p.secrets} secrets"


def _say(console: Console | None, text: str) -> None:
    if console is not None:
        console.print(text)
