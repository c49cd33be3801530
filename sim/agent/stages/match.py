"""The `match` stage (match.go): run nested stages on, or drop, entries a selector matches.

Promtail's selector language is its own small one (clients/pkg/logentry/logql): a label
selector with at least one matcher, then any number of `|=`, `!=`, `|~`, `!~` filters on
double-quoted strings. lokisim parses it with Loki's LogQL parser (sim.loki.logql) and
refuses whatever Promtail's grammar does not have (`or`, `ip()`, pattern filters, parsers,
label filters, backtick strings). Label regexps are anchored (`^(?s:...)$`), line regexps
are not. A missing label matches as "".
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from sim.golang.regexp import GoRegexpError

from . import messages
from .base import BuildContext, Entry, StageConfigError
from .decode import LIST_ANY, STRING
from .goconv import go_v
from .goregexp import GoRegexp
from .helpers import decode_config
from .pipeline import Pipeline

LineFilter = Callable[[str], bool]
LabelMatcher = tuple[str, Callable[[str], bool]]


def _reject_backticks(selector: str) -> None:
    """Promtail's lexer (text/scanner) reads only double-quoted strings as STRING."""
    quoted = escaped = False
    for char in selector:
        if quoted:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                quoted = False
        elif char == '"':
            quoted = True
        elif char == "`":
            raise StageConfigError(
                f"{messages.ERR_SELECTOR_SYNTAX}: syntax error: unexpected IDENTIFIER "
                "(Promtail's selector grammar has no backtick strings)",
                "selector",
            )


def _line_filter(kind: str, text: str) -> LineFilter:
    if kind == "|=":
        return lambda line: text in line
    if kind == "!=":
        return lambda line: text not in line
    try:
        regex = GoRegexp(text)
    except GoRegexpError as err:
        raise StageConfigError(f"error parsing pipeline: {err}", "selector") from None
    if kind == "|~":
        return regex.match_string
    return lambda line: not regex.match_string(line)


def parse_selector(selector: str) -> tuple[list[LabelMatcher], list[tuple[str, str]]]:
    """Label matchers and (filter type, text) pairs, or StageConfigError as Promtail words it."""
    from sim.loki.logql import LogQLError, ast, parse_log_selector

    _reject_backticks(selector)
    try:
        expr = parse_log_selector(selector, validate=False)
    except LogQLError as err:
        raise StageConfigError(f"{messages.ERR_SELECTOR_SYNTAX}: {err}", "selector") from None
    if isinstance(expr, ast.PipelineExpr):
        selector_expr, stages = expr.left, expr.stages
    elif isinstance(expr, ast.MatchersExpr):
        selector_expr, stages = expr, ()
    else:
        selector_expr, stages = None, ()
    if selector_expr is None or not selector_expr.matchers:
        raise StageConfigError(f"{messages.ERR_SELECTOR_SYNTAX}: syntax error", "selector")
    filters: list[tuple[str, str]] = []
    for stage in stages:
        chain: list[tuple[str, str]] = []
        node = stage if isinstance(stage, ast.LineFilterExpr) else None
        while node is not None:
            if node.op or node.or_ is not None or str(node.ty) not in ("|=", "!=", "|~", "!~"):
                node = None
                chain = []
                break
            chain.append((str(node.ty), node.match))
            node = node.left
        if not chain:
            raise StageConfigError(
                f"{messages.ERR_SELECTOR_SYNTAX}: syntax error: {go_v(selector)} uses LogQL that "
                "Promtail's selector grammar does not have (only |=, !=, |~, !~ filters)",
                "selector",
            )
        filters.extend(reversed(chain))
    matchers: list[LabelMatcher] = [(m.name, m.matches) for m in selector_expr.matchers]
    return matchers, filters


class MatchStage:
    name = "match"
    in_place: ClassVar[bool] = False

    def __init__(
        self,
        ctx: BuildContext,
        matchers: list[LabelMatcher],
        filters: list[LineFilter],
        nested: Pipeline | None,
        drop_reason: str,
    ) -> None:
        self._ctx = ctx
        self._matchers = matchers
        self._filters = filters
        self._nested = nested
        self._drop_reason = drop_reason

    def matches(self, entry: Entry) -> bool:
        labels = entry.labels
        for name, matches in self._matchers:
            if not matches(labels.get(name, "")):
                return False
        return all(line_filter(entry.line) for line_filter in self._filters)

    def process(self, entry: Entry, now: float) -> list[Entry]:
        if not self.matches(entry):
            return [entry]
        if self._nested is None:
            self._ctx.dropped[self._drop_reason] += 1
            return []
        return self._nested.process(entry, now)

    def tick(self, now: float) -> list[Entry]:
        return self._nested.tick(now) if self._nested is not None else []

    def flush(self) -> list[Entry]:
        return self._nested.flush() if self._nested is not None else []


def new_match_stage(config: Any, ctx: BuildContext) -> MatchStage:
    fields = {
        "pipeline_name": STRING,
        "selector": STRING,
        "stages": LIST_ANY,
        "action": STRING,
        "drop_counter_reason": STRING,
    }
    here = ctx.stage_field
    values = decode_config(ctx, config, fields)
    if values.get("pipeline_name") == "":
        raise StageConfigError(messages.ERR_PIPELINE_NAME_REQUIRED, "pipeline_name")
    selector = values.get("selector", "")
    if selector == "":
        raise StageConfigError(messages.ERR_SELECTOR_REQUIRED, "selector")
    action = values.get("action", "") or "keep"
    if action not in ("keep", "drop"):
        raise StageConfigError(messages.ERR_UNKNOWN_MATCH_ACTION, "action")
    stages = values.get("stages") or []
    if action == "keep" and not stages:
        raise StageConfigError(messages.ERR_MATCH_REQUIRES_STAGES, "stages")
    if action == "drop" and stages:
        raise StageConfigError(messages.ERR_STAGES_WITH_DROP_LINE, "stages")
    matchers, filter_specs = parse_selector(selector)
    nested = None
    if action == "keep":
        from .registry import PipelineBuildError, build_stages

        try:
            nested = Pipeline(build_stages(stages, ctx, f"{here}.stages"), ctx)
        except PipelineBuildError as err:
            prefix = messages.MATCH_NESTED_PIPELINE.format(config=go_v(config))
            raise PipelineBuildError(err.field, f"{prefix}: {err.message}") from None
        finally:
            ctx.stage_field = here
    filters = [_line_filter(kind, text) for kind, text in filter_specs]
    reason = values.get("drop_counter_reason") or messages.DROP_REASON_MATCH_STAGE
    return MatchStage(ctx, matchers, filters, nested, reason)
