"""Errors of the LogQL engine, worded as Loki 3.6 words them.

    UserError
    └── QueryError              a query Loki answers with HTTP `status_code` (400 unless noted)
        ├── PipelineError       logqlmodel.PipelineError: a series still carries `__error__`
        ├── SeriesLimitError    logqlmodel.NewSeriesLimitError (max_query_series)
        └── QueryLimitError     max_entries_limit_per_query, max_query_length, max_query_range...

Stage construction errors (`stage '| json foo="..."' : ...`) are LogQLParseError, as Loki
reports them with logqlmodel.NewStageError (a ParseError).
"""

from __future__ import annotations

from sim.errors import UserError
from sim.loki.engine import messages as msg


class QueryError(UserError):
    """A query Loki rejects; `status_code` is the HTTP status Loki answers with."""

    status_code = 400


class PipelineError(QueryError):
    """A sample still carries `__error__` when the range aggregation reads it."""

    def __init__(self, error_type: str, series: str) -> None:
        self.error_type = error_type
        self.series = series
        super().__init__(msg.PIPELINE_ERROR % (error_type, series, error_type))


class SeriesLimitError(QueryError):
    def __init__(self, limit: int) -> None:
        self.limit = limit
        super().__init__(msg.SERIES_LIMIT_ERROR % limit)


class QueryLimitError(QueryError):
    """A per-tenant query limit from limits_config was exceeded."""


class ExecutionError(QueryError):
    """The engine itself refused the query (Loki answers these with HTTP 500)."""

    status_code = 500
