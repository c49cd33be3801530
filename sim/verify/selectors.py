"""The log selectors inside a LogQL query, and the plain line filters that follow them.

Only what can be judged from the lines themselves: stream matchers, and the line filters
(`|=`, `!=`, `|~`, `!~`, with `or`) before any stage that rewrites the line. Parsers, label
filters and formats are left to Loki; `opaque` says a selector has some.
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass
from typing import Any

from sim.loki.logql import ast
from sim.loki.logql.goregexp import GoRegexpError, compile_go
from sim.loki.logql.matchers import Matcher
from sim.loki.logql.stages import LineFilterExpr, LineMatchType

_REWRITES_LINE = (ast.LineFmtExpr, ast.DecolorizeExpr)


@dataclass(frozen=True, slots=True)
class SelectorPlan:
    matchers: tuple[Matcher, ...]
    line_filters: tuple[LineFilterExpr, ...]
    opaque: bool  # stages lokisim leaves to Loki (parsers, label filters, formats)


def _plan(node: ast.MatchersExpr | ast.PipelineExpr) -> SelectorPlan:
    if isinstance(node, ast.MatchersExpr):
        return SelectorPlan(node.matchers, (), False)
    filters: list[LineFilterExpr] = []
    opaque = False
    rewritten = False
    for stage in node.stages:
        if isinstance(stage, LineFilterExpr) and not rewritten:
            filters.append(stage)
            continue
        opaque = True
        rewritten = rewritten or isinstance(stage, _REWRITES_LINE)
    return SelectorPlan(node.left.matchers, tuple(filters), opaque)


def selector_plans(expr: Any) -> list[SelectorPlan]:
    """Every log selector of a parsed query, outermost first."""
    if isinstance(expr, ast.MatchersExpr | ast.PipelineExpr):
        return [_plan(expr)]
    out: list[SelectorPlan] = []
    if dataclasses.is_dataclass(expr) and not isinstance(expr, type):
        for item in dataclasses.fields(expr):
            value = getattr(expr, item.name)
            children = value if isinstance(value, tuple | list) else (value,)
            for child in children:
                out += selector_plans(child)
    return out


@functools.lru_cache(maxsize=256)
def _regexp(pattern: str) -> Any:
    try:
        return compile_go(pattern)
    except GoRegexpError:
        return None


def _one(f: LineFilterExpr, text: str) -> bool | None:
    if f.op:  # ip("...") filters: left to Loki
        return None
    if f.ty in (LineMatchType.EQUAL, LineMatchType.NOT_EQUAL):
        found = f.match in text
    elif f.ty in (LineMatchType.REGEXP, LineMatchType.NOT_REGEXP):
        compiled = _regexp(f.match)
        if compiled is None:
            return None
        found = compiled.search(text) is not None
    else:  # patterns: left to Loki
        return None
    return found if f.ty.is_positive else not found


def passes(f: LineFilterExpr, text: str) -> bool | None:
    """Whether `text` passes the filter chain `f` (None: lokisim cannot tell)."""
    before = passes(f.left, text) if f.left is not None else True
    if before is False:
        return False
    verdicts: list[bool | None] = []
    alternative: LineFilterExpr | None = f
    while alternative is not None:
        verdicts.append(_one(alternative, text))
        alternative = alternative.or_
    current = True if True in verdicts else (None if None in verdicts else False)
    if current is False:
        return False
    return None if before is None or current is None else True


def passes_all(filters: tuple[LineFilterExpr, ...], text: str) -> bool | None:
    verdict: bool | None = True
    for f in filters:
        one = passes(f, text)
        if one is False:
            return False
        if one is None:
            verdict = None
    return verdict
