"""A fake Loki for the agent's tests: records each push, answers with scripted statuses.

It runs its own event loop in a thread, so the agent under test (in the test's loop or in
a subprocess) and the fake never wait on each other. Bound to 127.0.0.1, port 0.
"""

from __future__ import annotations

import asyncio
import threading
import time
from dataclasses import dataclass

import cramjam

from sim.agent.sink import AcceptAllSink
from sim.loki.push.model import PushRequest
from sim.loki.push.proto import decode_push_request


@dataclass
class Push:
    path: str
    headers: dict[str, str]
    body: bytes
    request: PushRequest
    status: int


class _Recorder(AcceptAllSink):
    def __init__(self, statuses: list[int]) -> None:
        super().__init__()
        self.statuses = statuses
        self.pushes: list[Push] = []

    def answer(self, path: str, headers: dict[str, str], body: bytes) -> tuple[int, bytes]:
        status = self.statuses.pop(0) if self.statuses else 204
        request = decode_push_request(bytes(cramjam.snappy.decompress_raw(body)))
        self.pushes.append(Push(path, headers, body, request, status))
        message = b"" if status < 300 else f"error {status}\nsecond line".encode()
        return status, message


class FakeLoki:
    def __init__(self, statuses: list[int] | None = None) -> None:
        self._recorder = _Recorder(statuses=list(statuses or []))
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self.port = 0

    def __enter__(self) -> FakeLoki:
        self._thread.start()
        self.port = asyncio.run_coroutine_threadsafe(self._recorder.start(), self._loop).result(5)
        return self

    def __exit__(self, *exc: object) -> None:
        asyncio.run_coroutine_threadsafe(self._recorder.stop(), self._loop).result(5)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)
        self._loop.close()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/loki/api/v1/push"

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def pushes(self) -> list[Push]:
        return list(self._recorder.pushes)

    def accepted_lines(self) -> list[tuple[str, str]]:
        """(labels, line) of every entry in a 2xx-answered push, in arrival order."""
        out: list[tuple[str, str]] = []
        for push in self.pushes:
            if push.status // 100 == 2:
                for stream in push.request.streams:
                    out.extend((stream.labels, e.line.decode()) for e in stream.entries)
        return out

    def wait_for(self, count: int, timeout: float = 20.0) -> list[tuple[str, str]]:
        """Waits until `count` lines arrived (a bound on waiting, not an assertion on time)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            lines = self.accepted_lines()
            if len(lines) >= count:
                return lines
            time.sleep(0.02)
        return self.accepted_lines()
