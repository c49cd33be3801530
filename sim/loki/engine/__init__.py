"""The LogQL engine of lokisim's embedded Loki: Loki 3.6's query evaluation and its answers.

    from sim.loki.engine import MemorySource, QueryLimits, query_range, query_instant, to_json

    source = MemorySource()                      # or anything implementing LogSource
    source.push("tenant", {"app": "api"}, [(ts_ns, b'{"level":"error"}')])
    result = query_range(source, "tenant", 'sum by (level) (rate({app="api"} | json [5m]))',
                         start_ns, end_ns, step_ns, limits=QueryLimits())
    body = to_json(result)                       # Loki's v1 JSON, byte for byte

Layout: pipeline/ is pkg/logql/log (stages, parsers, filters, labels builder, hints);
select.py and scan.py read the source; range_agg.py, vector_agg.py, binary.py and steps.py
are the step evaluators of pkg/logql/evaluator.go; evaluate.py is engine.go plus the
frontend/querier checks of limits.py; logquery.py is readStreams; results.py, stats.py,
marshal.py and jsonenc.py are the answer; params.py reads the HTTP query parameters.

Errors: LogQLParseError (also for stages that cannot be built, `stage '...' : ...`),
QueryError and its subclasses (errors.py, each with Loki's HTTP `status_code`), and
UnsupportedFeature for what the stand-in refuses (approx_topk, multi-variant queries,
query byte limits).
"""

from __future__ import annotations

from sim.loki.engine.errors import (
    ExecutionError,
    PipelineError,
    QueryError,
    QueryLimitError,
    SeriesLimitError,
)
from sim.loki.engine.evaluate import query_instant, query_range
from sim.loki.engine.limits import QueryLimits
from sim.loki.engine.marshal import to_json
from sim.loki.engine.params import (
    InstantQuery,
    ParamError,
    RangeQuery,
    parse_instant_query,
    parse_range_query,
)
from sim.loki.engine.results import (
    LogEntry,
    QueryResult,
    Sample,
    Scalar,
    Series,
    Stream,
)
from sim.loki.engine.source import LogSource, MemorySource

__all__ = [
    "ExecutionError",
    "InstantQuery",
    "LogEntry",
    "LogSource",
    "MemorySource",
    "ParamError",
    "PipelineError",
    "QueryError",
    "QueryLimitError",
    "QueryLimits",
    "QueryResult",
    "RangeQuery",
    "Sample",
    "Scalar",
    "Series",
    "SeriesLimitError",
    "Stream",
    "parse_instant_query",
    "parse_range_query",
    "query_instant",
    "query_range",
    "to_json",
]
