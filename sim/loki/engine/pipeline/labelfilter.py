"""Label filter stages: `| status >= 500`, `| duration > 1s`, `| level =~ "err.*"`, `and`/`or`
(pkg/logql/log/label_filter.go, grafana/loki v3.6.0).

A numeric, duration or bytes filter drops entries without the label, and keeps (!) an entry
whose value does not convert, setting `__error__="LabelFilterErr"` unless an error is already
set. Only a string filter can test `__error__`; a missing label compares as "".
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sim.gotemplate.errors import GoError
from sim.gotemplate.funcs_logql import convert_bytes
from sim.gotemplate.goduration import parse_duration
from sim.gotemplate.gostrconv import NumError, parse_float
from sim.loki.engine.messages import ERR_LABEL_FILTER, ERROR_LABEL
from sim.loki.engine.pipeline.builder import LabelsBuilder
from sim.loki.engine.pipeline.ipfilter import IPLabelFilter
from sim.loki.engine.pipeline.linefilter import Predicate, always, equal, regexp_predicate
from sim.loki.engine.pipeline.util import to_bytes
from sim.loki.logql import ast
from sim.loki.logql.goregexp import GoRegexpError
from sim.loki.logql.matchers import MatchType

_COMPARE: dict[ast.LabelFilterType, Callable[[Any, Any], bool]] = {
    ast.LabelFilterType.EQUAL: lambda a, b: a == b,
    ast.LabelFilterType.NOT_EQUAL: lambda a, b: a != b,
    ast.LabelFilterType.GREATER_THAN: lambda a, b: a > b,
    ast.LabelFilterType.GREATER_THAN_OR_EQUAL: lambda a, b: a >= b,
    ast.LabelFilterType.LESSER_THAN: lambda a, b: a < b,
    ast.LabelFilterType.LESSER_THAN_OR_EQUAL: lambda a, b: a <= b,
}


def _to_float(text: str) -> float:
    return parse_float(text)


def _to_duration(text: str) -> int:
    return parse_duration(text)


def _to_bytes(text: str) -> float:
    return convert_bytes(text)


class ConvertingFilter:
    """Numeric, duration and bytes filters."""

    is_label_filter = True

    def __init__(self, name: str, value: float, ty: ast.LabelFilterType, convert: Any) -> None:
        self.name = name
        self.value = value
        self.compare = _COMPARE[ty]
        self.convert = convert

    def required_label_names(self) -> list[str]:
        return [self.name]

    def process(self, ts: int, line: bytes, lbs: LabelsBuilder) -> bytes | None:
        text, ok = lbs.get(self.name)
        if not ok:
            return None
        try:
            value = self.convert(text)
        except (NumError, GoError) as err:
            if not lbs.err:
                lbs.err = ERR_LABEL_FILTER
                lbs.err_details = str(err)
            return line
        return line if self.compare(value, self.value) else None


def _label_value(name: str, lbs: LabelsBuilder) -> str:
    return lbs.err if name == ERROR_LABEL else lbs.get(name)[0]


class StringFilter:
    """LineFilterLabelFilter: a string matcher run as a line filter on the label's value."""

    is_label_filter = True

    def __init__(self, name: str, predicate: Predicate) -> None:
        self.name = name
        self.predicate = predicate

    def required_label_names(self) -> list[str]:
        return [self.name]

    def process(self, ts: int, line: bytes, lbs: LabelsBuilder) -> bytes | None:
        return line if self.predicate(to_bytes(_label_value(self.name, lbs))) else None


class NoopFilter:
    """NoopLabelFilter: a matcher that matches everything (`x=~".*"`)."""

    is_label_filter = True

    def required_label_names(self) -> list[str]:
        return []

    def process(self, ts: int, line: bytes, lbs: LabelsBuilder) -> bytes | None:
        return line


class BinaryFilter:
    """`and` runs both sides; `or` stops at the first side that keeps the entry."""

    is_label_filter = True
    is_binary = True

    def __init__(self, left: Any, right: Any, and_: bool) -> None:
        self.left = left
        self.right = right
        self.and_ = and_

    def required_label_names(self) -> list[str]:
        names = self.left.required_label_names() + self.right.required_label_names()
        return list(dict.fromkeys(n for n in names if n))

    def process(self, ts: int, line: bytes, lbs: LabelsBuilder) -> bytes | None:
        left: bytes | None = self.left.process(ts, line, lbs)
        if not self.and_ and left is not None:
            return left
        right: bytes | None = self.right.process(ts, line, lbs)
        if self.and_:
            return right if left is not None and right is not None else None
        return right


def string_filter(matcher: ast.Matcher) -> StringFilter | NoopFilter:
    """NewStringLabelFilter; raises GoRegexpError for a bad regexp (a stage error)."""
    if matcher.type in (MatchType.REGEXP, MatchType.NOT_REGEXP):
        pred = regexp_predicate(matcher.value, is_label=True)
        if matcher.type is MatchType.REGEXP:
            if pred is always:
                return NoopFilter()
            return StringFilter(matcher.name, pred)
        return StringFilter(matcher.name, lambda value: not pred(value))
    pred = equal(to_bytes(matcher.value), False)
    if matcher.type is MatchType.EQUAL:
        return StringFilter(matcher.name, pred)
    return StringFilter(matcher.name, lambda value: not pred(value))


def label_filter(node: ast.LabelFilter) -> Any:
    """The stage for a label filter AST node."""
    if isinstance(node, ast.BinaryLabelFilter):
        return BinaryFilter(label_filter(node.left), label_filter(node.right), node.and_)
    if isinstance(node, ast.StringLabelFilter):
        return string_filter(node.matcher)
    if isinstance(node, ast.NumericLabelFilter):
        return ConvertingFilter(node.name, node.value, node.type, _to_float)
    if isinstance(node, ast.DurationLabelFilter):
        return ConvertingFilter(node.name, node.value, node.type, _to_duration)
    if isinstance(node, ast.BytesLabelFilter):
        return ConvertingFilter(node.name, node.value, node.type, _to_bytes)
    assert isinstance(node, ast.IPLabelFilter)
    return IPLabelFilter(node.label, node.pattern, node.type)


__all__ = ["GoRegexpError", "label_filter"]
