"""The route table of the single binary (pkg/loki/modules.go, loki.go at v3.6.0), like
moto's urls.py: every path Loki serves, with its methods and the handler that answers it.

Paths Loki serves that the stand-in does not are listed too and answer 501 with the path
named, rather than 404. As gorilla/mux does: an unknown path is 404 "404 page not found",
a known path with another method is 405 with an empty body. Every request is timed into
loki_request_duration_seconds with dskit's route name (the path template, non-alphanumerics
as "_", trimmed, lower-cased; "other" when no route matched).
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Awaitable, Callable

from aiohttp import web

from sim.loki.http import messages as m
from sim.loki.http.errors import go_http_error, write_error
from sim.loki.http.labels import (
    index_stats_handler,
    label_values_handler,
    labels_handler,
    series_handler,
)
from sim.loki.http.push import push_handler
from sim.loki.http.query import legacy_handler, query_handler, query_range_handler
from sim.loki.http.runtime import RUNTIME, LokiRuntime
from sim.loki.http.status import (
    buildinfo_handler,
    config_handler,
    metrics_handler,
    ready_handler,
    services_handler,
)
from sim.loki.http.tail import tail_handler

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
READ = ("GET", "POST")


async def flush_handler(request: web.Request) -> web.StreamResponse:
    """Ingester.FlushHandler: flush every stream now (reason `forced`), 204."""
    runtime = request.app[RUNTIME]
    if runtime.store is not None and runtime.readiness.accepting:
        runtime.store.flush(immediate=True)
        runtime.tick()
    return web.Response(status=204)


ROUTES: tuple[tuple[str, tuple[str, ...], Handler], ...] = (
    ("/loki/api/v1/push", ("POST",), push_handler),
    ("/api/prom/push", ("POST",), push_handler),
    ("/loki/api/v1/query_range", READ, query_range_handler),
    ("/loki/api/v1/query", READ, query_handler),
    ("/loki/api/v1/label", READ, labels_handler),
    ("/loki/api/v1/labels", READ, labels_handler),
    ("/loki/api/v1/label/{name}/values", READ, label_values_handler),
    ("/loki/api/v1/series", READ, series_handler),
    ("/loki/api/v1/index/stats", READ, index_stats_handler),
    ("/loki/api/v1/tail", READ, tail_handler),
    ("/api/prom/query", READ, legacy_handler),
    ("/api/prom/label", READ, legacy_handler),
    ("/api/prom/label/{name}/values", READ, legacy_handler),
    ("/api/prom/series", READ, legacy_handler),
    ("/api/prom/tail", READ, legacy_handler),
    ("/ready", ("GET",), ready_handler),
    ("/metrics", ("GET",), metrics_handler),
    ("/config", ("GET",), config_handler),
    ("/loki/api/v1/status/buildinfo", ("GET",), buildinfo_handler),
    ("/services", ("GET",), services_handler),
    ("/flush", READ, flush_handler),
)

# Served by Loki 3.6's single binary, not by the stand-in.
UNSUPPORTED: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("/otlp/v1/logs", ("POST",)),
    ("/loki/api/v1/index/shards", READ),
    ("/loki/api/v1/index/volume", READ),
    ("/loki/api/v1/index/volume_range", READ),
    ("/loki/api/v1/patterns", READ),
    ("/loki/api/v1/detected_labels", READ),
    ("/loki/api/v1/detected_fields", READ),
    ("/loki/api/v1/detected_field/{name}/values", READ),
    ("/loki/api/v1/format_query", READ),
    ("/loki/api/v1/delete", ("GET", "POST", "PUT", "DELETE")),
    ("/loki/api/v1/cache/generation_numbers", ("GET",)),
    ("/loki/api/v1/drilldown-limits", ("GET",)),
    ("/config/tenant/v1/limits", ("GET",)),
    ("/log_level", READ),
    ("/ingester/shutdown", READ),
    ("/ingester/prepare_shutdown", ("GET", "POST", "DELETE")),
    ("/ring", READ),
    ("/distributor/ring", READ),
    ("/compactor/ring", READ),
    ("/memberlist", READ),
    ("/loki/api/v1/rules", ("GET",)),
    ("/prometheus/api/v1/rules", ("GET",)),
    ("/prometheus/api/v1/alerts", ("GET",)),
)

_INVALID = re.compile(r"[^a-zA-Z0-9]+")


def route_label(template: str) -> str:
    """dskit middleware.MakeLabelValue."""
    label = _INVALID.sub("_", template).strip("_").lower()
    return label or "root"


def _unsupported(path: str) -> Handler:
    async def handler(request: web.Request) -> web.StreamResponse:
        text = (
            f"embedded Loki: {request.method} {path} is supported by the real system but not "
            "by lokisim's stand-in; use the compose target"
        )
        return write_error(501, text)

    return handler


@web.middleware
async def instrument(request: web.Request, handler: Handler) -> web.StreamResponse:
    """RouteInjector + middleware.Instrument, and gorilla/mux's 404 and 405 answers."""
    resource = request.match_info.route.resource
    matched = request.match_info.http_exception is None and resource is not None
    route = route_label(resource.canonical) if matched and resource else m.ROUTE_OTHER
    metrics = request.app[RUNTIME].metrics
    inflight = metrics.inflight.labels(request.method, route)
    inflight.inc()
    started = time.perf_counter()
    websocket = _is_ws_handshake(request)
    try:
        response = await _answer(request, handler)
    finally:
        inflight.dec()
    body = getattr(response, "body", None)
    sent = len(body) if isinstance(body, bytes) else 0
    metrics.observe_request(
        request.method,
        route,
        response.status,
        websocket,
        time.perf_counter() - started,
        (request.content.total_bytes, sent),
    )
    return response


async def _answer(request: web.Request, handler: Handler) -> web.StreamResponse:
    try:
        return await handler(request)
    except web.HTTPMethodNotAllowed:
        return web.Response(status=405)
    except web.HTTPNotFound:
        return go_http_error(404, m.NOT_FOUND)
    except web.HTTPException:
        raise
    except Exception as err:
        print(f'level=error msg="request failed" path={request.path} err="{err!r}"',
              file=sys.stderr, flush=True)  # fmt: skip
        return write_error(500, str(err))


def _is_ws_handshake(request: web.Request) -> bool:
    """IsWSHandshakeRequest."""
    if request.headers.get("Upgrade", "").lower() != "websocket":
        return False
    parts = request.headers.get("Connection", "").lower().split(",")
    return any(part.strip() == "upgrade" for part in parts)


def build_app(runtime: LokiRuntime) -> web.Application:
    # bodies reach the push path as sent: it inflates gzip/deflate itself, bounded as Loki does
    app = web.Application(middlewares=[instrument], handler_args={"auto_decompress": False})
    app[RUNTIME] = runtime
    for path, methods, handler in ROUTES:
        for method in methods:
            app.router.add_route(method, path, handler)
    for path, methods in UNSUPPORTED:
        for method in methods:
            app.router.add_route(method, path, _unsupported(path))
    return app
