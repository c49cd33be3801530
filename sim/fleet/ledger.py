"""The ledger: what the fleet wrote, so every secret and every line can be found later.

`ledger.jsonl` holds one record per injected secret (kind, value, where, when, marker);
`accounting.json` holds, per container, the lines and bytes written. The ledger holds
the secrets in clear, so it is created with mode 0600 and never inside the pods dir,
where the collector would ship it to Loki.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, TextIO

from sim.errors import UsageError

LEDGER_NAME = "ledger.jsonl"
ACCOUNTING_NAME = "accounting.json"


@dataclass(frozen=True, slots=True)
class SecretRecord:
    kind: str
    value: str
    form: str
    marker: str
    namespace: str
    pod: str
    pod_uid: str
    container: str
    node: str
    app: str
    stream: str
    file: str
    timestamp: str  # the CRI timestamp of the line holding the secret (of its first chunk)
    timestamp_ns: int


@dataclass(slots=True)
class ContainerCounts:
    """Per container instance: CRI lines, application lines and bytes written."""

    namespace: str
    pod: str
    pod_uid: str
    container: str
    app: str
    node: str
    entries: int = 0  # application lines (each ends in one F chunk)
    cri_lines: int = 0  # lines in the file, P chunks included
    partial_lines: int = 0
    content_bytes: int = 0
    file_bytes: int = 0
    emissions: int = 0  # application writes (a stack trace is one write of many lines)
    multiline_emissions: int = 0
    secrets: dict[str, int] = field(default_factory=dict)
    restarts: int = 0
    rotations: int = 0
    first_ns: int = 0
    last_ns: int = 0


def ensure_outside(directory: Path, pods_dir: Path) -> None:
    """Refuse to put the ledger where the collector would read it."""
    inner, outer = directory.resolve(), pods_dir.resolve()
    if inner == outer or outer in inner.parents:
        raise UsageError(
            f"ledger directory {directory}: expected a directory outside the pods dir "
            f"{pods_dir} (the collector would ship the secrets it holds), got one inside it"
        )


class Ledger:
    """Appends secret records (JSONL, 0600) and writes the accounting at the end."""

    def __init__(self, directory: Path, pods_dir: Path) -> None:
        ensure_outside(directory, pods_dir)
        directory.mkdir(parents=True, exist_ok=True)
        self.directory = directory
        self.path = directory / LEDGER_NAME
        fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.fchmod(fd, 0o600)  # an existing file keeps its mode through O_CREAT
        self._out: TextIO = os.fdopen(fd, "w", encoding="utf-8")
        self.secrets_written = 0

    def record(self, secret: SecretRecord) -> None:
        self._out.write(json.dumps(asdict(secret), separators=(",", ":")) + "\n")
        self.secrets_written += 1

    def write_accounting(self, counts: list[ContainerCounts], summary: dict[str, Any]) -> Path:
        path = self.directory / ACCOUNTING_NAME
        body = {"summary": summary, "containers": [asdict(c) for c in counts]}
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(body, indent=1) + "\n", encoding="utf-8")
        tmp.replace(path)
        return path

    def flush(self) -> None:
        self._out.flush()

    def close(self) -> None:
        self._out.close()


def read_ledger(path: Path) -> list[SecretRecord]:
    with path.open(encoding="utf-8") as lines:
        return [SecretRecord(**json.loads(line)) for line in lines if line.strip()]
