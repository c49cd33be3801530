"""Label names, label values, series and index stats (pkg/loghttp/labels.go, series.go,
pkg/querier/querier.go, pkg/util/marshal/marshal.go at v3.6.0).

Each reads the time range with `start`/`end`/`since` (default: the last hour), checks
max_query_length as the frontend's limits middleware does, and answers Loki's JSON:
`{"status":"success","data":[...]}` (label answers omit an empty `data`), and for stats
`{"streams":..,"chunks":..,"bytes":..,"entries":..}`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from aiohttp import web

from sim.loki.engine import parse_range_query
from sim.loki.http import messages as m
from sim.loki.http.params import ParamError, first_values, parse_bounds, parse_series_groups
from sim.loki.http.queryreq import begin, json_response, query_endpoint, store_of, tenant_of
from sim.loki.http.runtime import LokiRuntime
from sim.loki.http.source import stream_matcher
from sim.loki.logql import parse_matchers
from sim.loki.logql.matchers import Matcher

StreamPredicate = Callable[[Mapping[str, str]], bool]


def _matchers(query: str, *, validate: bool) -> list[Matcher]:
    """syntax.ParseMatchers; its errors are LogQL errors, answered 400."""
    return parse_matchers(query, validate=validate)


class _TooOld(Exception):
    """The whole range is before max_query_lookback: the frontend answers empty."""


def _time_range(runtime: LokiRuntime, start: int, end: int) -> tuple[int, int]:
    """The limits middleware: max_query_lookback clamps the start, max_query_length refuses."""
    limits = runtime.engine_limits()
    clamped = limits.clamp_start(start, end, runtime.now_ns())
    if clamped is None:
        raise _TooOld
    limits.check_length(clamped, end)
    return clamped, end


@query_endpoint
async def labels_handler(request: web.Request) -> web.StreamResponse:
    """GET/POST /loki/api/v1/labels (and /label): names, optionally under `query`."""
    runtime, form = await begin(request)
    start, end = parse_bounds(form, runtime.now_ns())
    tenant = tenant_of(request, runtime)
    try:
        start, end = _time_range(runtime, start, end)
    except _TooOld:
        return _label_answer([])
    query = form.get("query")
    matchers = _matchers(query, validate=True) if query else []
    store = store_of(runtime)
    if matchers:
        predicate = stream_matcher(matchers)
        found = store.series(tenant, predicate, start, end)
        names = sorted({name for pairs in found for name in pairs})
    else:
        names = store.label_names(tenant, start, end)
    return _label_answer(names)


@query_endpoint
async def label_values_handler(request: web.Request) -> web.StreamResponse:
    """GET/POST /loki/api/v1/label/{name}/values."""
    runtime, form = await begin(request)
    start, end = parse_bounds(form, runtime.now_ns())
    tenant = tenant_of(request, runtime)
    try:
        start, end = _time_range(runtime, start, end)
    except _TooOld:
        return _label_answer([])
    query = form.get("query")
    matchers = _matchers(query, validate=True) if query else []
    name = request.match_info["name"]
    store = store_of(runtime)
    values = store.label_values(tenant, name, start, end, stream_matcher(matchers))
    return _label_answer(values)


def _label_answer(values: Sequence[str]) -> web.Response:
    payload: dict[str, object] = {"status": "success"}
    if values:  # `data,omitempty`
        payload["data"] = list(values)
    return json_response(payload)


def series_predicate(groups: Sequence[str]) -> StreamPredicate | None:
    """MatchForSeriesRequest: each group parsed without validation and not empty; a stream
    is a series of the answer when it matches every matcher of any group."""
    parsed: list[list[Matcher]] = []
    for group in groups:
        matchers = _matchers(group, validate=False)
        if not matchers:
            raise ParamError(m.ERR_ZERO_MATCHERS_IN_GROUP % group)
        parsed.append(matchers)
    if not parsed:
        return None

    def matches(labels: Mapping[str, str]) -> bool:
        return any(all(x.matches(labels.get(x.name, "")) for x in group) for group in parsed)

    return matches


@query_endpoint
async def series_handler(request: web.Request) -> web.StreamResponse:
    """GET/POST /loki/api/v1/series with `match[]` (or `match`) groups."""
    runtime, form = await begin(request)
    start, end = parse_bounds(form, runtime.now_ns())
    predicate = series_predicate(parse_series_groups(form))
    tenant = tenant_of(request, runtime)
    try:
        start, end = _time_range(runtime, start, end)
    except _TooOld:
        return json_response({"status": "success", "data": []})
    found = store_of(runtime).series(tenant, predicate, start, end)
    data = [dict(sorted(pairs.items())) for pairs in found]
    return json_response({"status": "success", "data": data})


@query_endpoint
async def index_stats_handler(request: web.Request) -> web.StreamResponse:
    """GET/POST /loki/api/v1/index/stats: range-query parameters, `query` is a selector."""
    runtime, form = await begin(request)
    parsed = parse_range_query(first_values(form), runtime.now_ns())
    tenant = tenant_of(request, runtime)
    matchers = _matchers(parsed.query, validate=True)
    try:
        start, end = _time_range(runtime, parsed.start_ns, parsed.end_ns)
    except _TooOld:
        return json_response({"streams": 0, "chunks": 0, "bytes": 0, "entries": 0})
    stats = store_of(runtime).stats(tenant, stream_matcher(matchers), start, end)
    return json_response(
        {"streams": stats.streams, "chunks": stats.chunks, "bytes": stats.bytes,
         "entries": stats.entries}
    )  # fmt: skip
