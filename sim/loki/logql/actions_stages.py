"""Semantic actions for pipeline stages: line filters, parsers, formatters, label filters.

The `{ $$ = ... }` actions of grafana/loki v3.6.0 syntax.y for log pipelines, with the
constructors they call in ast.go and pkg/logql/log. An invalid `regexp` or `pattern` parser
raises at once, as Loki's constructors panic during parsing.
"""

from __future__ import annotations

from typing import Any

from sim.golang.regexp import GoRegexpError, capture_names, compile_go
from sim.loki.logql import ast
from sim.loki.logql import linefilters as lf
from sim.loki.logql.errors import LogQLParseError
from sim.loki.logql.pattern import PatternError, parse_pattern
from sim.loki.logql.tokens import FUNCTION_WORDS, KEYWORDS
from sim.loki.logql.yacc import Token

WORDS = {t: w for w, t in {**KEYWORDS, **FUNCTION_WORDS}.items() if w.isalpha() or "_" in w}
_FT = ast.LabelFilterType
FILTER_TYPES = {"GT": _FT.GREATER_THAN, "GTE": _FT.GREATER_THAN_OR_EQUAL, "LT": _FT.LESSER_THAN,
                "LTE": _FT.LESSER_THAN_OR_EQUAL, "NEQ": _FT.NOT_EQUAL, "EQ": _FT.EQUAL,
                "CMP_EQ": _FT.EQUAL}  # fmt: skip


def error(message: str) -> LogQLParseError:
    """A parse error without a position, as ast.go's constructors make them."""
    return LogQLParseError(message, 0, 0)


def text(child: Any) -> str:
    """The value of a terminal (identifier, string, number)."""
    assert isinstance(child, Token)
    return str(child.value)


