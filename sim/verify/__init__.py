"""Verdicts over what Loki answered and what the fleet wrote, and the report.

    from sim.verify import VerifyInputs, build_report, render_html, render_json
    report = build_report(inputs)          # report.json as a dict (DESIGN.md's schema)
    render_json(report); render_html(report)

Every function here is pure: the runner fetches (HTTP, files) and fills `VerifyInputs`.
"""

from __future__ import annotations

from sim.verify.html import render_html
from sim.verify.inputs import (
    FreshnessSample,
    MetricsSample,
    QueryTiming,
    RunFacts,
    StoredEntry,
    VerifyInputs,
    load_accounting,
)
from sim.verify.report import build_report, render_json
from sim.verify.schema import validate_report

__all__ = [
    "FreshnessSample",
    "MetricsSample",
    "QueryTiming",
    "RunFacts",
    "StoredEntry",
    "VerifyInputs",
    "build_report",
    "load_accounting",
    "render_html",
    "render_json",
    "validate_report",
]
