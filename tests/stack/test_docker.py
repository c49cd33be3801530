"""The docker CLI checks and the compose command lines (no engine needed)."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest

from sim.errors import ToolError, UsageError
from sim.stack.docker import ComposeCLI, DockerUnavailable, last_words, require_compose

NO_PLUGIN = "docker: unknown command: docker compose\n\nRun 'docker --help' for more information\n"
NO_ENGINE = (
    "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. "
    "Is the docker daemon running?\n"
)


def _runner(answers: dict[str, tuple[int, str, str]], calls: list[list[str]]) -> Any:
    def run(argv: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
        calls.append(argv)
        code, out, err = answers[argv[1]]
        return subprocess.CompletedProcess(argv, code, out, err)

    return run


@pytest.mark.parametrize(
    ("which", "answers", "message"),
    [
        (None, {}, "--target compose: the docker CLI is not on PATH; install Docker Engine"),
        (
            "/usr/bin/docker",
            {"compose": (125, "", NO_PLUGIN)},
            # docker 28 without the plugin, as this project's CI image answers
            "--target compose: the Docker Compose v2 plugin is missing (`docker compose "
            "version` said: docker: unknown command: docker compose); install Docker Engine "
            "with the Compose plugin",
        ),
        (
            "/usr/bin/docker",
            {"compose": (0, "Docker Compose version v2.40.3\n", ""), "info": (1, "", NO_ENGINE)},
            "--target compose: no Docker engine answers (Cannot connect to the Docker daemon at "
            "unix:///var/run/docker.sock. Is the docker daemon running?); start Docker",
        ),
    ],
)
def test_what_is_missing_is_a_usage_error_saying_what_to_do(
    which: str | None, answers: dict[str, tuple[int, str, str]], message: str
) -> None:
    with pytest.raises(DockerUnavailable) as caught:
        require_compose(which=lambda _: which, run=_runner(answers, []))
    assert isinstance(caught.value, UsageError) and caught.value.exit_code == 2
    assert str(caught.value).startswith(message), str(caught.value)
    assert "or use --target embedded" in str(caught.value)


def test_everything_present() -> None:
    calls: list[list[str]] = []
    answers = {"compose": (0, "Docker Compose version v2.40.3\n", ""), "info": (0, "28.2.2\n", "")}
    assert (
        require_compose(lambda _: "/usr/bin/docker", _runner(answers, calls)) == "/usr/bin/docker"
    )
    assert calls == [
        ["/usr/bin/docker", "compose", "version"],
        ["/usr/bin/docker", "info", "--format", "{{.ServerVersion}}"],
    ]


def _cli(tmp_path: Path, run: Any) -> ComposeCLI:
    return ComposeCLI(
        "docker",
        project="lokisim-tiny-20261126t120000z",
        files=[Path("/repo/compose/docker-compose.yml"), tmp_path / "compose.override.yaml"],
        profiles=["alloy"],
        env={"LOKISIM_LOKI_PORT": "41000"},
        log_path=tmp_path / "compose.log",
        run=run,
    )


def test_the_command_line_environment_and_log(tmp_path: Path) -> None:
    seen: list[tuple[list[str], dict[str, Any]]] = []

    def run(argv: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
        seen.append((argv, kwargs))
        return subprocess.CompletedProcess(argv, 0, "out\n", "Container x Started\n")

    assert _cli(tmp_path, run)("up", "--detach", "loki") == "out\n"
    argv, kwargs = seen[0]
    assert argv == [
        *("docker", "compose", "--project-name", "lokisim-tiny-20261126t120000z"),
        *("--file", "/repo/compose/docker-compose.yml"),
        *("--file", str(tmp_path / "compose.override.yaml")),
        *("--profile", "alloy", "up", "--detach", "loki"),
    ]
    assert kwargs["env"]["LOKISIM_LOKI_PORT"] == "41000"
    assert kwargs["start_new_session"] is True and kwargs["check"] is False
    assert (tmp_path / "compose.log").read_text() == (f"$ {' '.join(argv)}\nContainer x Started\n")


def test_a_failing_command_is_a_tool_error_with_its_last_words(tmp_path: Path) -> None:
    def run(argv: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
        return subprocess.CompletedProcess(
            argv, 1, "", "pulling\nError: port is already allocated\n"
        )

    with pytest.raises(ToolError, match=r"exited with status 1: pulling \| Error: port is already"):
        _cli(tmp_path, run)("up", "--detach")
    assert _cli(tmp_path, run)("logs", check=False) == ""


def test_a_command_that_hangs_is_a_tool_error(tmp_path: Path) -> None:
    def run(argv: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
        raise subprocess.TimeoutExpired(argv, kwargs["timeout"])

    with pytest.raises(ToolError, match=r"did not finish in 5s"):
        _cli(tmp_path, run)("down", timeout=5)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        # the daemon's answer, as `docker pull` and `docker compose pull` end with it
        (
            "Error response from daemon: pull access denied for grafana/lokii, repository "
            "does not exist or may require 'docker login'\n",
            "pull access denied for grafana/lokii, repository does not exist or may require "
            "'docker login'",
        ),
        (
            " loki Pulling \n loki Error context deadline exceeded\n\n",
            "loki Error context deadline exceeded",
        ),
        ("", "no output"),
    ],
)
def test_last_words(text: str, words: str) -> None:
    assert last_words(text) == words


def test_attempt_returns_a_failure_without_raising_and_logs_it(tmp_path: Path) -> None:
    def run(argv: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
        return subprocess.CompletedProcess(argv, 1, "", "Error: No such image: busybox:1.37.0\n")

    cli = _cli(tmp_path, run)
    done = cli.attempt([cli.docker, "image", "inspect", "busybox:1.37.0"], timeout=5)
    assert done.returncode == 1
    assert (tmp_path / "compose.log").read_text() == (
        "$ docker image inspect busybox:1.37.0\nError: No such image: busybox:1.37.0\n"
    )
