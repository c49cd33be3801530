"""What each command does once its arguments are parsed (cli.py only parses)."""

from __future__ import annotations

import argparse
import json
import signal
import sys
from pathlib import Path

from rich.console import Console

from sim.errors import UsageError
from sim.fleet.command import run_fleet
from sim.rundir import new_run_dir
from sim.scenario import load_scenario
from sim.stack.targets import resolve_target


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
    if target.kind != "embedded":
        raise UsageError(
            f"--target {args.target}: chose {target.kind} ({target.reason}), but only the "
            "embedded target is built yet; use --target embedded"
        )
    if not collector_config(args.collector).is_file():
        raise UsageError(
            f"--collector {args.collector}: {collector_config(args.collector)} is missing"
        )
    run_dir = new_run_dir(scenario.name, args.runs_dir)
    console.print(
        f"run {scenario.name}: target {target.kind} ({target.reason}), collector {args.collector}",
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
    )
    report = execute(request, console)
    copy_outputs(run_dir, args.json, args.html)
    print_verdict(report, console)
    print(f"run directory: {run_dir}")
    status = report.get("verdict", {}).get("status")
    return 0 if status == "passed" else 1 if status == "finding" else 3


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
