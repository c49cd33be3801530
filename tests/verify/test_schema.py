"""The report.json schema check (DESIGN.md, "The run directory and report")."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from sim.verify import validate_report
from tests.verify.test_report import _run


@pytest.mark.parametrize(
    ("path", "value", "problem"),
    [
        (("delivery", "lost"), 1.5, "report.delivery.lost: expected int"),
        (("redaction", "by_kind", "email", "leaked"), None, "by_kind.email.leaked: expected int"),
        (("target",), "docker", "report.target: expected one of embedded, compose, url"),
        (("capacity",), {}, "report.capacity.raw_bytes: missing"),
        (("passed",), 1, "report.passed: expected bool"),
    ],
)
def test_the_schema_check_catches_departures(
    tmp_path: Path, path: tuple[str, ...], value: Any, problem: str
) -> None:
    report = _run(tmp_path)
    node = report
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    assert any(problem in p for p in validate_report(report)), validate_report(report)
