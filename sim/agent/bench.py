"""`lokisim bench agent`: CRI files through the ADR's config to an accept-all Loki, end to end.

The homelab fleet writes CRI files on a virtual clock (enough for about `seconds` of
work); the agent then tails them from the start with compose/promtail/adr.yaml and pushes
to a sink in another process (sim/agent/sink.py), until every byte is read and every
batch sent. The baseline is the same run with no pipeline stages: the same bytes read,
batched, encoded and pushed, so the ratio is what the stages cost.
"""

from __future__ import annotations

import asyncio
import gc
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from .config import load_config
from .run import Agent, tune_gc

ROOT = Path(__file__).resolve().parents[2]
ADR_CONFIG = ROOT / "compose" / "promtail" / "adr.yaml"
_RAW_CONFIG = """
server: {http_listen_address: 127.0.0.1, http_listen_port: 0}
positions: {filename: "${PROMTAIL_POSITIONS_FILE}"}
clients: [{url: "${LOKI_URL}"}]
scrape_configs:
  - job_name: raw
    static_configs: [{labels: {__path__: "${LOKISIM_PODS_DIR}/*/*/*.log"}}]
"""
_EXPECTED_MB_PER_S = 20.0  # the target: sizes the input so a run lasts about `seconds`


def _write_fleet(pods: Path, run: Path, megabytes: float) -> None:
    from sim.bench import HOMELAB, _scaled
    from sim.fleet.clock import VirtualClock
    from sim.fleet.ledger import Ledger
    from sim.fleet.runner import Fleet
    from sim.scenario import load_scenario

    scenario = _scaled(load_scenario(HOMELAB), 100.0)  # ~10 MB per virtual second
    seconds = max(megabytes / 10.0, 0.5)
    ledger = Ledger(run, pods)
    fleet = Fleet(scenario, pods, ledger, VirtualClock(time.time() - seconds))
    asyncio.run(fleet.run(seconds))
    ledger.close()


def _start_sink() -> tuple[subprocess.Popen[str], int]:
    sink = subprocess.Popen(
        [sys.executable, "-m", "sim.agent.sink"], stdout=subprocess.PIPE, text=True, cwd=ROOT
    )
    assert sink.stdout is not None
    port = int(sink.stdout.readline().strip().split("=", 1)[1])
    if hasattr(os, "sched_getaffinity") and hasattr(os, "sched_setaffinity"):
        others = set(range(os.cpu_count() or 1)) - os.sched_getaffinity(0)
        if others:  # keep the sink off the measured core
            os.sched_setaffinity(sink.pid, others)
    return sink, port


async def _drain(config_path: Path, env: dict[str, str], total: int) -> tuple[float, int]:
    config = load_config(config_path, expand_env_vars=True, environ=env)
    agent = Agent(config)
    started = time.perf_counter()
    await agent.start()
    while sum(r.offset for t in agent.targets for r in t.readers.values()) < total:
        await asyncio.sleep(0.02)
    await agent.stop()
    elapsed = time.perf_counter() - started
    sent = agent.metrics.sample("promtail_sent_entries_total", {"host": agent.clients[0].host})
    return elapsed, int(sent)


def bench_agent(seconds: float) -> dict[str, Any]:
    work = Path(tempfile.mkdtemp(prefix="lokisim-bench-agent-"))
    sink, port = _start_sink()
    thresholds = gc.get_threshold()
    try:
        pods = work / "pods"
        _write_fleet(pods, work / "run", seconds * _EXPECTED_MB_PER_S)
        files = list(pods.rglob("*.log"))
        total = sum(path.stat().st_size for path in files)
        lines = sum(path.read_bytes().count(b"\n") for path in files)
        raw_config = work / "raw.yaml"
        raw_config.write_text(_RAW_CONFIG, encoding="utf-8")
        tune_gc()
        results: dict[str, tuple[float, int]] = {}
        for name, config in (("adr", ADR_CONFIG), ("raw", raw_config)):
            env = {
                "LOKI_URL": f"http://127.0.0.1:{port}/loki/api/v1/push",
                "LOKISIM_PODS_DIR": str(pods),
                "PROMTAIL_HTTP_ADDRESS": "127.0.0.1",
                "PROMTAIL_HTTP_PORT": "0",
                "PROMTAIL_POSITIONS_FILE": str(work / f"positions-{name}.yaml"),
            }
            results[name] = asyncio.run(_drain(config, env, total))
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()
        sink.kill()
        sink.wait()
        if sink.stdout is not None:
            sink.stdout.close()
        shutil.rmtree(work, ignore_errors=True)
    elapsed, sent = results["adr"]
    baseline, _ = results["raw"]
    return {
        "name": "agent",
        "what": "CRI files through compose/promtail/adr.yaml to an accept-all Loki, one core",
        "bytes": total,
        "lines": lines,
        "entries_sent": sent,
        "seconds": elapsed,
        "mb_per_s": total / elapsed / 1e6,
        "lines_per_s": lines / elapsed,
        "baseline_mb_per_s": total / baseline / 1e6,
        "baseline": "the same files tailed, batched and pushed with no pipeline stages",
        "ratio_to_baseline": baseline / elapsed,
        "target_mb_per_s": _EXPECTED_MB_PER_S,
    }