class StageActions:
    # --- line filters ----------------------------------------------------------------------
    def ip_op(self, c: list[Any]) -> str:
        return "ip"

    def line_filter(self, c: list[Any]) -> ast.LineFilterExpr:
        return ast.LineFilterExpr(lf.LINE_MATCH_TYPES[c[0]], text(c[1]))

    def line_filter_op(self, c: list[Any]) -> ast.LineFilterExpr:
        return ast.LineFilterExpr(lf.LINE_MATCH_TYPES[c[0]], text(c[3]), c[1])

    def or_filter_leaf(self, c: list[Any]) -> ast.LineFilterExpr:
        return ast.LineFilterExpr(ast.LineMatchType.EQUAL, text(c[0]))

    def or_filter_op(self, c: list[Any]) -> ast.LineFilterExpr:
        return ast.LineFilterExpr(ast.LineMatchType.EQUAL, text(c[2]), c[0])

    def or_filter_chain(self, c: list[Any]) -> ast.LineFilterExpr:
        return lf.or_filter(ast.LineFilterExpr(ast.LineMatchType.EQUAL, text(c[0])), c[2])

    def line_filter_or(self, c: list[Any]) -> ast.LineFilterExpr:
        return lf.or_filter(c[0], c[2])

    def nested_line_filters(self, c: list[Any]) -> ast.LineFilterExpr:
        return lf.nested_filter(c[0], c[1])

    # --- parsers and formatters --------------------------------------------------------------
    def logfmt_parser(self, c: list[Any]) -> ast.LogfmtParserExpr:
        flags = c[1] if len(c) > 1 else []
        return ast.LogfmtParserExpr("--strict" in flags, "--keep-empty" in flags)

    def label_parser(self, c: list[Any]) -> ast.LineParserExpr:
        op, param = WORDS[c[0].kind], text(c[1]) if len(c) > 1 else ""
        if op == "regexp":
            return _regexp_parser(param)
        if op == "pattern":
            try:
                return ast.LineParserExpr(op, param, pattern=tuple(parse_pattern(param)))
            except PatternError as err:
                raise error(f"invalid pattern parser: {err}") from None
        return ast.LineParserExpr(op, param)

    def label_extraction(self, c: list[Any]) -> ast.LabelExtractionExpr:
        return ast.LabelExtractionExpr(text(c[0]), text(c[2]) if len(c) > 1 else text(c[0]))

    def json_expression_parser(self, c: list[Any]) -> ast.JSONExpressionParserExpr:
        return ast.JSONExpressionParserExpr(tuple(c[1]))

    def logfmt_expression_parser(self, c: list[Any]) -> ast.LogfmtExpressionParserExpr:
        flags = c[1] if len(c) > 2 else []
        return ast.LogfmtExpressionParserExpr(
            tuple(c[-1]), "--strict" in flags, "--keep-empty" in flags
        )

    def line_format(self, c: list[Any]) -> ast.LineFmtExpr:
        return ast.LineFmtExpr(text(c[1]))

    def decolorize(self, c: list[Any]) -> ast.DecolorizeExpr:
        return ast.DecolorizeExpr()

    def label_format_rename(self, c: list[Any]) -> ast.LabelFmt:
        return ast.LabelFmt(text(c[0]), text(c[2]), rename=True)

    def label_format_template(self, c: list[Any]) -> ast.LabelFmt:
        return ast.LabelFmt(text(c[0]), text(c[2]), rename=False)

    def label_format_expr(self, c: list[Any]) -> ast.LabelFmtExpr:
        return ast.LabelFmtExpr(tuple(c[1]))

    def named_by_name(self, c: list[Any]) -> ast.NamedLabelMatcher:
        return ast.NamedLabelMatcher(None, text(c[0]))

    def named_by_matcher(self, c: list[Any]) -> ast.NamedLabelMatcher:
        return ast.NamedLabelMatcher(c[0], "")

    def drop_labels(self, c: list[Any]) -> ast.DropLabelsExpr:
        return ast.DropLabelsExpr(tuple(c[1]))

    def keep_labels(self, c: list[Any]) -> ast.KeepLabelsExpr:
        return ast.KeepLabelsExpr(tuple(c[1]))

    # --- label filters -------------------------------------------------------------------------
    def label_filter_stage(self, c: list[Any]) -> ast.LabelFilterExpr:
        return ast.LabelFilterExpr(c[1])

    def string_label_filter(self, c: list[Any]) -> ast.StringLabelFilter:
        return ast.StringLabelFilter(c[0])

    def and_label_filter(self, c: list[Any]) -> ast.BinaryLabelFilter:
        return ast.BinaryLabelFilter(c[0], c[-1], and_=True)

    def or_label_filter(self, c: list[Any]) -> ast.BinaryLabelFilter:
        return ast.BinaryLabelFilter(c[0], c[-1], and_=False)

    def ip_label_filter(self, c: list[Any]) -> ast.IPLabelFilter:
        return ast.IPLabelFilter(text(c[0]), text(c[4]), FILTER_TYPES[c[1].kind])

    def duration_filter(self, c: list[Any]) -> ast.DurationLabelFilter:
        return ast.DurationLabelFilter(text(c[0]), c[2].value, FILTER_TYPES[c[1].kind])

    def bytes_filter(self, c: list[Any]) -> ast.BytesLabelFilter:
        return ast.BytesLabelFilter(text(c[0]), c[2].value, FILTER_TYPES[c[1].kind])

    def number_filter(self, c: list[Any]) -> ast.NumericLabelFilter:
        # Loki takes the literal's value and drops its error (`| x > 0x1F` compares with 0).
        return ast.NumericLabelFilter(text(c[0]), c[2].value, FILTER_TYPES[c[1].kind])


def _regexp_parser(param: str) -> ast.LineParserExpr:
    """log.NewRegexpParser's checks: a valid regexp with at least one, unique, named group."""
    try:
        compiled = compile_go(param)
    except GoRegexpError as err:
        raise error(f"invalid regexp parser: {err}") from None
    names = capture_names(param)
    named = [n for n in names if n]
    for i, name in enumerate(named):
        if name in named[:i]:
            raise error(f"invalid regexp parser: duplicate extracted label name '{name}'")
    if not named:
        raise error("invalid regexp parser: at least one named capture must be supplied")
    return ast.LineParserExpr("regexp", param, compiled, tuple(names))
