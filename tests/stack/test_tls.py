"""The run's throwaway CA and Loki certificate: chain, names, lifetime, file modes."""

from __future__ import annotations

import datetime
import ipaddress
import ssl
import stat
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.x509.verification import PolicyBuilder, Store, VerificationError

from sim.stack.tls import TLSFiles, make_run_tls

NOW = datetime.datetime(2026, 11, 26, 12, 0, tzinfo=datetime.UTC)


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> TLSFiles:
    return make_run_tls(tmp_path_factory.mktemp("run") / "tls", label="test", now=NOW)


def _load(path: Path) -> x509.Certificate:
    return x509.load_pem_x509_certificate(path.read_bytes())


def _verifier(files: TLSFiles, name: x509.GeneralName) -> object:
    builder = PolicyBuilder().store(Store([_load(files.ca_cert)])).time(NOW)
    return builder.build_server_verifier(name)


@pytest.mark.parametrize(
    "name",
    [
        # ADR-loki.md 6.2, the Certificate's dnsNames
        x509.DNSName("loki.monitoring.svc.cluster.local"),
        x509.DNSName("loki.monitoring.svc"),
        # compose/docker-compose.yml: the service name Promtail pushes to
        x509.DNSName("loki"),
        # the runner and the embedded collector reach Loki on the loopback
        x509.DNSName("localhost"),
        x509.IPAddress(ipaddress.ip_address("127.0.0.1")),
    ],
)
def test_the_chain_verifies_for_every_name_loki_is_reached_by(
    files: TLSFiles, name: x509.GeneralName
) -> None:
    verifier = _verifier(files, name)
    chain = verifier.verify(_load(files.cert), [])  # type: ignore[attr-defined]
    assert chain[-1] == _load(files.ca_cert)


def test_another_name_does_not_verify(files: TLSFiles) -> None:
    verifier = _verifier(files, x509.DNSName("loki.example.com"))
    with pytest.raises(VerificationError):
        verifier.verify(_load(files.cert), [])  # type: ignore[attr-defined]


def test_another_runs_ca_does_not_verify(files: TLSFiles, tmp_path: Path) -> None:
    other = make_run_tls(tmp_path / "tls", now=NOW)
    builder = PolicyBuilder().store(Store([_load(other.ca_cert)])).time(NOW)
    with pytest.raises(VerificationError):
        builder.build_server_verifier(x509.DNSName("loki")).verify(_load(files.cert), [])


def test_python_ssl_accepts_the_pair(files: TLSFiles) -> None:
    # What the embedded Loki (load_cert_chain) and the runner (cafile) do with the files.
    server = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server.load_cert_chain(files.cert, files.key)
    client = files.client_context()
    assert client.verify_mode == ssl.CERT_REQUIRED and client.check_hostname
    assert len(client.get_ca_certs()) == 1


def test_a_ca_for_one_day_that_signs_only_server_certificates(files: TLSFiles) -> None:
    ca, leaf = _load(files.ca_cert), _load(files.cert)
    assert ca.extensions.get_extension_for_class(x509.BasicConstraints).value.ca is True
    assert leaf.extensions.get_extension_for_class(x509.BasicConstraints).value.ca is False
    usage = leaf.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    assert list(usage) == [x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]
    for cert in (ca, leaf):
        assert cert.not_valid_after_utc == NOW + datetime.timedelta(days=1)
        assert cert.not_valid_before_utc == NOW - datetime.timedelta(minutes=5)


def test_files_and_modes(files: TLSFiles) -> None:
    # The CA's private key is never written: nothing can sign with it after the run starts.
    assert sorted(p.name for p in files.directory.iterdir()) == ["ca.crt", "loki.crt", "loki.key"]
    modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in files.directory.iterdir()}
    assert modes == {"ca.crt": 0o644, "loki.crt": 0o644, "loki.key": 0o600}
    assert stat.S_IMODE(files.directory.stat().st_mode) == 0o700


def test_refuses_to_reuse_a_directory(files: TLSFiles) -> None:
    with pytest.raises(FileExistsError):
        make_run_tls(files.directory)
