"""report.json end to end on a crafted run: the DESIGN schema, findings and tool errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from sim.errors import ToolError
from sim.verify import (
    FreshnessSample,
    MetricsSample,
    QueryTiming,
    RunFacts,
    build_report,
    render_json,
    validate_report,
)
from tests.verify.helpers import T0_S, Pods, inputs, scenario

LOKI_END = """loki_discarded_samples_total{reason="rate_limited",tenant="fake"} 1
loki_distributor_bytes_received_total{tenant="fake"} 5000
loki_ingester_memory_streams{tenant="fake"} 2
"""
COLLECTOR = """promtail_dropped_entries_total{host="loki:3100",reason="rate_limited",tenant=""} 1
promtail_request_duration_seconds_count{host="loki:3100",status_code="429"} 4
promtail_request_duration_seconds_count{host="loki:3100",status_code="204"} 9
"""
EXPECT = """expect:
  delivery.lost: "== 0"
  redaction.leaked: "== 0"
  limits.http_429: "== 0"
"""


def _run(tmp_path: Path, **overrides: Any) -> dict[str, Any]:
    pods = Pods(tmp_path / "pods")
    api = pods.container()
    kept = api.write("GET /api/v1/orders 200", marker="")
    api.write("rejected line")
    email = "mary.smith12@example.com"
    leaky = api.write(
        f"user {email} signed in lsmuseruseruse", secret=("email", email), marker="lsmuseruseruse"
    )
    stored = [api.stored(kept), api.stored(leaky)]
    fields: dict[str, Any] = {
        "scenario": scenario(EXPECT),
        "loki_metrics": LOKI_END,
        "loki_samples": [MetricsSample(T0_S + 10, LOKI_END)],
        "collector_metrics": [COLLECTOR],
        "query_timings": {'{namespace="production"}': [QueryTiming(0.05, 2), QueryTiming(0.07, 2)]},
        "freshness": [FreshnessSample(T0_S, T0_S + 1.5)],
    }
    fields.update(overrides)
    stored_entries = fields.pop("stored", stored)
    return build_report(inputs(pods, stored_entries, **fields))


def test_a_crafted_run_conforms_and_states_its_findings(tmp_path: Path) -> None:
    report = _run(tmp_path)
    assert validate_report(report) == []
    assert report["delivery"]["written"] == 3
    assert (report["delivery"]["lost"], report["delivery"]["dropped"]) == (
        0,
        {"loki:rate_limited": 1, "promtail:rate_limited": 1},
    )
    assert report["redaction"]["by_kind"]["email"]["leaked"] == 1
    assert report["limits"]["http_429"] == 4
    assert [(e["name"], e["passed"]) for e in report["expectations"]] == [
        ("delivery.lost", True),
        ("redaction.leaked", False),
        ("limits.http_429", False),
    ]
    assert report["passed"] is False
    assert report["verdict"]["status"] == "finding"
    assert "not errors of lokisim" in report["verdict"]["summary"]
    assert report["tool_errors"] == []
    assert json.loads(render_json(report)) == report
    assert "mary.smith12@example.com" not in render_json(report)


def test_loki_unreachable_is_a_tool_error_not_a_clean_bill(tmp_path: Path) -> None:
    report = _run(
        tmp_path,
        stored=None,
        loki_metrics=None,
        loki_samples=[],
        tool_errors=["Loki at 127.0.0.1:3100 did not answer"],
    )
    assert validate_report(report) == []
    failures = {e["name"]: (e["observed"], e.get("failure")) for e in report["expectations"]}
    assert failures["redaction.leaked"] == (None, "not_observed")
    assert report["redaction"]["available"] is False
    assert report["tool_errors"][0] == "Loki at 127.0.0.1:3100 did not answer"
    assert any("stored entries were not fetched" in e for e in report["tool_errors"])
    # http_429 still comes from the collector, so that failure remains a finding
    assert report["verdict"]["status"] == "finding"


def test_without_lokis_metrics_a_missing_line_is_not_called_lost(tmp_path: Path) -> None:
    report = _run(tmp_path, loki_metrics=None, loki_samples=[])
    failures = {e["name"]: (e["observed"], e.get("failure")) for e in report["expectations"]}
    assert failures["delivery.lost"] == (None, "not_observed")
    assert failures["redaction.leaked"] == (1, "finding")  # still measured from the entries
    assert any("/metrics was not fetched" in e for e in report["tool_errors"])


def test_only_unmeasured_expectations_make_a_tool_error_verdict(tmp_path: Path) -> None:
    report = _run(tmp_path, scenario=scenario('expect:\n  redaction.leaked: "== 0"\n'), stored=None)
    assert report["verdict"]["status"] == "tool_error"
    assert "an error of lokisim, not a finding" in report["verdict"]["summary"]


def test_urls_are_the_url_target_and_nonsense_is_refused(tmp_path: Path) -> None:
    facts = RunFacts("https://loki.staging:3100", "adr", T0_S, T0_S + 60, stored_bytes=1)
    report = _run(tmp_path, facts=facts)
    assert (report["target"], report["target_url"]) == ("url", "https://loki.staging:3100")
    with pytest.raises(ToolError, match="target"):
        _run(tmp_path / "b", facts=RunFacts("auto", "adr", T0_S, T0_S + 60))


def test_a_rate_limit_the_run_never_reached_cannot_be_judged(tmp_path: Path) -> None:
    # Loki received 5000 bytes in 10 s and rejected nothing: far below a 20 MiB/s limit.
    # Expecting 429-rejections there asks the machine, not the configuration.
    quiet = LOKI_END.replace('reason="rate_limited"', 'reason="line_too_long"')
    samples = [MetricsSample(T0_S, quiet.replace("5000", "0")), MetricsSample(T0_S + 10, quiet)]
    limit = 20 * 2**20
    facts = RunFacts("embedded", "adr", T0_S, T0_S + 60, 1000, ingestion_rate_limit_bytes=limit)
    report = _run(
        tmp_path,
        scenario=scenario('expect:\n  limits.rejected.rate_limited: "> 0"\n'),
        facts=facts,
        loki_metrics=quiet,
        loki_samples=samples,
    )
    (row,) = report["expectations"]
    assert (row["observed"], row.get("failure")) == (None, "not_observed")
    assert report["limits"]["rate_limit"]["reached"] is False  # 500 B/s at its peak
    assert any("was never reached" in e for e in report["tool_errors"])
    assert report["verdict"]["status"] == "tool_error"
