"""The verdict on a terminal: what held, what leaked, what was lost, and what it means."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table


def print_verdict(report: dict[str, Any], console: Console) -> None:
    expectations = Table(title="expectations", title_justify="left")
    for column in ("expectation", "expected", "observed", "held"):
        expectations.add_column(column)
    for row in report.get("expectations", []):
        held = "[green]yes[/]" if row.get("passed") else "[red]no[/]"
        expectations.add_row(row["name"], str(row.get("expected")), str(row.get("observed")), held)
    console.print(expectations)

    redaction = Table(title="redaction by kind", title_justify="left")
    for column in ("kind", "injected", "leaked", "collateral"):
        redaction.add_column(column, justify="left" if column == "kind" else "right")
    for kind, row in sorted(report.get("redaction", {}).get("by_kind", {}).items()):
        leaked = row.get("leaked", 0)
        shown = f"[red]{leaked}[/]" if leaked else "0"
        redaction.add_row(kind, str(row.get("injected", 0)), shown, str(row.get("collateral", 0)))
    console.print(redaction)

    _print_multiline(report.get("multiline", {}), console)
    delivery = report.get("delivery", {})
    limits = report.get("limits", {})
    console.print(
        f"delivery: written {delivery.get('written')}, stored {delivery.get('stored')}, "
        f"merged {delivery.get('merged')}, dropped {delivery.get('dropped')}, "
        f"lost {delivery.get('lost')}, duplicated {delivery.get('duplicated')}",
        soft_wrap=True,
    )
    if delivery.get("unread_rotated_files"):
        console.print(
            f"  {delivery['missing_in_unread_rotated_files']} of the missing lines were in "
            f"{delivery['unread_rotated_files']} rotated files of which no line reached Loki: "
            "kubelet rotated them while the collector was more than a file behind",
            soft_wrap=True,
        )
    for pod, fresh in report.get("latency", {}).get("freshness_by_pod", {}).items():
        console.print(
            f"freshness of {pod} (log bomb), written to first seen: "
            f"p50 {_seconds(fresh.get('p50_s'))}, p99 {_seconds(fresh.get('p99_s'))} "
            f"over {fresh.get('probes', 0)} probed lines",
            soft_wrap=True,
        )
    per_stream = limits.get("stream_rate_limit", {})
    console.print(
        f"limits: 429s {limits.get('http_429')}, 400s {limits.get('http_400')}, "
        f"rejected {limits.get('rejected')}, hot streams sharded "
        f"{per_stream.get('stream_shardings', 0)} times",
        soft_wrap=True,
    )
    if "load" in report:
        load = report["load"] or {}
        push, queries = load.get("push", {}), load.get("queries", {})
        console.print(
            f"load (Locust): pushed {push.get('line_bytes', 0) / 1e6:,.0f} MB accepted "
            f"({push.get('mb_per_s', 0):.1f} MB/s), 429s {load.get('http_429')}, "
            f"failures {load.get('failures')}, {queries.get('count', 0)} queries "
            f"(worst p95 {queries.get('p95_s')} s)",
            soft_wrap=True,
        )
    _print_resources(report.get("resources") or {}, console)
    verdict = report.get("verdict", {})
    status = verdict.get("status", "unknown")
    colour = {"passed": "green", "finding": "yellow"}.get(status, "red")
    console.print(
        f"[bold {colour}]{status.upper()}[/]: {verdict.get('summary', '')}", soft_wrap=True
    )


def _print_multiline(multiline: dict[str, Any], console: Console) -> None:
    """Containers whose lines a multiline stage glued together, most glued first."""
    rows = multiline.get("by_container", {})
    merged = sorted(multiline.get("containers_merged", []), key=lambda n: -rows[n]["glued"])
    if not merged:
        return
    table = Table(title="multiline: lines glued onto an earlier line's entry", title_justify="left")
    for column in ("container", "lines", "entries", "glued", "largest entry (lines)"):
        table.add_column(column, justify="left" if column == "container" else "right")
    for name in merged[:12]:
        row = rows[name]
        table.add_row(
            name,
            str(row["lines"]),
            str(row["entries"]),
            str(row["glued"]),
            str(row["largest_entry_lines"]),
        )
    console.print(table)


def _print_resources(resources: dict[str, Any], console: Console) -> None:
    """Each container's CPU p95 and peak memory, and where they stand against the ADR."""
    if not resources.get("available"):
        return
    for role in ("loki", "collector"):
        row = resources.get(role) or {}
        verdicts = row.get("verdicts", {})
        console.print(
            f"resources {role}: CPU p95 {row.get('cpu_p95_millicores')}m "
            f"({verdicts.get('cpu_p95_millicores')}), memory max "
            f"{(row.get('memory_max_bytes') or 0) / 2**20:.0f} MiB "
            f"({verdicts.get('memory_max_bytes')})",
            soft_wrap=True,
        )


def _seconds(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1f} s"
