"""A file target keeping its tailers in step with its glob (targets/file/filetarget.go sync)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

from sim.agent.config_model import PositionsConfig, ScrapeConfig, TargetConfig, WatchConfig
from sim.agent.discovery import TargetSpec
from sim.agent.filetarget import FileTarget
from sim.agent.metrics import AgentMetrics
from sim.agent.positions import Positions
from sim.agent.scrape import ScrapePipeline, new_pipeline
from sim.agent.stages import Entry

FAST = WatchConfig(min_poll_ns=5_000_000, max_poll_ns=5_000_000)
SLOW_SYNC = TargetConfig(sync_period_ns=3600 * 10**9)  # syncs only when the test says


async def until(condition: Callable[[], bool], limit: float = 10.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + limit
    while not condition():
        assert loop.time() < deadline, "condition never held"
        await asyncio.sleep(0.005)


class Rig:
    def __init__(self, tmp: Path, pattern: str, exclude: str = "") -> None:
        self.positions = Positions(PositionsConfig(filename=str(tmp / "positions.yaml")))
        self.got: list[tuple[str, str]] = []
        scrape = ScrapeConfig(job_name="a", field="scrape_configs[0]")

        async def sink(entries: list[Entry]) -> None:
            self.got.extend((e.labels["filename"], e.line) for e in entries)

        job = ScrapePipeline(scrape, new_pipeline(scrape, "p.yaml"), sink)
        spec = TargetSpec("k", pattern, exclude, {"job": "a"}, {})
        self.target = FileTarget(spec, job, self.positions, SLOW_SYNC, FAST, AgentMetrics())


def test_exclusions_and_files_that_stop_matching(tmp_path: Path) -> None:
    logs = tmp_path / "logs"
    logs.mkdir()
    (logs / "a.log").write_text("a1\n")
    (logs / "skip.log").write_text("s1\n")
    rig = Rig(tmp_path, f"{logs}/*.log", exclude=f"{logs}/skip.log")

    async def scenario() -> None:
        rig.target.start()
        await until(lambda: len(rig.got) == 1)
        assert sorted(rig.target.readers) == [str(logs / "a.log")]  # __path_exclude__
        # a new file in a watched directory is tailed without waiting for a sync
        (logs / "b.log").write_text("b1\n")
        await until(lambda: len(rig.got) == 2)
        # a file that no longer matches is stopped at the next sync, its position removed
        rig.target.readers[str(logs / "a.log")].mark_position_and_size()
        (logs / "a.log").rename(logs / "a.old")
        await rig.target.sync()
        assert sorted(rig.target.readers) == [str(logs / "b.log")]
        assert rig.positions.get_string(str(logs / "a.log")) == ""
        await rig.target.stop()

    asyncio.run(scenario())
    assert sorted(rig.got) == [(str(logs / "a.log"), "a1"), (str(logs / "b.log"), "b1")]
    assert rig.positions.get(str(logs / "b.log")) == 3  # saved at stop


def test_a_path_naming_one_file(tmp_path: Path) -> None:
    log = tmp_path / "one[1].log"  # glob metacharacters, yet an existing file: no glob
    log.write_text("x\n")
    rig = Rig(tmp_path, str(log))

    async def scenario() -> None:
        rig.target.start()
        await until(lambda: rig.got == [(str(log), "x")])
        assert rig.target.ready()
        await rig.target.stop()

    asyncio.run(scenario())
