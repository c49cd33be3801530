"""A push sink for the load tests that answers each push by its number (1, 2, ...).

Its own event loop runs in a thread, bound to 127.0.0.1 port 0; it counts what it answered
so a test can compare Locust's statistics with what the server really saw.
"""

from __future__ import annotations

import asyncio
import threading
from collections import Counter
from collections.abc import Callable

from sim.agent.sink import AcceptAllSink


class _Scripted(AcceptAllSink):
    def __init__(self, status_of: Callable[[int], int]) -> None:
        super().__init__()
        self.status_of = status_of
        self.answered: Counter[int] = Counter()
        self.tenants: Counter[str] = Counter()

    def answer(self, path: str, headers: dict[str, str], body: bytes) -> tuple[int, bytes]:
        super().answer(path, headers, body)
        status = self.status_of(self.requests)
        self.answered[status] += 1
        self.tenants[headers.get("x-scope-orgid", "")] += 1
        # Loki's words for a rate-limited push (pkg/validation/validate.go RateLimitedErrorMsg)
        text = {429: "Ingestion rate limit exceeded for user fake", 400: "bad push\ndetails"}
        return status, text.get(status, "").encode()


class ScriptedSink:
    def __init__(self, status_of: Callable[[int], int] = lambda n: 204) -> None:
        self.server = _Scripted(status_of)
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self.url = ""

    def __enter__(self) -> ScriptedSink:
        self._thread.start()
        port = asyncio.run_coroutine_threadsafe(self.server.start(), self._loop).result(5)
        self.url = f"http://127.0.0.1:{port}"
        return self

    def __exit__(self, *exc: object) -> None:
        asyncio.run_coroutine_threadsafe(self.server.stop(), self._loop).result(5)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)
        self._loop.close()
