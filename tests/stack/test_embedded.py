"""The embedded stack over TLS: the collector pushes to the embedded Loki through the run's CA;
a client with another CA gets nothing through (ADR-loki.md 6.2)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from sim.errors import ToolError
from sim.stack.collector import collector_component
from sim.stack.embedded import EmbeddedStack
from sim.stack.lokiclient import Entry, LokiClient
from sim.stack.process import free_port
from sim.stack.tls import make_run_tls
from sim.verify.promtext import MetricSet

REPO = Path(__file__).resolve().parents[2]
ADR = REPO / "compose" / "promtail" / "adr.yaml"
LINE = "2026-11-26 12:00:00 INFO hello over TLS"


def _pod_file(pods: Path, namespace: str) -> None:
    directory = pods / f"{namespace}_api-7d9f8b6c5d-x2v4q_0b6c1d9e-1111-4222-8333-444455556666/api"
    directory.mkdir(parents=True)
    stamp = time.strftime("%Y-%m-%dT%H:%M:%S.000000000Z", time.gmtime())
    # The second line starts a new multiline block, so the first is sent without waiting
    # for the ADR's max_wait_time (3 s).
    lines = f"{stamp} stdout F {LINE}\n{stamp} stdout F {LINE.replace('hello', 'bye')}\n"
    (directory / "0.log").write_text(lines, encoding="utf-8")


def _loki_config(tmp: Path) -> Path:
    # The ADR's Loki config, without the 15 s min_ready_duration wait real Loki has.
    text = (REPO / "compose/loki/config.yaml").read_text()
    path = tmp / "loki.yaml"
    path.write_text(text + "\ningester:\n  lifecycler:\n    min_ready_duration: 0s\n")
    return path


def _wait_for(loki: LokiClient, selector: str, timeout: float = 30.0) -> list[Entry]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        now = time.time_ns()
        found = list(loki.entries(selector, now - 600 * 10**9, now + 10**9))
        if found:
            return found
        time.sleep(0.3)
    return []


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedStack]:
    run = tmp_path_factory.mktemp("run")
    # Written before the collector starts: found at its first sync, not 10 s later.
    _pod_file(run / "pods", "production")
    stack = EmbeddedStack(
        run, loki_config=_loki_config(run), collector_config=ADR, pods_dir=run / "pods"
    )
    stack.start()
    yield stack
    stack.stop()


@pytest.mark.slow
def test_the_collector_pushes_over_tls_verified_by_the_runs_ca(stack: EmbeddedStack) -> None:
    assert stack.endpoints.loki_url.startswith("https://127.0.0.1:")
    assert stack.endpoints.ca_file == stack.run_dir / "tls" / "ca.crt"
    loki = LokiClient(stack.endpoints.loki_url, verify=stack.endpoints.verify())
    try:
        entries = _wait_for(loki, '{namespace="production"}')
    finally:
        loki.close()
    assert entries[0].line == LINE
    assert entries[0].labels["filename"].startswith(str((stack.run_dir / "pods").resolve()))


@pytest.mark.slow
def test_a_client_without_the_runs_ca_is_refused(stack: EmbeddedStack) -> None:
    loki = LokiClient(stack.endpoints.loki_url)  # the system's CAs
    try:
        with pytest.raises(ToolError, match="CERTIFICATE_VERIFY_FAILED"):
            loki.label_names(0, time.time_ns())
    finally:
        loki.close()
    # Plain HTTP gets no answer (Go's server would answer 400 "Client sent an HTTP request
    # to an HTTPS server"); either way, never Loki's API.
    try:
        plain = httpx.get(stack.endpoints.loki_url.replace("https", "http") + "/ready", timeout=5)
    except httpx.HTTPError:
        return
    assert plain.status_code == 400


@pytest.mark.slow
def test_a_collector_with_another_ca_retries_then_drops_the_batch(
    stack: EmbeddedStack, tmp_path: Path
) -> None:
    # clients/pkg/promtail/client/client.go sendBatch: an error without a status (a TLS
    # failure) is retried with backoff, logged "error sending batch, will retry", and after
    # max_retries logged "final error sending batch" and dropped as ingester_error.
    config = tmp_path / "promtail.yaml"
    config.write_text(
        ADR.read_text().replace(
            "    batchwait: 1s\n",
            "    batchwait: 100ms\n"
            "    backoff_config: {min_period: 100ms, max_period: 200ms, max_retries: 2}\n",
        )
    )
    _pod_file(tmp_path / "pods", "wrongca")
    other = make_run_tls(tmp_path / "other-tls")
    port = free_port()
    collector = collector_component(
        tmp_path,
        config=config,
        pods_dir=tmp_path / "pods",
        loki_url=stack.endpoints.loki_url,
        ca_file=other.ca_cert,
        port=port,
    )
    collector.start()
    try:
        collector.wait_ready(f"http://127.0.0.1:{port}/metrics", 30)
        deadline, metrics = time.monotonic() + 30, MetricSet()
        while time.monotonic() < deadline:
            metrics = MetricSet([httpx.get(f"http://127.0.0.1:{port}/metrics").text])
            if metrics.total("promtail_dropped_entries_total", reason="ingester_error") > 0:
                break
            time.sleep(0.2)
    finally:
        collector.stop()
    assert metrics.total("promtail_dropped_entries_total", reason="ingester_error") == 1
    assert metrics.total("promtail_batch_retries_total") == 2
    assert metrics.total("promtail_sent_entries_total") == 0
    # max_retries 2: two attempts, each counted as a retry (dskit backoff: Wait, then Ongoing),
    # neither with an HTTP status (-1): the TLS handshake failed.
    assert metrics.by_label("promtail_request_duration_seconds_count", "status_code") == {"-1": 2}
    log = collector.log_path.read_text()
    assert "error sending batch, will retry status=-1" in log
    assert "final error sending batch status=-1" in log
    assert "CERTIFICATE_VERIFY_FAILED" in log
    loki = LokiClient(stack.endpoints.loki_url, verify=stack.endpoints.verify())
    try:
        now = time.time_ns()
        assert list(loki.entries('{namespace="wrongca"}', now - 600 * 10**9, now)) == []
    finally:
        loki.close()
