"""The Loki config a run serves: the user's file, plus only `server.http_tls_config`.

Why a derived copy rather than `${LOKI_TLS_CERT_FILE:-}` in compose/loki/config.yaml under
`-config.expand-env=true`: it works for any `--loki-config` (whose author never wrote those
references), leaves the shared file loadable by a plain `docker compose up` and
`lokisim loki serve` without expand-env, and both targets still read one file: this copy.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from sim.errors import LokiConfigError

HEADER = (
    "# Written by lokisim for this run: {source}\n"
    "# unchanged but for server.http_tls_config (the run's throwaway certificate).\n"
)


def _mapping(value: Any, where: str, field: str) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise LokiConfigError(where, field, f"expected a mapping, got {type(value).__name__}")
    return value


def write_tls_config(source: Path, dest: Path, *, cert_file: str, key_file: str) -> Path:
    """Writes `dest`: `source` with server.http_tls_config cert_file and key_file set.

    The caller has loaded `source` with Loki's own loader first, so it is valid YAML; any
    other http_tls_config field (client_auth_type, client_ca_file) is kept as written.
    """
    where = str(source)
    try:
        document = yaml.safe_load(source.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as err:
        raise LokiConfigError(where, "", f"cannot read it: {err}") from None
    root = _mapping(document, where, "")
    server = _mapping(root.get("server"), where, "server")
    tls = _mapping(server.get("http_tls_config"), where, "server.http_tls_config")
    tls.update(cert_file=cert_file, key_file=key_file)
    server["http_tls_config"] = tls
    root["server"] = server
    body = yaml.safe_dump(root, sort_keys=False, default_flow_style=False, allow_unicode=True)
    dest.write_text(HEADER.format(source=source) + body, encoding="utf-8")
    return dest
