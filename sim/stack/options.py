"""A run's stack settings from the environment (no new command-line flags: DESIGN.md's
contract changes only additively, and these matter only to some targets).

    LOKISIM_TLS      on (default) | off: the embedded and compose Loki serve HTTPS with the
                     run's throwaway CA (ADR 6.2); off serves plain HTTP
    LOKISIM_TENANT   URL target: X-Scope-OrgID for the runner's queries (default: the
                     collector config's clients[].tenant_id, else none)
    LOKISIM_CA_FILE  URL target, https:// only: the CA bundle that signed that Loki's
                     certificate, for the runner and the collector (default: system CAs)
    LOKISIM_COMPOSE_REMOVE_VOLUMES
                     compose: on also removes the run's volumes at the end; off (default)
                     keeps them, so Loki's data can still be looked at
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from sim.errors import UsageError
from sim.stack.targets import Target

TLS = "LOKISIM_TLS"
TENANT = "LOKISIM_TENANT"
CA_FILE = "LOKISIM_CA_FILE"
REMOVE_VOLUMES = "LOKISIM_COMPOSE_REMOVE_VOLUMES"
_ON = ("", "1", "on", "true", "yes")
_OFF = ("0", "off", "false", "no")


@dataclass(frozen=True, slots=True)
class StackOptions:
    tls: bool = True  # embedded and compose: Loki serves HTTPS with the run's CA
    tenant: str | None = None  # URL target: X-Scope-OrgID
    ca_file: Path | None = None  # URL target: CA bundle for an https:// Loki
    remove_volumes: bool = False  # compose: `down --volumes` rather than keeping Loki's data


def stack_options(
    target: Target, environ: Mapping[str, str], collector_tenant: str = ""
) -> StackOptions:
    """Reads and checks the variables; a wrong one is a UsageError naming it."""
    tls_value = environ.get(TLS, "").strip().lower()
    if tls_value not in _ON + _OFF:
        raise UsageError(f"{TLS}: expected on or off, got {environ[TLS]!r}")
    remove_volumes = _remove_volumes(target, environ)
    tenant = environ.get(TENANT, "")
    ca_value = environ.get(CA_FILE, "")
    if target.kind != "url":
        for name, value in ((TENANT, tenant), (CA_FILE, ca_value)):
            if value:
                raise UsageError(
                    f"{name}={value!r} applies only to a Loki URL target, not {target.kind} "
                    "(whose Loki the run starts itself); unset it"
                )
        return StackOptions(tls=tls_value not in _OFF, remove_volumes=remove_volumes)
    if tls_value in _OFF:
        raise UsageError(
            f"{TLS}={environ[TLS]!r}: a URL target's scheme says whether it is TLS; unset it"
        )
    if tenant and collector_tenant and tenant != collector_tenant:
        raise UsageError(
            f"{TENANT}={tenant!r}, but the collector pushes to tenant {collector_tenant!r} "
            "(its clients[].tenant_id): the run would query another tenant than it wrote to"
        )
    ca_file: Path | None = None
    if ca_value:
        if not target.url.startswith("https://"):
            raise UsageError(
                f"{CA_FILE}={ca_value!r} is set but the target {target.url} is not https://: "
                "there is no certificate to verify; use https:// or unset it"
            )
        ca_file = Path(ca_value)
        if not ca_file.is_file():
            raise UsageError(f"{CA_FILE}: expected a PEM CA bundle file, {ca_value!r} is none")
    return StackOptions(tls=True, tenant=tenant or collector_tenant or None, ca_file=ca_file)


def _remove_volumes(target: Target, environ: Mapping[str, str]) -> bool:
    """On only when asked; refused for a target named on the command line that has no
    volumes, but not when `auto` chose it (the variable then only waits for an engine)."""
    value = environ.get(REMOVE_VOLUMES, "").strip().lower()
    if value not in _ON + _OFF:
        raise UsageError(f"{REMOVE_VOLUMES}: expected on or off, got {environ[REMOVE_VOLUMES]!r}")
    wanted = value not in ("", *_OFF)
    if wanted and target.kind != "compose" and not target.reason.startswith("auto"):
        raise UsageError(
            f"{REMOVE_VOLUMES}={environ[REMOVE_VOLUMES]!r} applies only to the compose target, "
            f"not {target.kind} (which has no Docker volumes); unset it"
        )
    return wanted
