"""GET/POST /loki/api/v1/query_range and /loki/api/v1/query (pkg/querier/queryrange/codec.go
DecodeRequest, roundtrip.go, pkg/querier/http.go at v3.6.0).

Order, as the frontend runs it: auth, form, parameters, the LogQL parse (all 400 with Loki's
text), the tenant, then the engine, which applies the limits (max_entries_limit_per_query,
max_query_length, ...) and evaluates. The engine runs on the event loop: the store is
single-threaded, and a query holds it as Loki's querier holds a snapshot.
"""

from __future__ import annotations

from aiohttp import web

from sim.loki.engine import (
    parse_instant_query,
    parse_range_query,
    query_instant,
    query_range,
    to_json,
)
from sim.loki.http.errors import HTTPError
from sim.loki.http.params import first_values
from sim.loki.http.queryreq import (
    begin,
    encoding_flags,
    json_bytes,
    query_endpoint,
    store_of,
    tenant_of,
)
from sim.loki.http.source import StoreSource
from sim.loki.logql import parse_expr


@query_endpoint
async def query_range_handler(request: web.Request) -> web.StreamResponse:
    runtime, form = await begin(request)
    now = runtime.now_ns()
    parsed = parse_range_query(first_values(form), now)
    parse_expr(parsed.query)
    tenant = tenant_of(request, runtime)
    source = StoreSource(store_of(runtime))
    result = query_range(
        source,
        tenant,
        parsed.query,
        parsed.start_ns,
        parsed.end_ns,
        parsed.step_ns,
        limit=parsed.limit,
        direction=parsed.direction,
        interval_ns=parsed.interval_ns,
        limits=runtime.engine_limits(),
        encoding_flags=encoding_flags(request),
        now_ns=now,
    )
    return json_bytes(to_json(result))


@query_endpoint
async def query_handler(request: web.Request) -> web.StreamResponse:
    runtime, form = await begin(request)
    now = runtime.now_ns()
    parsed = parse_instant_query(first_values(form), now)
    parse_expr(parsed.query)
    tenant = tenant_of(request, runtime)
    source = StoreSource(store_of(runtime))
    result = query_instant(
        source,
        tenant,
        parsed.query,
        parsed.time_ns,
        limit=parsed.limit,
        direction=parsed.direction,
        limits=runtime.engine_limits(),
        encoding_flags=encoding_flags(request),
        now_ns=now,
    )
    return json_bytes(to_json(result))


@query_endpoint
async def legacy_handler(request: web.Request) -> web.StreamResponse:
    """The /api/prom/* read endpoints answer in Loki's legacy JSON, which the stand-in
    does not write."""
    raise HTTPError(
        501,
        f"embedded Loki: the legacy read endpoint {request.path} is supported by the real "
        "system but not by lokisim's stand-in; use /loki/api/v1/...",
    )
