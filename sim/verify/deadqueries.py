"""Dead queries: dashboard queries and alert expressions that return nothing although the
data they look for was written.

Each query's selectors are held against the label sets Loki stored (a matcher on a label
no stage sets, like the ADR's `{level="error"}`, selects nothing) and its plain line
filters against the stored lines. Whether the data was written is read from the pods'
own lines: the container's namespace, pod, container, app and node, the CRI stream, and
for `level`-like labels the level Loki itself would detect in the line
(pkg/distributor/field_detection.go, sim.loki.ingest.levels). `status`: `dead` (data
written, nothing returned), `no_data` (nothing of the kind was written in this scenario),
`error` (Loki refused the query).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from sim.fleet.ledger import ContainerCounts
from sim.loki.ingest.levels import detect_level
from sim.loki.logql import LogQLError, ast, parse_expr
from sim.loki.logql.matchers import Matcher
from sim.verify.inputs import QueryTiming, StoredEntry
from sim.verify.original import ContainerKey, Originals
from sim.verify.selectors import SelectorPlan, passes_all, selector_plans

LEVEL_LABELS = frozenset({"level", "detected_level", "severity", "lvl"})
_JSON_LEVEL_DEPTH = 2  # limits_config.log_level_from_json_max_depth's default in 3.6
_COMPARISONS = frozenset({"==", "!=", ">", ">=", "<", "<="})
_SHOWN_VALUES = 6

Streams = dict[frozenset[tuple[str, str]], list[str]]


def _streams(stored: Sequence[StoredEntry]) -> Streams:
    out: Streams = defaultdict(list)
    for entry in stored:
        out[frozenset(entry.labels.items())].append(entry.line)
    return out


def _matches(matcher: Matcher, labels: Mapping[str, str]) -> bool:
    return matcher.matches(labels.get(matcher.name, ""))  # an absent label reads as ""


def _describe(matcher: Matcher) -> str:
    return f'{matcher.name}{matcher.type.value}"{matcher.value}"'


def _why_no_stream(plan: SelectorPlan, streams: list[dict[str, str]]) -> str:
    for matcher in plan.matchers:
        if any(_matches(matcher, s) for s in streams):
            continue
        values = sorted({s[matcher.name] for s in streams if matcher.name in s})
        if not values:
            return (
                f"no stored stream has a `{matcher.name}` label (no stage of the collector "
                f"sets it), so {_describe(matcher)} selects nothing"
            )
        shown = ", ".join(values[:_SHOWN_VALUES]) + (", ..." if len(values) > _SHOWN_VALUES else "")
        return f"no stored stream has {_describe(matcher)} (values stored: {shown})"
    together = ", ".join(_describe(m) for m in plan.matchers)
    return f"no stored stream matches {together} together"


def _static_reason(plan: SelectorPlan, streams: Streams) -> str | None:
    """Why this selector returns nothing from what Loki stored (None: it may return lines)."""
    label_sets = [dict(key) for key in streams]
    chosen = [
        k
        for k, s in zip(streams, label_sets, strict=True)
        if all(_matches(m, s) for m in plan.matchers)
    ]
    if not chosen:
        return _why_no_stream(plan, label_sets)
    if not plan.line_filters:
        return None
    lines = [line for key in chosen for line in streams[key]]
    verdicts = {passes_all(plan.line_filters, line) for line in lines}
    if True in verdicts or None in verdicts:
        return None
    return (
        f"none of the {len(lines)} stored lines of the {len(chosen)} selected streams passes "
        "its line filters"
    )


def _data_written(
    plan: SelectorPlan, originals: Originals, meta: Mapping[ContainerKey, ContainerCounts]
) -> tuple[bool, list[str]]:
    """Whether the pods wrote a line this selector looks for; and the labels not judged."""
    known = {"namespace", "pod", "container", "app", "node", "stream"} | LEVEL_LABELS
    ignored = sorted({m.name for m in plan.matchers if m.name not in known})
    container_matchers = [m for m in plan.matchers if m.name in known - LEVEL_LABELS - {"stream"}]
    stream_matchers = [m for m in plan.matchers if m.name == "stream"]
    level_matchers = [m for m in plan.matchers if m.name in LEVEL_LABELS]
    for key, lines in originals.by_container.items():
        counts = meta.get(key)
        values = {"namespace": key.namespace, "pod": key.pod, "container": key.container}
        values |= {"app": counts.app, "node": counts.node} if counts is not None else {}
        if not all(_matches(m, values) for m in container_matchers):
            continue
        for line in lines:
            if not all(m.matches(line.stream) for m in stream_matchers):
                continue
            if level_matchers:
                level = detect_level((), (), line.text.encode(), (), _JSON_LEVEL_DEPTH) or ""
                if not all(m.matches(level) for m in level_matchers):
                    continue
            if passes_all(plan.line_filters, line.text) is not False:
                return True, ignored
    return False, ignored


def _is_threshold(expr: Any) -> bool:
    """An alert's `expr > N`: returning nothing may just mean it did not fire."""
    return isinstance(expr, ast.BinOpExpr) and expr.op in _COMPARISONS


def judge_query(
    query: str,
    timings: Sequence[QueryTiming] | None,
    streams: Streams,
    originals: Originals,
    meta: Mapping[ContainerKey, ContainerCounts],
) -> dict[str, Any] | None:
    """The dead-query row for `query`, or None when it returned (or would return) data."""
    results = max((t.results for t in timings), default=0) if timings else None
    if results:
        return None
    errors = [t.error for t in timings or () if t.error]
    if errors and len(errors) == len(timings or ()):
        return {
            "query": query,
            "status": "error",
            "results": None,
            "data_written": None,
            "reason": f"Loki answered with an error: {errors[0]}",
        }
    try:
        expr = parse_expr(query)
    except LogQLError as err:
        return {
            "query": query,
            "status": "error",
            "results": results,
            "data_written": None,
            "reason": f"the query does not parse: {err}",
        }
    plans = selector_plans(expr)
    reasons = [r for r in (_static_reason(p, streams) for p in plans) if r is not None]
    if not reasons:
        if timings is None or _is_threshold(expr):
            return None
        opaque = any(p.opaque for p in plans)
        reasons = [
            "the selected streams hold lines that pass its line filters; a later stage "
            "(parser, label filter, format) removes every one"
            if opaque
            else "Loki returned nothing although stored lines match its selector and filters"
        ]
    written = [_data_written(p, originals, meta) for p in plans]
    data_written = any(w for w, _ in written)
    ignored = sorted({name for _, names in written for name in names})
    row: dict[str, Any] = {
        "query": query,
        "status": "dead" if data_written else "no_data",
        "results": results,
        "data_written": data_written,
        "reason": "; ".join(reasons),
    }
    if ignored:
        row["labels_not_judged"] = ignored
    return row


def dead_queries(
    queries: Mapping[str, list[str]],
    timings: Mapping[str, Sequence[QueryTiming]],
    stored: Sequence[StoredEntry],
    originals: Originals,
    accounting: Sequence[ContainerCounts],
) -> list[dict[str, Any]]:
    """Rows for the queries (query -> where it comes from) that return nothing."""
    streams = _streams(stored)
    meta = {ContainerKey(c.namespace, c.pod, c.pod_uid, c.container): c for c in accounting}
    rows = []
    for query, sources in queries.items():
        row = judge_query(query, timings.get(query), streams, originals, meta)
        if row is not None:
            rows.append({**row, "sources": sources})
    return rows
