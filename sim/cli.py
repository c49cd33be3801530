"""Command-line parsing only: each command calls into the package that does the work."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console

from sim import __version__
from sim.errors import LokisimError, UsageError

TARGETS_HELP = (
    "auto (compose when a Docker engine answers, else embedded), embedded, compose, or a Loki URL"
)


class _Parser(argparse.ArgumentParser):
    """argparse that raises UsageError (exit 2, one clear line) instead of exiting."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{self.prog}: {message}")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="lokisim", description=__doc__)
    parser.add_argument("--version", action="version", version=f"lokisim {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    run = commands.add_parser("run", help="run a scenario end to end")
    run.add_argument("scenario", type=Path)
    run.add_argument("--target", default="auto", help=TARGETS_HELP)
    run.add_argument(
        "--collector", default="adr", help="adr, recommended, or a Promtail config path"
    )
    run.add_argument("--loki-config", type=Path, default=None)
    run.add_argument(
        "--duration", type=float, default=None, help="seconds (default: the scenario's)"
    )
    run.add_argument("--seed", type=int, default=None)
    run.add_argument("--json", type=Path, default=None, help="also write report.json here")
    run.add_argument("--html", type=Path, default=None, help="also write report.html here")
    run.add_argument("--runs-dir", type=Path, default=Path("runs"))

    fleet = commands.add_parser("fleet", help="the emulated pods only")
    fleet_commands = fleet.add_subparsers(dest="fleet_command", required=True, parser_class=_Parser)
    fleet_run = fleet_commands.add_parser(
        "run", help="write a scenario's pod logs into a directory"
    )
    fleet_run.add_argument("scenario", type=Path)
    fleet_run.add_argument("--pods-dir", type=Path, required=True)
    fleet_run.add_argument("--duration", type=float, default=None)
    fleet_run.add_argument("--seed", type=int, default=None)
    fleet_run.add_argument(
        "--ledger-dir", type=Path, default=None, help="default: a new runs/<scenario>-<time>/"
    )
    fleet_run.add_argument("--metrics-listen", default=None, metavar="HOST:PORT")
    fleet_run.add_argument(
        "--fast",
        action="store_true",
        help="write the whole duration at once, timestamps ending now (no real-time pacing)",
    )

    agent = commands.add_parser("agent", help="the Promtail-compatible collector")
    agent_commands = agent.add_subparsers(dest="agent_command", required=True, parser_class=_Parser)
    agent_run = agent_commands.add_parser("run", help="tail, process and push as Promtail does")
    agent_run.add_argument("--config", type=Path, required=True)
    agent_run.add_argument(
        "--expand-env",
        action="store_true",
        help="expand ${VAR} and ${VAR:-default} in the config (Promtail's -config.expand-env)",
    )
    dry = agent_commands.add_parser(
        "dry-run", help="stdin lines through the first scrape_config's pipeline, JSON out"
    )
    dry.add_argument("--config", type=Path, required=True)
    dry.add_argument("--expand-env", action="store_true", help="as for agent run")
    dry.add_argument(
        "--label", action="append", default=[], metavar="NAME=VALUE", help="repeatable"
    )

    loki = commands.add_parser("loki", help="the embedded Loki")
    loki_commands = loki.add_subparsers(dest="loki_command", required=True, parser_class=_Parser)
    serve = loki_commands.add_parser("serve", help="serve Loki's HTTP API with a Loki config file")
    serve.add_argument("--config", type=Path, required=True)
    serve.add_argument(
        "--listen",
        default=None,
        metavar="HOST:PORT",
        help="default: 127.0.0.1 and the config's port",
    )
    serve.add_argument("--data", type=Path, default=None, help="data directory (WAL, chunks)")

    scenario = commands.add_parser("scenario", help="scenario files")
    scenario_commands = scenario.add_subparsers(
        dest="scenario_command", required=True, parser_class=_Parser
    )
    check = scenario_commands.add_parser("check", help="validate scenario files")
    check.add_argument("files", type=Path, nargs="+")

    bench = commands.add_parser("bench", help="benchmarks (MB/s, with same-run baselines)")
    bench.add_argument("which", nargs="*", choices=["fleet", "agent", "loki", "load"], default=[])
    bench.add_argument("--json", type=Path, default=None)
    bench.add_argument("--seconds", type=float, default=3.0, help="length of each measurement")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    console = Console(stderr=True)
    try:
        args = build_parser().parse_args(argv)
        return _dispatch(args, console)
    except LokisimError as err:
        # Plain print: one unwrapped line that scripts can grep.
        print(f"lokisim: error: {err}", file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        print("lokisim: interrupted", file=sys.stderr)
        return 130


def _dispatch(args: argparse.Namespace, console: Console) -> int:
    from sim import commands

    if args.command == "run":
        return commands.run(args, console)
    if args.command == "fleet":
        return commands.fleet_run(args, console)
    if args.command == "scenario":
        return commands.scenario_check(args, console)
    if args.command == "loki":
        return commands.loki_serve(args)
    if args.command == "agent":
        return commands.agent(args)
    return commands.bench(args, console)


if __name__ == "__main__":
    sys.exit(main())
