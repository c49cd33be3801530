"""Fleet output through a collector config's pipeline, with the ledger to judge it by.

`fleet_output` writes a scenario's pods on a virtual clock; `run_pipeline` feeds each CRI
file, line by line as the agent would, through the first scrape config's stages (with the
labels the file target gives: the static labels and `filename`), then flushes.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sim.agent.config import load_config
from sim.agent.scrape import new_pipeline
from sim.agent.stages import Entry
from sim.fleet.clock import VirtualClock
from sim.fleet.ledger import Ledger, SecretRecord, read_ledger
from sim.fleet.runner import Fleet
from sim.scenario import parse_scenario

ROOT = Path(__file__).resolve().parents[2]
T0 = 1_795_703_941.0


@dataclass
class FleetOutput:
    pods: Path
    records: list[SecretRecord]


def fleet_output(tmp: Path, scenario_text: str) -> FleetOutput:
    scenario = parse_scenario(scenario_text, "test.yaml")
    ledger = Ledger(tmp / "run", tmp / "pods")
    asyncio.run(Fleet(scenario, tmp / "pods", ledger, VirtualClock(T0)).run())
    ledger.close()
    return FleetOutput(tmp / "pods", read_ledger(tmp / "run" / "ledger.jsonl"))


def load_collector(name: str, pods: Path) -> Any:
    env = {"LOKISIM_PODS_DIR": str(pods)}
    return load_config(ROOT / "compose" / "promtail" / name, expand_env_vars=True, environ=env)


def run_pipeline(config: Any, pods: Path, drop_stages: tuple[str, ...] = ()) -> list[Entry]:
    """Every file's lines through the stages (minus any of type `drop_stages`), in file order."""
    scrape = config.scrape_configs[0]
    stages = [s for s in scrape.pipeline_stages if next(iter(s)) not in drop_stages]
    from dataclasses import replace

    pipeline = new_pipeline(replace(scrape, pipeline_stages=stages), config.path)
    static = {k: v for k, v in scrape.static_configs[0].labels.items() if not k.startswith("__")}
    out: list[Entry] = []
    now = time.time()
    for path in sorted(pods.rglob("*.log")):
        labels = {**static, "filename": str(path)}
        text = path.read_bytes().decode("utf-8", "surrogateescape")
        entries = [Entry(dict(labels), {}, 0, line) for line in text.split("\n")[:-1]]
        out.extend(pipeline.process_batch(entries, now))
    out.extend(pipeline.flush())
    return out
