"""The fleet's Prometheus metrics: what was written, per pod, so Prometheus can compare."""

from __future__ import annotations

from wsgiref.simple_server import WSGIServer

from prometheus_client import CollectorRegistry, Counter, start_http_server

from sim.errors import UsageError


class FleetMetrics:
    def __init__(self, registry: CollectorRegistry | None = None) -> None:
        self.registry = registry or CollectorRegistry()
        self._server: WSGIServer | None = None
        labels = ("namespace", "pod", "container")
        self.lines = Counter(
            "lokisim_fleet_lines_written",
            "Application log lines written (P chunks of one line count once).",
            labels,
            registry=self.registry,
        )
        self.bytes = Counter(
            "lokisim_fleet_bytes_written",
            "Bytes written to CRI log files, framing included.",
            labels,
            registry=self.registry,
        )
        self.secrets = Counter(
            "lokisim_fleet_secrets_written",
            "Secrets injected into log lines, by kind.",
            ("namespace", "pod", "kind"),
            registry=self.registry,
        )

    def serve(self, listen: str) -> int:
        """Serve /metrics on HOST:PORT (port 0 picks one); returns the port."""
        host, _, port = listen.rpartition(":")
        if not host or not port.isdigit():
            raise UsageError(f"--metrics-listen: expected HOST:PORT, got {listen!r}")
        server, _thread = start_http_server(int(port), addr=host, registry=self.registry)
        self._server = server
        return int(server.server_port)

    def close(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
