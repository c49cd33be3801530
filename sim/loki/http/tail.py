"""GET /loki/api/v1/tail: the websocket of pkg/querier/tail/http.go and tail.go (v3.6.0).

Before the upgrade, errors are plain answers: auth 401, a bad query or parameter 400
(server.WriteError), a bad tenant 400; a request that is not a websocket handshake gets
gorilla's 400 "Bad Request". After it, failures are a close frame with code 1011 and the
error's text: the per-tenant tail limit (max_concurrent_tail_requests), a query that is not
a log selector, tail_max_duration reached. Messages are `{"streams":[...]}` with one stream
object per entry, at most 100 entries each, and `dropped_entries` for entries the client
was too slow to take (more than 10 answers waiting). A ping goes out every second.
"""

from __future__ import annotations

import asyncio
import contextlib

from aiohttp import WSCloseCode, WSMsgType, web

from sim.loki.engine import QueryError, logquery
from sim.loki.engine.labels import Labels
from sim.loki.engine.results import CATEGORIZE_LABELS, LogEntry
from sim.loki.engine.stats import Stats
from sim.loki.http import messages as m
from sim.loki.http.errors import go_http_error
from sim.loki.http.params import parse_tail_query
from sim.loki.http.queryreq import begin, encoding_flags, query_endpoint, store_of
from sim.loki.http.runtime import RUNTIME, LokiRuntime
from sim.loki.http.source import StoreSource
from sim.loki.http.tailer import Tailer, tail_response_json
from sim.loki.http.tenant import org_id, single_tenant
from sim.loki.logql import ast, parse_expr
from sim.loki.logql.errors import ERR_ONLY_LOG_SELECTOR

_S = 1_000_000_000
WAIT_ENTRY_THROTTLE_S = 0.5  # tailerWaitEntryThrottle
PING_PERIOD_S = 1.0  # wsPingPeriod


class TailClosed(Exception):
    """A reason to end the tail with a 1011 close frame; str() is Go's err.Error()."""


def grpc_text(status: int, text: str) -> str:
    """err.Error() of an httpgrpc.Errorf error: a gRPC status with the HTTP code."""
    return f"rpc error: code = Code({status}) desc = {text}"


MAX_CLOSE_REASON = 123  # RFC 6455: a control frame holds 125 bytes, 2 are the code


@query_endpoint
async def tail_handler(request: web.Request) -> web.StreamResponse:
    runtime, form = await begin(request)
    expr = parse_expr(form.get("query"))
    query = parse_tail_query(form, runtime.now_ns())
    tenant = single_tenant(org_id(request, runtime.cfg.auth_enabled), newline=False)
    store_of(runtime)
    ws = web.WebSocketResponse()
    if not ws.can_prepare(request).ok:
        return go_http_error(400, "Bad Request")
    await ws.prepare(request)
    flags = encoding_flags(request)
    try:
        tailer = _open(runtime, tenant, expr, query.start_ns, query.limit, query.delay_for_s, flags)
    except TailClosed as err:
        await close_with_error(request, ws, str(err))
        return ws
    runtime.tail_hub.register(tailer)
    try:
        await _serve(request, ws, tailer, flags)
    finally:
        runtime.tail_hub.unregister(tailer)
    return ws


async def close_with_error(request: web.Request, ws: web.WebSocketResponse, text: str) -> None:
    """CloseInternalServerErr with the text; gorilla cannot send a longer reason than a
    control frame holds, so the connection just drops then."""
    reason = text.encode("utf-8", "surrogateescape")
    if len(reason) > MAX_CLOSE_REASON:
        if request.transport is not None:
            request.transport.close()
        return
    await ws.close(code=WSCloseCode.INTERNAL_ERROR, message=reason)


def _open(
    runtime: LokiRuntime,
    tenant: str,
    expr: ast.Expr,
    start_ns: int,
    limit: int,
    delay_s: int,
    flags: tuple[str, ...],
) -> Tailer:
    """Querier.Tail: the tail limit, the request's checks, then the historic entries."""
    count = runtime.tail_hub.count(tenant)
    maximum = runtime.serving_limits.max_concurrent_tail_requests
    if count >= maximum:
        raise TailClosed(grpc_text(400, m.ERR_MAX_CONCURRENT_TAIL % (count + 1, maximum)))
    if not isinstance(expr, ast.MatchersExpr | ast.PipelineExpr):
        raise TailClosed(ERR_ONLY_LOG_SELECTOR)
    limits = runtime.engine_limits()
    now = runtime.now_ns()
    clamped = limits.clamp_start(start_ns, now, now)  # max_query_lookback moves the start
    start_ns = start_ns if clamped is None else clamped
    try:  # ValidateQueryRequest: httpgrpc errors
        limits.check_matchers(ast.selector_matchers(expr))
        limits.check_length(start_ns, now)
    except QueryError as err:
        raise TailClosed(grpc_text(err.status_code, str(err))) from None
    categorize = CATEGORIZE_LABELS in flags
    tailer = Tailer(tenant, expr, delay_s * _S, categorize)
    streams = logquery.run_log_query(
        StoreSource(store_of(runtime)), tenant, expr, start_ns, now, limit, "backward", 0,
        categorize, Stats(),
    )  # fmt: skip
    for stream in streams:
        for entry in stream.entries:
            tailer.add(stream.labels, entry)
    return tailer


async def _serve(
    request: web.Request, ws: web.WebSocketResponse, tailer: Tailer, flags: tuple[str, ...]
) -> None:
    """Tailer.loop and the handler's select, on one event loop."""
    runtime = request.app[RUNTIME]
    outbox: asyncio.Queue[bytes] = asyncio.Queue(maxsize=m.MAX_BUFFERED_TAIL_RESPONSES)
    reader = asyncio.create_task(_read_until_closed(ws))
    sender = asyncio.create_task(_send(ws, outbox))
    deadline = runtime.now_ns() + runtime.cfg.querier.tail_max_duration
    dropped: list[tuple[int, Labels]] = []
    try:
        while not (reader.done() or sender.done() or runtime.readiness.shutdown_requested):
            if runtime.now_ns() >= deadline:
                await close_with_error(request, ws, m.ERR_TAIL_MAX_DURATION)
                return
            batch = tailer.take(runtime.now_ns())
            if not batch:
                await asyncio.wait([reader, sender], timeout=WAIT_ENTRY_THROTTLE_S)
                continue
            kept: list[tuple[Labels, LogEntry]] = []
            for labels, entry in batch:
                if outbox.full():  # isResponseChanBlocked: the entry is dropped
                    if len(dropped) < m.MAX_DROPPED_ENTRIES_PER_TAIL_RESPONSE:
                        dropped.append((entry.ts_ns, labels))
                    continue
                kept.append((labels, entry))
            if not kept:
                continue
            outbox.put_nowait(tail_response_json(kept, dropped, flags))
            dropped = []
            await asyncio.sleep(0)
    finally:
        for task in (reader, sender):
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError, ConnectionError):
                await task
        if not ws.closed:
            await ws.close()


async def _read_until_closed(ws: web.WebSocketResponse) -> None:
    async for message in ws:
        if message.type in (WSMsgType.CLOSE, WSMsgType.CLOSING, WSMsgType.ERROR):
            return


async def _send(ws: web.WebSocketResponse, outbox: asyncio.Queue[bytes]) -> None:
    """The handler's select: answers as they come, a ping each second in between."""
    while True:
        try:
            body = await asyncio.wait_for(outbox.get(), PING_PERIOD_S)
        except TimeoutError:
            await ws.ping()
            continue
        await ws.send_str(body.decode("utf-8", "replace"))
