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
    """Processes whose command line or environment names this run's directory."""
    alive = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().decode(errors="replace")
            environ = (entry / "environ").read_bytes().decode(errors="replace")
        except OSError:
            continue
        # Loki names it in --data, the collector in LOKISIM_PODS_DIR.
        if str(run_dir) in cmdline or str(run_dir) in environ:
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
    assert len(_children_alive(run_dir)) >= 2, "Loki and the collector should be running"
    os.kill(run.pid, signum)
    _, err = run.communicate(timeout=60)
    assert run.returncode == 130, err.decode()
    time.sleep(0.5)
    assert _children_alive(run_dir) == []
