"""Who a request is for: dskit's auth middleware and tenant package, as Loki 3.6 wires them.

With `auth_enabled: false` every request is tenant `fake` and X-Scope-OrgID is ignored
(pkg/loki/modules.go). With auth, a missing header is 401 "no org id" (middleware
AuthenticateUser, Go's http.Error), then the ID is checked by tenant.TenantID: characters,
length, "." and "..", and a single tenant only ("a|b" is "multiple org IDs present").
"""

from __future__ import annotations

from aiohttp import web

from sim.errors import UnsupportedFeature
from sim.loki.http import messages as m
from sim.loki.http.errors import HTTPError

_SPECIAL = frozenset("!-_.*'()")


def _supported(char: str) -> bool:
    return (char.isascii() and char.isalnum()) or char in _SPECIAL


def validate_tenant_id(tenant: str) -> str | None:
    """tenant.ValidTenantID: the error text, or None when the ID is valid."""
    raw = tenant.encode("utf-8", "surrogateescape")
    for char in tenant:
        if not _supported(char):
            position = len(tenant[: tenant.index(char)].encode("utf-8", "surrogateescape"))
            # Go prints the first *byte* of the rune with %c, as a Latin-1 character
            shown = chr(raw[position])
            return m.ERR_TENANT_UNSUPPORTED_CHARACTER % (tenant, shown)
    if len(raw) > m.MAX_TENANT_ID_LENGTH:
        return m.ERR_TENANT_ID_TOO_LONG
    if tenant in (".", ".."):
        return m.ERR_UNSAFE_TENANT_ID
    return None


def org_id(request: web.Request, auth_enabled: bool) -> str:
    """The org ID the auth middleware puts in the context (raises the 401)."""
    if not auth_enabled:
        return m.FAKE_TENANT
    value = request.headers.get(m.ORG_ID_HEADER, "")
    if not value:
        raise HTTPError(401, m.ERR_NO_ORG_ID, newline=True)
    return value


def single_tenant(org: str, *, newline: bool) -> str:
    """tenant.TenantID: exactly one valid tenant, else a 400 with dskit's text."""
    ids = org.split(m.TENANT_IDS_SEPARATOR)
    for tenant in ids:
        problem = validate_tenant_id(tenant)
        if problem is not None:
            raise HTTPError(400, problem, newline=newline)
    if len(set(ids)) > 1:
        raise HTTPError(400, m.ERR_TOO_MANY_ORG_IDS, newline=newline)
    return ids[0]


def push_tenant(request: web.Request, auth_enabled: bool) -> str:
    """pkg/distributor/http.go: a tenant error is answered with http.Error, 400."""
    return single_tenant(org_id(request, auth_enabled), newline=True)


def query_tenant(request: web.Request, auth_enabled: bool) -> str:
    """The query path: tenant errors go through server.WriteError (no newline).

    Several tenants ("a|b") are Loki's multi-tenant queries, which the stand-in lacks.
    """
    org = org_id(request, auth_enabled)
    ids = sorted(set(org.split(m.TENANT_IDS_SEPARATOR)))
    if len(ids) > 1 and all(validate_tenant_id(t) is None for t in ids):
        raise UnsupportedFeature("embedded Loki", "multi-tenant queries (X-Scope-OrgID a|b)")
    return single_tenant(org, newline=False)
