"""The run's Loki config: the user's file, with only server.http_tls_config added."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from sim.errors import LokiConfigError
from sim.loki.config import load_loki_config
from sim.stack.lokiconfig import write_tls_config

REPO = Path(__file__).resolve().parents[2]
SHIPPED = REPO / "compose" / "loki" / "config.yaml"


def _without_tls(path: Path) -> dict[str, object]:
    cfg = load_loki_config(path)
    fields = {f.name: getattr(cfg, f.name) for f in dataclasses.fields(cfg)}
    fields["server"] = dataclasses.replace(cfg.server, http_tls_config=None)
    del fields["path"], fields["raw"]
    return fields


def test_the_shipped_config_gains_tls_and_nothing_else(tmp_path: Path) -> None:
    derived = write_tls_config(
        SHIPPED, tmp_path / "loki.yaml", cert_file="/c/tls.crt", key_file="/c/tls.key"
    )
    tls = load_loki_config(derived).server.http_tls_config
    assert (tls.cert_file, tls.key_file, tls.enabled) == ("/c/tls.crt", "/c/tls.key", True)
    assert _without_tls(derived) == _without_tls(SHIPPED)
    assert load_loki_config(SHIPPED).server.http_tls_config.enabled is False  # left as it was


@pytest.mark.parametrize(
    ("server", "kept"),
    [
        # no server block at all (compose/loki/config.yaml has none)
        ("", ("", "")),
        # a server block with other fields and client-certificate settings of the user's
        (
            "server:\n  http_listen_port: 3100\n  http_tls_config:\n"
            "    client_auth_type: VerifyClientCertIfGiven\n    client_ca_file: /ca.pem\n",
            ("VerifyClientCertIfGiven", "/ca.pem"),
        ),
    ],
)
def test_other_tls_fields_are_kept(tmp_path: Path, server: str, kept: tuple[str, str]) -> None:
    source = tmp_path / "user.yaml"
    source.write_text(SHIPPED.read_text() + server)
    derived = write_tls_config(source, tmp_path / "out.yaml", cert_file="/a", key_file="/b")
    tls = load_loki_config(derived).server.http_tls_config
    assert (tls.client_auth_type, tls.client_ca_file) == kept
    assert (tls.cert_file, tls.key_file) == ("/a", "/b")


def test_a_server_that_is_not_a_mapping_names_the_field(tmp_path: Path) -> None:
    source = tmp_path / "user.yaml"
    source.write_text("server: 3100\n")
    with pytest.raises(LokiConfigError, match=r"user.yaml: server: expected a mapping, got int"):
        write_tls_config(source, tmp_path / "out.yaml", cert_file="/a", key_file="/b")
