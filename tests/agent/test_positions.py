"""The positions file, as clients/pkg/promtail/positions/positions.go reads and writes it."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from sim.agent.config_model import PositionsConfig
from sim.agent.positions import Positions, render_positions, write_positions_file
from sim.errors import AgentConfigError


def test_format_is_yaml_v2s_marshal_of_positions_file() -> None:
    # positions.File{Positions map[string]string}: offsets are strings, keys sorted.
    text = render_positions({"/var/log/b.log": "20", "/var/log/a.log": "1234", "cursor-x": "s=1"})
    assert text == (
        'positions:\n  /var/log/a.log: "1234"\n  /var/log/b.log: "20"\n  cursor-x: "s=1"\n'
    )
    assert render_positions({}) == "positions: {}\n"
    assert render_positions({"a: b": "1"}) == 'positions:\n  "a: b": "1"\n'


def test_round_trip_and_mode(tmp_path: Path) -> None:
    path = tmp_path / "positions.yaml"
    positions = Positions(PositionsConfig(filename=str(path)))
    positions.put("/x/0.log", 42)
    positions.put_string("cursor-journal", "s=abc")
    positions.save()
    # write_positions_unix.go: positionFileMode 0600.
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    again = Positions(PositionsConfig(filename=str(path)))
    assert again.get("/x/0.log") == 42 and again.get_string("cursor-journal") == "s=abc"
    assert again.get("/never/seen.log") == 0  # positions.go Get: 0 for an unknown path


def test_write_is_atomic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # renameio.WriteFile: the new content appears whole or not at all.
    path = tmp_path / "positions.yaml"
    write_positions_file(str(path), {"/a": "1"})

    def fail(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError):
        write_positions_file(str(path), {"/a": "2"})
    assert path.read_text() == 'positions:\n  /a: "1"\n'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["positions.yaml"]  # no temp left


def test_cleanup_forgets_missing_files_but_keeps_cursors(tmp_path: Path) -> None:
    kept = tmp_path / "0.log"
    kept.write_text("x\n")
    positions = Positions(PositionsConfig(filename=str(tmp_path / "p.yaml")))
    for key in (str(kept), str(tmp_path / "gone.log"), "cursor-a", "journal-b"):
        positions.put(key, 1)
    positions.cleanup()
    assert sorted(positions.snapshot()) == sorted([str(kept), "cursor-a", "journal-b"])


# A corrupt file: readPositionsFile's error, or nothing with ignore_invalid_yaml.
CORRUPT = [
    ("positions: [\n", "yaml: line 2: "),
    (
        "positions:\n  /a: {x: 1}\n",
        "yaml: unmarshal errors:\n  line 2: cannot unmarshal !!map into string",
    ),
    (
        "offsets: {}\n",
        "yaml: unmarshal errors:\n  line 1: field offsets not found in type positions.File",
    ),
]


@pytest.mark.parametrize(("text", "error"), CORRUPT)
def test_corrupt_file(tmp_path: Path, text: str, error: str) -> None:
    path = tmp_path / "positions.yaml"
    path.write_text(text)
    with pytest.raises(AgentConfigError) as caught:
        Positions(PositionsConfig(filename=str(path)))
    assert caught.value.detail.startswith(f"invalid yaml positions file [{path}]: {error}")
    ignoring = Positions(PositionsConfig(filename=str(path), ignore_invalid_yaml=True))
    assert ignoring.snapshot() == {}
    ignoring.put("/a", 7)
    ignoring.save()  # ...and overwritten later
    assert Positions(PositionsConfig(filename=str(path))).get("/a") == 7


def test_empty_file_and_non_numeric_offset(tmp_path: Path) -> None:
    path = tmp_path / "positions.yaml"
    path.write_text("")
    assert Positions(PositionsConfig(filename=str(path))).snapshot() == {}
    path.write_text("positions:\n  /a: cursor\n")
    with pytest.raises(ValueError, match='parsing "cursor": invalid syntax'):
        Positions(PositionsConfig(filename=str(path))).get("/a")


def test_read_only_never_writes(tmp_path: Path) -> None:
    path = tmp_path / "positions.yaml"
    positions = Positions(PositionsConfig(filename=str(path), read_only=True))
    positions.put("/a", 1)
    positions.save()
    assert not path.exists()
