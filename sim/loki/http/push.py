"""POST /loki/api/v1/push and /api/prom/push (pkg/distributor/http.go pushHandler).

Tenant first (a bad one is 400), then the body through the push path; success is 204 with
no body, anything else is Go's http.Error with the push path's status and text. The body is
read up to the size limit plus one byte: a longer one is refused as too large without being
held in memory (Loki checks Content-Length, then reads at most limit+1 bytes).
"""

from __future__ import annotations

from aiohttp import web

from sim.loki.http.errors import HTTPError, go_http_error
from sim.loki.http.runtime import RUNTIME
from sim.loki.http.tenant import push_tenant
from sim.loki.push.body import RawPush

_READ_CHUNK = 1 << 20


async def read_bounded(request: web.Request, limit: int) -> tuple[bytes, bool]:
    """The body, at most `limit` bytes; True when more was left unread."""
    parts: list[bytes] = []
    size = 0
    while size < limit:
        chunk = await request.content.read(min(_READ_CHUNK, limit - size))
        if not chunk:
            return b"".join(parts), False
        parts.append(chunk)
        size += len(chunk)
    return b"".join(parts), not request.content.at_eof()


async def push_handler(request: web.Request) -> web.StreamResponse:
    runtime = request.app[RUNTIME]
    try:
        tenant = push_tenant(request, runtime.cfg.auth_enabled)
    except HTTPError as err:
        return err.response()
    limit = max(runtime.push_path.max_recv_msg_size, runtime.push_path.json_max_bytes)
    body, truncated = await read_bounded(request, limit + 1)
    length = request.content_length
    if length is None and truncated:
        length = len(body)  # chunked and too long: what reading limit+1 bytes found
    raw = RawPush(
        uri=str(request.rel_url),
        content_type=request.headers.get("Content-Type"),
        content_encoding=request.headers.get("Content-Encoding"),
        body=body,
        content_length=length,
    )
    outcome = runtime.push(tenant, raw)
    if outcome.status == 204:
        return web.Response(status=204)
    return go_http_error(outcome.status, outcome.body)
