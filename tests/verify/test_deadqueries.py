"""Queries that return nothing although what they look for was written."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from sim.verify.deadqueries import dead_queries
from sim.verify.inputs import QueryTiming
from sim.verify.original import rebuild
from tests.verify.helpers import Pods

LINES = (
    '{"level":"error","msg":"request failed","status":503}',
    '{"level":"info","msg":"request completed boom","status":200}',
)


def _rows(tmp_path: Path, timings: dict[str, list[QueryTiming]]) -> dict[str, dict[str, Any]]:
    pods = Pods(tmp_path)
    api = pods.container()
    stored = [api.stored(api.write(text)) for text in LINES]
    rows = dead_queries(
        {q: ["scenario"] for q in timings},
        {q: t for q, t in timings.items() if t},
        stored,
        rebuild(tmp_path),
        pods.accounting(),
    )
    return {row["query"]: row for row in rows}


NONE: list[QueryTiming] = []  # not timed: judged from what Loki stored alone
ZERO = [QueryTiming(0.01, 0)]


@pytest.mark.parametrize(
    ("query", "timings", "status", "data_written", "reason"),
    [
        # ADR 7 "Basic Filtering": no stage of the ADR's pipeline sets a `level` label
        ('{level="error"}', ZERO, "dead", True, "no stored stream has a `level` label"),
        ('{level="fatal"}', ZERO, "no_data", False, "no stored stream has a `level` label"),
        (
            '{namespace="default"}',
            NONE,
            "no_data",
            False,
            'no stored stream has namespace="default" (values stored: production)',
        ),
        (
            '{namespace="production"} |= "panic"',
            NONE,
            "no_data",
            False,
            "none of the 2 stored lines of the 1 selected streams passes its line filters",
        ),
        (
            '{namespace="production"} | json | status >= 500 | status < 503',
            ZERO,
            "dead",
            True,
            "a later stage (parser, label filter, format) removes every one",
        ),
        (
            '{namespace="production"} |= "x"',
            [QueryTiming(0.1, 0, "timeout")],
            "error",
            None,
            "Loki answered with an error: timeout",
        ),
    ],
)
def test_dead_or_not(
    tmp_path: Path,
    query: str,
    timings: list[QueryTiming],
    status: str,
    data_written: bool | None,
    reason: str,
) -> None:
    row = _rows(tmp_path, {query: timings})[query]
    assert (row["status"], row["data_written"]) == (status, data_written)
    assert reason in row["reason"]


@pytest.mark.parametrize(
    ("query", "timings"),
    [
        ('{namespace="production"} |= "boom"', NONE),  # would return the stored line
        ('{namespace="production"}', [QueryTiming(0.1, 2)]),  # returned data
        # an alert threshold that did not fire is not a dead query
        ('count_over_time({namespace="production"} |= "boom" [5m]) > 100', ZERO),
    ],
)
def test_live_queries_are_not_listed(
    tmp_path: Path, query: str, timings: list[QueryTiming]
) -> None:
    assert _rows(tmp_path, {query: timings}) == {}
