"""The fleet's /metrics agree with its accounting (prometheus-client exposition)."""

from __future__ import annotations

import asyncio
import urllib.request
from pathlib import Path

import pytest

from sim.errors import UsageError
from sim.fleet.clock import VirtualClock
from sim.fleet.ledger import Ledger
from sim.fleet.metrics import FleetMetrics
from sim.fleet.runner import Fleet
from sim.scenario import parse_scenario

SCENARIO = """
name: m
duration: 5s
pods:
  - {namespace: production, name: api, replicas: 2, containers: [{name: api, workload: json-api, rate: 40/s}]}
secrets: {ratio: 0.3}
"""


def test_counters_match_accounting(tmp_path: Path) -> None:
    metrics = FleetMetrics()
    ledger = Ledger(tmp_path / "run", tmp_path / "pods")
    fleet = Fleet(
        parse_scenario(SCENARIO, "m.yaml"),
        tmp_path / "pods",
        ledger,
        VirtualClock(1.8e9),
        metrics=metrics,
    )
    asyncio.run(fleet.run())
    ledger.close()
    registry = metrics.registry
    for source in fleet.sources:
        c = source.counts
        labels = {"namespace": c.namespace, "pod": c.pod, "container": c.container}
        assert registry.get_sample_value("lokisim_fleet_lines_written_total", labels) == c.entries
        assert (
            registry.get_sample_value("lokisim_fleet_bytes_written_total", labels) == c.file_bytes
        )
        for kind, number in c.secrets.items():
            secret_labels = {"namespace": c.namespace, "pod": c.pod, "kind": kind}
            assert (
                registry.get_sample_value("lokisim_fleet_secrets_written_total", secret_labels)
                == number
            )


def test_serves_metrics_on_loopback() -> None:
    metrics = FleetMetrics()
    metrics.lines.labels("a", "b", "c").inc(3)
    port = metrics.serve("127.0.0.1:0")
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as response:
            body = response.read().decode()
    finally:
        metrics.close()
    assert 'lokisim_fleet_lines_written_total{container="c",namespace="a",pod="b"} 3.0' in body


@pytest.mark.parametrize("listen", ["9465", "localhost", ":x"])
def test_bad_listen_address(listen: str) -> None:
    with pytest.raises(UsageError, match="--metrics-listen: expected HOST:PORT"):
        FleetMetrics().serve(listen)
