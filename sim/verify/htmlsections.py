"""report.html's sections for the optional parts of a report: multiline, load, resources."""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import Any

from sim.verify import svg
from sim.verify.htmlparts import table


def multiline_section(report: Mapping[str, Any]) -> str:
    """Per container: lines, the entries they became, and how many were glued on."""
    multiline = report.get("multiline") or {}
    rows = multiline.get("by_container", {})
    if not rows:
        return ""
    ordered = sorted(rows.items(), key=lambda item: (-item[1]["glued"], item[0]))
    return "<h2>Multiline: lines glued onto an earlier line's entry</h2>" + table(
        ("container", "lines", "entries", "glued", "largest entry (lines)"),
        [
            (name, r["lines"], r["entries"], r["glued"], r["largest_entry_lines"])
            for name, r in ordered
        ],
    )


def load_section(report: Mapping[str, Any]) -> str:
    """Locust's figures per request type, when the scenario ran a `load:` block."""
    if "load" not in report:
        return ""
    load = report["load"] or {}
    requests = load.get("requests", {})
    push = load.get("push", {})
    fields = ("count", "failures", "rps", "p50_s", "p95_s", "p99_s")
    rows = [(name, *(r.get(f) for f in fields)) for name, r in sorted(requests.items())]
    bars = [
        (name, [float(r.get(k) or 0.0) for k in ("p50_s", "p95_s", "p99_s")])
        for name, r in sorted(requests.items())
    ]
    summary = [
        ("pushed line bytes (accepted)", push.get("line_bytes")),
        ("accepted MB/s", push.get("mb_per_s")),
        ("rate-limited line bytes", push.get("rate_limited_line_bytes")),
        ("HTTP 429", load.get("http_429")),
        ("failures", load.get("failures")),
    ]
    return (
        "<h2>Load (Locust, straight at Loki)</h2>"
        + table(("figure", "value"), summary)
        + table(("request", "count", "failures", "req/s", "p50 s", "p95 s", "p99 s"), rows)
        + svg.bar_chart(bars, "Load: latency per request type", " s", ("p50", "p95", "p99"))
    )


def resources_section(report: Mapping[str, Any]) -> str:
    """Container CPU and memory against the ADR's requests and limits (compose target)."""
    res = report.get("resources") or {}
    if not res.get("available"):
        return ""
    rows = []
    for role in ("loki", "collector"):
        row = res.get(role) or {}
        adr, verdicts = row.get("adr", {}), row.get("verdicts", {})
        rows.append(
            (
                role,
                row.get("cpu_p95_millicores"),
                f"{adr.get('cpu_request_millicores')}m / {adr.get('cpu_limit_millicores')}m",
                verdicts.get("cpu_p95_millicores"),
                row.get("memory_max_bytes"),
                f"{adr.get('memory_request_bytes')} / {adr.get('memory_limit_bytes')}",
                verdicts.get("memory_max_bytes"),
            )
        )
    notes = [n for role in ("loki", "collector") for n in (res.get(role) or {}).get("notes", [])]
    listed = "".join(f"<li>{escape(str(n))}</li>" for n in notes)
    return (
        "<h2>Resources (containers, against the ADR's requests and limits)</h2>"
        + table(
            (
                "container",
                "CPU p95 (m)",
                "ADR request / limit",
                "CPU standing",
                "memory max (bytes)",
                "ADR request / limit (bytes)",
                "memory standing",
            ),
            rows,
        )
        + (f"<ul>{listed}</ul>" if listed else "")
    )
