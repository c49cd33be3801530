"""Stage objects from the AST (pkg/logql/syntax/ast.go MultiStageExpr.stages, v3.6.0).

Before building, Loki moves line filters as far forward as it can: across parsers, drop,
keep and decolorize (so `| decolorize |= "x"` tests the coloured line), but not across label
filters, line_format or unpack. A stage that cannot be built is a parse error
`stage '<stage>' : <why>`, reported when the query runs, as Loki does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from sim.gotemplate import UnsupportedTemplateFeature
from sim.loki.engine.pipeline.exprpaths import PathSyntaxError, parse_json_path, parse_logfmt_path
from sim.loki.engine.pipeline.formatters import (
    Decolorizer,
    DropLabels,
    KeepLabels,
    LabelsFormatter,
    LineFormatter,
    StageBuildError,
)
from sim.loki.engine.pipeline.hints import Stage
from sim.loki.engine.pipeline.ipfilter import IPPatternError
from sim.loki.engine.pipeline.json_parsers import JSONExpressionParser, JSONParser, UnpackParser
from sim.loki.engine.pipeline.labelfilter import NoopFilter, label_filter
from sim.loki.engine.pipeline.linefilter import Predicate, always, line_filter
from sim.loki.engine.pipeline.logfmt import LogfmtExpressionParser, LogfmtParser
from sim.loki.engine.pipeline.text_parsers import PatternParser, RegexpParser
from sim.loki.logql import ast
from sim.loki.logql.errors import LogQLParseError
from sim.loki.logql.goregexp import GoRegexpError
from sim.loki.logql.pattern import PatternError
from sim.loki.logql.printer import to_string

_BUILD_ERRORS = (GoRegexpError, PatternError, IPPatternError, StageBuildError, PathSyntaxError)


class LineFilterStage:
    """A line filter as a stage; `predicate` is used directly on the fast path."""

    def __init__(self, predicate: Predicate) -> None:
        self.predicate = predicate

    def required_label_names(self) -> list[str]:
        return []

    def process(self, ts: int, line: bytes, lbs: Any) -> bytes | None:
        return line if self.predicate(line) else None


def _attach(later: ast.LineFilterExpr, earlier: ast.LineFilterExpr) -> ast.LineFilterExpr:
    """combineFilters: the earlier chain goes below the leaf of the later one (copied, as
    Loki's mutation would otherwise change the caller's AST)."""
    if later.left is None:
        return replace(later, left=earlier)
    return replace(later, left=_attach(later.left, earlier))


def reorder(stages: Sequence[ast.StageExpr]) -> list[ast.StageExpr]:
    """MultiStageExpr.reorderStages."""
    result: list[ast.StageExpr] = []
    filters: list[ast.LineFilterExpr] = []
    others: list[ast.StageExpr] = []

    def flush() -> None:
        if filters:
            combined = filters[-1]
            for earlier in reversed(filters[:-1]):
                combined = _attach(combined, earlier)
            result.append(combined)
        result.extend(others)
        filters.clear()
        others.clear()

    for stage in stages:
        if isinstance(stage, ast.LabelFilterExpr):
            flush()
            result.append(stage)
        elif isinstance(stage, ast.LineFilterExpr):
            filters.append(stage)
        elif isinstance(stage, ast.LineFmtExpr):
            others.append(stage)
            flush()
        else:
            others.append(stage)
            if isinstance(stage, ast.LineParserExpr) and stage.op == "unpack":
                flush()
    flush()
    return result


def _label_extraction(exprs: Sequence[ast.LabelExtractionExpr], parse: Any) -> dict[str, Any]:
    paths: dict[str, Any] = {}
    for expr in exprs:
        try:
            paths[expr.identifier] = parse(expr.expression)
        except PathSyntaxError as err:
            raise PathSyntaxError(f"cannot parse expression [{expr.expression}]: {err}") from None
    return paths


def _json_expressions(stage: ast.JSONExpressionParserExpr) -> JSONExpressionParser:
    ids: list[str] = []
    paths: list[list[str]] = []
    for expr in stage.expressions:
        parsed = _label_extraction([expr], parse_json_path)[expr.identifier]
        ids.append(expr.identifier)
        paths.append([f"[{p}]" if isinstance(p, int) else p for p in parsed])
    return JSONExpressionParser(ids, paths)


def build_stage(stage: ast.StageExpr) -> Stage | None:
    """StageExpr.Stage(); None for a stage that does nothing (Loki's NoopStage)."""
    if isinstance(stage, ast.LineFilterExpr):
        predicate = line_filter(stage)
        return None if predicate is always else LineFilterStage(predicate)
    if isinstance(stage, ast.LogfmtParserExpr):
        return LogfmtParser(stage.strict, stage.keep_empty)
    if isinstance(stage, ast.LineParserExpr):
        if stage.op == "json":
            return JSONParser()
        if stage.op == "unpack":
            return UnpackParser()
        if stage.op == "regexp":
            return RegexpParser(stage.regex, stage.capture_names)
        return PatternParser(stage.pattern)
    if isinstance(stage, ast.LabelFilterExpr):
        built = label_filter(stage.filter)
        return None if isinstance(built, NoopFilter) else built
    if isinstance(stage, ast.LineFmtExpr):
        return LineFormatter(stage.template)
    if isinstance(stage, ast.LabelFmtExpr):
        return LabelsFormatter(stage.formats)
    if isinstance(stage, ast.JSONExpressionParserExpr):
        return _json_expressions(stage)
    if isinstance(stage, ast.LogfmtExpressionParserExpr):
        paths = _label_extraction(stage.expressions, parse_logfmt_path)
        return LogfmtExpressionParser(paths, stage.strict)
    if isinstance(stage, ast.DecolorizeExpr):
        return Decolorizer()
    if isinstance(stage, ast.DropLabelsExpr):
        return DropLabels(stage.labels)
    assert isinstance(stage, ast.KeepLabelsExpr)
    return KeepLabels(stage.labels)


def build_stages(stages: Sequence[ast.StageExpr]) -> list[Stage]:
    """MultiStageExpr.stages(); raises LogQLParseError `stage '...' : ...`."""
    built: list[Stage] = []
    for stage in reorder(stages):
        try:
            made = build_stage(stage)
        except UnsupportedTemplateFeature:
            raise
        except _BUILD_ERRORS as err:
            raise LogQLParseError(f"stage '{to_string(stage)}' : {err}", 0, 0) from None
        if made is not None:
            built.append(made)
    return built


def run_stages(stages: Sequence[Stage], ts: int, line: bytes, lbs: Any) -> bytes | None:
    """The reduced stage: each stage in turn, stop at the first that drops the entry."""
    for stage in stages:
        got = stage.process(ts, line, lbs)
        if got is None:
            return None
        line = got
    return line
