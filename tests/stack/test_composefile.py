"""The per-run override layered on compose/docker-compose.yml: exact documents per case."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from sim.stack.composefile import Collector, override, service_images, write_override

REPO = Path(__file__).resolve().parents[2]
RUN = Path("/runs/tiny-20261126T120000Z")
CONFIG = f"{RUN}/loki-config.yaml:/etc/loki/config.yaml:ro"
INIT = (
    "chown 10001:10001 /var/loki && cp /lokisim/tls/loki.crt /etc/loki/certs/tls.crt && "
    "cp /lokisim/tls/loki.key /etc/loki/certs/tls.key && chmod 0644 /etc/loki/certs/tls.crt && "
    "chmod 0600 /etc/loki/certs/tls.key && "
    "chown 10001:10001 /etc/loki/certs/tls.crt /etc/loki/certs/tls.key"
)
TLS_INIT = {
    "cap_add": ["DAC_READ_SEARCH"],
    "volumes": [f"{RUN}/tls:/lokisim/tls:ro", "loki-certs:/etc/loki/certs"],
    "command": ["sh", "-c", INIT],
}
TLS_LOKI = {"volumes": [CONFIG, "loki-certs:/etc/loki/certs:ro"]}
CA = f"{RUN}/tls/ca.crt:/etc/lokisim/ca.crt:ro"

CASES: list[tuple[str, Collector, bool, dict[str, Any]]] = [
    (
        "adr or recommended with TLS: Promtail verifies Loki's certificate with the run's CA",
        Collector("promtail"),
        True,
        {
            "services": {
                "loki": TLS_LOKI,
                "promtail": {
                    "environment": {
                        "LOKI_URL": "https://loki:3100/loki/api/v1/push",
                        "LOKI_CA_FILE": "/etc/lokisim/ca.crt",
                    },
                    "volumes": [CA],
                },
                "loki-init": TLS_INIT,
            },
            "volumes": {"loki-certs": {}},
        },
    ),
    (
        "LOKISIM_TLS=off: only the run's Loki config",
        Collector("promtail"),
        False,
        {"services": {"loki": {"volumes": [CONFIG]}}},
    ),
    (
        "a Promtail config of the user's is mounted and named on the command line",
        Collector("promtail", Path("/home/me/my promtail.yml")),
        False,
        {
            "services": {
                "loki": {"volumes": [CONFIG]},
                "promtail": {
                    "volumes": ["/home/me/my promtail.yml:/etc/lokisim/promtail.yaml:ro"],
                    "command": [
                        "-config.file=/etc/lokisim/promtail.yaml",
                        "-config.expand-env=true",
                    ],
                },
            }
        },
    ),
    (
        "an Alloy config replaces the shipped one; Go's x509 trusts SSL_CERT_FILE",
        Collector("alloy", Path("/home/me/$HOME.alloy")),
        True,
        {
            "services": {
                "loki": TLS_LOKI,
                "alloy": {
                    "environment": {
                        "LOKI_URL": "https://loki:3100/loki/api/v1/push",
                        "SSL_CERT_FILE": "/etc/lokisim/ca.crt",
                    },
                    # `$` doubled: Compose interpolates every value
                    "volumes": ["/home/me/$$HOME.alloy:/etc/alloy/config.alloy:ro", CA],
                },
                "loki-init": TLS_INIT,
            },
            "volumes": {"loki-certs": {}},
        },
    ),
]


@pytest.mark.parametrize(
    ("collector", "tls", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_override(collector: Collector, tls: bool, expected: dict[str, Any]) -> None:
    document = override(
        loki_config=RUN / "loki-config.yaml",
        collector=collector,
        tls_dir=RUN / "tls" if tls else None,
    )
    assert document == expected


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_override_is_a_valid_compose_document(case: tuple[Any, ...], tmp_path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is not installed")
    # The schema tests/compose checks the base file with (compose-spec, docker-compose 1.29.2).
    schema = json.loads((REPO / "tests/compose/data/compose_spec.json").read_text())
    _, collector, tls, _ = case
    path = write_override(
        tmp_path / "o.yaml",
        override(loki_config=RUN / "c.yaml", collector=collector, tls_dir=RUN if tls else None),
    )
    jsonschema.Draft201909Validator(schema).validate(yaml.safe_load(path.read_text()))


def test_only_alloy_needs_a_profile() -> None:
    assert Collector("alloy").profiles == ("alloy",)
    assert Collector("promtail").profiles == ()


def test_service_images_are_the_base_files_pins() -> None:
    # compose/docker-compose.yml: the images each run pulls when missing
    images = service_images(REPO / "compose" / "docker-compose.yml")
    assert {name: images[name] for name in ("loki-init", "loki", "promtail", "alloy")} == {
        "loki-init": "busybox:1.37.0",
        "loki": "grafana/loki:3.6.10",
        "promtail": "grafana/promtail:3.6.10",
        "alloy": "grafana/alloy:v1.11.3",
    }
