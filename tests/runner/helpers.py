"""`lokisim run` on the embedded target as a user runs it: a subprocess, its report copied."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent.parent


def run_embedded(
    tmp_path: Path, scenario: Path, collector: str, loki_config: Path, timeout: float = 240
) -> subprocess.CompletedProcess[str]:
    """Runs SCENARIO with runs under tmp_path/runs and a report copy at tmp_path/copy.json."""
    argv = [sys.executable, "-m", "sim", "run", str(scenario), "--target", "embedded"]
    argv += ["--collector", collector, "--loki-config", str(loki_config)]
    argv += ["--runs-dir", str(tmp_path / "runs"), "--json", str(tmp_path / "copy.json")]
    return subprocess.run(argv, capture_output=True, text=True, timeout=timeout, cwd=REPO)
