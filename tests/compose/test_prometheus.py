"""promtool validates the compose stack's Prometheus config and the ADR's system alert rules."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.compose.paths import COMPOSE_DIR, load_yaml

PROMTOOL = shutil.which("promtool")
needs_promtool = pytest.mark.skipif(
    PROMTOOL is None, reason="promtool is not installed (Debian: apt-get install prometheus)"
)
RULE_FILES = sorted((COMPOSE_DIR / "prometheus" / "rules").glob("*.yml"))


def _promtool(*args: str) -> subprocess.CompletedProcess[str]:
    assert PROMTOOL is not None
    return subprocess.run([PROMTOOL, *args], capture_output=True, text=True, timeout=60)


@needs_promtool
def test_promtool_accepts_the_scrape_config_and_finds_its_rule_files():
    result = _promtool("check", "config", str(COMPOSE_DIR / "prometheus" / "prometheus.yml"))
    assert result.returncode == 0, result.stdout + result.stderr
    # rule_files is relative to the config, so promtool checks the rules through it too.
    assert "1 rule files found" in result.stdout


@needs_promtool
@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: p.name)
def test_promtool_accepts_the_rules(path):
    result = _promtool("check", "rules", str(path))
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_adr_system_alerts_are_all_there():
    # ADR-loki.md "Alert Rules" -> System Alerts, and 9.4's loki-health group.
    names = {
        rule["alert"]
        for path in RULE_FILES
        for group in load_yaml(path)["groups"]
        for rule in group["rules"]
    }
    assert names == {
        "LokiDown",
        "PromtailDown",
        "LokiStorageNearFull",
        "PromtailDroppingLogs",
        "LokiHighCardinality",
    }


def test_scrape_targets_are_the_compose_services_and_the_fleet():
    config = load_yaml(COMPOSE_DIR / "prometheus" / "prometheus.yml")
    targets = {
        job["job_name"]: [t for sc in job["static_configs"] for t in sc["targets"]]
        for job in config["scrape_configs"]
    }
    assert targets["loki"] == ["loki:3100"]
    assert targets["promtail"] == ["promtail:9080"]
    assert targets["lokisim-fleet"] == ["host.docker.internal:9101"]
