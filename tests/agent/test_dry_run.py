"""`lokisim agent dry-run`: the DESIGN.md contract, byte for byte."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from sim.agent import dry_run as module
from sim.agent.dry_run import dry_run

NOW_NS = 1_764_237_600_123_456_700  # 2025-11-27T10:00:00.1234567Z


class FrozenTime:
    @staticmethod
    def time() -> float:
        return NOW_NS / 1e9

    @staticmethod
    def time_ns() -> int:
        return NOW_NS


@pytest.fixture(autouse=True)
def _frozen(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(module, "time", FrozenTime)


def run(tmp_path: Path, stages: str, stdin: str, labels: dict[str, str] | None = None) -> str:
    config = tmp_path / "promtail.yaml"
    config.write_text(
        "clients: [{url: http://x}]\n"
        f"scrape_configs:\n  - job_name: a\n    pipeline_stages: {stages}\n"
        "  - job_name: b\n    pipeline_stages: [{drop: {expression: .*}}]\n"
    )
    out = io.StringIO()
    assert dry_run(config, labels or {}, io.StringIO(stdin), out) == 0
    return out.getvalue()


def test_one_json_object_per_entry(tmp_path: Path) -> None:
    # Only the first scrape config's pipeline runs (stdin_target_manager.go getStdinConfig).
    out = run(tmp_path, "[]", 'hello\nwith "quotes"\n', {"job": "x", "app": "api"})
    assert out == (
        '{"timestamp": "2025-11-27T10:00:00.1234567Z", "labels": {"app": "api", "job": "x"}, "line": "hello"}\n'
        '{"timestamp": "2025-11-27T10:00:00.1234567Z", "labels": {"app": "api", "job": "x"}, "line": "with \\"quotes\\""}\n'
    )


def test_stages_set_timestamps_labels_and_drop(tmp_path: Path) -> None:
    stages = "[{cri: {}}, {drop: {expression: debug}}, {replace: {expression: 'pw=(\\S+)', replace: '***'}}]"
    stdin = (
        "2025-11-27T09:00:00.5Z stdout F login pw=hunter2\n"
        "2025-11-27T09:00:01Z stderr F debug noise\n"
    )
    lines = [json.loads(line) for line in run(tmp_path, stages, stdin).splitlines()]
    assert lines == [
        {
            "timestamp": "2025-11-27T09:00:00.5Z",
            "labels": {"stream": "stdout"},
            "line": "login pw=***",
        }
    ]


def test_empty_lines_are_skipped_and_blocks_flushed_at_the_end(tmp_path: Path) -> None:
    # stdin_target_manager.go read(): TrimRight "\r\n", empty lines skipped; multiline's
    # block still open at end of input is flushed.
    stages = "[{multiline: {firstline: '^start', max_wait_time: 1h}}]"
    out = run(tmp_path, stages, "start 1\r\n  a\n\nstart 2\n  b")
    assert [json.loads(line)["line"] for line in out.splitlines()] == [
        "start 1\n  a",
        "start 2\n  b",
    ]


def test_config_errors_surface(tmp_path: Path) -> None:
    from sim.errors import AgentConfigError

    with pytest.raises(AgentConfigError, match=r"scrape_configs\[0\]\.pipeline_stages\[0\]"):
        run(tmp_path, "[{nope: {}}]", "x\n")
