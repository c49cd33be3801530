"""sim/loki/logql/pattern.py: `pattern` expressions.

Rows from grafana/loki v3.6.0 pkg/logql/log/pattern/pattern_test.go (Test_Error,
Test_ParseLineFilter) and ast_test.go Test_parserExpr_Parser.
"""

from __future__ import annotations

import pytest

from sim.loki.logql.pattern import (
    Capture,
    Literal,
    PatternError,
    parse_line_filter_pattern,
    parse_pattern,
)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        # pattern_test.go Test_Error
        (
            "",
            "parse error at line 1, col 1: syntax error: unexpected $end, expecting IDENTIFIER or LITERAL",
        ),
        ("<_>", "at least one capture is required"),
        ("foo <_> bar <_>", "at least one capture is required"),
        ("foo bar buzz", "at least one capture is required"),
        ("<f><f>", "found consecutive capture '<f><f>': invalid expression"),
        ("<f> f<d><b>", "found consecutive capture '<d><b>': invalid expression"),
        ("<f> f<f>", "duplicate capture name (f): invalid expression"),
        ("f<f><_>", "found consecutive capture '<f><_>': invalid expression"),
        ("<f>f<f><_>", "found consecutive capture '<f><_>': invalid expression"),
        # ast_test.go Test_parserExpr_Parser "pattern err"
        ("bar", "at least one capture is required"),
    ],
)
def test_pattern_errors(text: str, message: str) -> None:
    with pytest.raises(PatternError) as caught:
        parse_pattern(text)
    assert str(caught.value) == message


def test_pattern_nodes() -> None:
    # ast_test.go Test_parserExpr_Parser "pattern": `<foo> bar <buzz>`.
    assert parse_pattern("<foo> bar <buzz>") == [Capture("foo"), Literal(" bar "), Capture("buzz")]
    # lexer.rl: `<` not closing an identifier is literal text.
    assert parse_pattern("<foo <foo>") == [Literal("<foo "), Capture("foo")]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        # pattern_test.go Test_ParseLineFilter
        ("<foo <foo> bar <_>", "named captures are not allowed: found '<foo>'"),
        ("<foo>", "named captures are not allowed: found '<foo>'"),
    ],
)
def test_line_filter_pattern_errors(text: str, message: str) -> None:
    with pytest.raises(PatternError) as caught:
        parse_line_filter_pattern(text)
    assert str(caught.value) == message


def test_empty_line_filter_pattern() -> None:
    # pattern.go ParseLineFilter: an empty pattern is allowed (it matches empty lines only).
    assert parse_line_filter_pattern("") == []
