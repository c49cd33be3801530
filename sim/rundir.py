"""Every run gets its own directory: `runs/<scenario>-<UTC timestamp>/`."""

from __future__ import annotations

import time
from pathlib import Path


def new_run_dir(scenario: str, base: Path = Path("runs")) -> Path:
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    candidate = base / f"{scenario}-{stamp}"
    suffix = 1
    while candidate.exists():
        suffix += 1
        candidate = base / f"{scenario}-{stamp}-{suffix}"
    candidate.mkdir(parents=True)
    return candidate
