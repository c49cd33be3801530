"""`lokisim loki serve` options: --listen, TLS from server.http_tls_config."""

from __future__ import annotations

import ssl
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from sim.errors import LokiConfigError, UnsupportedFeature, UsageError
from sim.loki.config import load_loki_config
from sim.loki.config.model import TLSConfig
from sim.loki.http.serve import parse_listen, tls_context
from tests.loki.http.conftest import write_config


@pytest.fixture
def cfg(tmp_path: Path):
    return load_loki_config(write_config(tmp_path))


@pytest.mark.parametrize(
    ("listen", "expected"),
    [
        (None, ("127.0.0.1", 3100)),  # server.http_listen_port default (pkg/loki/loki.go)
        ("127.0.0.1:0", ("127.0.0.1", 0)),
        ("0.0.0.0:3100", ("0.0.0.0", 3100)),
        ("[::1]:8080", ("::1", 8080)),
    ],
)
def test_parse_listen(cfg, listen: str | None, expected: tuple[str, int]) -> None:
    assert parse_listen(listen, cfg) == expected


@pytest.mark.parametrize("listen", ["3100", ":3100", "host:port", "host:70000"])
def test_a_bad_listen_is_a_usage_error(cfg, listen: str) -> None:
    with pytest.raises(UsageError, match="--listen: expected HOST:PORT"):
        parse_listen(listen, cfg)


def _self_signed(directory: Path) -> tuple[str, str]:
    cert, key = directory / "cert.pem", directory / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost",
         "-keyout", str(key), "-out", str(cert), "-days", "1"],
        check=True, capture_output=True,
    )  # fmt: skip
    return str(cert), str(key)


def test_tls_needs_cert_and_key(cfg, tmp_path: Path) -> None:
    # dskit server.go: TLS only when a certificate and a key are both given
    assert tls_context(cfg) is None
    only_cert = replace(cfg, server=replace(cfg.server, http_tls_config=TLSConfig(cert_file="c")))
    assert tls_context(only_cert) is None


def test_unreadable_tls_files_are_a_config_error(cfg, tmp_path: Path) -> None:
    tls = TLSConfig(cert_file=str(tmp_path / "no.pem"), key_file=str(tmp_path / "no.key"))
    with pytest.raises(LokiConfigError, match="http_tls_config"):
        tls_context(replace(cfg, server=replace(cfg.server, http_tls_config=tls)))


def test_tls_context_from_files(cfg, tmp_path: Path) -> None:
    cert, key = _self_signed(tmp_path)
    tls = TLSConfig(cert_file=cert, key_file=key)
    context = tls_context(replace(cfg, server=replace(cfg.server, http_tls_config=tls)))
    assert context is not None and context.verify_mode == ssl.CERT_NONE
    asks = TLSConfig(cert_file=cert, key_file=key, client_auth_type="RequestClientCert")
    with pytest.raises(UnsupportedFeature, match="client_auth_type"):
        tls_context(replace(cfg, server=replace(cfg.server, http_tls_config=asks)))
