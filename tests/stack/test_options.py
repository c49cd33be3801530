"""The stack settings read from LOKISIM_TLS, LOKISIM_TENANT and LOKISIM_CA_FILE."""

from __future__ import annotations

from pathlib import Path

import pytest

from sim.errors import UsageError
from sim.stack.options import StackOptions, stack_options
from sim.stack.targets import Target

EMBEDDED = Target("embedded")
HTTPS = Target("url", url="https://loki.staging:3100")
HTTP = Target("url", url="http://loki.staging:3100")


@pytest.mark.parametrize(
    ("target", "environ", "collector_tenant", "expected"),
    [
        # ADR 6.2 prescribes TLS: on unless asked otherwise
        (EMBEDDED, {}, "", StackOptions(tls=True)),
        (EMBEDDED, {"LOKISIM_TLS": "off"}, "", StackOptions(tls=False)),
        (EMBEDDED, {"LOKISIM_TLS": "ON"}, "", StackOptions(tls=True)),
        # a URL target: the tenant the collector config pushes to, unless LOKISIM_TENANT says
        (HTTPS, {}, "", StackOptions()),
        (HTTPS, {}, "homelab", StackOptions(tenant="homelab")),
        (HTTPS, {"LOKISIM_TENANT": "homelab"}, "", StackOptions(tenant="homelab")),
        (HTTPS, {"LOKISIM_TENANT": "homelab"}, "homelab", StackOptions(tenant="homelab")),
    ],
)
def test_settings(
    target: Target, environ: dict[str, str], collector_tenant: str, expected: StackOptions
) -> None:
    assert stack_options(target, environ, collector_tenant) == expected


def test_a_ca_file_for_an_https_url(tmp_path: Path) -> None:
    ca = tmp_path / "ca.crt"
    ca.write_text("pem")
    assert stack_options(HTTPS, {"LOKISIM_CA_FILE": str(ca)}).ca_file == ca


@pytest.mark.parametrize(
    ("target", "environ", "collector_tenant", "message"),
    [
        (EMBEDDED, {"LOKISIM_TLS": "maybe"}, "", "LOKISIM_TLS: expected on or off, got 'maybe'"),
        (
            EMBEDDED,
            {"LOKISIM_TENANT": "t"},
            "",
            "LOKISIM_TENANT='t' applies only to a Loki URL target, not embedded",
        ),
        (
            Target("compose"),
            {"LOKISIM_CA_FILE": "/ca"},
            "",
            "LOKISIM_CA_FILE='/ca' applies only to a Loki URL target, not compose",
        ),
        (HTTPS, {"LOKISIM_TLS": "off"}, "", "LOKISIM_TLS='off': a URL target's scheme says"),
        (
            HTTPS,
            {"LOKISIM_TENANT": "a"},
            "b",
            "LOKISIM_TENANT='a', but the collector pushes to tenant 'b'",
        ),
        (
            HTTP,
            {"LOKISIM_CA_FILE": "/ca"},
            "",
            "LOKISIM_CA_FILE='/ca' is set but the target http://loki.staging:3100 is not https://",
        ),
        (
            HTTPS,
            {"LOKISIM_CA_FILE": "/nonexistent/ca.crt"},
            "",
            "LOKISIM_CA_FILE: expected a PEM CA bundle file, '/nonexistent/ca.crt' is none",
        ),
    ],
)
def test_wrong_settings_name_the_variable(
    target: Target, environ: dict[str, str], collector_tenant: str, message: str
) -> None:
    with pytest.raises(UsageError) as caught:
        stack_options(target, environ, collector_tenant)
    assert str(caught.value).startswith(message)


COMPOSE = Target("compose", reason="asked for")
AUTO_EMBEDDED = Target("embedded", reason="auto: no Docker engine socket at /var/run/docker.sock")


@pytest.mark.parametrize(
    ("target", "environ", "expected"),
    [
        # the issue: a compose run's volumes are kept unless asked
        (COMPOSE, {}, StackOptions(remove_volumes=False)),
        (COMPOSE, {"LOKISIM_COMPOSE_REMOVE_VOLUMES": "1"}, StackOptions(remove_volumes=True)),
        (COMPOSE, {"LOKISIM_COMPOSE_REMOVE_VOLUMES": "On"}, StackOptions(remove_volumes=True)),
        (COMPOSE, {"LOKISIM_COMPOSE_REMOVE_VOLUMES": "off"}, StackOptions(remove_volumes=False)),
        # `auto` found no engine: the setting waits for one, and is not an error
        (AUTO_EMBEDDED, {"LOKISIM_COMPOSE_REMOVE_VOLUMES": "1"}, StackOptions(remove_volumes=True)),
        (EMBEDDED, {"LOKISIM_COMPOSE_REMOVE_VOLUMES": "0"}, StackOptions(remove_volumes=False)),
    ],
)
def test_remove_volumes(target: Target, environ: dict[str, str], expected: StackOptions) -> None:
    assert stack_options(target, environ) == expected


@pytest.mark.parametrize(
    ("target", "value", "message"),
    [
        (
            COMPOSE,
            "always",
            "LOKISIM_COMPOSE_REMOVE_VOLUMES: expected on or off, got 'always'",
        ),
        (
            Target("embedded", reason="asked for"),
            "yes",
            "LOKISIM_COMPOSE_REMOVE_VOLUMES='yes' applies only to the compose target, not "
            "embedded (which has no Docker volumes); unset it",
        ),
        (
            HTTPS,
            "1",
            "LOKISIM_COMPOSE_REMOVE_VOLUMES='1' applies only to the compose target, not url",
        ),
    ],
)
def test_remove_volumes_refused(target: Target, value: str, message: str) -> None:
    with pytest.raises(UsageError) as caught:
        stack_options(target, {"LOKISIM_COMPOSE_REMOVE_VOLUMES": value})
    assert str(caught.value).startswith(message)
