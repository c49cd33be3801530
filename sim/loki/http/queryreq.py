"""What every read endpoint does before its own work, in the query frontend's order.

pkg/loki/modules.go wraps the frontend handler in: the auth middleware (401 "no org id"),
PrepopulateMiddleware (Request.ParseForm; 400 on a bad form); then the codec decodes the
parameters (400), and only then does the limits middleware read the tenant IDs (400 for an
invalid one). Every error on this path is written by server.WriteError: text/plain, no
newline. Successful answers are JSON with "application/json; charset=UTF-8".
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from sim.loki.http import messages as m
from sim.loki.http.errors import HTTPError, query_status, write_error
from sim.loki.http.form import Form, FormError, build_form
from sim.loki.http.params import ParamError
from sim.loki.http.push import read_bounded
from sim.loki.http.runtime import RUNTIME, LokiRuntime
from sim.loki.http.tenant import org_id, query_tenant
from sim.loki.store import Store

FRONTEND_MAX_BODY_SIZE = 10 << 20  # frontend.max-body-size default
ENCODING_FLAGS_HEADER = "X-Loki-Response-Encoding-Flags"  # pkg/util/httpreq
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


async def read_form(request: web.Request) -> Form:
    """ParseForm: a url-encoded POST body's values, then the URL query's."""
    body = None
    if request.method in ("POST", "PUT", "PATCH"):
        media = request.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if media == "application/x-www-form-urlencoded":
            body, _ = await read_bounded(request, FRONTEND_MAX_BODY_SIZE)
    try:
        return build_form(request.rel_url.raw_query_string, body)
    except FormError as err:
        raise HTTPError(400, str(err)) from None


async def begin(request: web.Request) -> tuple[LokiRuntime, Form]:
    """Auth, then the form. The tenant itself is checked later, by `tenant_of`."""
    runtime = request.app[RUNTIME]
    org_id(request, runtime.cfg.auth_enabled)
    return runtime, await read_form(request)


def tenant_of(request: web.Request, runtime: LokiRuntime) -> str:
    return query_tenant(request, runtime.cfg.auth_enabled)


def store_of(runtime: LokiRuntime) -> Store:
    """The store once the ingester runs; before that the querier meets an empty ring."""
    if runtime.store is None or not runtime.readiness.accepting:
        raise HTTPError(500, m.ERR_EMPTY_RING)
    return runtime.store


def encoding_flags(request: web.Request) -> tuple[str, ...]:
    """httpreq.ExtractEncodingFlags: a comma-separated header."""
    header = request.headers.get(ENCODING_FLAGS_HEADER, "")
    return tuple(flag.strip() for flag in header.split(",") if flag.strip())


def json_response(payload: Any) -> web.Response:
    """jsoniter's output: compact, followed by a newline."""
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":")) + "\n"
    return json_bytes(text.encode("utf-8", "surrogateescape"))


def json_bytes(body: bytes) -> web.Response:
    response = web.Response(status=200, body=body)
    response.headers["Content-Type"] = m.JSON_UTF8
    return response


def query_endpoint(handler: Handler) -> Handler:
    """Answer every error of a read endpoint the way server.WriteError does."""

    async def wrapped(request: web.Request) -> web.StreamResponse:
        try:
            return await handler(request)
        except HTTPError as err:
            return err.response()
        except ParamError as err:
            return write_error(400, str(err))
        except Exception as err:
            status, text = query_status(err)
            return write_error(status, text)

    return wrapped
