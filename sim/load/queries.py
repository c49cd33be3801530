"""What a QueryUser asks Loki: the requests Grafana's Loki data source sends from Explore
and dashboards, for the ADR's queries (or the user's).

Request shapes follow grafana/grafana pkg/tsdb/loki/api.go (makeDataRequest): `query`,
`direction`, `limit` (the data source's maxLines: 1000 in the ADR), `start`/`end` in Unix
nanoseconds and `step` as whole milliseconds + "ms" for ranges, `time` for instant
queries; the logs-volume histogram is a range query tagged `X-Query-Tags:
Source=logvolhist`. The label browser and autocomplete call labels, label values and
series; the query-stats hint calls index/stats. index/volume (Logs Drilldown) is opt-in:
the embedded Loki does not serve it.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, get_args
from urllib.parse import quote, urlencode

Endpoint = Literal[
    "query_range",
    "logs_volume",
    "query",
    "labels",
    "label_values",
    "series",
    "index_stats",
    "index_volume",
]
ENDPOINTS: tuple[str, ...] = get_args(Endpoint)
DEFAULT_ENDPOINTS = ENDPOINTS[:-1]
# Per Explore query run: the logs (or graph) query, its volume histogram, the stats hint;
# the label browser is opened less often. Relative weights, not measured from Grafana.
WEIGHTS = {
    "query_range": 4,
    "logs_volume": 2,
    "query": 2,
    "labels": 1,
    "label_values": 1,
    "series": 1,
    "index_stats": 1,
    "index_volume": 1,
}
# The labels the ADR's collector attaches (compose/promtail/adr.yaml) plus Promtail's own.
LABEL_NAMES = ("namespace", "app", "pod", "container", "job", "node", "filename")
MAX_LINES = 1000  # ADR section 7: the Grafana data source's maxLines
GRAPH_POINTS = 1000  # about what a full-width Explore graph asks for
VOLUME_BARS = 100
_PARSERS = ("| json", "| logfmt", "| regexp", "| pattern", "| unpack")


@dataclass(frozen=True, slots=True)
class QueryCall:
    """One GET: Locust's request name, the path and its query string parameters."""

    name: str
    path: str
    params: tuple[tuple[str, str], ...]
    headers: tuple[tuple[str, str], ...] = ()

    def url(self) -> str:
        return f"{self.path}?{urlencode(self.params)}" if self.params else self.path


def is_log_query(query: str) -> bool:
    """A LogQL log query starts with its stream selector; a metric query never does."""
    return query.lstrip().startswith("{")


def stream_selector(query: str) -> str:
    """The first `{...}` of a query, quotes respected: what series and index/stats take."""
    start = query.find("{")
    if start < 0:
        raise ValueError(f"expected a LogQL query with a stream selector, got {query!r}")
    quote_char = ""
    index = start
    while index < len(query):
        char = query[index]
        if quote_char:
            if char == "\\" and quote_char == '"':
                index += 1
            elif char == quote_char:
                quote_char = ""
        elif char in '"`':
            quote_char = char
        elif char == "}":
            return query[start : index + 1]
        index += 1
    raise ValueError(f"expected a closed stream selector in {query!r}")


def volume_query(query: str, window: str) -> str:
    """Explore's logs-volume histogram for a log query (errors dropped after a parser)."""
    parsed = any(parser in query for parser in _PARSERS)
    expr = f"{query} | drop __error__" if parsed else query
    return f"sum by (level, detected_level) (count_over_time({expr} [{window}]))"


class QueryPlan:
    """Draws the next request: an endpoint by weight, then a query from the list."""

    def __init__(
        self,
        queries: Sequence[str],
        endpoints: Sequence[str],
        range_s: float,
        rng: random.Random,
    ) -> None:
        if not queries:
            raise ValueError("expected at least one LogQL query")
        for query in queries:
            stream_selector(query)
        self.logs = [q for q in queries if is_log_query(q)]
        self.metrics = [q for q in queries if not is_log_query(q)]
        self.queries = list(queries)
        # Explore only draws a logs volume for log queries, and instant queries of logs fail.
        usable = [
            e
            for e in endpoints
            if not (e == "logs_volume" and not self.logs)
            and not (e == "query" and not self.metrics)
        ]
        if not usable:
            raise ValueError(f"no endpoint of {', '.join(endpoints)} applies to these queries")
        self.endpoints = usable
        self.weights = [WEIGHTS[e] for e in usable]
        self.range_ns = int(range_s * 1e9)
        self.step_ms = max(1, math.ceil(range_s * 1000 / GRAPH_POINTS))
        self.window = f"{max(1, math.ceil(range_s / VOLUME_BARS))}s"
        self.rng = rng

    def next(self, now_ns: int) -> QueryCall:
        endpoint = self.rng.choices(self.endpoints, self.weights)[0]
        return self.call(endpoint, now_ns)

    def call(self, endpoint: str, now_ns: int) -> QueryCall:
        start, end = str(now_ns - self.range_ns), str(now_ns)
        pick = self.rng.choice
        if endpoint == "query_range":
            return self._range("query_range", pick(self.queries), start, end, str(self.step_ms))
        if endpoint == "logs_volume":
            query = volume_query(pick(self.logs), self.window)
            call = self._range("logs_volume", query, start, end, str(int(self.window[:-1]) * 1000))
            return QueryCall(call.name, call.path, call.params, (("X-Query-Tags", _VOLUME_TAG),))
        if endpoint == "query":
            query = pick(self.metrics)
            params = (("query", query), ("direction", "backward"), ("limit", str(MAX_LINES)))
            return QueryCall("query", f"{_API}/query", (*params, ("time", end)))
        if endpoint == "labels":
            return QueryCall("labels", f"{_API}/labels", (("start", start), ("end", end)))
        if endpoint == "label_values":
            path = f"{_API}/label/{quote(pick(LABEL_NAMES), safe='')}/values"
            return QueryCall("label_values", path, (("start", start), ("end", end)))
        selector = stream_selector(pick(self.queries))
        if endpoint == "series":
            return QueryCall(
                "series", f"{_API}/series", (("match[]", selector), *_span(start, end))
            )
        if endpoint == "index_stats":
            return QueryCall(
                "index_stats", f"{_API}/index/stats", (("query", selector), *_span(start, end))
            )
        if endpoint == "index_volume":
            volume = (("query", selector), *_span(start, end), ("limit", "100"))
            return QueryCall("index_volume", f"{_API}/index/volume", volume)
        raise ValueError(f"expected an endpoint from {', '.join(ENDPOINTS)}, got {endpoint!r}")

    @staticmethod
    def _range(name: str, query: str, start: str, end: str, step_ms: str) -> QueryCall:
        params = (("query", query), ("direction", "backward"), ("limit", str(MAX_LINES)))
        span = (("start", start), ("end", end), ("step", f"{step_ms}ms"))
        return QueryCall(name, f"{_API}/query_range", (*params, *span))


def _span(start: str, end: str) -> tuple[tuple[str, str], ...]:
    return (("start", start), ("end", end))


_API = "/loki/api/v1"
_VOLUME_TAG = "Source=logvolhist"
