"""A whole run on any target: stack up, probes, fleet, drain, collect, verdict.

The sequence is the same on every target; a Stack (sim/stack/base.py) hides how Loki and
the collector run. `STEPS` run in order, each reading and filling one `Run`; whatever
happens, the probes and the stack are stopped before the verdict is built.
"""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console

from sim.errors import ToolError
from sim.fleet.ledger import read_ledger
from sim.load.runner import LoadRun
from sim.runner import collect
from sim.runner.probes import Probes
from sim.scenario import LogBomb, Scenario
from sim.stack.base import Stack
from sim.stack.build import build_stack
from sim.stack.compose import ComposeStack
from sim.stack.containerstats import ContainerStatsSampler
from sim.stack.lokiclient import LokiClient
from sim.stack.options import StackOptions
from sim.stack.promdelta import since
from sim.stack.targets import Target
from sim.verify import build_report, render_html, render_json
from sim.verify.inputs import MetricsSample, RunFacts, StoredEntry, VerifyInputs, load_accounting

REPO = Path(__file__).resolve().parent.parent.parent
COLLECTORS = {
    "adr": REPO / "compose" / "promtail" / "adr.yaml",
    "recommended": REPO / "compose" / "promtail" / "recommended.yaml",
}
LOKI_CONFIG = REPO / "compose" / "loki" / "config.yaml"
WINDOW_BEFORE_S = 60.0
# SIGKILL after the grace period: -9 for a subprocess, 128 + 9 for a container
KILLED_STATUSES = (-9, 137)  # the fleet may stamp lines a little before the run started


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
    options: StackOptions = field(default_factory=StackOptions)
    docker: str = "docker"  # the docker CLI, for the compose target


@dataclass(slots=True)
class Run:
    """One run's state, filled in step by step."""

    request: RunRequest
    console: Console
    stack: Stack
    loki: LokiClient
    pods_dir: Path
    probes: Probes | None = None
    started: float = 0.0
    ended: float = 0.0
    tool_errors: list[str] = field(default_factory=list)
    timings: dict[str, Any] = field(default_factory=dict)
    stored: list[StoredEntry] | None = None
    loki_metrics: str | None = None
    collector_metrics: str = ""
    load: LoadRun | None = None
    load_report: dict[str, Any] | None = None
    rate_limit_bytes: float | None = None
    burst_bytes: float | None = None
    resources: ContainerStatsSampler | None = None


def collector_config(name: str) -> Path:
    return COLLECTORS.get(name, Path(name))


def start_stack(run: Run) -> None:
    stack = run.stack
    what = {
        "embedded": "the embedded Loki and collector",
        "compose": "the compose stack (Loki and the collector containers)",
        "url": f"the collector, pushing to {stack.endpoints.loki_url}",
    }[stack.kind]
    run.console.print(f"starting {what} ...", soft_wrap=True)
    stack.start()


def start_resources(run: Run) -> None:
    """Compose only: the containers' docker stats while the run goes, against the ADR's budgets."""
    if isinstance(run.stack, ComposeStack):
        run.resources = run.stack.stats_sampler()
        run.resources.start()


def stop_resources(run: Run) -> None:
    if run.resources is not None:
        run.resources.stop()
        run.tool_errors.extend(f"container stats: {e}" for e in run.resources.errors[:5])


def start_probes(run: Run) -> None:
    # A shared Loki holds other clients' files too: probe only this run's.
    shared = None if run.stack.owns_loki else run.pods_dir
    bombed = [p.pod for p in run.request.scenario.timeline if isinstance(p, LogBomb)]
    run.probes = Probes(run.loki, collect.probe_selector(shared), bombed)
    run.probes.start()


def start_load(run: Run) -> None:
    """The scenario's `load:` block: Locust beside the fleet, straight at Loki (docs/load.md)."""
    request = run.request
    spec = request.scenario.load
    if spec is None:
        return
    seed = request.seed if request.seed is not None else request.scenario.seed
    duration = request.duration if request.duration is not None else request.scenario.duration
    run.load = LoadRun(
        spec,
        run.stack.endpoints.loki_url,
        request.run_dir / "load",
        duration,
        seed=seed,
        ca_file=run.stack.endpoints.ca_file,
    )
    run.console.print(f"Locust load starts {spec.at:g}s in (its log: load/locust.log)")
    # start() sleeps until `at`; its errors come back through wait()
    threading.Thread(target=_start_quietly, args=(run.load,), name="load", daemon=True).start()


def _start_quietly(load: LoadRun) -> None:
    with contextlib.suppress(ToolError):  # wait() reports it
        load.start()


def wait_load(run: Run) -> None:
    if run.load is None:
        return
    try:
        run.load_report = run.load.wait().to_report()
    except ToolError as err:
        run.tool_errors.append(f"load: {err}")


def run_fleet(run: Run) -> None:
    request = run.request
    argv = [sys.executable, "-m", "sim", "fleet", "run", str(request.scenario_path)]
    argv += ["--pods-dir", str(run.pods_dir), "--ledger-dir", str(request.run_dir)]
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
    seconds = time.monotonic() - started
    run.console.print(f"fleet done in {seconds:.0f}s; letting the collector drain ...")


def drain_collector(run: Run) -> None:
    collect.drain(run.stack.endpoints.collector_url, run.pods_dir)


