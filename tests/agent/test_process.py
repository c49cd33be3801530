"""The agent as a process: SIGTERM stops it cleanly; SIGKILL shows Promtail's real losses.

The position Promtail saves is the tailer's *read* offset (tailer.go MarkPositionAndSize:
tail.Tell()), written every positions.sync_period, not the offset of what Loki acknowledged.
After a kill -9, lines read before the saved offset but still in the unsent batch are lost
for good, and lines after it are read again (sent twice if they had been sent).
"""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from .fakeloki import FakeLoki

ROOT = Path(__file__).resolve().parents[2]
RUN = "import sys; from pathlib import Path; from sim.agent.run import run_agent; sys.exit(run_agent(Path(sys.argv[1])))"
pytestmark = pytest.mark.slow


def wait(condition: Callable[[], bool], limit: float = 20.0) -> None:
    """Waits for the condition (the limit only bounds a hung test)."""
    deadline = time.monotonic() + limit
    while not condition():
        assert time.monotonic() < deadline, "condition never held"
        time.sleep(0.02)


def agent(
    tmp: Path, loki: FakeLoki, *, batchwait: str, positions_sync: str, stages: str = "[]"
) -> subprocess.Popen[bytes]:
    config = tmp / "promtail.yaml"
    config.write_text(
        f"""
server: {{http_listen_address: 127.0.0.1, http_listen_port: 0}}
positions: {{filename: {tmp}/positions.yaml, sync_period: {positions_sync}}}
global: {{file_watch_config: {{min_poll_frequency: 10ms, max_poll_frequency: 10ms}}}}
clients: [{{url: "{loki.url}", batchwait: {batchwait}}}]
scrape_configs:
  - job_name: pods
    pipeline_stages: {stages}
    static_configs: [{{labels: {{__path__: "{tmp}/*.log"}}}}]
"""
    )
    log = (tmp / "agent.stderr").open("ab")
    try:
        return subprocess.Popen([sys.executable, "-c", RUN, str(config)], cwd=ROOT, stderr=log)
    finally:
        log.close()


def read_lines_metric(tmp: Path) -> float:
    """promtail_read_lines_total from the agent's /metrics (port from its log line)."""
    found = re.search(r"http=127\.0\.0\.1:(\d+)", (tmp / "agent.stderr").read_text())
    if found is None:
        return -1.0
    with urllib.request.urlopen(f"http://127.0.0.1:{found[1]}/metrics", timeout=5) as response:
        text = response.read().decode()
    values = re.findall(r"^promtail_read_lines_total\{[^}]*\} (\S+)$", text, re.M)
    return sum(float(v) for v in values)


def saved(tmp: Path, log: Path) -> int:
    try:
        data = yaml.safe_load((tmp / "positions.yaml").read_text()) or {}
    except FileNotFoundError:
        return -1
    return int((data.get("positions") or {}).get(str(log), -1))


def numbered(count: int, start: int = 0) -> str:
    return "".join(f"line-{i:04d}\n" for i in range(start, start + count))


def lines(loki: FakeLoki) -> list[str]:
    return [line for _, line in loki.accepted_lines()]


def test_sigterm_sends_everything_and_saves_the_position(tmp_path: Path) -> None:
    log = tmp_path / "0.log"
    log.write_text(numbered(50))
    with FakeLoki() as loki:
        proc = agent(tmp_path, loki, batchwait="1h", positions_sync="1h")
        wait(lambda: read_lines_metric(tmp_path) == 50)
        assert lines(loki) == []  # all read, nothing sent yet
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(20) == 0
        received = lines(loki)
    assert received == numbered(50).splitlines()  # the unsent batch went out at stop
    assert saved(tmp_path, log) == log.stat().st_size


def run_and_kill(
    tmp: Path, loki: FakeLoki, log: Path, ready: Callable[[], bool], **settings: str
) -> int:
    proc = agent(tmp, loki, **settings)
    try:
        wait(ready)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(20)
    return saved(tmp, log)


def restart_and_collect(tmp: Path, loki: FakeLoki, total: int) -> None:
    proc = agent(tmp, loki, batchwait="20ms", positions_sync="1h")
    try:
        wait(lambda: len(lines(loki)) >= total)
        time.sleep(0.2)  # nothing more may come
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(20)


def test_kill_9_loses_what_was_read_but_not_sent(tmp_path: Path) -> None:
    log = tmp_path / "0.log"
    log.write_text(numbered(100))
    size = log.stat().st_size
    with FakeLoki() as loki:
        # every line read and its offset saved, the batch (batchwait 1h) not yet sent
        position = run_and_kill(
            tmp_path,
            loki,
            log,
            lambda: saved(tmp_path, log) == size,
            batchwait="1h",
            positions_sync="50ms",
        )
        assert position == size and lines(loki) == []
        with log.open("a") as out:
            out.write(numbered(10, start=100))
        restart_and_collect(tmp_path, loki, 10)
        received = lines(loki)
    assert received == numbered(10, start=100).splitlines()  # lines 0..99 are lost for good


def test_kill_9_repeats_what_was_sent_after_the_last_position_sync(tmp_path: Path) -> None:
    log = tmp_path / "0.log"
    log.write_text(numbered(100))
    with FakeLoki() as loki:
        # every line sent, no position saved yet (positions.sync_period 1h)
        position = run_and_kill(
            tmp_path,
            loki,
            log,
            lambda: len(lines(loki)) == 100,
            batchwait="20ms",
            positions_sync="1h",
        )
        assert position == -1
        restart_and_collect(tmp_path, loki, 200)
        received = lines(loki)
    assert received == numbered(100).splitlines() * 2  # read again from 0, sent twice
