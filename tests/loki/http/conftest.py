"""An embedded Loki served on 127.0.0.1:0 from a background thread, for sync httpx tests."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from aiohttp import web

from sim.loki.config import load_loki_config
from sim.loki.http.app import build_app
from sim.loki.http.runtime import LokiRuntime

BASE_CONFIG = """\
auth_enabled: {auth}
common:
  path_prefix: {data}
  replication_factor: 1
  ring:
    kvstore:
      store: inmemory
ingester:
  lifecycler:
    min_ready_duration: {min_ready}
schema_config:
  configs:
    - from: 2024-04-01
      store: tsdb
      object_store: filesystem
      schema: v13
      index:
        prefix: index_
        period: 24h
limits_config:
{limits}
{extra}
"""


def write_config(
    directory: Path,
    *,
    auth: bool = False,
    limits: str = "  max_entries_limit_per_query: 5000",
    min_ready: str = "0s",
    extra: str = "",
) -> Path:
    path = directory / "loki.yaml"
    text = BASE_CONFIG.format(
        auth=str(auth).lower(),
        data=directory / "data",
        limits=limits,
        min_ready=min_ready,
        extra=extra,
    )
    path.write_text(text, encoding="utf-8")
    return path


class EmbeddedLoki:
    """A runtime and its aiohttp app on a private event loop in a thread."""

    def __init__(self, config: Path, *, open_store: bool = True) -> None:
        self.runtime = LokiRuntime(load_loki_config(config), None)
        if open_store:
            self.runtime.open_store()
            self.runtime.start()
        self.loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()
        self._ready.wait(10)
        self.url = f"http://127.0.0.1:{self.port}"
        self.client = httpx.Client(base_url=self.url, timeout=10)

    def _serve(self) -> None:
        asyncio.set_event_loop(self.loop)
        self.runner = web.AppRunner(build_app(self.runtime), access_log=None)
        self.loop.run_until_complete(self.runner.setup())
        site = web.TCPSite(self.runner, "127.0.0.1", 0)
        self.loop.run_until_complete(site.start())
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self._ready.set()
        self.loop.run_forever()

    def call(self, function: Callable[[], object]) -> object:
        """Run `function` on the server's loop (the runtime is single-threaded)."""

        async def run() -> object:
            return function()

        return asyncio.run_coroutine_threadsafe(run(), self.loop).result(10)

    def close(self) -> None:
        self.client.close()
        asyncio.run_coroutine_threadsafe(self.runner.cleanup(), self.loop).result(10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(10)
        self.loop.close()
        self.runtime.stop(flush=False)


@pytest.fixture
def make_loki(tmp_path: Path) -> Iterator[Callable[..., EmbeddedLoki]]:
    started: list[EmbeddedLoki] = []

    def make(**config: object) -> EmbeddedLoki:
        directory = tmp_path / f"loki{len(started)}"
        directory.mkdir()
        open_store = bool(config.pop("open_store", True))
        loki = EmbeddedLoki(write_config(directory, **config), open_store=open_store)  # type: ignore[arg-type]
        started.append(loki)
        return loki

    yield make
    for loki in started:
        loki.close()


@pytest.fixture
def loki(make_loki: Callable[..., EmbeddedLoki]) -> EmbeddedLoki:
    return make_loki()