def stop_probes(run: Run) -> None:
    if run.probes is not None:
        run.probes.stop()
        run.tool_errors.extend(run.probes.errors[:5])
    run.ended = time.time()


def collect_results(run: Run) -> None:
    window = (int((run.started - WINDOW_BEFORE_S) * 1e9), int((run.ended + 1) * 1e9))
    run.console.print("timing the scenario's queries and reading back what Loki stored ...")
    run.timings = collect.time_queries(run.loki, run.request.scenario, *window)
    if run.stack.owns_loki:
        # Locust's streams are no part of the ledger: reading them back is wasted time
        load = run.request.scenario.load is not None
        keep = collect.fleet_files(run.pods_dir) if load else None
        run.stored = collect.stored_entries(run.loki, *window, keep)
        run.loki.flush()  # cut every in-memory chunk, so stored bytes are real
    else:
        run.stored = collect.stored_entries(run.loki, *window, collect.run_streams(run.pods_dir))
    run.loki_metrics = run.loki.metrics()
    run.rate_limit_bytes, run.burst_bytes = run.loki.ingestion_limits()
    run.collector_metrics = collect.collector_metrics(run.stack.endpoints.collector_url)


Step = Callable[[Run], None]
STEPS: tuple[tuple[str, Step], ...] = (
    ("stack", start_stack),
    ("resources", start_resources),
    ("probes", start_probes),
    ("load", start_load),
    ("fleet", run_fleet),
    ("load results", wait_load),
    ("drain", drain_collector),
    ("stop probes", stop_probes),
    ("collect", collect_results),  # queries and /flush load Loki too: still sampled
    ("stop resources", stop_resources),
)


def execute(request: RunRequest, console: Console) -> dict[str, Any]:
    """Run every step and return report.json's content; components always stopped."""
    pods_dir = request.run_dir / "pods"
    pods_dir.mkdir(parents=True, exist_ok=True)
    stack = build_stack(
        request.target,
        request.run_dir,
        loki_config=request.loki_config or LOKI_CONFIG,
        collector=request.collector,
        collector_config=collector_config(request.collector),
        pods_dir=pods_dir,
        options=request.options,
        docker=request.docker,
    )
    loki = LokiClient(
        stack.endpoints.loki_url, tenant=stack.tenant, verify=stack.endpoints.verify()
    )
    run = Run(request, console, stack, loki, pods_dir, started=time.time())
    try:
        for _name, step in STEPS:
            step(run)
    finally:
        if run.load is not None:
            run.load.stop()
        if run.probes is not None:
            run.probes.stop()
        if run.resources is not None:
            run.resources.stop()  # before the containers stop
        statuses = stack.stop()
        loki.close()
    return _report(run, statuses)


def _report(run: Run, statuses: dict[str, int | None]) -> dict[str, Any]:
    request, stack, run_dir = run.request, run.stack, run.request.run_dir
    killed = statuses.get("collector") in KILLED_STATUSES
    if killed:
        run.console.print(
            "the collector did not stop within its grace period (Promtail waits for the batch "
            "it is retrying) and was killed: lines in that batch never settled",
            soft_wrap=True,
        )
    for name, status in statuses.items():
        if status not in (0, None) and not (name == "collector" and killed):
            run.tool_errors.append(f"{name} exited with status {status}; see {run_dir}/{name}.log")
    run.tool_errors.extend(stack.problems)
    samples = run.probes.samples if run.probes is not None else []
    loki_metrics = run.loki_metrics
    baseline = stack.metrics_baseline()
    if baseline is not None:  # a shared Loki: what the run added to its counters
        samples = [MetricsSample(s.at_s, since(baseline, s.text)) for s in samples]
        loki_metrics = since(baseline, loki_metrics) if loki_metrics is not None else None
    facts = RunFacts(
        target=request.target.url or request.target.kind,
        collector=request.collector,
        started_at_s=run.started,
        ended_at_s=run.ended,
        stored_bytes=stack.stored_bytes(),
        tenant=stack.tenant,
        collector_killed_at_stop=killed,
        ingestion_rate_limit_bytes=run.rate_limit_bytes,
        ingestion_burst_bytes=run.burst_bytes,
    )
    inputs = VerifyInputs(
        scenario=request.scenario,
        facts=facts,
        ledger=read_ledger(run_dir / "ledger.jsonl"),
        accounting=load_accounting(run_dir / "accounting.json"),
        pods_dir=run.pods_dir,
        stored=run.stored,
        loki_metrics=loki_metrics,
        loki_samples=samples,
        collector_metrics=[run.collector_metrics] if run.collector_metrics else [],
        query_timings=run.timings,
        freshness=run.probes.freshness() if run.probes is not None else [],
        pod_freshness=run.probes.focus_freshness() if run.probes is not None else {},
        tool_errors=run.tool_errors,
        load=run.load_report,
        container_stats=run.resources.samples if run.resources is not None else None,
    )
    report = build_report(inputs)
    (run_dir / "report.json").write_text(render_json(report), encoding="utf-8")
    (run_dir / "report.html").write_text(render_html(report), encoding="utf-8")
    return report


def copy_outputs(run_dir: Path, json_copy: Path | None, html_copy: Path | None) -> None:
    if json_copy is not None:
        shutil.copyfile(run_dir / "report.json", json_copy)
    if html_copy is not None:
        shutil.copyfile(run_dir / "report.html", html_copy)
