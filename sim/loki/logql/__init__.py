"""LogQL for lokisim's embedded Loki: Loki 3.6's grammar, AST, parse errors and canonical form.

    from sim.loki.logql import parse_expr, to_string
    expr = parse_expr('sum by (app) (rate({namespace="prod"} |= "error" [5m]))')
    to_string(expr)  # 'sum by (app)(rate({namespace="prod"} |= "error"[5m]))'

See parser.py for how the parser reproduces Loki's, ast.py for the nodes, printer.py for the
canonical form and errors.py for the error types.
"""

from __future__ import annotations

from sim.loki.logql import ast
from sim.loki.logql.errors import (
    LogQLError,
    LogQLParseError,
    NotALogSelectorError,
    NotASampleExprError,
    NotMatchersError,
)
from sim.loki.logql.parser import (
    parse_expr,
    parse_log_selector,
    parse_matchers,
    parse_sample_expr,
    parse_without_validation,
)
from sim.loki.logql.printer import to_string

Expr = ast.Expr

__all__ = [
    "Expr",
    "LogQLError",
    "LogQLParseError",
    "NotALogSelectorError",
    "NotASampleExprError",
    "NotMatchersError",
    "ast",
    "parse_expr",
    "parse_log_selector",
    "parse_matchers",
    "parse_sample_expr",
    "parse_without_validation",
    "to_string",
]
