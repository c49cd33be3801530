"""report.html: self-contained, with the tables and charts the brief lists."""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree import ElementTree

from sim.verify import render_html
from tests.verify.test_report import _run


def test_tables_and_inline_svgs_and_nothing_external(tmp_path: Path) -> None:
    page = render_html(_run(tmp_path))
    for heading in ("Expectations", "Redaction", "Delivery", "Limits", "Latency", "Capacity"):
        assert f"<h2>{heading}" in page
    assert page.count("<table>") >= 8
    titles = re.findall(r'<svg class="chart"[^>]*><title>([^<]*)</title>', page)
    assert titles == [
        "Ingest rate against the limit",
        "Rejections by reason",
        "Query latency",
        "Freshness: written to first seen",
    ]
    # no script, no stylesheet link, no image or font fetched from anywhere
    for external in (
        "<script",
        "<link",
        "<img",
        "src=",
        "href=",
        "url(",
        "@import",
        "http://",
        "https://",
    ):
        assert external not in page.lower(), external
    assert "mary.smith12@example.com" not in page
    assert "&lt;email:24 chars&gt;" in page


def test_markup_in_log_lines_is_escaped(tmp_path: Path) -> None:
    page = render_html(
        {
            "scenario": "<b>x</b>",
            "redaction": {
                "by_kind": {
                    "none": {
                        "injected": 0,
                        "leaked": 0,
                        "collateral": 1,
                        "example": {
                            "outcome": "collateral",
                            "before": "<script>",
                            "after": "</pre>",
                        },
                    }
                }
            },
        }
    )
    assert "<script>" not in page and "&lt;script&gt;" in page and "&lt;/pre&gt;" in page


def test_every_chart_is_well_formed_svg(tmp_path: Path) -> None:
    page = render_html(_run(tmp_path))
    charts = re.findall(r"<svg .*?</svg>", page, flags=re.DOTALL)
    assert len(charts) == 4
    for chart in charts:
        ElementTree.fromstring(chart)  # raises on malformed markup


def test_multiline_and_load_sections_appear_when_the_report_has_them(tmp_path: Path) -> None:
    report = dict(_run(tmp_path))
    assert "<h2>Multiline" in render_html(report)  # every run with stored lines has it
    assert "<h2>Load" not in render_html(report)  # only a scenario with `load:` has load
    load_stats = {"count": 40, "failures": 0, "rps": 4.0, "p50_s": 0.01, "p95_s": 0.02}
    report["load"] = {
        "requests": {"push": {**load_stats, "p99_s": 0.03}, "push_rate_limited": load_stats},
        "push": {"line_bytes": 41943040, "mb_per_s": 4.1, "rate_limited_line_bytes": 0},
        "http_429": 40,
        "failures": 0,
    }
    page = render_html(report)
    assert "<h2>Load" in page and "push_rate_limited" in page
    assert "<title>Load: latency per request type</title>" in page


def test_resources_appear_when_the_compose_target_sampled_them(tmp_path: Path) -> None:
    from sim.verify.resources import resources_verdict
    from tests.verify.test_resources import MIB, _sample

    report = dict(_run(tmp_path))
    assert "<h2>Resources" not in render_html(report)  # the embedded target samples none
    samples = [_sample("loki", 650, 1100 * MIB), _sample("collector", 40, 50 * MIB, "promtail")]
    report["resources"] = resources_verdict(samples)
    page = render_html(report)
    assert "<h2>Resources" in page and "above_limit" in page
    assert "OOM" in page  # Loki above its 1Gi memory limit (ADR 6.5) would be killed
