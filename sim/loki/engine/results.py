"""Query results: streams for log queries, a vector or scalar for instant metric queries, a
matrix for range metric queries (Loki's logqlmodel.Streams and Prometheus' promql types).

Sample times are Unix milliseconds, as in Prometheus; log entry times are nanoseconds.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from sim.loki.engine.labels import EMPTY, Labels
from sim.loki.engine.stats import Stats

ResultType = Literal["streams", "vector", "matrix", "scalar"]
CATEGORIZE_LABELS = "categorize-labels"


@dataclass(frozen=True, slots=True)
class Sample:
    labels: Labels
    value: float
    t_ms: int


Vector = list[Sample]


@dataclass
class Series:
    labels: Labels
    points: list[tuple[int, float]] = field(default_factory=list)


Matrix = list[Series]


@dataclass(frozen=True)
class Scalar:
    t_ms: int
    value: float


@dataclass(frozen=True, slots=True)
class LogEntry:
    ts_ns: int
    line: bytes
    structured_metadata: Labels = EMPTY
    parsed: Labels = EMPTY


@dataclass
class Stream:
    """One stream of a log query result; `labels` are what identifies it in the answer."""

    labels: Labels
    entries: list[LogEntry] = field(default_factory=list)


Streams = list[Stream]
Data = Streams | Vector | Matrix | Scalar


@dataclass
class QueryResult:
    result_type: ResultType
    data: Data
    stats: Stats = field(default_factory=Stats)
    warnings: list[str] = field(default_factory=list)
    encoding_flags: tuple[str, ...] = ()

    @property
    def size(self) -> int:
        """resultLength: entries, vector samples or matrix points (0 for a scalar)."""
        data = self.data
        if isinstance(data, Scalar):
            return 0
        total = 0
        for item in data:
            if isinstance(item, Stream):
                total += len(item.entries)
            elif isinstance(item, Series):
                total += len(item.points)
            else:
                total += 1
        return total
