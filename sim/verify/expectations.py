"""The scenario's `expect:` held against the report, each with what was observed.

A figure the run could not measure (under an unavailable prefix such as `redaction` or
`limits.rejected`, because an input was missing) is `observed: null` and fails as
`not_observed`: an error of the tool, never a finding, and never a silent zero.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sim.expect import Expectation, observe

FINDING = "finding"
NOT_OBSERVED = "not_observed"


def _shown(metric: str, value: float) -> float | int:
    """Counts read as integers; times and ratios stay floats."""
    if value.is_integer() and not metric.endswith(("_s", "ratio")):
        return int(value)
    return value


def evaluate(
    expectations: Iterable[Expectation],
    report: Mapping[str, Any],
    unavailable: Iterable[str] = (),
) -> list[dict[str, Any]]:
    missing = tuple(unavailable)
    rows: list[dict[str, Any]] = []
    for expectation in expectations:
        metric = expectation.metric
        unmeasured = any(metric == p or metric.startswith(p + ".") for p in missing)
        observed = None if unmeasured else observe(report, metric)
        passed = observed is not None and expectation.holds(observed)
        row: dict[str, Any] = {
            "name": expectation.metric,
            "passed": passed,
            "observed": None if observed is None else _shown(expectation.metric, observed),
            "expected": expectation.text,
        }
        if not passed:
            row["failure"] = NOT_OBSERVED if observed is None else FINDING
        rows.append(row)
    return rows
