"""The URL target: an existing Loki (a staging cluster's), the embedded collector pushing to it.

The run owns only the collector. Loki is shared, so the run never calls its /flush and
reads back only its own streams; its counters are taken as increases over the run; and
stored bytes come from `loki_ingester_chunk_stored_bytes_total`, which counts only the
chunks Loki flushed during the run (its disk is out of reach).
"""

from __future__ import annotations

from pathlib import Path

from prometheus_client.parser import text_string_to_metric_families

from sim.errors import ToolError
from sim.stack.base import Endpoints
from sim.stack.collector import collector_component
from sim.stack.lokiclient import LokiClient
from sim.stack.process import free_port, poll_ready
from sim.stack.promdelta import since
from sim.stack.targets import TargetKind

READY_TIMEOUT = 30.0
CHUNK_STORED_BYTES = "loki_ingester_chunk_stored_bytes_total"  # pkg/ingester/metrics.go


class RemoteStack:
    kind: TargetKind = "url"
    owns_loki = False

    def __init__(
        self,
        run_dir: Path,
        *,
        url: str,
        collector_config: Path,
        pods_dir: Path,
        tenant: str | None,
        ca_file: Path | None,
    ) -> None:
        self.problems: list[str] = []
        self.tenant = tenant
        agent_port = free_port()
        self.endpoints = Endpoints(url.rstrip("/"), f"http://127.0.0.1:{agent_port}", ca_file)
        self.agent = collector_component(
            run_dir,
            config=collector_config,
            pods_dir=pods_dir,
            loki_url=self.endpoints.loki_url,
            ca_file=ca_file,
            port=agent_port,
        )
        self._loki = LokiClient(url, tenant=tenant, verify=self.endpoints.verify())
        self._baseline: str | None = None
        self._stored: int | None = None

    def start(self) -> None:
        """Loki must already answer /ready; then the collector starts."""
        last = poll_ready(
            f"{self.endpoints.loki_url}/ready", READY_TIMEOUT, verify=self.endpoints.verify()
        )
        if last is not None:
            raise ToolError(
                f"the Loki at {self.endpoints.loki_url} was not ready after {READY_TIMEOUT:g}s "
                f"(last answer: {last})"
            )
        self._baseline = self._metrics()
        self.agent.start()
        self.agent.wait_ready(f"{self.endpoints.collector_url}/metrics", READY_TIMEOUT)

    def stop(self) -> dict[str, int | None]:
        status = self.agent.stop()
        if self._baseline is not None:
            self._stored = self._chunk_bytes_since(self._baseline)
        self._loki.close()
        return {"collector": status}

    def metrics_baseline(self) -> str | None:
        return self._baseline if self._baseline is not None else ""

    def stored_bytes(self) -> int | None:
        return self._stored

    def _metrics(self) -> str | None:
        try:
            return self._loki.metrics()
        except ToolError as err:
            self.problems.append(f"Loki's /metrics before the run: {err}")
            return None

    def _chunk_bytes_since(self, baseline: str) -> int | None:
        text = self._metrics()
        if text is None:
            return None
        total = 0.0
        for family in text_string_to_metric_families(since(baseline, text)):
            for sample in family.samples:
                if sample.name != CHUNK_STORED_BYTES:
                    continue
                if self.tenant and sample.labels.get("tenant") != self.tenant:
                    continue
                total += sample.value
        if total <= 0:  # also when absent: the counter has no series before a first flush
            self.problems.append(
                f"url target: capacity unknown: Loki's {CHUNK_STORED_BYTES} did not grow during "
                "the run (no chunk flushed yet; a shared Loki is never /flush-ed, and its disk "
                "is out of reach)"
            )
            return None
        return int(total)
