"""The per-run override file layered on compose/docker-compose.yml (`-f base -f override`).

The base file stays what `docker compose up` runs by hand; a run adds only what is its own,
through Compose's merge rules (volumes merge by container path, environment by name,
`command` is replaced): the run's Loki config and certificate, the collector chosen, and
the CA the collector verifies Loki with. Published ports are the base file's variables.

Loki runs as uid 10001 (ADR 6.3) and must read its key, which the run writes 0600 for the
user running lokisim: `loki-init`, which already prepares Loki's volume as root, copies
the certificate and key into a volume of the run's own, owned by 10001, the key still 0600.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

LOKI_CERT = "/etc/loki/certs/tls.crt"  # ADR 6.2's paths
LOKI_KEY = "/etc/loki/certs/tls.key"
CERTS_VOLUME = "loki-certs"
RUN_TLS = "/lokisim/tls"
CA_IN_COLLECTOR = "/etc/lokisim/ca.crt"
PROMTAIL_CONFIG = "/etc/lokisim/promtail.yaml"
ALLOY_CONFIG = "/etc/alloy/config.alloy"
LOKI_PUSH = "://loki:3100/loki/api/v1/push"

_INIT_SCRIPT = " && ".join(
    [
        "chown 10001:10001 /var/loki",
        f"cp {RUN_TLS}/loki.crt {LOKI_CERT}",
        f"cp {RUN_TLS}/loki.key {LOKI_KEY}",
        f"chmod 0644 {LOKI_CERT}",
        f"chmod 0600 {LOKI_KEY}",  # before chown: root may chmod only what it owns
        f"chown 10001:10001 {LOKI_CERT} {LOKI_KEY}",
    ]
)


@dataclass(frozen=True, slots=True)
class Collector:
    """Which collector service runs, and the config file it reads (None: the base file's)."""

    service: str  # "promtail" or "alloy"
    config: Path | None = None

    @property
    def profiles(self) -> tuple[str, ...]:
        return ("alloy",) if self.service == "alloy" else ()


def _escaped(path: Path) -> str:
    return str(path.resolve()).replace("$", "$$")  # Compose interpolates `$` in every value


def override(*, loki_config: Path, collector: Collector, tls_dir: Path | None) -> dict[str, Any]:
    """The override document: plain data, written as YAML by `write_override`."""
    loki: dict[str, Any] = {"volumes": [f"{_escaped(loki_config)}:/etc/loki/config.yaml:ro"]}
    agent: dict[str, Any] = {"environment": {}, "volumes": []}
    services: dict[str, Any] = {"loki": loki, collector.service: agent}
    document: dict[str, Any] = {"services": services}
    if collector.config is not None and collector.service == "alloy":
        agent["volumes"].append(f"{_escaped(collector.config)}:{ALLOY_CONFIG}:ro")
    elif collector.config is not None:
        agent["volumes"].append(f"{_escaped(collector.config)}:{PROMTAIL_CONFIG}:ro")
        agent["command"] = [f"-config.file={PROMTAIL_CONFIG}", "-config.expand-env=true"]
    if tls_dir is not None:
        services["loki-init"] = {
            "cap_add": ["DAC_READ_SEARCH"],  # root reads the run's key, owned by the user
            "volumes": [f"{_escaped(tls_dir)}:{RUN_TLS}:ro", f"{CERTS_VOLUME}:/etc/loki/certs"],
            "command": ["sh", "-c", _INIT_SCRIPT],
        }
        loki["volumes"].append(f"{CERTS_VOLUME}:/etc/loki/certs:ro")
        agent["volumes"].append(f"{_escaped(tls_dir / 'ca.crt')}:{CA_IN_COLLECTOR}:ro")
        agent["environment"]["LOKI_URL"] = "https" + LOKI_PUSH
        if collector.service == "alloy":
            # config.alloy has no tls block to name a CA; Go's x509 reads SSL_CERT_FILE.
            agent["environment"]["SSL_CERT_FILE"] = CA_IN_COLLECTOR
        else:
            agent["environment"]["LOKI_CA_FILE"] = CA_IN_COLLECTOR
        document["volumes"] = {CERTS_VOLUME: {}}
    for key in ("environment", "volumes"):
        if not agent[key]:
            del agent[key]
    if not agent:
        del services[collector.service]
    return document


def write_override(path: Path, document: dict[str, Any]) -> Path:
    header = "# Written by lokisim for one run: layered on compose/docker-compose.yml.\n"
    path.write_text(header + yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    return path


def service_images(compose_file: Path) -> dict[str, str]:
    """Each service's `image:` in the base file (the override never changes one)."""
    document = yaml.safe_load(compose_file.read_text(encoding="utf-8")) or {}
    services = document.get("services") or {}
    return {
        str(name): str(spec["image"])
        for name, spec in services.items()
        if isinstance(spec, dict) and spec.get("image")
    }
