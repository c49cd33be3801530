"""The command line: user errors exit 2 with one clear line and no traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from sim.cli import main


def _lokisim(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sim", *args], capture_output=True, text=True, cwd=cwd, timeout=120
    )


def test_bad_scenario_exits_2_naming_file_and_field(tmp_path: Path) -> None:
    bad = tmp_path / "x.yaml"
    bad.write_text(
        "name: x\npods:\n  - {namespace: a, name: b, containers: [{name: c, workload: json-api, rate: fast}]}\n"
    )
    done = _lokisim("scenario", "check", str(bad))
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert (
        f"{bad}: pods[0].containers[0].rate: expected a rate like '200/s' or '50KiB/s', got 'fast'"
        in done.stderr
    )


def test_missing_scenario_file(tmp_path: Path) -> None:
    done = _lokisim("fleet", "run", str(tmp_path / "none.yaml"), "--pods-dir", str(tmp_path))
    assert done.returncode == 2
    assert "none.yaml: no such file" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["frobnicate"], "invalid choice: 'frobnicate'"),
        (
            ["fleet", "run", "scenarios/homelab.yaml"],
            "the following arguments are required: --pods-dir",
        ),
        (["bench", "everything"], "invalid choice: 'everything'"),
    ],
)
def test_usage_errors(argv: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 2
    assert message in capsys.readouterr().err


def test_ledger_inside_pods_dir_is_refused_before_writing(tmp_path: Path) -> None:
    pods = tmp_path / "pods"
    done = _lokisim(
        "fleet",
        "run",
        "scenarios/secret-leak.yaml",
        "--pods-dir",
        str(pods),
        "--ledger-dir",
        str(pods / "ledger"),
        "--duration",
        "1",
        "--fast",
        cwd=Path(__file__).parent.parent,
    )
    assert done.returncode == 2
    assert "expected a directory outside the pods dir" in done.stderr
    assert not (pods / "ledger" / "ledger.jsonl").exists()


def test_fleet_run_fast_writes_pods_ledger_and_accounting(tmp_path: Path) -> None:
    done = _lokisim(
        "fleet",
        "run",
        "scenarios/homelab.yaml",
        "--pods-dir",
        str(tmp_path / "pods"),
        "--ledger-dir",
        str(tmp_path / "run"),
        "--duration",
        "5",
        "--fast",
        cwd=Path(__file__).parent.parent,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "run" / "ledger.jsonl").exists()
    assert (tmp_path / "run" / "accounting.json").exists()
    assert len(list((tmp_path / "pods").iterdir())) == 17
    assert f"ledger: {tmp_path / 'run' / 'ledger.jsonl'}" in done.stdout


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["run", "scenarios/homelab.yaml", "--target", "kubernetes"],
            "--target: expected auto, embedded, compose or an http(s):// URL, got 'kubernetes'",
        ),
        (
            ["run", "scenarios/homelab.yaml", "--collector", "fluentbit"],
            "--collector: expected adr, recommended or the path of a Promtail config file, got 'fluentbit' (no such file)",
        ),
        (
            ["run", "scenarios/homelab.yaml", "--loki-config", "/nonexistent/loki.yaml"],
            "failed parsing config: /nonexistent/loki.yaml does not exist",
        ),
        (
            ["run", "scenarios/homelab.yaml", "--duration", "0"],
            "--duration: expected a number of seconds > 0, got 0",
        ),
        (
            ["fleet", "run", "scenarios/homelab.yaml", "--pods-dir", "/tmp/x", "--duration", "-5"],
            "--duration: expected a number of seconds > 0, got -5",
        ),
    ],
)
def test_run_options_are_checked_before_anything_runs(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main([*argv, *(["--runs-dir", str(tmp_path)] if argv[0] == "run" else [])]) == 2
    assert message in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []
