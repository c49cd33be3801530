"""The compose stack's command lines, environment and files, with a fake `docker` (no engine)."""

from __future__ import annotations

import json
import shlex
import subprocess
from pathlib import Path
from typing import Any

import pytest

from sim.errors import ToolError, UsageError
from sim.stack import compose
from sim.stack.compose import ComposeStack, collector_choice, parse_ps, project_name
from sim.stack.composefile import Collector
from sim.stack.docker import ImageUnavailable

REPO = Path(__file__).resolve().parents[2]
BASE = REPO / "compose" / "docker-compose.yml"
ALLOY = REPO / "compose" / "alloy" / "config.alloy"
PS = "\n".join(
    json.dumps(row)
    for row in (
        {"Service": "loki-init", "State": "exited", "ExitCode": 0},
        {"Service": "loki", "State": "exited", "ExitCode": 0},
        {"Service": "promtail", "State": "exited", "ExitCode": 137},
    )
)


class FakeDocker:
    """Answers each compose subcommand (or plain `docker image ...`) from a table, by its first
    word: (exit status, stdout) or (exit status, stdout, stderr); remembers what was asked."""

    def __init__(self, answers: dict[str, Any] | None = None) -> None:
        self.answers = answers or {}
        self.calls: list[list[str]] = []
        self.prefix_len = 0

    def __call__(self, argv: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
        compose_call = argv[1] == "compose"
        args = argv[self.prefix_len :] if compose_call else ["docker", *argv[1:]]
        self.calls.append(args)
        answer = self.answers.get(args[0] if compose_call else args[1], (0, ""))
        if isinstance(answer, BaseException):
            raise answer
        code, out, *err = answer
        stderr = err[0] if err else ("" if code == 0 else "it failed\n")
        return subprocess.CompletedProcess(argv, code, out, stderr)

    @property
    def compose_calls(self) -> list[list[str]]:
        return [call for call in self.calls if call[0] != "docker"]


def _stack(
    tmp_path: Path,
    docker: FakeDocker,
    *,
    collector: str = "adr",
    config: Path = REPO / "compose" / "promtail" / "adr.yaml",
    remove_volumes: bool = False,
    said: list[str] | None = None,
) -> ComposeStack:
    run = tmp_path / "tiny-leak-20261126T120000Z"
    run.mkdir()
    stack = ComposeStack(
        run,
        docker="docker",
        compose_file=BASE,
        loki_config=REPO / "compose" / "loki" / "config.yaml",
        collector=collector,
        collector_config=config,
        pods_dir=run / "pods",
        remove_volumes=remove_volumes,
        run=docker,
        say=(said if said is not None else []).append,
    )
    docker.prefix_len = len(stack.cli.prefix)
    return stack


def test_project_files_ports_and_environment(tmp_path: Path) -> None:
    stack = _stack(tmp_path, FakeDocker())
    run = stack.run_dir
    assert stack.cli.prefix == [
        *("docker", "compose", "--project-name", "lokisim-tiny-leak-20261126t120000z"),
        *("--file", str(BASE), "--file", str(run / "compose.override.yaml")),
    ]
    env = stack.cli.env
    assert sorted(env) == [
        "LOKISIM_COLLECTOR",
        "LOKISIM_LOKI_PORT",
        "LOKISIM_PODS_DIR",
        "LOKISIM_PROMTAIL_PORT",
    ]
    assert (env["LOKISIM_COLLECTOR"], env["LOKISIM_PODS_DIR"]) == ("adr", str(run / "pods"))
    assert stack.endpoints.loki_url == f"https://127.0.0.1:{env['LOKISIM_LOKI_PORT']}"
    assert stack.endpoints.collector_url == f"http://127.0.0.1:{env['LOKISIM_PROMTAIL_PORT']}"
    assert stack.endpoints.ca_file == run / "tls" / "ca.crt"
    derived = (run / "loki-config.yaml").read_text()
    assert "cert_file: /etc/loki/certs/tls.crt" in derived  # ADR 6.2's paths
    assert "key_file: /etc/loki/certs/tls.key" in derived
    assert "/etc/lokisim/ca.crt" in (run / "compose.override.yaml").read_text()


def test_up_then_stop_in_order_with_logs_and_the_volume_measured(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(compose, "poll_ready", lambda *a, **k: None)
    docker = FakeDocker({"ps": (0, PS), "logs": (0, "a log line\n"), "run": (0, "100\n23\n")})
    stack = _stack(tmp_path, docker)
    stack.start()
    statuses = stack.stop()
    assert docker.calls == [
        # every image is already here: nothing is pulled
        ["docker", "image", "inspect", "--format", "{{.Id}}", "busybox:1.37.0"],
        ["docker", "image", "inspect", "--format", "{{.Id}}", "grafana/loki:3.6.10"],
        ["docker", "image", "inspect", "--format", "{{.Id}}", "grafana/promtail:3.6.10"],
        ["up", "--detach", "--quiet-pull", "loki", "promtail"],
        ["stop", "--timeout", "15", "promtail"],  # the collector flushes into Loki first
        ["stop", "--timeout", "15", "loki"],
        ["ps", "--all", "--format", "json"],
        ["logs", "--no-color", "--timestamps", "loki-init"],
        ["logs", "--no-color", "--timestamps", "loki"],
        ["logs", "--no-color", "--timestamps", "promtail"],
        [
            *("run", "--rm", "--no-deps", "-T", "--cap-add", "DAC_READ_SEARCH", "loki-init"),
            *("find", "/var/loki", "-type", "f", "-exec", "stat", "-c", "%s", "{}", "+"),
        ],
        ["down", "--remove-orphans", "--timeout", "15"],  # the volumes stay
    ]
    assert statuses == {"collector": 137, "loki": 0}
    assert stack.stored_bytes() == 123
    for name in ("loki-init.log", "loki.log", "collector.log"):
        assert (stack.run_dir / name).read_text() == "a log line\n"
    assert stack.problems == []


def test_down_runs_even_when_stopping_fails_or_is_interrupted(tmp_path: Path) -> None:
    docker = FakeDocker({"stop": (1, ""), "ps": (0, PS), "logs": KeyboardInterrupt()})
    stack = _stack(tmp_path, docker)
    stack._up = True  # as after start()
    with pytest.raises(KeyboardInterrupt):
        stack.stop()
    assert docker.calls[-1][0] == "down"
    assert [p.split(": ")[0] for p in stack.problems] == [
        f"`{' '.join(stack.cli.argv('stop', '--timeout', '15', 'promtail'))}` exited with status 1",
        f"`{' '.join(stack.cli.argv('stop', '--timeout', '15', 'loki'))}` exited with status 1",
    ]


def test_a_failed_down_says_how_to_clean_up(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    docker = FakeDocker({"down": (1, ""), "ps": (0, PS)})
    stack = _stack(tmp_path, docker)
    stack._up = True
    stack.stop()
    cleanup = shlex.join(stack.cli.argv("down", "--volumes", "--remove-orphans"))
    assert stack.problems[-1].endswith(f"remove what is left with: {cleanup}")
    assert cleanup in capsys.readouterr().err


def test_nothing_to_stop_before_start(tmp_path: Path) -> None:
    docker = FakeDocker()
    assert _stack(tmp_path, docker).stop() == {}
    assert docker.calls == []


def test_a_container_that_exits_ends_the_wait_with_its_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(compose, "READY_TIMEOUT", 30.0)
    exited = json.dumps({"Service": "loki", "State": "exited", "ExitCode": 1})
    docker = FakeDocker({"ps": (0, exited), "logs": (0, "failed parsing config: ...\n")})
    stack = _stack(tmp_path, docker)
    with pytest.raises(ToolError, match=r"compose service loki exited \(exit code 1\) before loki"):
        stack.start()
    assert ["logs", "--no-color", "--tail", "20", "loki"] in docker.calls


@pytest.mark.parametrize(
    ("text", "services"),
    [
        # Compose >= 2.21: one JSON object per line
        (PS, {"loki-init": 0, "loki": 0, "promtail": 137}),
        # earlier Compose v2: one JSON array
        ('[{"Service": "loki", "State": "exited", "ExitCode": 2}]', {"loki": 2}),
        ("", {}),
        ("not json", {}),
    ],
)
def test_parse_ps(text: str, services: dict[str, int]) -> None:
    assert {name: row["ExitCode"] for name, row in parse_ps(text).items()} == services


@pytest.mark.parametrize(
    ("run_dir", "project"),
    [
        ("homelab-20261126T152444Z", "lokisim-homelab-20261126t152444z"),
        ("log bomb.v2-20261126T152444Z-2", "lokisim-log-bomb-v2-20261126t152444z-2"),
    ],
)
def test_project_name(run_dir: str, project: str) -> None:
    # Compose project names: lowercase letters, digits, dashes and underscores.
    assert project_name(Path("runs") / run_dir) == project


@pytest.mark.parametrize(
    ("collector", "config", "expected"),
    [
        ("adr", "compose/promtail/adr.yaml", Collector("promtail")),
        ("recommended", "compose/promtail/recommended.yaml", Collector("promtail")),
        ("my.yaml", "my.yaml", Collector("promtail", Path("my.yaml"))),
        (
            "compose/alloy/config.alloy",
            "compose/alloy/config.alloy",
            Collector("alloy", Path("compose/alloy/config.alloy")),
        ),
    ],
)
def test_collector_choice(collector: str, config: str, expected: Collector) -> None:
    assert collector_choice(collector, Path(config)) == expected


MISSING = (1, "", "Error: No such image: grafana/loki:3.6.10\n")


def test_only_missing_images_are_pulled_one_line_each(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(compose, "poll_ready", lambda *a, **k: None)
    said: list[str] = []
    docker = FakeDocker({"image": MISSING})
    stack = _stack(tmp_path, docker, said=said)
    stack.start()
    assert docker.compose_calls == [
        ["pull", "loki-init"],
        ["pull", "loki"],
        ["pull", "promtail"],
        ["up", "--detach", "--quiet-pull", "loki", "promtail"],
    ]
    assert said[:2] == ["pulling busybox:1.37.0 for loki-init ...", "pulled busybox:1.37.0 in 0s"]
    assert said[4:6] == [
        "pulling grafana/promtail:3.6.10 for promtail ...",
        "pulled grafana/promtail:3.6.10 in 0s",
    ]
    assert said[6].startswith(f"waiting for loki at {stack.endpoints.loki_url}/ready (up to 180s)")
    assert said[7] == "loki ready after 0s"


def test_the_alloy_profile_pulls_alloy(tmp_path: Path) -> None:
    docker = FakeDocker({"image": MISSING})
    stack = _stack(tmp_path, docker, collector=str(ALLOY), config=ALLOY)
    stack.pull()
    assert docker.compose_calls[-1] == ["pull", "alloy"]
    assert stack.cli.prefix[-2:] == ["--profile", "alloy"]  # pull sees the alloy service
    assert docker.calls[-2][-1] == "grafana/alloy:v1.11.3"


@pytest.mark.parametrize(
    ("stderr", "reason"),
    [
        # a tag the registry lacks: the daemon's "manifest for %s not found" (moby
        # daemon/internal/distribution/errors.go), as `docker compose pull` passes it on
        (
            " loki Pulling \n loki Error manifest for grafana/loki:3.6.10 not found: manifest "
            "unknown: manifest unknown\nError response from daemon: manifest for "
            "grafana/loki:3.6.10 not found: manifest unknown: manifest unknown\n",
            "manifest for grafana/loki:3.6.10 not found: manifest unknown: manifest unknown",
        ),
        # no network: the registry's name does not resolve
        (
            'Error response from daemon: Get "https://registry-1.docker.io/v2/": dial tcp: '
            "lookup registry-1.docker.io: no such host\n",
            'Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io: '
            "no such host",
        ),
        # Docker Hub's anonymous pull limit
        (
            "Error response from daemon: toomanyrequests: You have reached your pull rate limit.\n",
            "toomanyrequests: You have reached your pull rate limit.",
        ),
        ("", "no output"),
    ],
)
def test_an_image_that_cannot_be_pulled_is_a_clear_usage_error(
    tmp_path: Path, stderr: str, reason: str
) -> None:
    docker = FakeDocker({"image": MISSING, "pull": (1, "", stderr)})
    stack = _stack(tmp_path, docker)
    with pytest.raises(ImageUnavailable) as caught:
        stack.start()
    # the environment's to fix, like a missing engine: exit 2, not a lokisim failure (3)
    assert isinstance(caught.value, UsageError) and caught.value.exit_code == 2
    assert str(caught.value) == (
        f"--target compose: image busybox:1.37.0 (service loki-init) could not be pulled: "
        f"{reason}; check the network, a proxy or a registry login (try `docker pull "
        "busybox:1.37.0`), or use --target embedded"
    )
    assert docker.compose_calls == [["pull", "loki-init"]]
    assert stack.stop() == {}  # a pull creates nothing in the project: nothing to take down
    assert docker.compose_calls == [["pull", "loki-init"]]


def test_a_pull_that_hangs_is_an_image_unavailable(tmp_path: Path) -> None:
    docker = FakeDocker({"image": MISSING, "pull": subprocess.TimeoutExpired("docker", 900)})
    with pytest.raises(ImageUnavailable, match=r"could not be pulled: `docker compose .* pull "):
        _stack(tmp_path, docker).pull()


@pytest.mark.parametrize(
    ("remove_volumes", "down", "kept"),
    [
        # the issue: volumes kept unless asked, so Loki's data can still be looked at
        (False, ["down", "--remove-orphans", "--timeout", "15"], True),
        (True, ["down", "--volumes", "--remove-orphans", "--timeout", "15"], False),
    ],
)
def test_down_keeps_the_volumes_unless_asked(
    tmp_path: Path, remove_volumes: bool, down: list[str], kept: bool
) -> None:
    said: list[str] = []
    docker = FakeDocker({"ps": (0, PS)})
    stack = _stack(tmp_path, docker, remove_volumes=remove_volumes, said=said)
    stack._up = True
    stack.stop()
    assert docker.compose_calls[-1] == down
    cleanup = shlex.join(stack.cli.argv("down", "--volumes", "--remove-orphans"))
    message = (
        "kept the volumes of compose project lokisim-tiny-leak-20261126t120000z (Loki's data); "
        f"remove them with: {cleanup}"
    )
    assert (message in said) is kept
    assert stack.problems == []


def test_the_stats_sampler_watches_loki_and_the_collector(tmp_path: Path) -> None:
    sampler = _stack(tmp_path, FakeDocker(), collector=str(ALLOY), config=ALLOY).stats_sampler()
    assert sampler.project == "lokisim-tiny-leak-20261126t120000z"
    assert sampler.services == {"loki": "loki", "collector": "alloy"}
