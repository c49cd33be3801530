"""Ctrl-C or SIGTERM during a run leaves nothing running (the runner stops its components)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.runner.test_execute import REPO, SCENARIO, _loki_config


def _children_alive(run_dir: Path) -> list[int]:
    """Processes whose command line names this run's directory (Loki, the collector)."""
    alive = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if str(run_dir) in cmdline:
            alive.append(int(entry.name))
    return alive


@pytest.mark.slow
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_interrupted_run_stops_every_component(tmp_path: Path, signum: int) -> None:
    scenario = tmp_path / "tiny-leak.yaml"
    scenario.write_text(SCENARIO.replace("duration: 8s", "duration: 60s"))
    runs = tmp_path / "runs"
    run = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "sim",
            "run",
            str(scenario),
            "--target",
            "embedded",
            "--loki-config",
            str(_loki_config(tmp_path)),
            "--runs-dir",
            str(runs),
        ],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not list(runs.glob("*/fleet.log")):
        time.sleep(0.2)
    assert list(runs.glob("*/fleet.log")), "the fleet never started"
    run_dir = next(runs.iterdir())
    assert _children_alive(run_dir), "Loki and the collector should be running"
    os.kill(run.pid, signum)
    _, err = run.communicate(timeout=60)
    assert run.returncode == 130, err.decode()
    time.sleep(0.5)
    assert _children_alive(run_dir) == []
