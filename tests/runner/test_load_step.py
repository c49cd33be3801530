"""A scenario's `load:` block in a run: Locust beside the fleet, its figures in the report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from sim.verify import validate_report
from tests.runner.helpers import REPO, run_embedded

SCENARIO = """
name: tiny-load
duration: 10s
seed: 5
pods:
  - {namespace: production, name: api, app: api, containers: [{name: api, workload: json-api, rate: 20/s}]}
load:
  at: 1s
  for: 6s
  push_users: 1
  query_users: 1
  push_wait: 0.25s
  query_wait: 1s
  batch_bytes: 768KiB
expect:
  load.http_429: "> 0"
  load.queries.p95_s: "< 60s"
"""


def _loki_config(tmp_path: Path) -> Path:
    """The ADR's Loki config with a 1 MB/s tenant limit Locust's pushes must exceed, and
    without the 15 s min_ready_duration wait."""
    config = yaml.safe_load((REPO / "compose/loki/config.yaml").read_text())
    config["limits_config"].update(ingestion_rate_mb=1, ingestion_burst_size_mb=1)
    config.setdefault("ingester", {}).setdefault("lifecycler", {})["min_ready_duration"] = "0s"
    path = tmp_path / "loki.yaml"
    path.write_text(yaml.safe_dump(config))
    return path


@pytest.mark.slow
def test_the_load_block_runs_locust_and_its_figures_reach_the_report(tmp_path: Path) -> None:
    scenario = tmp_path / "tiny-load.yaml"
    scenario.write_text(SCENARIO)
    done = run_embedded(tmp_path, scenario, "recommended", _loki_config(tmp_path), timeout=300)
    assert "Traceback" not in done.stderr
    report = json.loads((tmp_path / "copy.json").read_text())
    assert validate_report(report) == [], report
    load = report["load"]
    # 768 KiB pushes every 0.25 s against a 1 MiB/s limit, 1 MiB burst (ingestion_rate_mb is
    # in MiB, limits.go; the distributor's rate limiter, distributor.go):
    # Loki answers 429 to some, and Locust counts them apart from failures.
    assert load["http_429"] > 0 and load["push"]["line_bytes"] > 0, load
    assert load["queries"]["count"] > 0 and load["failures"] == 0, load
    held = {row["name"]: row["passed"] for row in report["expectations"]}
    assert held == {"load.http_429": True, "load.queries.p95_s": True}, report["expectations"]
    # Loki's own count of what it refused includes Locust's pushes
    assert report["limits"]["rejected"].get("rate_limited", 0) > 0
    run_dir = next((tmp_path / "runs").iterdir())
    assert (run_dir / "load" / "locust_stats.csv").exists()
