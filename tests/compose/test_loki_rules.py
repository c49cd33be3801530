"""The Loki ruler rules: the shape Loki's ruler reads, and LogQL that parses."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import re2

from sim.loki.logql import ast, parse_expr
from tests.compose.paths import COMPOSE_DIR, load_yaml

RULES_DIR = COMPOSE_DIR / "loki" / "rules"
RULE_FILES = sorted(RULES_DIR.glob("*/*.yml"))
# Prometheus rulefmt's Rule fields; Loki's GroupLoader decodes with KnownFields(true)
# (pkg/ruler/grouploader.go parseRules), so any other key is an error.
RULE_KEYS = {"record", "alert", "expr", "for", "keep_firing_for", "labels", "annotations"}
GROUP_KEYS = {"name", "interval", "query_offset", "limit", "rules", "labels"}
DURATION = re2.compile(r"^((\d+)y)?((\d+)w)?((\d+)d)?((\d+)h)?((\d+)m)?((\d+)s)?((\d+)ms)?$")
LEGACY_NAME = re2.compile(r"^[a-zA-Z_][a-zA-Z0-9_]*$")


def _rules() -> Iterator[Any]:
    for path in RULE_FILES:
        for group in load_yaml(path)["groups"]:
            for rule in group["rules"]:
                yield pytest.param(rule, id=f"{path.parent.name}/{group['name']}/{rule['alert']}")


def test_rules_live_under_the_tenant_loki_uses_without_auth():
    # auth_enabled: false -> tenant "fake" (compose/loki/config.yaml); ruler dir layout <dir>/<tenant>/.
    assert load_yaml(COMPOSE_DIR / "loki" / "config.yaml")["auth_enabled"] is False
    assert [p.parent.name for p in RULE_FILES] == ["fake"]


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: p.name)
def test_groups_have_the_shape_loki_ruler_reads(path):
    doc = load_yaml(path)
    assert set(doc) == {"groups"}
    names = [g["name"] for g in doc["groups"]]
    # pkg/ruler/compat.go ValidateGroups: non-empty, not repeated in the same file.
    assert all(names) and len(names) == len(set(names))
    for group in doc["groups"]:
        assert set(group) <= GROUP_KEYS
        assert group["rules"]


@pytest.mark.parametrize("rule", list(_rules()))
def test_rule_fields(rule):
    assert set(rule) <= RULE_KEYS
    # pkg/ruler/compat.go validateRule: exactly one of record/alert; expr must be set.
    assert ("alert" in rule) != ("record" in rule)
    assert isinstance(rule["expr"], str) and rule["expr"]
    if "for" in rule:
        assert DURATION.match(rule["for"]) and rule["for"] != ""
    for key, value in {**rule.get("labels", {}), **rule.get("annotations", {})}.items():
        assert LEGACY_NAME.match(key) and isinstance(value, str)


@pytest.mark.parametrize("rule", list(_rules()))
def test_rule_expressions_are_metric_queries(rule):
    # validateRule parses with syntax.ParseExpr; an alert needs a sample (metric) expression.
    expr = parse_expr(rule["expr"])
    assert isinstance(expr, ast.BinOpExpr | ast.RangeAggregationExpr | ast.VectorAggregationExpr)


def test_the_adr_log_based_alerts_are_all_there():
    # ADR-loki.md section 7 (loki-alerts) and "Alert Rules" -> Log-Based Alerts (application-logs).
    names = {param.values[0]["alert"] for param in _rules()}
    assert names == {"HighErrorRate", "ApplicationCrash", "ApplicationPanic", "OutOfMemoryErrors"}
