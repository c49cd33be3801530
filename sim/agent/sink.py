"""A Loki stand-in that accepts every push: for benchmarks, and the base of the tests' fake.

A raw asyncio HTTP/1.1 server (keep-alive, Content-Length bodies) on 127.0.0.1. `answer`
decides each response; this one counts and answers 204. `python -m sim.agent.sink`
prints `port=<n>` and serves until killed.
"""

from __future__ import annotations

import asyncio
import sys


class AcceptAllSink:
    def __init__(self) -> None:
        self.requests = 0
        self.body_bytes = 0
        self._server: asyncio.Server | None = None
        self._writers: set[asyncio.StreamWriter] = set()

    def answer(self, path: str, headers: dict[str, str], body: bytes) -> tuple[int, bytes]:
        """(status, body) for one request."""
        self.requests += 1
        self.body_bytes += len(body)
        return 204, b""

    async def start(self, port: int = 0) -> int:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", port)
        return int(self._server.sockets[0].getsockname()[1])

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            for writer in list(self._writers):  # keep-alive connections the server keeps
                writer.close()
            await self._server.wait_closed()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._writers.add(writer)
        try:
            while True:
                request = await reader.readline()
                if not request:
                    return
                headers: dict[str, str] = {}
                while True:
                    line = await reader.readline()
                    if line in (b"\r\n", b"\n", b""):
                        break
                    name, _, value = line.decode("latin-1").partition(":")
                    headers[name.strip().lower()] = value.strip()
                body = await reader.readexactly(int(headers.get("content-length", "0")))
                parts = request.decode("latin-1").split()
                status, payload = self.answer(parts[1] if len(parts) > 1 else "/", headers, body)
                head = f"HTTP/1.1 {status} {_REASONS.get(status, 'Status')}\r\n"
                head += f"Content-Length: {len(payload)}\r\n\r\n"
                writer.write(head.encode() + payload)
                await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError):
            return
        finally:
            self._writers.discard(writer)
            writer.close()


_REASONS = {
    200: "OK",
    204: "No Content",
    400: "Bad Request",
    401: "Unauthorized",
    404: "Not Found",
    413: "Request Entity Too Large",
    429: "Too Many Requests",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
}


async def _main() -> None:
    sink = AcceptAllSink()
    port = await sink.start()
    print(f"port={port}", flush=True)
    await asyncio.Event().wait()


if __name__ == "__main__":
    try:
        asyncio.run(_main())
    except KeyboardInterrupt:
        sys.exit(0)
