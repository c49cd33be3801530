"""compose/docker-compose.yml: the compose specification's schema and the ADR's invariants."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
import re2

from tests.compose.paths import COMPOSE_DIR, COMPOSE_FILE, DATA, load_yaml

COMPOSE = load_yaml(COMPOSE_FILE)
SERVICES = COMPOSE["services"]
# Every long-running service; loki-init only chowns the fresh data volume and exits.
LONG_RUNNING = sorted(name for name in SERVICES if name != "loki-init")
PINNED_TAG = re2.compile(r"^[a-z0-9./-]+:v?\d+\.\d+\.\d+$")


def test_validates_against_the_compose_specification_schema():
    # data/compose_spec.json: compose/config/compose_spec.json from the docker-compose 1.29.2
    # wheel on PyPI (Apache-2.0). It predates the top-level `name`, which Compose v2 reads.
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is not installed")
    schema = json.loads((DATA / "compose_spec.json").read_text(encoding="utf-8"))
    document = {key: value for key, value in COMPOSE.items() if key != "name"}
    jsonschema.Draft201909Validator(schema).validate(document)
    assert COMPOSE["name"] == "lokisim"


@pytest.mark.parametrize("service", sorted(SERVICES))
def test_images_are_pinned_never_latest(service):
    image = SERVICES[service]["image"]
    assert PINNED_TAG.match(image), f"{service}: {image!r} is not pinned to a version"


@pytest.mark.parametrize(
    ("service", "image"),
    [
        # ADR-loki.md / DESIGN.md: Loki and Promtail 3.6.x, one release for both.
        ("loki", "grafana/loki:3.6.10"),
        ("promtail", "grafana/promtail:3.6.10"),
    ],
)
def test_loki_and_promtail_are_the_3_6_line(service, image):
    assert SERVICES[service]["image"] == image


@pytest.mark.parametrize("service", sorted(SERVICES))
def test_published_ports_bind_loopback_only(service):
    # ADR 6.4: no external exposure.
    for port in SERVICES[service].get("ports", []):
        assert str(port).startswith("127.0.0.1:"), f"{service}: {port!r}"


@pytest.mark.parametrize("service", sorted(SERVICES))
def test_hardening(service):
    # ADR 6.3: readOnlyRootFilesystem, capabilities drop ALL, allowPrivilegeEscalation false.
    spec = SERVICES[service]
    assert spec["read_only"] is True
    assert spec["cap_drop"] == ["ALL"]
    assert "no-new-privileges:true" in spec["security_opt"]
    assert "privileged" not in spec


@pytest.mark.parametrize(
    ("service", "user", "cap_add"),
    [
        ("loki", "10001:10001", None),  # ADR 6.3 Loki: runAsUser/runAsGroup 10001
        ("promtail", "0:0", ["DAC_READ_SEARCH"]),  # ADR 6.3 Promtail: root + DAC_READ_SEARCH
        ("alloy", "0:0", ["DAC_READ_SEARCH"]),  # same job as Promtail
        ("loki-init", "0:0", ["CHOWN"]),  # only chowns the data volume for uid 10001
    ],
)
def test_users_and_added_capabilities(service, user, cap_add):
    assert SERVICES[service]["user"] == user
    assert SERVICES[service].get("cap_add") == cap_add


def test_loki_runs_the_shipped_config_with_data_on_a_named_volume():
    loki = SERVICES["loki"]
    assert loki["command"] == ["-config.file=/etc/loki/config.yaml"]
    assert "./loki/config.yaml:/etc/loki/config.yaml:ro" in loki["volumes"]
    assert "loki-data:/var/loki" in loki["volumes"]
    assert "loki-data" in COMPOSE["volumes"]
    assert "loki-data:/var/loki" in SERVICES["loki-init"]["volumes"]


def test_promtail_chooses_adr_or_recommended_and_expands_env():
    promtail = SERVICES["promtail"]
    assert promtail["command"] == [
        "-config.file=/etc/promtail/${LOKISIM_COLLECTOR:-adr}.yaml",
        "-config.expand-env=true",
    ]
    assert "./promtail:/etc/promtail:ro" in promtail["volumes"]
    # compose/promtail/adr.yaml's header: the env vars it expands.
    env = promtail["environment"]
    assert env["LOKI_URL"] == "http://loki:3100/loki/api/v1/push"
    assert env["LOKISIM_PODS_DIR"] == "/var/log/pods"
    for collector in ("adr", "recommended"):
        assert (COMPOSE_DIR / "promtail" / f"{collector}.yaml").is_file()


@pytest.mark.parametrize("service", ["promtail", "alloy"])
def test_collectors_read_the_pods_dir_read_only(service):
    assert "${LOKISIM_PODS_DIR:-../runs/pods}:/var/log/pods:ro" in SERVICES[service]["volumes"]


def test_alloy_only_under_its_profile():
    assert SERVICES["alloy"]["profiles"] == ["alloy"]
    assert all("profiles" not in SERVICES[s] for s in SERVICES if s != "alloy")


@pytest.mark.parametrize("service", sorted(SERVICES))
def test_every_bind_mount_source_exists(service):
    for volume in SERVICES[service].get("volumes", []):
        source = volume.split(":", 1)[0]
        if source.startswith("./"):
            assert (COMPOSE_DIR / source).exists(), f"{service}: {source} is missing"


@pytest.mark.parametrize("service", LONG_RUNNING)
def test_scratch_paths_are_tmpfs(service):
    assert "/tmp" in SERVICES[service]["tmpfs"]


def _docker_answers() -> bool:
    docker = shutil.which("docker")
    if docker is None:
        return False
    probe = subprocess.run([docker, "info"], capture_output=True, timeout=20, check=False)
    return probe.returncode == 0


@pytest.mark.requires_docker
def test_docker_compose_config_accepts_the_file():
    if not _docker_answers():
        pytest.skip("no Docker engine answers")
    result = subprocess.run(
        ["docker", "compose", "-f", str(COMPOSE_FILE), "--profile", "alloy", "config", "--quiet"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
