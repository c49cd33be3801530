"""report.html: one self-contained page (inline CSS and SVG, no script, no external asset).

Rendered from report.json alone, so the page and the JSON can never disagree.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import Any

from sim.verify import svg
from sim.verify.htmlparts import table as _table
from sim.verify.htmlsections import load_section, multiline_section, resources_section

_CSS = """
body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:1000px;color:#222}
h1{font-size:22px;margin-bottom:4px}h2{font-size:17px;margin-top:28px;border-bottom:1px solid #ddd}
table{border-collapse:collapse;margin:8px 0}td,th{border:1px solid #ddd;padding:3px 8px;
text-align:left;vertical-align:top}th{background:#f4f4f4}td.n{text-align:right}
.passed{color:#146c2e}.finding{color:#b3261e}.tool_error{color:#8a5a00}
.badge{display:inline-block;padding:2px 10px;border-radius:10px;color:#fff;font-weight:600}
.badge.passed{background:#146c2e}.badge.finding{background:#b3261e}
.badge.tool_error{background:#8a5a00}
pre{white-space:pre-wrap;word-break:break-all;background:#f7f7f7;padding:6px;margin:2px 0}
.muted{fill:#777;color:#777}.chart{display:block;margin:10px 0}
.chart-title{font-weight:600;font-size:13px}.tick{font-size:11px;fill:#444}
.axis{stroke:#999}.series{fill:none;stroke-width:2}.limit{stroke:#b3261e;stroke-dasharray:5 4}
"""


def _summary(report: Mapping[str, Any]) -> str:
    verdict = report.get("verdict", {})
    status = str(verdict.get("status", "passed" if report.get("passed") else "finding"))
    label = {"passed": "PASSED", "finding": "FAILED: finding", "tool_error": "TOOL ERROR"}
    out = [
        f"<h1>lokisim: {escape(str(report.get('scenario')))}</h1>",
        f"<p>target <b>{escape(str(report.get('target')))}</b>, collector "
        f"<b>{escape(str(report.get('collector')))}</b></p>",
        f'<p><span class="badge {escape(status)}">{label.get(status, escape(status))}</span> '
        f"{escape(str(verdict.get('summary', '')))}</p>",
    ]
    errors = report.get("tool_errors") or []
    if errors:
        items = "".join(f"<li>{escape(str(e))}</li>" for e in errors)
        out.append(
            '<h2 class="tool_error">Tool errors (lokisim could not measure; not findings)</h2>'
            f"<ul>{items}</ul>"
        )
    return "".join(out)


def _expectations(report: Mapping[str, Any]) -> str:
    rows = [
        (e["name"], e["expected"], e["observed"], "held" if e["passed"] else e.get("failure"))
        for e in report.get("expectations", [])
    ]
    return "<h2>Expectations</h2>" + _table(("figure", "expected", "observed", "result"), rows)


def _example(kind: str, sample: Mapping[str, Any]) -> str:
    changes = [(c["before"], c["after"]) for c in sample.get("changes", [])]
    return (
        f"<h3>{escape(kind)}: {escape(str(sample['outcome']))}</h3>"
        f"<div>written</div><pre>{escape(sample['before'])}</pre>"
        f"<div>as Loki stored it</div><pre>{escape(sample['after'])}</pre>"
        + (_table(("changed from", "to"), changes) if changes else "")
    )


def _redaction(report: Mapping[str, Any]) -> str:
    kinds = report.get("redaction", {}).get("by_kind", {})
    rows = [
        (kind, k["injected"], k["leaked"], k["collateral"], k.get("not_stored"))
        for kind, k in kinds.items()
    ]
    out = ["<h2>Redaction</h2>"]
    out.append(_table(("kind", "injected", "leaked", "collateral", "not stored"), rows))
    out.append("<p>Secrets are shown as &lt;kind:N chars&gt;; a leaked value is masked too.</p>")
    for kind, tally in kinds.items():
        for key in ("example", "collateral_example"):
            if tally.get(key):
                out.append(_example(kind, tally[key]))
    return "".join(out)


def _delivery(report: Mapping[str, Any]) -> str:
    d = report.get("delivery", {})
    keys = ("written", "stored", "merged", "lost", "duplicated", "missing", "accounted_drops")
    extra = ("unverifiable", "unknown_origin", "merged_entries", "retimed_entries")
    rows = [(k, d.get(k)) for k in (*keys, *extra) if k in d]
    dropped = [(reason, n) for reason, n in d.get("dropped", {}).items()]
    return (
        "<h2>Delivery</h2>"
        + _table(("lines", "count"), rows)
        + "<h3>Dropped and rejected, by source and reason</h3>"
        + _table(("source:reason", "entries"), dropped)
    )


def _limits(report: Mapping[str, Any]) -> str:
    lim = report.get("limits", {})
    rate, streams = lim.get("rate_limit", {}), lim.get("stream_limit", {})
    rows = [
        ("HTTP 429", lim.get("http_429")),
        ("HTTP 400", lim.get("http_400")),
        ("statuses counted by", lim.get("http_status", {}).get("source")),
        ("rate limit first bit at (s)", rate.get("first_rejection_s")),
        ("max active streams", streams.get("max_memory_streams")),
        ("stream limit first bit at (s)", streams.get("first_rejection_s")),
        ("streams at first stream_limit", streams.get("memory_streams_at_first_rejection")),
        (
            "per-stream limit first bit at (s)",
            lim.get("stream_rate_limit", {}).get("first_rejection_s"),
        ),
        ("hot streams sharded (times)", lim.get("stream_rate_limit", {}).get("stream_shardings")),
        ("collector retries", lim.get("backpressure", {}).get("retries")),
        ("collector drops", lim.get("backpressure", {}).get("collector_dropped")),
    ]
    timeline = lim.get("timeline", [])
    rejected = [(r, [float(n)]) for r, n in lim.get("rejected", {}).items()]
    return (
        "<h2>Limits</h2>"
        + _table(("figure", "value"), rows)
        + _table(("Loki reason", "rejected"), [(r, v[0]) for r, v in rejected])
        + svg.line_chart(
            [(row["t_s"], row["ingest_bytes_per_s"]) for row in timeline],
            "Ingest rate against the limit",
            "seconds into the run",
            "bytes/s",
            rate.get("limit_bytes_per_s"),
            "ingestion_rate limit",
        )
        + svg.bar_chart(rejected, "Rejections by reason")
    )


def _latency(report: Mapping[str, Any]) -> str:
    lat = report.get("latency", {})
    queries = lat.get("queries", {})
    rows = [
        (q, v.get("p50_s"), v.get("p95_s"), v.get("p99_s"), v.get("results"), v.get("errors"))
        for q, v in queries.items()
    ]
    bars = [
        (q, [float(v.get(k) or 0.0) for k in ("p50_s", "p95_s", "p99_s")])
        for q, v in queries.items()
    ]
    fresh = lat.get("freshness", {})
    by_pod = [
        (pod, f.get("p50_s"), f.get("p99_s"), f.get("probes"))
        for pod, f in lat.get("freshness_by_pod", {}).items()
    ]
    buckets = [(f"<= {upper} s", [float(n)]) for upper, n in fresh.get("histogram", [])]
    return (
        f"<h2>Latency ({escape(str(lat.get('method', '')))} percentiles)</h2>"
        + _table(("query", "p50 s", "p95 s", "p99 s", "results", "errors"), rows)
        + svg.bar_chart(bars, "Query latency", " s", ("p50", "p95", "p99"))
        + _table(
            ("freshness", "value"),
            [(k, fresh.get(k)) for k in ("p50_s", "p99_s", "probes", "unseen")],
        )
        + svg.bar_chart(buckets, "Freshness: written to first seen")
        + (
            _table(("pod under a log bomb", "p50 s", "p99 s", "probed lines"), by_pod)
            if by_pod
            else ""
        )
    )


def _dead(report: Mapping[str, Any]) -> str:
    rows = [
        (d["query"], d["status"], d.get("data_written"), d["reason"])
        for d in report.get("dead_queries", [])
    ]
    return "<h2>Queries that return nothing</h2>" + _table(
        ("query", "status", "data written", "why"), rows
    )


def _capacity(report: Mapping[str, Any]) -> str:
    cap = report.get("capacity", {})
    keys = ("raw_bytes", "stored_bytes", "compression_ratio", "projected_30d_bytes", "fits_volume")
    items = "".join(f"<li>{escape(str(line))}</li>" for line in cap.get("arithmetic", []))
    note = f"<p class='muted'>{escape(str(cap['note']))}</p>" if cap.get("note") else ""
    return (
        "<h2>Capacity (ADR 3.2's arithmetic)</h2>"
        + _table(("figure", "value"), [(k, cap.get(k)) for k in keys])
        + f"<ol>{items}</ol>{note}"
    )


def render_html(report: Mapping[str, Any]) -> str:
    sections = (
        _summary(report),
        _expectations(report),
        _redaction(report),
        _delivery(report),
        _limits(report),
        _latency(report),
        _dead(report),
        _capacity(report),
        multiline_section(report),
        load_section(report),
        resources_section(report),
    )
    title = escape(f"lokisim report: {report.get('scenario')}")
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{title}</title><style>{_CSS}</style></head><body>"
        + "".join(sections)
        + "</body></html>\n"
    )
