"""A check of report.json against DESIGN.md's schema ("The run directory and report").

The schema is a public contract: every field it names must be there with its type; more
fields are allowed (additions are additive). Latency percentiles may be null when nothing
was measured (no runs of a query, no probes); the report then says why in `tool_errors`
or the query's `errors`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

INT, FLOAT, BOOL, STR, ANY = "int", "float", "bool", "str", "any"
OPT_FLOAT = "float|null"


class MapOf:
    """A mapping from free keys (`"<kind>"`, `"<reason>"`) to values of one shape."""

    def __init__(self, value: Any) -> None:
        self.value = value


class ListOf:
    def __init__(self, item: Any) -> None:
        self.item = item


SCHEMA: dict[str, Any] = {
    "scenario": STR,
    "target": ("embedded", "compose", "url"),
    "collector": STR,
    "passed": BOOL,
    "expectations": ListOf({"name": STR, "passed": BOOL, "observed": ANY, "expected": ANY}),
    "delivery": {
        "written": INT,
        "stored": INT,
        "merged": INT,
        "dropped": MapOf(INT),
        "lost": INT,
        "duplicated": INT,
    },
    "redaction": {"by_kind": MapOf({"injected": INT, "leaked": INT, "collateral": INT})},
    "limits": {"rejected": MapOf(INT), "http_429": INT, "http_400": INT},
    "latency": {
        "queries": MapOf(
            {"p50_s": OPT_FLOAT, "p95_s": OPT_FLOAT, "p99_s": OPT_FLOAT, "results": INT}
        ),
        "freshness": {"p50_s": OPT_FLOAT, "p99_s": OPT_FLOAT},
    },
    "capacity": {
        "raw_bytes": INT,
        "stored_bytes": INT,
        "compression_ratio": FLOAT,
        "projected_30d_bytes": INT,
    },
}


def _is(value: Any, kind: str) -> bool:
    if kind == ANY:
        return True
    if kind == BOOL:
        return isinstance(value, bool)
    if kind == INT:
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == STR:
        return isinstance(value, str)
    number = isinstance(value, int | float) and not isinstance(value, bool)
    return number or (kind == OPT_FLOAT and value is None)


def _check(value: Any, shape: Any, where: str, problems: list[str]) -> None:
    if isinstance(shape, str):
        if not _is(value, shape):
            problems.append(f"{where}: expected {shape}, got {type(value).__name__} {value!r}")
    elif isinstance(shape, tuple):
        if value not in shape:
            problems.append(f"{where}: expected one of {', '.join(shape)}, got {value!r}")
    elif isinstance(shape, ListOf):
        if not isinstance(value, list):
            problems.append(f"{where}: expected a list, got {type(value).__name__}")
            return
        for index, item in enumerate(value):
            _check(item, shape.item, f"{where}[{index}]", problems)
    elif isinstance(shape, MapOf):
        if not isinstance(value, Mapping):
            problems.append(f"{where}: expected an object, got {type(value).__name__}")
            return
        for key, item in value.items():
            if not isinstance(key, str):
                problems.append(f"{where}: expected string keys, got {key!r}")
            _check(item, shape.value, f"{where}.{key}", problems)
    else:
        if not isinstance(value, Mapping):
            problems.append(f"{where}: expected an object, got {type(value).__name__}")
            return
        for key, item_shape in shape.items():
            if key not in value:
                problems.append(f"{where}.{key}: missing")
            else:
                _check(value[key], item_shape, f"{where}.{key}", problems)


def validate_report(report: Any) -> list[str]:
    """Every way `report` departs from the schema (empty: it conforms)."""
    problems: list[str] = []
    _check(report, SCHEMA, "report", problems)
    return problems
