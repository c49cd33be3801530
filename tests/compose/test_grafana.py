"""Grafana provisioning: the ADR's Loki datasource, and dashboards whose LogQL parses."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from sim.loki.logql import parse_expr
from tests.compose.paths import COMPOSE_DIR, load_yaml

GRAFANA = COMPOSE_DIR / "grafana"
DASHBOARDS = sorted((GRAFANA / "dashboards").glob("*.json"))


def _targets(datasource_type: str) -> Iterator[Any]:
    for path in DASHBOARDS:
        dashboard = json.loads(path.read_text(encoding="utf-8"))
        for panel in dashboard["panels"]:
            for target in panel["targets"]:
                if target["datasource"]["type"] == datasource_type:
                    yield pytest.param(
                        target["expr"], id=f"{path.stem}/{panel['title']}/{target['refId']}"
                    )


def _datasources() -> dict[str, Any]:
    return {
        d["name"]: d
        for d in load_yaml(GRAFANA / "provisioning/datasources/loki.yaml")["datasources"]
    }


def test_loki_datasource_is_the_adr_one():
    # ADR-loki.md section 7, Datasource Configuration.
    loki = _datasources()["Loki"]
    assert (loki["type"], loki["access"], loki["url"]) == ("loki", "proxy", "http://loki:3100")
    assert loki["jsonData"]["maxLines"] == 1000
    assert loki["jsonData"]["timeout"] == 60
    assert loki["jsonData"]["derivedFields"] == [
        {
            "datasourceUid": "prometheus",
            "matcherRegex": "trace_id=(\\w+)",
            "name": "TraceID",
            "url": "$${__value.raw}",
        }
    ]


def test_the_derived_field_links_to_a_provisioned_datasource():
    assert _datasources()["Prometheus"]["uid"] == "prometheus"


def test_dashboards_provider_points_at_the_mounted_dashboards():
    compose = load_yaml(COMPOSE_DIR / "docker-compose.yml")
    provider = load_yaml(GRAFANA / "provisioning/dashboards/lokisim.yaml")["providers"][0]
    mount = f"./grafana/dashboards:{provider['options']['path']}:ro"
    assert mount in compose["services"]["grafana"]["volumes"]


@pytest.mark.parametrize("expr", list(_targets("loki")))
def test_loki_panel_queries_parse(expr):
    parse_expr(expr)


def test_the_adr_custom_panels_are_there_verbatim():
    # ADR-loki.md section 7, Custom Dashboard Panels.
    queries = {param.values[0] for param in _targets("loki")}
    assert {
        'sum(rate({level="error"}[5m])) by (namespace, app)',
        'sum(bytes_over_time({job=~".+"}[5m])) by (namespace)',
        '{level=~"error|fatal"} | json | line_format "{{.timestamp}} {{.message}}"',
        'topk(10, sum by (pod) (bytes_over_time({namespace="production"}[1h])))',
    } <= queries


@pytest.mark.parametrize(
    "metric",
    [
        "lokisim_fleet_lines_written_total",  # sim/fleet/metrics.py
        "lokisim_fleet_bytes_written_total",  # sim/fleet/metrics.py
        "lokisim_fleet_secrets_written_total",  # sim/fleet/metrics.py
        "loki_distributor_lines_received_total",  # pkg/loghttp/push/push.go
        "loki_discarded_samples_total",  # pkg/validation/validate.go
        "promtail_dropped_entries_total",  # clients/pkg/promtail/client/client.go
        'status_code="429"',  # dskit server request_duration_seconds labels
    ],
)
def test_lokisim_dashboard_uses_the_real_metric_names(metric):
    exprs = [p.values[0] for p in _targets("prometheus")]
    assert any(metric in expr for expr in exprs)


def test_every_dashboard_has_a_unique_uid():
    uids = [json.loads(p.read_text(encoding="utf-8"))["uid"] for p in DASHBOARDS]
    assert len(uids) == len(set(uids)) == 2
