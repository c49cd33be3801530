"""`lokisim agent dry-run`: stdin through the first scrape config's pipeline, as JSON lines.

Like `promtail --stdin --dry-run` (targets/stdin/stdin_target_manager.go): each stdin line,
stripped of its trailing `\\r\\n`, is one entry stamped with the time it was read and
labelled with the `--label`s; empty lines are skipped, as Promtail's stdin reader skips
them. Each entry the pipeline emits is printed as
`{"timestamp": "<RFC3339Nano UTC>", "labels": {...}, "line": "..."}` (labels sorted by
name). Entries stages drop are not printed; blocks still buffered at the end of input
are flushed and printed.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import TextIO

from sim.agent.stages import Entry
from sim.fleet.cri import format_timestamp

from .config import load_config
from .config_model import ScrapeConfig
from .scrape import new_pipeline

_STDIN_JOB = ScrapeConfig(job_name="stdin", field="scrape_configs[0]")


def render(entry: Entry) -> str:
    """One output line of the dry-run contract."""
    return json.dumps(
        {
            "timestamp": format_timestamp(entry.timestamp_ns),
            "labels": dict(sorted(entry.labels.items())),
            "line": entry.line,
        }
    )


def dry_run(
    config_path: Path,
    labels: dict[str, str],
    stdin: TextIO,
    stdout: TextIO,
    *,
    expand_env: bool = False,
) -> int:
    config = load_config(config_path, expand_env_vars=expand_env)
    scrape = config.scrape_configs[0] if config.scrape_configs else _STDIN_JOB
    pipeline = new_pipeline(scrape, config.path)
    for raw in stdin:
        line = raw.rstrip("\r\n")
        if not line:
            continue
        now = time.time()
        for entry in pipeline.tick(now):
            stdout.write(render(entry) + "\n")
        entry = Entry(dict(labels), {}, time.time_ns(), line)
        for out in pipeline.process(entry, now):
            stdout.write(render(out) + "\n")
    for entry in pipeline.flush():
        stdout.write(render(entry) + "\n")
    stdout.flush()
    return 0
