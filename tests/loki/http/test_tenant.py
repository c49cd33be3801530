"""Tenant IDs as dskit's auth middleware and tenant package check them."""

from __future__ import annotations

import pytest
from aiohttp.test_utils import make_mocked_request

from sim.errors import UnsupportedFeature
from sim.loki.http.errors import HTTPError
from sim.loki.http.tenant import push_tenant, query_tenant, validate_tenant_id


# vendor/github.com/grafana/dskit/tenant/tenant.go ValidTenantID (v3.6.0)
@pytest.mark.parametrize(
    ("tenant", "error"),
    [
        ("team-a", None),
        ("Team_A.prod(1)!*'", None),  # isSupported: letters, digits and !-_.*'()
        ("a b", "tenant ID 'a b' contains unsupported character ' '"),
        ("a/b", "tenant ID 'a/b' contains unsupported character '/'"),
        ("é", "tenant ID 'é' contains unsupported character 'Ã'"),  # %c of the first byte
        ("x" * 150, None),
        ("x" * 151, "tenant ID is too long: max 150 characters"),
        (".", "tenant ID is '.' or '..'"),
        ("..", "tenant ID is '.' or '..'"),
    ],
)
def test_validate_tenant_id(tenant: str, error: str | None) -> None:
    assert validate_tenant_id(tenant) == error


def _request(org: str | None) -> object:
    headers = {"X-Scope-OrgID": org} if org is not None else {}
    return make_mocked_request("POST", "/loki/api/v1/push", headers=headers)


def test_without_auth_every_request_is_fake() -> None:
    # pkg/loki/modules.go: auth disabled injects "fake" and ignores the header
    assert push_tenant(_request("team-a"), auth_enabled=False) == "fake"  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("org", "status", "text", "newline"),
    [
        (None, 401, "no org id", True),  # middleware.AuthenticateUser: http.Error 401
        ("", 401, "no org id", True),
        ("a|b", 400, "multiple org IDs present", True),  # tenant.TenantID
        ("a b", 400, "tenant ID 'a b' contains unsupported character ' '", True),
    ],
)
def test_push_tenant_errors(org: str | None, status: int, text: str, newline: bool) -> None:
    with pytest.raises(HTTPError) as raised:
        push_tenant(_request(org), auth_enabled=True)  # type: ignore[arg-type]
    assert (raised.value.status, raised.value.text, raised.value.newline) == (
        status,
        text,
        newline,
    )


def test_query_tenant_errors_have_no_newline_and_multi_tenant_is_refused() -> None:
    with pytest.raises(HTTPError) as raised:
        query_tenant(_request("a b"), auth_enabled=True)  # type: ignore[arg-type]
    assert not raised.value.newline  # server.WriteError
    assert query_tenant(_request("a|a"), auth_enabled=True) == "a"  # type: ignore[arg-type]
    with pytest.raises(UnsupportedFeature, match="multi-tenant"):
        query_tenant(_request("a|b"), auth_enabled=True)  # type: ignore[arg-type]
