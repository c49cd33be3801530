"""lokisim run against a Loki URL: an embedded Loki started apart plays a staging cluster's,
served over HTTPS with its own CA and already holding other clients' streams."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from sim.stack.lokiconfig import write_tls_config
from sim.stack.process import Component, free_port
from sim.stack.tls import TLSFiles, make_run_tls
from sim.verify import validate_report
from tests.runner.test_execute import REPO, _loki_config

SCENARIO = """
name: tiny-remote
duration: 5s
seed: 5
pods:
  - {namespace: production, name: api, app: api, containers: [{name: api, workload: json-api, rate: 20/s}]}
expect:
  delivery.lost: "== 0"
"""


@pytest.fixture
def remote(tmp_path: Path) -> Iterator[tuple[str, TLSFiles]]:
    home = tmp_path / "staging"
    home.mkdir()
    tls = make_run_tls(home / "tls")
    config = write_tls_config(
        _loki_config(home), home / "loki-tls.yaml", cert_file=str(tls.cert), key_file=str(tls.key)
    )
    port = free_port()
    loki = Component(
        "staging-loki",
        [
            *(sys.executable, "-m", "sim", "loki", "serve", "--config", str(config)),
            *("--listen", f"127.0.0.1:{port}", "--data", str(home / "data")),
        ],
        home / "loki.log",
    )
    loki.start()
    url = f"https://127.0.0.1:{port}"
    try:
        loki.wait_ready(f"{url}/ready", 60, verify=tls.client_context())
        yield url, tls
    finally:
        loki.stop()


def _push_other_clients(url: str, tls: TLSFiles) -> None:
    """Streams of other clients in the run's window: another node's file in the same
    namespace, and a stream without `filename`."""
    now = time.time_ns()
    streams = [
        {
            "stream": {
                "filename": "/var/log/pods/production_api-5f6d7c8b9-qwxyz_u1/api/0.log",
                "namespace": "production",
                "job": "production/api-5f6d7c8b9-qwxyz",
            },
            "values": [[str(now - i * 10**6), f"other node line {i}"] for i in range(50)],
        },
        {
            "stream": {"namespace": "payments", "pod": "payments-0"},
            "values": [[str(now), "another tenant's app"]],
        },
    ]
    answer = httpx.post(
        f"{url}/loki/api/v1/push", json={"streams": streams}, verify=tls.client_context()
    )
    assert answer.status_code == 204, answer.text


@pytest.mark.slow
def test_a_run_against_a_shared_loki_reads_back_only_its_own_streams(
    tmp_path: Path, remote: tuple[str, TLSFiles]
) -> None:
    url, tls = remote
    _push_other_clients(url, tls)
    scenario = tmp_path / "tiny-remote.yaml"
    scenario.write_text(SCENARIO)
    done = subprocess.run(
        [
            *(sys.executable, "-m", "sim", "run", str(scenario), "--target", url),
            *("--collector", "adr", "--runs-dir", str(tmp_path / "runs")),
            *("--json", str(tmp_path / "copy.json")),
        ],
        capture_output=True,
        text=True,
        timeout=240,
        cwd=REPO,
        env={**os.environ, "LOKISIM_CA_FILE": str(tls.ca_cert)},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    report = json.loads((tmp_path / "copy.json").read_text())
    assert validate_report(report) == []
    assert (report["target"], report["target_url"]) == ("url", url)
    delivery = report["delivery"]
    assert delivery["written"] > 50
    # Every line the run wrote, and nothing of the other clients' (DESIGN.md: a URL target
    # is someone's Loki; the run reads its own streams).
    assert delivery["stored"] == delivery["written"] and delivery["unknown_origin"] == 0
    # Loki's counters are the run's increase: its push requests are the collector's only.
    status = report["limits"]["http_status"]
    assert status["loki"] == status["collector"] and sum(status["collector"].values()) > 0
    # A shared Loki is never /flush-ed and its disk is out of reach: capacity says so.
    assert report["capacity"]["available"] is False
    assert any("loki_ingester_chunk_stored_bytes_total" in e for e in report["tool_errors"])
    run_dir = next((tmp_path / "runs").iterdir())
    assert not (run_dir / "tls").exists() and not (run_dir / "loki.log").exists()
    assert "target url (a Loki URL was given), collector adr, TLS https" in done.stderr
