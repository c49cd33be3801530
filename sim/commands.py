"""What each command does once its arguments are parsed (cli.py only parses)."""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
from pathlib import Path

from rich.console import Console

from sim.errors import UsageError
from sim.fleet.command import run_fleet
from sim.rundir import new_run_dir
from sim.scenario import load_scenario
from sim.stack.options import stack_options
from sim.stack.targets import Target, resolve_target


def _check_run_options(args: argparse.Namespace) -> None:
    target, collector = args.target, args.collector
    if target not in ("auto", "embedded", "compose") and not target.startswith(
        ("http://", "https://")
    ):
        raise UsageError(
            f"--target: expected auto, embedded, compose or an http(s):// URL, got {target!r}"
        )
    if collector not in ("adr", "recommended") and not Path(collector).is_file():
        raise UsageError(
            f"--collector: expected adr, recommended or the path of a Promtail config file, "
            f"got {collector!r} (no such file)"
        )
    if args.duration is not None and args.duration <= 0:
        raise UsageError(f"--duration: expected a number of seconds > 0, got {args.duration:g}")
    if args.loki_config is not None:
        from sim.loki.config import load_loki_config

        # A bad Loki config is the user's error (exit 2), not a component that died.
        load_loki_config(args.loki_config)


def run(args: argparse.Namespace, console: Console) -> int:
    from sim.runner.execute import RunRequest, collector_config, copy_outputs, execute
    from sim.runner.output import print_verdict

    _check_run_options(args)
    scenario = load_scenario(args.scenario)
    target = resolve_target(args.target)
    collector_path = collector_config(args.collector)
    if not collector_path.is_file():
        raise UsageError(f"--collector {args.collector}: {collector_path} is missing")
    target, docker = _stack_target(target, collector_path, args.collector)
    tenant = _collector_tenant(collector_path) if target.kind == "url" else ""
    options = stack_options(target, os.environ, tenant)
    run_dir = new_run_dir(scenario.name, args.runs_dir)
    if target.kind == "url":
        tls = "https" if target.url.startswith("https://") else "off (http)"
    else:
        tls = "on (the run's throwaway CA)" if options.tls else "off"
    console.print(
        f"run {scenario.name}: target {target.kind} ({target.reason}), collector "
        f"{args.collector}, TLS {tls}",
        soft_wrap=True,
    )
    # SIGTERM (a CI timeout, `kill`) unwinds like Ctrl-C, so every component is stopped.
    signal.signal(signal.SIGTERM, _interrupt)
    request = RunRequest(
        args.scenario,
        scenario,
        target,
        args.collector,
        args.loki_config,
        args.duration,
        args.seed,
        run_dir,
        options=options,
        docker=docker,
    )
    report = execute(request, console)
    copy_outputs(run_dir, args.json, args.html)
    print_verdict(report, console)
    print(f"run directory: {run_dir}")
    status = report.get("verdict", {}).get("status")
    return 0 if status == "passed" else 1 if status == "finding" else 3


def _stack_target(target: Target, collector_path: Path, collector: str) -> tuple[Target, str]:
    """Checks what the target needs before anything runs; `auto` falls back to embedded when
    an engine answers but Compose cannot drive it. Returns the target and the docker CLI."""
    from sim.stack.docker import DockerUnavailable, require_compose

    docker = "docker"
    if target.kind == "compose":
        try:
            docker = require_compose()
        except DockerUnavailable as err:
            if not target.reason.startswith("auto"):
                raise
            target = Target("embedded", reason=f"auto: compose unavailable: {err.why}")
    if collector_path.suffix == ".alloy" and target.kind != "compose":
        raise UsageError(
            f"--collector {collector}: an Alloy config runs only on the compose target (the "
            f"grafana/alloy container); the {target.kind} target runs the embedded collector, "
            "which reads Promtail configs"
        )
    return target, docker


def _collector_tenant(path: Path) -> str:
    """The tenant the collector pushes to (its first client's tenant_id), as it will run."""
    from sim.agent.config import load_config

    clients = load_config(path, expand_env_vars=True).clients
    return clients[0].tenant_id if clients else ""


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def fleet_run(args: argparse.Namespace, console: Console) -> int:
    if args.duration is not None and args.duration <= 0:
        raise UsageError(f"--duration: expected a number of seconds > 0, got {args.duration:g}")
    scenario = load_scenario(args.scenario)
    ledger_dir = args.ledger_dir or new_run_dir(scenario.name)
    result = run_fleet(
        scenario,
        args.pods_dir,
        ledger_dir,
        duration=args.duration,
        seed=args.seed,
        fast=args.fast,
        metrics_listen=args.metrics_listen,
        console=console,
    )
    _print_summary(result.summary, console)
    print(f"ledger: {result.ledger}")
    print(f"accounting: {result.accounting}")
    return 0


def scenario_check(args: argparse.Namespace, console: Console) -> int:
    for path in args.files:
        scenario = load_scenario(path)
        pods = sum(pod.replicas for pod in scenario.pods)
        print(f"{path}: ok ({scenario.name}: {pods} pods, {scenario.duration:g}s)")
    return 0


def agent(args: argparse.Namespace) -> int:
    if args.agent_command == "run":
        from sim.agent.run import run_agent

        return run_agent(args.config, expand_env=args.expand_env)
    from sim.agent.dry_run import dry_run

    labels: dict[str, str] = {}
    for pair in args.label:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise UsageError(f"--label: expected NAME=VALUE, got {pair!r}")
        labels[name] = value
    return dry_run(args.config, labels, sys.stdin, sys.stdout, expand_env=args.expand_env)


def loki_serve(args: argparse.Namespace) -> int:
    from sim.errors import LokiConfigError
    from sim.loki.http.serve import serve_loki

    try:
        return serve_loki(args.config, listen=args.listen, data_dir=args.data)
    except LokiConfigError as err:
        # Loki prints its config errors and exits 1 (cmd/loki/main.go); scripts expect that.
        print(err.detail if "failed parsing config" in err.detail else err, file=sys.stderr)
        return 1


def bench(args: argparse.Namespace, console: Console) -> int:
    from sim.bench import run_benchmarks

    which = list(dict.fromkeys(args.which)) or ["fleet", "agent", "loki"]
    results = run_benchmarks(which, seconds=args.seconds, console=console)
    if args.json is not None:
        args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    return 0


def _print_summary(summary: dict[str, object], console: Console) -> None:
    mb = int(str(summary["file_bytes"])) / 1e6
    console.print(
        f"fleet wrote {summary['entries']} lines ({mb:.1f} MB) from {summary['containers']} "
        f"containers, {summary['secrets']} secrets injected",
        soft_wrap=True,
    )
