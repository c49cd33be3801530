"""sim/loki/logql/yacc.py: goyacc's runtime behaviour, which decides Loki's error messages.

Expectations are grafana/loki v3.6.0 facts: parser_test.go rows (line numbers are that
file's) and what syntax.y's `error` rules plus goyacc's recovery (syntax.y.go `Parse`) make
of a query.
"""

from __future__ import annotations

import pytest

from sim.loki.logql import LogQLParseError, parse_expr
from sim.loki.logql.lexer import Lexer
from sim.loki.logql.tables import TABLES
from sim.loki.logql.yacc import parse


def _parse_error(query: str) -> str:
    with pytest.raises(LogQLParseError) as caught:
        parse_expr(query)
    return str(caught.value)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        # parser_test.go L1050: four or fewer shiftable tokens are listed...
        (
            '{foo="bar"',
            "parse error at line 1, col 11: syntax error: unexpected $end, expecting } or ,",
        ),
        # parser_test.go L2920: ...in token declaration order (syntax.y's %token lines)...
        (
            'quantile_over_time(foo,{namespace="tns"} |= "level=error" | json |foo>=5,bar<25ms| '
            "unwrap latency [5m])",
            "parse error at line 1, col 20: syntax error: unexpected IDENTIFIER, expecting NUMBER "
            "or { or (",
        ),
        # parser_test.go L361: ...and none when the state has more (or reduces by default).
        (
            'unk({ foo = "bar" }[5m])',
            "parse error at line 1, col 1: syntax error: unexpected IDENTIFIER",
        ),
        # parser_test.go L389: the error is noticed after default reductions, at the RANGE
        # token, whose line Loki's lexer has reset to 0.
        (
            'min({ foo = "bar" }[5m])',
            "parse error at line 0, col 20: syntax error: unexpected RANGE",
        ),
    ],
)
def test_syntax_error_wording(query: str, message: str) -> None:
    assert _parse_error(query) == message


def test_recovery_then_action_error() -> None:
    # syntax.y `logRangeExpr error` lets yacc resume after `foo`; the later matcher's panic
    # (ast.go mustNewMatcher) is what ParseExprWithoutValidation returns, not the first error.
    query = 'rate({a="b"}[5m] foo) + rate({c=~"("}[5m])'
    assert _parse_error(query) == "parse error : error parsing regexp: missing closing ): `(`"


def test_first_error_is_reported() -> None:
    # parser.go Parse returns p.errs[0]: the lexer's own error comes before yacc's.
    assert _parse_error('{foo="bar}') == "parse error at line 1, col 6: literal not terminated"


def test_driver_reports_through_the_lexer() -> None:
    # syntax.y.go Parse: yacc calls the lexer's Error(msg) and returns 1 when it gives up.
    lexer = Lexer("{")
    accepted, _ = parse(TABLES, lexer, lambda alias, children: None)
    assert not accepted
    assert lexer.errors == [("syntax error: unexpected $end, expecting IDENTIFIER or }", 1, 2)]
