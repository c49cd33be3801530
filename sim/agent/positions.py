"""The positions file (clients/pkg/promtail/positions/positions.go): how far each file was read.

Format, as yaml.v2 marshals positions.File: `positions:` mapping each path to its offset
as a *string* (`/var/log/pods/x/0.log: "1234"`), keys sorted. Written atomically (a
temporary file in the same directory, then rename; mode 0600) every `sync_period` and at
stop, when entries for files that no longer exist are also dropped (keys starting
`cursor-` or `journal-` are kept). An unreadable file is an error unless
`ignore_invalid_yaml`, which starts from nothing and overwrites it later.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path

from sim.errors import AgentConfigError

from . import decode as d
from . import messages
from .config_model import PositionsConfig
from .yamlnode import STR_TAG, compose, resolve_plain

_FILE = d.Struct("positions.File", {"positions": d.string_map})
_PLAIN_KEY = re.compile(r"^[A-Za-z0-9_/.~][^:#\n\"'\\]*$")


class Positions:
    """Offsets by path, held in memory and saved to the positions file."""

    def __init__(self, config: PositionsConfig) -> None:
        self.config = config
        self.path = os.path.normpath(config.filename) if config.filename else ""
        self._positions: dict[str, str] = read_positions_file(config)

    @property
    def sync_period_s(self) -> float:
        return self.config.sync_period_ns / 1e9

    def get_string(self, path: str) -> str:
        return self._positions.get(path, "")

    def get(self, path: str) -> int:
        """The offset saved for `path` (0 when none); ValueError when it is not a number."""
        text = self._positions.get(path)
        if text is None:
            return 0
        if not re.fullmatch(r"[+-]?[0-9]+", text):
            raise ValueError(f'strconv.ParseInt: parsing "{text}": invalid syntax')
        return int(text)

    def put_string(self, path: str, value: str) -> None:
        self._positions[path] = value

    def put(self, path: str, offset: int) -> None:
        self._positions[path] = str(offset)

    def remove(self, path: str) -> None:
        self._positions.pop(path, None)

    def snapshot(self) -> dict[str, str]:
        return dict(self._positions)

    def save(self) -> None:
        if self.config.read_only or not self.path:
            return
        write_positions_file(self.path, self._positions)

    def cleanup(self) -> None:
        """Forget files that no longer exist (cursor and journal keys are not files)."""
        for key in list(self._positions):
            if key.startswith((messages.CURSOR_KEY_PREFIX, messages.JOURNAL_KEY_PREFIX)):
                continue
            if not os.path.exists(key):
                del self._positions[key]


def read_positions_file(config: PositionsConfig) -> dict[str, str]:
    clean = os.path.normpath(config.filename) if config.filename else ""
    try:
        text = Path(clean).read_text(encoding="utf-8", errors="surrogateescape")
    except FileNotFoundError:
        return {}
    except OSError as err:
        raise AgentConfigError(clean, "", f"open {clean}: {err.strerror}") from None
    try:
        root = compose(text, clean)
        fields = _FILE(root, d.Where(clean)) if root is not None else d.Fields()
    except AgentConfigError as err:
        if config.ignore_invalid_yaml:
            return {}
        detail = err.detail
        if not detail.startswith("yaml:"):
            detail = f"yaml: unmarshal errors:\n  {detail}"
        raise AgentConfigError(
            clean, "", messages.ERR_INVALID_POSITIONS.format(path=clean, err=detail)
        ) from None
    return dict(fields.get("positions", {}))


def _yaml_key(key: str) -> str:
    if _PLAIN_KEY.match(key) and resolve_plain(key)[0] == STR_TAG and not key.endswith(" "):
        return key
    return json.dumps(key, ensure_ascii=False)


def render_positions(positions: dict[str, str]) -> str:
    """yaml.Marshal(positions.File{...}): sorted keys, offsets as double-quoted strings."""
    if not positions:
        return "positions: {}\n"
    lines = ["positions:"]
    for key in sorted(positions):
        lines.append(f"  {_yaml_key(key)}: {json.dumps(positions[key], ensure_ascii=False)}")
    return "\n".join(lines) + "\n"


def write_positions_file(path: str, positions: dict[str, str]) -> None:
    """renameio.WriteFile: a temporary file beside the target, fsync, rename; mode 0600."""
    directory, base = os.path.split(path)
    fd, tmp = tempfile.mkstemp(prefix="." + base, dir=directory or ".")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", errors="surrogateescape") as out:
            out.write(render_positions(positions))
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
