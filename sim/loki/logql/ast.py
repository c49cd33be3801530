"""The LogQL AST: what `parse_expr` returns and the evaluator walks.

Node for node the expressions of grafana/loki v3.6.0 pkg/logql/syntax/ast.go (pipeline stages
are in stages.py and re-exported here). Durations are int nanoseconds. A parsed and
validated query never contains an `InvalidExpr` or a node with `err` set: those only carry
Loki's deferred construction errors until validation reports them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from sim.loki.logql.errors import LogQLParseError
from sim.loki.logql.matchers import Matcher, MatchType
from sim.loki.logql.stages import *  # noqa: F403 - the AST is one namespace for its users
from sim.loki.logql.stages import LabelFilter, StageExpr


@dataclass(frozen=True)
class MatchersExpr:
    """A stream selector, `{app="api", level!="debug"}`."""

    matchers: tuple[Matcher, ...]


@dataclass(frozen=True)
class PipelineExpr:
    """A stream selector followed by pipeline stages."""

    left: MatchersExpr
    stages: tuple[StageExpr, ...]


LogSelectorExpr = MatchersExpr | PipelineExpr


@dataclass(frozen=True)
class UnwrapExpr:
    """`| unwrap latency`, `| unwrap duration(latency)` and the label filters after it."""

    identifier: str
    operation: str = ""  # "", "bytes", "duration" or "duration_seconds"
    post_filters: tuple[LabelFilter, ...] = ()


@dataclass(frozen=True)
class LogRangeExpr:
    """`{...} | ... [5m] offset 1h`: the logs a range aggregation reads."""

    left: LogSelectorExpr
    interval: int
    offset: int = 0
    unwrap: UnwrapExpr | None = None


@dataclass(frozen=True)
class Grouping:
    """`by (a, b)` or `without (a)`; `by ()` has no groups."""

    groups: tuple[str, ...] = ()
    without: bool = False

    @property
    def singleton(self) -> bool:
        """Aggregates everything into one series (Go's Grouping.Singleton)."""
        return not self.groups and not self.without


@dataclass(frozen=True)
class RangeAggregationExpr:
    """`rate(...)`, `quantile_over_time(0.99, ...)`; grouping only where Loki allows it."""

    left: LogRangeExpr
    operation: str
    params: float | None = None
    grouping: Grouping | None = None


@dataclass(frozen=True)
class VectorAggregationExpr:
    """`sum by (app) (...)`, `topk(10, ...)`; params is k for topk/bottomk/approx_topk."""

    left: SampleExpr
    operation: str
    grouping: Grouping = field(default_factory=Grouping)
    params: int = 0


class Cardinality(Enum):
    ONE_TO_ONE = "one-to-one"
    MANY_TO_ONE = "many-to-one"
    ONE_TO_MANY = "one-to-many"


@dataclass(frozen=True)
class VectorMatching:
    """`on (a)` / `ignoring (a)` and `group_left (b)` / `group_right`."""

    card: Cardinality = Cardinality.ONE_TO_ONE
    matching_labels: tuple[str, ...] | None = None
    on: bool = False
    include: tuple[str, ...] | None = None


@dataclass(frozen=True)
class BinOpOptions:
    return_bool: bool = False
    vector_matching: VectorMatching = field(default_factory=VectorMatching)


@dataclass(frozen=True)
class BinOpExpr:
    left: SampleExpr
    op: str
    right: SampleExpr
    opts: BinOpOptions = field(default_factory=BinOpOptions)


@dataclass(frozen=True)
class LiteralExpr:
    value: float
    err: LogQLParseError | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class VectorExpr:
    """`vector(1)`."""

    value: float
    err: LogQLParseError | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class LabelReplaceExpr:
    left: SampleExpr
    dst: str
    replacement: str
    src: str
    regex: str
    compiled: Any = field(default=None, compare=False, repr=False)  # ^(?:regex)$


@dataclass(frozen=True)
class MultiVariantExpr:
    """`variants(a, b) of ({...}[5m])` (Loki runs it only with multi-variant queries on)."""

    variants: tuple[SampleExpr, ...]
    log_range: LogRangeExpr


@dataclass(frozen=True)
class InvalidExpr:
    """A sample expression whose construction failed; validation reports `err`."""

    err: LogQLParseError


SampleExpr = (
    RangeAggregationExpr
    | VectorAggregationExpr
    | BinOpExpr
    | LiteralExpr
    | VectorExpr
    | LabelReplaceExpr
    | MultiVariantExpr
    | InvalidExpr
)
Expr = LogSelectorExpr | SampleExpr


def selector_matchers(expr: LogSelectorExpr) -> tuple[Matcher, ...]:
    """The stream matchers of a log selector."""
    return expr.matchers if isinstance(expr, MatchersExpr) else expr.left.matchers


__all__ = ["LabelFilter", "MatchType", "Matcher", "StageExpr"]  # plus the names defined here
