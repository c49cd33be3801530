"""A whole run on the embedded target: stack up, fleet, probes, drain, collect, verdict."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.console import Console

from sim.errors import ToolError
from sim.fleet.ledger import read_ledger
from sim.runner import collect
from sim.runner.probes import Probes
from sim.scenario import Scenario
from sim.stack.embedded import EmbeddedStack
from sim.stack.lokiclient import LokiClient
from sim.stack.targets import Target
from sim.verify import build_report, render_html, render_json
from sim.verify.inputs import RunFacts, VerifyInputs, load_accounting

REPO = Path(__file__).resolve().parent.parent.parent
COLLECTORS = {
    "adr": REPO / "compose" / "promtail" / "adr.yaml",
    "recommended": REPO / "compose" / "promtail" / "recommended.yaml",
}
LOKI_CONFIG = REPO / "compose" / "loki" / "config.yaml"


@dataclass(frozen=True, slots=True)
class RunRequest:
    scenario_path: Path
    scenario: Scenario
    target: Target
    collector: str
    loki_config: Path | None
    duration: float | None
    seed: int | None
    run_dir: Path


def collector_config(name: str) -> Path:
    return COLLECTORS.get(name, Path(name))


def execute(request: RunRequest, console: Console) -> dict[str, Any]:
    """Run everything and return report.json's content; components always stopped."""
    run_dir, scenario = request.run_dir, request.scenario
    pods_dir = run_dir / "pods"
    pods_dir.mkdir(parents=True, exist_ok=True)
    stack = EmbeddedStack(
        run_dir,
        loki_config=request.loki_config or LOKI_CONFIG,
        collector_config=collector_config(request.collector),
        pods_dir=pods_dir,
    )
    loki = LokiClient(stack.addresses.loki_url)
    tool_errors: list[str] = []
    started = time.time()
    try:
        console.print("starting the embedded Loki and collector ...")
        stack.start()
        probes = Probes(loki, '{filename=~".+"}')
        probes.start()
        fleet_seconds = _run_fleet(request, pods_dir, console)
        console.print(f"fleet done in {fleet_seconds:.0f}s; letting the collector drain ...")
        collect.drain(stack.addresses.agent_url)
        probes.stop()
        tool_errors.extend(probes.errors[:5])
        ended = time.time()
        window = (int((started - 60) * 1e9), int((ended + 1) * 1e9))
        console.print("timing the scenario's queries and reading back what Loki stored ...")
        timings = collect.time_queries(loki, scenario, *window)
        stored = collect.stored_entries(loki, *window)
        loki.flush()
        loki_metrics = loki.metrics()
        agent_metrics = collect.collector_metrics(stack.addresses.agent_url)
    finally:
        statuses = stack.stop()
        loki.close()
    for name, status in statuses.items():
        if status not in (0, None):
            tool_errors.append(f"{name} exited with status {status}; see {run_dir}/{name}.log")
    facts = RunFacts(
        target=request.target.url or request.target.kind,
        collector=request.collector,
        started_at_s=started,
        ended_at_s=ended,
        stored_bytes=_dir_size(run_dir / "loki-data"),
    )
    inputs = VerifyInputs(
        scenario=scenario,
        facts=facts,
        ledger=read_ledger(run_dir / "ledger.jsonl"),
        accounting=load_accounting(run_dir / "accounting.json"),
        pods_dir=pods_dir,
        stored=stored,
        loki_metrics=loki_metrics,
        loki_samples=probes.samples,
        collector_metrics=[agent_metrics] if agent_metrics else [],
        query_timings=timings,
        freshness=probes.freshness(),
        tool_errors=tool_errors,
    )
    report = build_report(inputs)
    (run_dir / "report.json").write_text(render_json(report), encoding="utf-8")
    (run_dir / "report.html").write_text(render_html(report), encoding="utf-8")
    return report


def _run_fleet(request: RunRequest, pods_dir: Path, console: Console) -> float:
    argv = [sys.executable, "-m", "sim", "fleet", "run", str(request.scenario_path)]
    argv += ["--pods-dir", str(pods_dir), "--ledger-dir", str(request.run_dir)]
    if request.duration is not None:
        argv += ["--duration", str(request.duration)]
    if request.seed is not None:
        argv += ["--seed", str(request.seed)]
    started = time.monotonic()
    with (request.run_dir / "fleet.log").open("wb") as log:
        done = subprocess.run(argv, stdout=log, stderr=subprocess.STDOUT, check=False)
    if done.returncode != 0:
        raise ToolError(
            f"the fleet exited with status {done.returncode}; see {request.run_dir}/fleet.log"
        )
    return time.monotonic() - started


def _dir_size(path: Path) -> int | None:
    if not path.exists():
        return None
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def copy_outputs(run_dir: Path, json_copy: Path | None, html_copy: Path | None) -> None:
    if json_copy is not None:
        shutil.copyfile(run_dir / "report.json", json_copy)
    if html_copy is not None:
        shutil.copyfile(run_dir / "report.html", html_copy)
