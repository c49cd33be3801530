"""The agent's own HTTP server: `/metrics` and `/ready` (clients/pkg/promtail/server/server.go).

`/ready` answers 200 `Ready` once at least one file is being tailed (or always, with
server.health_check_target: false), else 500 with Promtail's "Not ready" text. `/metrics`
is the agent's registry in Prometheus's text format (absent when
server.register_instrumentation is false). Plain HTTP/1.1, one request per connection.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from . import messages
from .metrics import AgentMetrics


class AgentServer:
    def __init__(
        self,
        metrics: AgentMetrics,
        ready: Callable[[], bool],
        *,
        health_check_target: bool = True,
        register_instrumentation: bool = True,
    ) -> None:
        self._metrics = metrics
        self._ready = ready
        self._health_check_target = health_check_target
        self._instrumentation = register_instrumentation
        self._server: asyncio.Server | None = None

    async def start(self, host: str, port: int) -> tuple[str, int]:
        """Listens (port 0: any free port); returns the address actually bound."""
        self._server = await asyncio.start_server(self._serve, host or None, port)
        bound = self._server.sockets[0].getsockname()
        return str(bound[0]), int(bound[1])

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()

    def respond(self, method: str, path: str) -> tuple[int, str, str, bytes]:
        """(status, reason, content type, body) for one request."""
        route = path.split("?", 1)[0]
        if route == "/ready":
            if self._health_check_target and not self._ready():
                body = (messages.NOT_READY + "\n").encode()
                return 500, "Internal Server Error", "text/plain; charset=utf-8", body
            return 200, "OK", "text/plain; charset=utf-8", messages.READY.encode()
        if route == "/metrics" and self._instrumentation:
            return 200, "OK", CONTENT_TYPE_LATEST, generate_latest(self._metrics.registry)
        return 404, "Not Found", "text/plain; charset=utf-8", b"404 page not found\n"

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            request = await reader.readline()
            while (await reader.readline()) not in (b"\r\n", b"\n", b""):
                pass  # headers: nothing here depends on them
            parts = request.decode("latin-1").split()
            if len(parts) < 2:
                return
            status, reason, kind, body = self.respond(parts[0], parts[1])
            head = (
                f"HTTP/1.1 {status} {reason}\r\nContent-Type: {kind}\r\n"
                f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
            )
            writer.write(head.encode() + (body if parts[0] != "HEAD" else b""))
            await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError):
            pass
        finally:
            writer.close()
