"""The agent in one process with a fake Loki: discovery, tailing, restarts, /ready, /metrics."""

from __future__ import annotations

import asyncio
import urllib.request
from collections.abc import Callable
from pathlib import Path

from sim.agent.config import parse_config
from sim.agent.run import Agent

from .fakeloki import FakeLoki


def config_text(loki: FakeLoki, tmp: Path, stages: str = "[]") -> str:
    return f"""
server: {{http_listen_address: 127.0.0.1, http_listen_port: 0}}
positions: {{filename: {tmp}/positions.yaml, sync_period: 100ms}}
target_config: {{sync_period: 100ms}}
global: {{file_watch_config: {{min_poll_frequency: 10ms, max_poll_frequency: 10ms}}}}
clients: [{{url: "{loki.url}", batchwait: 50ms}}]
scrape_configs:
  - job_name: pods
    pipeline_stages: {stages}
    static_configs:
      - labels: {{__path__: "{tmp}/pods/*/*/*.log", node: n1}}
"""


async def until(condition: Callable[[], bool], limit: float = 15.0) -> None:
    """Waits for the condition (the limit only bounds a hung test)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + limit
    while not condition():
        assert loop.time() < deadline, "condition never held"
        await asyncio.sleep(0.01)


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as out:
        out.write(text)


def lines_of(loki: FakeLoki) -> list[str]:
    return [line for _, line in loki.accepted_lines()]


async def start(loki: FakeLoki, tmp: Path, stages: str = "[]") -> Agent:
    agent = Agent(parse_config(config_text(loki, tmp, stages), "promtail.yaml"))
    await agent.start()
    return agent


def test_new_files_restarts_and_labels(tmp_path: Path) -> None:
    first = tmp_path / "pods" / "prod_api-1_u1" / "api" / "0.log"
    write(first, "a\nb\n")

    async def scenario(loki: FakeLoki) -> None:
        agent = await start(loki, tmp_path)
        await until(lambda: lines_of(loki) == ["a", "b"])
        # a new pod directory: found by the next sync (target_config.sync_period)
        write(tmp_path / "pods" / "prod_web-2_u2" / "web" / "0.log", "c\n")
        await until(lambda: "c" in lines_of(loki))
        # a container restart: 1.log appears in a directory already watched
        write(first.with_name("1.log"), "d\n")
        await until(lambda: "d" in lines_of(loki))
        # rotation: rename, then the runtime reopens 0.log
        first.rename(first.with_name("0.log.20251127-101010"))
        write(first, "e\n")
        await until(lambda: "e" in lines_of(loki))
        await agent.stop()

    with FakeLoki() as loki:
        asyncio.run(scenario(loki))
        streams = {line: labels for labels, line in loki.accepted_lines()}
    assert sorted(streams) == ["a", "b", "c", "d", "e"]
    # filetarget.go/tailer.go: target labels (no `__` names) plus `filename`.
    assert streams["a"] == f'{{filename="{first}", node="n1"}}'
    assert streams["d"] == f'{{filename="{first.with_name("1.log")}", node="n1"}}'


def test_a_graceful_restart_neither_loses_nor_repeats(tmp_path: Path) -> None:
    log = tmp_path / "pods" / "ns_p_u" / "c" / "0.log"
    write(log, "1\n2\n")

    async def scenario(loki: FakeLoki) -> None:
        agent = await start(loki, tmp_path)
        await until(lambda: len(lines_of(loki)) == 2)
        await agent.stop()
        write(log, "3\n4\n")  # written while no agent runs
        agent = await start(loki, tmp_path)
        await until(lambda: len(lines_of(loki)) == 4)
        await agent.stop()

    with FakeLoki() as loki:
        asyncio.run(scenario(loki))
        assert lines_of(loki) == ["1", "2", "3", "4"]
    assert (tmp_path / "positions.yaml").read_text() == f'positions:\n  {log}: "8"\n'


def test_stop_flushes_held_blocks_and_drops_partial_lines(tmp_path: Path) -> None:
    # promtail.go Shutdown: pipelines drain (multiline releases its block; the cri stage's
    # held P chunks are lost), then the client sends what it holds.
    stages = "[{cri: {}}, {multiline: {firstline: '^start', max_wait_time: 1h}}]"
    log = tmp_path / "pods" / "ns_p_u" / "c" / "0.log"
    write(
        log,
        "2025-11-27T10:00:00Z stdout F start one\n"
        "2025-11-27T10:00:01Z stdout F   more\n"
        "2025-11-27T10:00:02Z stderr P partial-only\n",
    )

    async def scenario(loki: FakeLoki) -> Agent:
        agent = await start(loki, tmp_path, stages)
        await until(
            lambda: (
                agent.positions.get(str(log)) == log.stat().st_size
                or any(
                    r.offset == log.stat().st_size
                    for t in agent.targets
                    for r in t.readers.values()
                )
            )
        )
        await asyncio.sleep(0.1)
        assert lines_of(loki) == []  # the block is still held
        await agent.stop()
        return agent

    with FakeLoki() as loki:
        agent = asyncio.run(scenario(loki))
        assert lines_of(loki) == ["start one\n  more"]
    # the partial line: Promtail does not count it; lokisim does, in a metric of its own
    from sim.agent.stages.messages import SILENT_CRI_PARTIAL_AT_SHUTDOWN

    cause = {"cause": SILENT_CRI_PARTIAL_AT_SHUTDOWN}
    assert agent.metrics.sample("lokisim_agent_uncounted_dropped_lines_total", cause) == 1


def test_ready_and_metrics_endpoints(tmp_path: Path) -> None:
    def get(url: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as err:
            return err.code, err.read().decode()

    async def scenario(loki: FakeLoki) -> tuple[tuple[int, str], tuple[int, str], str]:
        agent = await start(loki, tmp_path)
        assert agent.address is not None
        base = f"http://127.0.0.1:{agent.address[1]}"
        loop = asyncio.get_running_loop()
        before = await loop.run_in_executor(None, get, base + "/ready")
        write(tmp_path / "pods" / "ns_p_u" / "c" / "0.log", "x\n")
        await until(lambda: agent.ready())
        after = await loop.run_in_executor(None, get, base + "/ready")
        await until(lambda: lines_of(loki) == ["x"])
        _, metrics = await loop.run_in_executor(None, get, base + "/metrics")
        await agent.stop()
        return before, after, metrics

    with FakeLoki() as loki:
        before, after, metrics = asyncio.run(scenario(loki))
        host = loki.host
    # server.go ready(): 500 with readinessProbeFailure until a file is tailed, then "Ready".
    assert before == (
        500,
        "Not ready: Unable to find any logs to tail. Please verify permissions, volumes, scrape_config, etc.\n",
    )
    assert after == (200, "Ready")
    assert f'promtail_sent_entries_total{{host="{host}"}} 1.0' in metrics
    assert "promtail_files_active_total 1.0" in metrics
    assert "promtail_targets_active_total 1.0" in metrics
