"""Tailing one file: grafana/tail's polling semantics as Promtail's tailer.go drives them."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from sim.agent.config_model import PositionsConfig, WatchConfig
from sim.agent.metrics import AgentMetrics
from sim.agent.positions import Positions
from sim.agent.tailer import Tailer

FAST = WatchConfig(min_poll_ns=5_000_000, max_poll_ns=20_000_000)


async def until(condition: Callable[[], bool], limit: float = 10.0) -> None:
    """Waits for the condition (the limit only bounds a hung test)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + limit
    while not condition():
        assert loop.time() < deadline, "condition never held"
        await asyncio.sleep(0.005)


class Harness:
    def __init__(self, tmp: Path, name: str = "0.log") -> None:
        self.path = tmp / name
        self.positions = Positions(PositionsConfig(filename=str(tmp / "positions.yaml")))
        self.metrics = AgentMetrics()
        self.lines: list[str] = []

    async def handler(self, lines: list[str], read_ns: int) -> None:
        self.lines.extend(lines)

    def tailer(self) -> Tailer:
        tailer = Tailer(str(self.path), self.positions, self.handler, FAST, self.metrics)
        tailer.start()
        return tailer

    def append(self, data: bytes, path: Path | None = None) -> None:
        with (path or self.path).open("ab") as out:
            out.write(data)


def run(coroutine: object) -> None:
    asyncio.run(coroutine)  # type: ignore[arg-type]


def test_whole_lines_only_and_a_partial_line_waits(tmp_path: Path) -> None:
    async def scenario() -> None:
        h = Harness(tmp_path)
        h.path.write_bytes(b"one\n\ntwo\r\nthr")
        tailer = h.tailer()
        await until(lambda: len(h.lines) == 3)
        assert h.lines == ["one", "", "two\r"]  # tail.go readLine trims only the "\n"
        h.append(b"ee\nfour\n")
        await until(lambda: len(h.lines) == 5)
        await tailer.stop()
        assert h.lines[3:] == ["three", "four"]
        assert h.positions.get(str(h.path)) == h.path.stat().st_size

    run(scenario())


def test_starts_at_the_saved_position(tmp_path: Path) -> None:
    async def scenario() -> None:
        h = Harness(tmp_path)
        h.path.write_bytes(b"old\nnew\n")
        h.positions.put(str(h.path), 4)
        tailer = h.tailer()
        await until(lambda: h.lines == ["new"])
        await tailer.stop()

    run(scenario())


def test_a_position_past_the_end_is_forgotten_then_read_from_zero(tmp_path: Path) -> None:
    # tailer.go removes the position; grafana/tail still seeks there and its poller then
    # sees the file smaller than that offset: a truncation, read again from 0.
    async def scenario() -> None:
        h = Harness(tmp_path)
        h.path.write_bytes(b"a\nb\n")
        h.positions.put(str(h.path), 1000)
        tailer = h.tailer()
        assert h.positions.get_string(str(h.path)) == ""
        await until(lambda: h.lines == ["a", "b"])
        await tailer.stop()

    run(scenario())


def test_rotation_rename_and_create_loses_and_repeats_nothing(tmp_path: Path) -> None:
    async def scenario() -> None:
        h = Harness(tmp_path)
        h.path.write_bytes(b"1\n2\n")
        tailer = h.tailer()
        await until(lambda: h.lines == ["1", "2"])
        rotated = tmp_path / "0.log.20251127-101010"
        h.path.rename(rotated)
        h.append(b"3\n4\n", rotated)  # still written through the runtime's old handle
        h.path.write_bytes(b"5\n6\n")  # the runtime reopens the path
        await until(lambda: len(h.lines) >= 6)
        h.append(b"7\n")
        await until(lambda: len(h.lines) >= 7)
        await tailer.stop()
        assert h.lines == ["1", "2", "3", "4", "5", "6", "7"]
        assert h.positions.get(str(h.path)) == len(b"5\n6\n7\n")

    run(scenario())


def test_truncation_is_read_from_the_start(tmp_path: Path) -> None:
    async def scenario() -> None:
        h = Harness(tmp_path)
        h.path.write_bytes(b"first line\nsecond line\n")
        tailer = h.tailer()
        await until(lambda: len(h.lines) == 2)
        with h.path.open("r+b") as out:  # copytruncate
            out.truncate(0)
        await asyncio.sleep(0.05)  # let a poll see the smaller file
        h.append(b"x\n")
        await until(lambda: len(h.lines) == 3)
        await tailer.stop()
        assert h.lines == ["first line", "second line", "x"]

    run(scenario())


def test_a_deleted_file_waits_for_the_path_to_come_back(tmp_path: Path) -> None:
    async def scenario() -> None:
        h = Harness(tmp_path)
        h.path.write_bytes(b"a\n")
        tailer = h.tailer()
        await until(lambda: h.lines == ["a"])
        # Held open so the new file cannot reuse the old inode: grafana/tail's reopen()
        # takes a file with the same device and inode for the old one and, after 20 tries,
        # gives up (the target's next sync then restarts the tailer).
        with h.path.open("rb"):
            h.path.unlink()
            await asyncio.sleep(0.05)
            assert tailer.running and h.lines == ["a"]
            h.path.write_bytes(b"b\n")
            await until(lambda: h.lines == ["a", "b"])
        await tailer.stop()

    run(scenario())


def test_lines_keep_their_bytes(tmp_path: Path) -> None:
    async def scenario() -> None:
        h = Harness(tmp_path)
        h.path.write_bytes("héllo\n".encode() + b"\xff\xfe\n")
        tailer = h.tailer()
        await until(lambda: len(h.lines) == 2)
        await tailer.stop()
        assert h.lines[0] == "héllo"
        assert h.lines[1].encode("utf-8", "surrogateescape") == b"\xff\xfe"

    run(scenario())


def test_a_line_longer_than_a_read_chunk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sim.agent.tailer.CHUNK", 8)

    async def scenario() -> None:
        h = Harness(tmp_path)
        h.path.write_bytes(b"x" * 50 + b"\nshort\n")
        tailer = h.tailer()
        await until(lambda: len(h.lines) == 2)
        await tailer.stop()
        assert h.lines == ["x" * 50, "short"]

    run(scenario())


def test_metrics_follow_the_file(tmp_path: Path) -> None:
    async def scenario() -> None:
        h = Harness(tmp_path)
        h.path.write_bytes(b"a\nb\n")
        tailer = h.tailer()
        await until(lambda: len(h.lines) == 2)
        path = {"path": str(h.path)}
        assert h.metrics.sample("promtail_read_lines_total", path) == 2
        assert h.metrics.sample("promtail_files_active_total") == 1
        tailer.mark_position_and_size()
        assert h.metrics.sample("promtail_read_bytes_total", path) == 4
        assert h.metrics.sample("promtail_file_bytes_total", path) == 4
        await tailer.stop()
        # tailer.go cleanupMetrics: a file no longer tailed is no longer exported.
        assert h.metrics.registry.get_sample_value("promtail_read_lines_total", path) is None
        assert h.metrics.sample("promtail_files_active_total") == 0

    run(scenario())


def test_a_missing_file_cannot_be_tailed(tmp_path: Path) -> None:
    h = Harness(tmp_path)
    with pytest.raises(FileNotFoundError):
        Tailer(str(h.path), h.positions, h.handler, FAST, h.metrics)
    assert not os.path.exists(h.path)
