"""lokisim run end to end on the embedded target: processes, verdicts, report, exit code."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sim.verify import validate_report
from tests.runner.helpers import REPO, run_embedded

SCENARIO = """
name: tiny-leak
duration: 8s
seed: 3
pods:
  - {namespace: production, name: api, app: api, containers: [{name: api, workload: json-api, rate: 30/s}]}
  - {namespace: production, name: web, app: nginx, containers: [{name: nginx, workload: nginx, rate: 30/s}]}
secrets:
  kinds: [credit_card, email]
  ratio: 0.2
expect:
  redaction.leaked: "== 0"
"""


def _loki_config(tmp_path: Path) -> Path:
    # The ADR's Loki config, without the 15 s min_ready_duration wait real Loki has.
    text = (REPO / "compose/loki/config.yaml").read_text()
    text += "\ningester:\n  lifecycler:\n    min_ready_duration: 0s\n"
    path = tmp_path / "loki.yaml"
    path.write_text(text)
    return path


@pytest.mark.slow
def test_adr_collector_leaks_cards_and_emails(tmp_path: Path) -> None:
    scenario = tmp_path / "tiny-leak.yaml"
    scenario.write_text(SCENARIO)
    done = run_embedded(tmp_path, scenario, "adr", _loki_config(tmp_path))
    # Exit 1: a finding about the configuration under test, not a tool error (DESIGN.md).
    assert done.returncode == 1, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    report = json.loads((tmp_path / "copy.json").read_text())
    assert validate_report(report) == []
    assert report["target"] == "embedded" and report["collector"] == "adr"
    by_kind = report["redaction"]["by_kind"]
    # ADR section 5: the card and email expressions have no capture group, and Promtail's
    # replace stage (replace.go) changes nothing without one: every such secret leaks.
    for kind in ("credit_card", "email"):
        assert by_kind[kind]["injected"] > 0
        assert by_kind[kind]["leaked"] == by_kind[kind]["injected"]
    assert report["delivery"]["written"] > 400
    assert report["delivery"]["lost"] == 0
    run_dir = next((tmp_path / "runs").iterdir())
    for name in (
        "report.json",
        "report.html",
        "ledger.jsonl",
        "loki.log",
        "collector.log",
        "fleet.log",
    ):
        assert (run_dir / name).exists(), name


@pytest.mark.slow
def test_recommended_collector_leaks_nothing_and_mangles_nothing(tmp_path: Path) -> None:
    scenario = tmp_path / "tiny-clean.yaml"
    scenario.write_text(
        SCENARIO.replace("name: tiny-leak", "name: tiny-clean")
        .replace("  kinds: [credit_card, email]\n", "")
        .replace(
            "secrets:",
            "timeline:\n  - {kind: log_bomb, pod: production/api, factor: 3, at: 2s, for: 6s}\nsecrets:",
        )
        .replace(
            '  redaction.leaked: "== 0"',
            '  redaction.leaked: "== 0"\n  redaction.collateral: "== 0"',
        )
    )
    done = run_embedded(tmp_path, scenario, "recommended", _loki_config(tmp_path))
    assert done.returncode == 0, done.stdout + done.stderr
    report = json.loads((tmp_path / "copy.json").read_text())
    assert report["passed"] is True
    assert sum(k["injected"] for k in report["redaction"]["by_kind"].values()) > 20
    assert all(k["leaked"] == 0 for k in report["redaction"]["by_kind"].values())
    # recommended.yaml drops `filename`: the freshness probes still find the run's streams
    assert report["latency"]["freshness"]["p50_s"] is not None
    # the log-bombed pod is probed on its own, by its namespace and pod labels
    assert report["latency"]["freshness_by_pod"]["production/api"]["probes"] > 0
