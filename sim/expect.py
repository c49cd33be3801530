"""`expect:` thresholds: which report figures a scenario may check, and how.

An expectation is `<metric path>: "<op> <value>"`, e.g. `redaction.leaked: "== 0"` or
`latency.freshness.p99_s: "< 10s"`. Paths name figures of report.json (DESIGN.md).
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sim.units import parse_duration, parse_size

_OPS: dict[str, Callable[[float, float], bool]] = {
    "==": operator.eq,
    "!=": operator.ne,
    "<=": operator.le,
    ">=": operator.ge,
    "<": operator.lt,
    ">": operator.gt,
}
_EXPR = re.compile(r"^\s*(==|!=|<=|>=|<|>)\s*(\S+)\s*$")
_NAME = r"[a-z0-9_]+"

# Each pattern is a report.json figure; `sum` paths add up a mapping, `max` ones take the worst.
METRIC_PATTERNS: tuple[str, ...] = (
    r"redaction\.(injected|leaked|collateral)",
    rf"redaction\.by_kind\.{_NAME}\.(injected|leaked|collateral)",
    r"delivery\.(written|stored|merged|lost|duplicated|dropped)",
    rf"delivery\.dropped\.{_NAME}",
    r"limits\.(http_429|http_400|rejected)",
    rf"limits\.rejected\.{_NAME}",
    r"latency\.queries\.(p50_s|p95_s|p99_s)",
    r"latency\.freshness\.(p50_s|p99_s)",
    r"latency\.freshness_by_pod\.[a-z0-9-]+/[a-z0-9-]+\.(p50_s|p99_s)",
    r"capacity\.(raw_bytes|stored_bytes|compression_ratio|projected_30d_bytes)",
    r"multiline\.glued",
    r"load\.(http_429|failures)",
    r"load\.push\.(line_bytes|mb_per_s|rate_limited_line_bytes|rate_limited_mb_per_s)",
    r"load\.queries\.(count|failures|p50_s|p95_s|p99_s)",
    rf"load\.requests\.{_NAME}\.(count|failures|rps|p50_s|p95_s|p99_s)",
    r"multiline\.by_pod\.[a-z0-9-]+/[a-z0-9-]+\.(lines|glued)",
    r"resources\.(loki|collector)\.(cpu_p50_millicores|cpu_p95_millicores|cpu_max_millicores)",
    r"resources\.(loki|collector)\.memory_max_bytes",
)
_METRIC = re.compile("^(?:" + "|".join(METRIC_PATTERNS) + ")$")
METRIC_HINT = (
    "a report figure such as 'redaction.leaked', 'redaction.by_kind.email.leaked', "
    "'delivery.lost', 'delivery.dropped.rate_limited', 'limits.http_429', "
    "'latency.queries.p95_s', 'latency.freshness.p99_s', 'capacity.compression_ratio', "
    "'multiline.by_pod.production/api.glued', 'load.queries.p95_s' or "
    "'resources.loki.memory_max_bytes'"
)


@dataclass(frozen=True, slots=True)
class Expectation:
    metric: str
    op: str
    value: float
    text: str

    def holds(self, observed: float) -> bool:
        return _OPS[self.op](observed, self.value)


def parse_expectation(metric: str, text: object) -> Expectation:
    """Validate one `metric: "<op> <value>"` pair; ValueError says what was expected."""
    if not _METRIC.match(metric):
        raise ValueError(f"expected {METRIC_HINT}, got {metric!r}")
    if isinstance(text, int | float) and not isinstance(text, bool):
        return Expectation(metric, "==", float(text), f"== {text}")
    match = _EXPR.match(text) if isinstance(text, str) else None
    if match is None:
        raise ValueError(f"expected a comparison like '== 0', '<= 5' or '< 2s', got {text!r}")
    op, raw = match.groups()
    return Expectation(metric, op, _threshold(metric, raw), f"{op} {raw}")


def _threshold(metric: str, raw: str) -> float:
    try:
        return float(raw)
    except ValueError:
        pass
    if metric.endswith("_s"):
        return parse_duration(raw)
    if metric.endswith("_bytes"):
        return float(parse_size(raw))
    if metric.endswith("_millicores") and re.fullmatch(r"\d+(\.\d+)?m", raw):
        return float(raw[:-1])  # Kubernetes' CPU quantity: "500m" is 500 millicores
    raise ValueError(f"expected a number, got {raw!r}")


def observe(report: Mapping[str, Any], metric: str) -> float | None:
    """The figure `metric` names in a report.json mapping (None when the report lacks it)."""
    head, _, rest = metric.partition(".")
    section = report.get(head)
    if not isinstance(section, Mapping):
        return None
    if head == "redaction":
        by_kind = section.get("by_kind", {})
        if rest.startswith("by_kind."):
            _, kind, field = rest.split(".")
            return _number(by_kind.get(kind, {}).get(field, 0))
        return float(sum(_number(k.get(rest, 0)) or 0 for k in by_kind.values()))
    if head == "latency" and rest.startswith("queries."):
        field = rest.split(".")[1]
        values = [_number(q.get(field)) for q in section.get("queries", {}).values()]
        present = [v for v in values if v is not None]
        return max(present) if present else None
    if head == "latency" and rest.startswith("freshness_by_pod."):
        ref, _, field = rest.removeprefix("freshness_by_pod.").rpartition(".")
        row = section.get("freshness_by_pod", {}).get(ref)  # absent: not a log-bombed pod
        return _number(row.get(field)) if isinstance(row, Mapping) else None
    if head == "multiline" and rest.startswith("by_pod."):
        ref, _, field = rest.removeprefix("by_pod.").rpartition(".")
        row = section.get("by_pod", {}).get(ref)  # absent: no line of that pod was found
        return _number(row.get(field)) if isinstance(row, Mapping) else None
    return _lookup(section, rest.split("."))


def _lookup(node: Any, parts: list[str]) -> float | None:
    for index, part in enumerate(parts):
        if not isinstance(node, Mapping):
            return None
        if part not in node:
            # A reason absent from a counts mapping (dropped, rejected) was counted zero times.
            is_count_map = index == len(parts) - 1 and index > 0
            return 0.0 if is_count_map else None
        node = node[part]
    if isinstance(node, Mapping):
        return float(sum(_number(v) or 0 for v in node.values()))
    return _number(node)


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)
