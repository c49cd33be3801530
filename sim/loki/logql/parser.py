"""Parse LogQL the way Loki 3.6 does (grafana/loki v3.6.0 pkg/logql/syntax/parser.go).

    parse_expr(q)          syntax.ParseExpr: parse, then validate
    parse_log_selector(q)  syntax.ParseLogSelector(q, validate): what Promtail's match stage uses
    parse_matchers(q)      syntax.ParseMatchers: a bare stream selector
    parse_sample_expr(q)   syntax.ParseSampleExpr: a metric query

How it is built: logql.lark mirrors syntax.y rule for rule; tables.py derives goyacc's
LALR(1) tables from it with lark's analyser (precedence and default reductions resolved the
goyacc way); yacc.py runs them as goyacc's runtime does; lexer.py is lex.go. lark's own
runtime and contextual lexer are not used: LogQL's lexer reserves keywords everywhere and
yacc's default reductions decide where an error is seen, so only this arrangement gives the
queries, messages and positions Loki gives. The tables are built once, at import.

Errors are LogQLParseError with Loki's text, including the yacc wording
("syntax error: unexpected IDENTIFIER, expecting STRING or ip") and Loki's positions (a
line of 0 after the lexer glued characters, as Loki prints it).
"""

from __future__ import annotations

from sim.loki.logql import ast, yacc
from sim.loki.logql.actions import ACTIONS
from sim.loki.logql.errors import (
    MAX_INPUT_SIZE,
    LogQLParseError,
    NotALogSelectorError,
    NotASampleExprError,
    NotMatchersError,
)
from sim.loki.logql.lexer import Lexer
from sim.loki.logql.tables import TABLES
from sim.loki.logql.validate import validate_expr


def parse_without_validation(query: str) -> ast.Expr:
    """syntax.ParseExprWithoutValidation. Raises LogQLParseError."""
    size = len(query.encode("utf-8", "surrogateescape"))
    if size >= MAX_INPUT_SIZE:
        raise LogQLParseError(f"input size too long ({size} > {MAX_INPUT_SIZE})", 0, 0)
    lexer = Lexer(query)
    accepted, expr = yacc.parse(TABLES, lexer, ACTIONS.reduce)
    if lexer.errors:
        message, line, col = lexer.errors[0]
        raise LogQLParseError(message, line, col)
    if not accepted:  # yacc always reports before giving up; kept for safety
        raise LogQLParseError("syntax error", 0, 0)
    result: ast.Expr = expr
    return result


def parse_expr(query: str) -> ast.Expr:
    """syntax.ParseExpr: a log query or a metric query, validated as Loki validates it."""
    expr = parse_without_validation(query)
    validate_expr(expr)
    return expr


def parse_log_selector(
    query: str, validate: bool = True
) -> ast.LogSelectorExpr | ast.LiteralExpr | ast.VectorExpr:
    """syntax.ParseLogSelector. Like Loki it also accepts a bare number or `vector(n)`,
    which select no streams; any other metric query raises NotALogSelectorError."""
    expr = parse_without_validation(query)
    if not isinstance(expr, ast.MatchersExpr | ast.PipelineExpr | ast.LiteralExpr | ast.VectorExpr):
        raise NotALogSelectorError()
    if validate:
        validate_expr(expr)
    return expr


def parse_matchers(query: str, validate: bool = True) -> list[ast.Matcher]:
    """syntax.ParseMatchers: `{a="b", c=~"d"}` and nothing more."""
    expr = parse_expr(query) if validate else parse_without_validation(query)
    if not isinstance(expr, ast.MatchersExpr):
        raise NotMatchersError()
    return list(expr.matchers)


def parse_sample_expr(query: str) -> ast.SampleExpr:
    """syntax.ParseSampleExpr: a metric query (Loki's "only sample expression supported")."""
    expr = parse_expr(query)
    if isinstance(expr, ast.MatchersExpr | ast.PipelineExpr):
        raise NotASampleExprError()
    return expr
