"""The agent process: Promtail's composition (promtail.go) in one asyncio loop.

`run_agent(config)` builds the clients (one batcher and sender each), one pipeline per
scrape config, the file targets of its static_configs, the positions and the HTTP server,
then runs until SIGTERM or SIGINT. Stopping follows Promtail's Shutdown order: the server
closes, the targets stop reading (each tailer saves its read offset), the pipelines are
flushed (the cri stage drops the partial lines it holds; multiline releases its blocks),
the positions file is written, and the clients send what they still hold.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import signal
import sys
import time
from collections import Counter
from functools import partial
from pathlib import Path

from sim.agent.stages import Entry, Pipeline
from sim.errors import AgentConfigError, ToolError

from . import messages
from .client import Client
from .config import load_config
from .config_model import PromtailConfig
from .decode import Where
from .discovery import discover, hostname
from .filetarget import FileTarget
from .http_auth import ssl_context
from .metrics import AgentMetrics
from .positions import Positions
from .scrape import ScrapePipeline, new_limiter, split_pipeline
from .server import AgentServer
from .transport import HttpxTransport, Transport

TICK_SECONDS = 0.1  # how often time-driven stages (multiline max_wait_time) are checked
log = logging.getLogger("lokisim.agent")


def build_clients(
    config: PromtailConfig, metrics: AgentMetrics, transport: Transport | None = None
) -> list[Client]:
    """client.NewManager: at least one client, each with a URL and a distinct name."""
    if not config.clients:
        raise AgentConfigError(config.path, "clients", messages.ERR_NO_CLIENTS)
    clients: list[Client] = []
    names: set[str] = set()
    for index, client in enumerate(config.clients):
        where = Where(config.path, f"clients[{index}]")
        if not client.url:
            raise where.fail(messages.ERR_NO_URL)
        name = client.name or repr(client)
        if name in names:
            raise where.fail(messages.ERR_DUPLICATE_CLIENT.format(name=client.name))
        names.add(name)
        sender = transport or HttpxTransport(
            ssl_context(client, where), client.follow_redirects, client.tls.server_name
        )
        clients.append(Client(client, config.limits, metrics, sender))
    return clients


def _dropped(pipeline: Pipeline) -> Counter[str]:
    return pipeline.dropped


def _silent(pipeline: Pipeline) -> Counter[str]:
    return pipeline.silently_dropped


class Agent:
    """One Promtail: build with a config, `await start()`, later `await stop()`."""

    def __init__(
        self,
        config: PromtailConfig,
        *,
        metrics: AgentMetrics | None = None,
        transport: Transport | None = None,
    ) -> None:
        self.config = config
        self.metrics = metrics or AgentMetrics()
        self.clients = build_clients(config, self.metrics, transport)
        self.positions = Positions(config.positions)
        limiter = new_limiter(config.limits)
        self.scrapes: list[ScrapePipeline] = []
        self.targets: list[FileTarget] = []
        host = hostname()
        for scrape in config.scrape_configs:
            head, pipeline = split_pipeline(scrape, config.path)
            self.metrics.dropped_lines.sources.append(partial(_dropped, pipeline))
            self.metrics.dropped_lines.silent_sources.append(partial(_silent, pipeline))
            job = ScrapePipeline(
                scrape, pipeline, self._push, limiter, config.limits.readline_rate_drop, head
            )
            self.scrapes.append(job)
            for spec in discover(scrape, host, self.metrics):
                target = FileTarget(
                    spec, job, self.positions, config.target_config, config.file_watch, self.metrics
                )
                self.targets.append(target)
        self.server = AgentServer(
            self.metrics,
            self.ready,
            health_check_target=config.server.health_check_target,
            register_instrumentation=config.server.register_instrumentation,
        )
        self.address: tuple[str, int] | None = None
        self._tasks: list[asyncio.Task[None]] = []
        self._stopping = asyncio.Event()

    def ready(self) -> bool:
        return any(target.ready() for target in self.targets)

    async def _push(self, entries: list[Entry]) -> None:
        for client in self.clients:
            await client.handle(entries)

    async def start(self) -> None:
        server = self.config.server
        if not server.disable:
            try:
                self.address = await self.server.start(
                    server.http_listen_address, server.http_listen_port
                )
            except OSError as err:
                raise ToolError(
                    f"agent: cannot listen on port {server.http_listen_port}: {err}"
                ) from None
            host, port = self.address
            log.info("server listening on addresses http=%s:%d", host, port)
        loop = asyncio.get_running_loop()
        self._tasks = [loop.create_task(client.run()) for client in self.clients]
        self._tasks.append(loop.create_task(self._tick()))
        self._tasks.append(loop.create_task(self._save_positions()))
        self.metrics.targets_active.set(len(self.targets))
        for target in self.targets:
            target.start()

    async def _tick(self) -> None:
        while not self._stopping.is_set():
            await asyncio.sleep(TICK_SECONDS)
            for job in self.scrapes:
                await job.tick(time.time())

    async def _save_positions(self) -> None:
        """positions.go run(): save then forget vanished files, every sync period."""
        period = self.positions.sync_period_s
        while not self._stopping.is_set():
            await asyncio.sleep(period)
            self.positions.save()
            self.positions.cleanup()

    async def stop(self) -> None:
        self._stopping.set()
        await self.server.stop()
        for client in self.clients:
            client.release_if_dead()
        for target in self.targets:
            await target.stop()
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        for job in self.scrapes:
            await job.flush()
            if job.pipeline.silently_dropped:
                log.info(
                    "lines lost at stop job=%s %s",
                    job.config.job_name,
                    dict(job.pipeline.silently_dropped),
                )
        self.positions.save()
        for client in self.clients:
            await client.stop()


def _configure_logging() -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter('level=%(levelname)s ts=%(asctime)s msg="%(message)s"'))
    root = logging.getLogger("lokisim.agent")
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO)
    root.propagate = False


async def _serve_until_signalled(config: PromtailConfig) -> None:
    from prometheus_client import disable_created_metrics

    disable_created_metrics()  # type: ignore[no-untyped-call]  # Go's client exports no *_created series
    agent = Agent(config)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    await agent.start()
    log.info("Starting Promtail version=%s", messages.USER_AGENT.split("/")[1])
    await stop.wait()
    log.info("received shutdown signal, stopping")
    await agent.stop()


def tune_gc() -> None:
    """Entries are short-lived and acyclic: collecting every 700 allocations costs a third of
    the agent's time; a long-lived process can afford rarer collections."""
    gc.freeze()
    gc.set_threshold(50_000, 20, 20)


def run_agent(config_path: Path, *, expand_env: bool = False) -> int:
    """`lokisim agent run`: blocks until SIGTERM/SIGINT, then flushes, saves positions, 0."""
    _configure_logging()
    tune_gc()
    config = load_config(config_path, expand_env_vars=expand_env)
    asyncio.run(_serve_until_signalled(config))
    return 0
