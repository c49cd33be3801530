"""AST nodes for the stages of a log pipeline (`|= "x"`, `| json`, `| status >= 500`, ...).

Field-for-field the nodes of grafana/loki v3.6.0 pkg/logql/syntax/ast.go and the filters of
pkg/logql/log (label_filter.go, fmt.go, drop_labels.go, label_extraction_expr.go). Templates
(`line_format`, `label_format`) and json/logfmt extraction expressions are kept as the raw
strings Loki keeps; they are compiled by whoever evaluates the stage, as Loki does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from sim.loki.logql.matchers import Matcher
from sim.loki.logql.pattern import Node as PatternNode


class LineMatchType(StrEnum):
    """log.LineMatchType, spelled as its String() spells it."""

    EQUAL = "|="
    NOT_EQUAL = "!="
    REGEXP = "|~"
    NOT_REGEXP = "!~"
    PATTERN = "|>"
    NOT_PATTERN = "!>"

    @property
    def is_positive(self) -> bool:
        return self in (LineMatchType.EQUAL, LineMatchType.REGEXP, LineMatchType.PATTERN)


@dataclass(eq=True)
class LineFilterExpr:
    """One line filter and the filters before it (`left`), as Loki nests a chain of them.

    `op` is "" or "ip" (`|= ip("10.0.0.0/8")`). `or_` chains alternatives of a positive
    filter (`|= "a" or "b"`); Loki rewrites a negative one (`!= "a" or "b"`) into nested
    filters (`!= "a" != "b"`) while parsing. `is_or_child` marks the alternatives.

    Like Loki, the parser does not compile `|~` regexps, `|>` patterns or `ip(...)` ranges:
    Loki reports a bad one when it builds the pipeline (a `stage '...' : ...` error). See
    regexsimplify.simplify / line_regexp and pattern.parse_line_filter_pattern.
    """

    ty: LineMatchType
    match: str
    op: str = ""
    left: LineFilterExpr | None = None
    or_: LineFilterExpr | None = None
    is_or_child: bool = False


@dataclass(frozen=True)
class LogfmtParserExpr:
    strict: bool = False
    keep_empty: bool = False


@dataclass(frozen=True)
class LineParserExpr:
    """`| json`, `| unpack`, `| regexp "..."`, `| pattern "..."` (op is the keyword)."""

    op: str
    param: str = ""
    regex: Any = field(default=None, compare=False, repr=False)  # compiled, for regexp
    capture_names: tuple[str, ...] = field(default=(), compare=False, repr=False)
    pattern: tuple[PatternNode, ...] = field(default=(), compare=False, repr=False)


@dataclass(frozen=True)
class LabelExtractionExpr:
    """`code="response.code"`, or a bare `code` (identifier and expression the same)."""

    identifier: str
    expression: str


@dataclass(frozen=True)
class JSONExpressionParserExpr:
    expressions: tuple[LabelExtractionExpr, ...]


@dataclass(frozen=True)
class LogfmtExpressionParserExpr:
    expressions: tuple[LabelExtractionExpr, ...]
    strict: bool = False
    keep_empty: bool = False


class LabelFilterType(StrEnum):
    """log.LabelFilterType, spelled as its String() spells it."""

    EQUAL = "=="
    NOT_EQUAL = "!="
    GREATER_THAN = ">"
    GREATER_THAN_OR_EQUAL = ">="
    LESSER_THAN = "<"
    LESSER_THAN_OR_EQUAL = "<="


@dataclass(frozen=True)
class StringLabelFilter:
    """A matcher on an (extracted) label; the only filter that can test `__error__`.

    Loki does not match label-filter regexps the way stream matchers are matched: it uses
    regexsimplify.simplify(value, is_label=True) when that gives string checks, else the
    regexp `^(?:value)$` *without* the (?s) flag. A missing label compares as "".
    """

    matcher: Matcher


@dataclass(frozen=True)
class NumericLabelFilter:
    name: str
    value: float
    type: LabelFilterType


@dataclass(frozen=True)
class DurationLabelFilter:
    name: str
    value: int  # nanoseconds
    type: LabelFilterType


@dataclass(frozen=True)
class BytesLabelFilter:
    name: str
    value: int
    type: LabelFilterType


@dataclass(frozen=True)
class IPLabelFilter:
    """`addr = ip("10.0.0.0/8")`; the pattern is checked when the stage is built, as in Loki."""

    label: str
    pattern: str
    type: LabelFilterType  # EQUAL or NOT_EQUAL


@dataclass(frozen=True)
class BinaryLabelFilter:
    """`a and b` (also `a, b` and `a b`) when `and_`, else `a or b`."""

    left: LabelFilter
    right: LabelFilter
    and_: bool


LabelFilter = (
    BinaryLabelFilter
    | StringLabelFilter
    | NumericLabelFilter
    | DurationLabelFilter
    | BytesLabelFilter
    | IPLabelFilter
)


@dataclass(frozen=True)
class LabelFilterExpr:
    filter: LabelFilter


@dataclass(frozen=True)
class LineFmtExpr:
    template: str


@dataclass(frozen=True)
class DecolorizeExpr:
    pass


@dataclass(frozen=True)
class LabelFmt:
    """`name=other` renames (rename=True); `name="{{...}}"` renders a template."""

    name: str
    value: str
    rename: bool


@dataclass(frozen=True)
class LabelFmtExpr:
    formats: tuple[LabelFmt, ...]


@dataclass(frozen=True)
class NamedLabelMatcher:
    """A `drop`/`keep` argument: a bare label name, or a matcher on a label."""

    matcher: Matcher | None
    name: str


@dataclass(frozen=True)
class DropLabelsExpr:
    labels: tuple[NamedLabelMatcher, ...]


@dataclass(frozen=True)
class KeepLabelsExpr:
    labels: tuple[NamedLabelMatcher, ...]


StageExpr = (
    LineFilterExpr
    | LogfmtParserExpr
    | LineParserExpr
    | JSONExpressionParserExpr
    | LogfmtExpressionParserExpr
    | LabelFilterExpr
    | LineFmtExpr
    | DecolorizeExpr
    | LabelFmtExpr
    | DropLabelsExpr
    | KeepLabelsExpr
)
