"""sim/loki/logql/lexer.py: LogQL tokens as Loki's lexer (lex.go) produces them.

Tables from grafana/loki v3.6.0 pkg/logql/syntax/lex_test.go (line numbers are that file's).
"""

from __future__ import annotations

import pytest

from sim.loki.logql.lexer import Lexer, _is_function
from sim.loki.logql.scanner import Scanner

# lex_test.go TestLex and TestLex_Variants: (line, input, token kinds).
LEX_CASES = [
    (17, '{foo="bar"}', "OPEN_BRACE IDENTIFIER EQ STRING CLOSE_BRACE"),
    (18, '{foo="bar"} |~  `\\w+`', "OPEN_BRACE IDENTIFIER EQ STRING CLOSE_BRACE PIPE_MATCH STRING"),
    (
        19,
        '{foo="bar"} |~ "\\\\w+"',
        "OPEN_BRACE IDENTIFIER EQ STRING CLOSE_BRACE PIPE_MATCH STRING",
    ),
    (
        20,
        '{foo="bar"} |~ "\\\\w+" | latency > 250ms',
        "OPEN_BRACE IDENTIFIER EQ STRING CLOSE_BRACE PIPE_MATCH STRING PIPE IDENTIFIER GT DURATION",
    ),
    (
        21,
        '{foo="bar"} |~ "\\\\w+" | foo = 0ms',
        "OPEN_BRACE IDENTIFIER EQ STRING CLOSE_BRACE PIPE_MATCH STRING PIPE IDENTIFIER EQ DURATION",
    ),
    (
        22,
        '{foo="bar"} |~ "\\\\w+" | latency > 1h15m30.918273645s',
        "OPEN_BRACE IDENTIFIER EQ STRING CLOSE_BRACE PIPE_MATCH STRING PIPE IDENTIFIER GT DURATION",
    ),
    (
        23,
        '{foo="bar"} |~ "\\\\w+" | latency > 1h0.0m0s',
        "OPEN_BRACE IDENTIFIER EQ STRING CLOSE_BRACE PIPE_MATCH STRING PIPE IDENTIFIER GT DURATION",
    ),
    (
        25,
        '{foo="bar"} |~ "\\\\w+" | latency > 1h0.0m0s or foo == 4.00 and bar ="foo"',
        "OPEN_BRACE IDENTIFIER EQ STRING CLOSE_BRACE PIPE_MATCH STRING PIPE IDENTIFIER GT DURATION OR IDENTIFIER CMP_EQ NUMBER AND IDENTIFIER EQ STRING",
    ),
    (
        32,
        '{foo="bar"} |~ "\\\\w+" | duration > 1h0.0m0s or avg == 4.00 and bar ="foo"',
        "OPEN_BRACE IDENTIFIER EQ STRING CLOSE_BRACE PIPE_MATCH STRING PIPE IDENTIFIER GT DURATION OR IDENTIFIER CMP_EQ NUMBER AND IDENTIFIER EQ STRING",
    ),
    (
        39,
        '{foo="bar"} |~ "\\\\w+" | latency > 1h0.0m0s or foo == 4.00 and bar ="foo" | unwrap foo',
        "OPEN_BRACE IDENTIFIER EQ STRING CLOSE_BRACE PIPE_MATCH STRING PIPE IDENTIFIER GT DURATION OR IDENTIFIER CMP_EQ NUMBER AND IDENTIFIER EQ STRING PIPE UNWRAP IDENTIFIER",
    ),
    (
        45,
        '{foo="bar"} |~ "\\\\w+" | size > 250kB',
        "OPEN_BRACE IDENTIFIER EQ STRING CLOSE_BRACE PIPE_MATCH STRING PIPE IDENTIFIER GT BYTES",
    ),
    (
        47,
        '{foo="bar"} |~ "\\\\w+" | size > 250kB and latency <= 1h15m30s or bar=1',
        "OPEN_BRACE IDENTIFIER EQ STRING CLOSE_BRACE PIPE_MATCH STRING PIPE IDENTIFIER GT BYTES AND IDENTIFIER LTE DURATION OR IDENTIFIER EQ NUMBER",
    ),
    (
        54,
        '{foo="bar"} |~ "\\\\w+" | size > 200MiB or foo == 4.00',
        "OPEN_BRACE IDENTIFIER EQ STRING CLOSE_BRACE PIPE_MATCH STRING PIPE IDENTIFIER GT BYTES OR IDENTIFIER CMP_EQ NUMBER",
    ),
    (57, '{ foo = "bar" }', "OPEN_BRACE IDENTIFIER EQ STRING CLOSE_BRACE"),
    (58, '{ foo != "bar" }', "OPEN_BRACE IDENTIFIER NEQ STRING CLOSE_BRACE"),
    (59, '{ foo =~ "bar" }', "OPEN_BRACE IDENTIFIER RE STRING CLOSE_BRACE"),
    (60, '{ foo !~ "bar" }', "OPEN_BRACE IDENTIFIER NRE STRING CLOSE_BRACE"),
    (
        61,
        '{ foo = "bar", bar != "baz" }',
        "OPEN_BRACE IDENTIFIER EQ STRING COMMA IDENTIFIER NEQ STRING CLOSE_BRACE",
    ),
    (65, '{ foo = "ba\\"r" }', "OPEN_BRACE IDENTIFIER EQ STRING CLOSE_BRACE"),
    (
        66,
        'rate({foo="bar"}[10s])',
        "RATE OPEN_PARENTHESIS OPEN_BRACE IDENTIFIER EQ STRING CLOSE_BRACE RANGE CLOSE_PARENTHESIS",
    ),
    (
        67,
        'rate_counter({foo="bar"} | unwrap foo[10s])',
        "RATE_COUNTER OPEN_PARENTHESIS OPEN_BRACE IDENTIFIER EQ STRING CLOSE_BRACE PIPE UNWRAP IDENTIFIER RANGE CLOSE_PARENTHESIS",
    ),
    (
        68,
        'count_over_time({foo="bar"}[5m])',
        "COUNT_OVER_TIME OPEN_PARENTHESIS OPEN_BRACE IDENTIFIER EQ STRING CLOSE_BRACE RANGE CLOSE_PARENTHESIS",
    ),
    (
        69,
        'count_over_time({foo="bar"} |~ "\\\\w+" | unwrap foo[5m])',
        "COUNT_OVER_TIME OPEN_PARENTHESIS OPEN_BRACE IDENTIFIER EQ STRING CLOSE_BRACE PIPE_MATCH STRING PIPE UNWRAP IDENTIFIER RANGE CLOSE_PARENTHESIS",
    ),
    (
        70,
        'sum(count_over_time({foo="bar"}[5m])) by (foo,bar)',
        "SUM OPEN_PARENTHESIS COUNT_OVER_TIME OPEN_PARENTHESIS OPEN_BRACE IDENTIFIER EQ STRING CLOSE_BRACE RANGE CLOSE_PARENTHESIS CLOSE_PARENTHESIS BY OPEN_PARENTHESIS IDENTIFIER COMMA IDENTIFIER CLOSE_PARENTHESIS",
    ),
    (
        71,
        'SUM(Count_Over_Time({foo="bar"}[5m])) BY (foo,bar)',
        "SUM OPEN_PARENTHESIS COUNT_OVER_TIME OPEN_PARENTHESIS OPEN_BRACE IDENTIFIER EQ STRING CLOSE_BRACE RANGE CLOSE_PARENTHESIS CLOSE_PARENTHESIS BY OPEN_PARENTHESIS IDENTIFIER COMMA IDENTIFIER CLOSE_PARENTHESIS",
    ),
    (
        72,
        'SUM BY (foo, bar) (Count_Over_Time({foo="bar"}[5m]))',
        "SUM BY OPEN_PARENTHESIS IDENTIFIER COMMA IDENTIFIER CLOSE_PARENTHESIS OPEN_PARENTHESIS COUNT_OVER_TIME OPEN_PARENTHESIS OPEN_BRACE IDENTIFIER EQ STRING CLOSE_BRACE RANGE CLOSE_PARENTHESIS CLOSE_PARENTHESIS",
    ),
    (
        73,
        'topk(3,count_over_time({foo="bar"}[5m])) by (foo,bar)',
        "TOPK OPEN_PARENTHESIS NUMBER COMMA COUNT_OVER_TIME OPEN_PARENTHESIS OPEN_BRACE IDENTIFIER EQ STRING CLOSE_BRACE RANGE CLOSE_PARENTHESIS CLOSE_PARENTHESIS BY OPEN_PARENTHESIS IDENTIFIER COMMA IDENTIFIER CLOSE_PARENTHESIS",
    ),
    (
        74,
        'bottomk(10,sum(count_over_time({foo="bar"}[5m])) by (foo,bar))',
        "BOTTOMK OPEN_PARENTHESIS NUMBER COMMA SUM OPEN_PARENTHESIS COUNT_OVER_TIME OPEN_PARENTHESIS OPEN_BRACE IDENTIFIER EQ STRING CLOSE_BRACE RANGE CLOSE_PARENTHESIS CLOSE_PARENTHESIS BY OPEN_PARENTHESIS IDENTIFIER COMMA IDENTIFIER CLOSE_PARENTHESIS CLOSE_PARENTHESIS",
    ),
    (
        75,
        'BOTTOMK(10,Sum(COUNT_OVER_TIME({foo="bar"}[5m])) By (foo,bar))',
        "BOTTOMK OPEN_PARENTHESIS NUMBER COMMA SUM OPEN_PARENTHESIS COUNT_OVER_TIME OPEN_PARENTHESIS OPEN_BRACE IDENTIFIER EQ STRING CLOSE_BRACE RANGE CLOSE_PARENTHESIS CLOSE_PARENTHESIS BY OPEN_PARENTHESIS IDENTIFIER COMMA IDENTIFIER CLOSE_PARENTHESIS CLOSE_PARENTHESIS",
    ),
    (
        76,
        'sum(max(rate({foo="bar"}[5m])) by (foo,bar)) by (foo)',
        "SUM OPEN_PARENTHESIS MAX OPEN_PARENTHESIS RATE OPEN_PARENTHESIS OPEN_BRACE IDENTIFIER EQ STRING CLOSE_BRACE RANGE CLOSE_PARENTHESIS CLOSE_PARENTHESIS BY OPEN_PARENTHESIS IDENTIFIER COMMA IDENTIFIER CLOSE_PARENTHESIS CLOSE_PARENTHESIS BY OPEN_PARENTHESIS IDENTIFIER CLOSE_PARENTHESIS",
    ),
    (77, '{foo="bar"} #|~ "\\\\w+"', "OPEN_BRACE IDENTIFIER EQ STRING CLOSE_BRACE"),
    (78, '#{foo="bar"} |~ "\\\\w+"', ""),
    (79, '{foo="#"}', "OPEN_BRACE IDENTIFIER EQ STRING CLOSE_BRACE"),
    (
        80,
        '{foo="bar"}|logfmt --strict"',
        "OPEN_BRACE IDENTIFIER EQ STRING CLOSE_BRACE PIPE LOGFMT FUNCTION_FLAG",
    ),
    (
        81,
        '{foo="bar"}|LOGFMT --strict"',
        "OPEN_BRACE IDENTIFIER EQ STRING CLOSE_BRACE PIPE LOGFMT FUNCTION_FLAG",
    ),
    (
        82,
        '{foo="bar"}|logfmt|ip="b"',
        "OPEN_BRACE IDENTIFIER EQ STRING CLOSE_BRACE PIPE LOGFMT PIPE IDENTIFIER EQ STRING",
    ),
    (
        83,
        '{foo="bar"}|logfmt|rate="b"',
        "OPEN_BRACE IDENTIFIER EQ STRING CLOSE_BRACE PIPE LOGFMT PIPE IDENTIFIER EQ STRING",
    ),
    (
        84,
        '{foo="bar"}|logfmt|b=ip("b")',
        "OPEN_BRACE IDENTIFIER EQ STRING CLOSE_BRACE PIPE LOGFMT PIPE IDENTIFIER EQ IP OPEN_PARENTHESIS STRING CLOSE_PARENTHESIS",
    ),
    (
        85,
        '{foo="bar"}|logfmt|=ip("b")',
        "OPEN_BRACE IDENTIFIER EQ STRING CLOSE_BRACE PIPE LOGFMT PIPE_EXACT IP OPEN_PARENTHESIS STRING CLOSE_PARENTHESIS",
    ),
    (
        86,
        '{foo="bar"}|logfmt --strict --keep-empty|=ip("b")',
        "OPEN_BRACE IDENTIFIER EQ STRING CLOSE_BRACE PIPE LOGFMT FUNCTION_FLAG FUNCTION_FLAG PIPE_EXACT IP OPEN_PARENTHESIS STRING CLOSE_PARENTHESIS",
    ),
    (87, "ip", "IDENTIFIER"),
    (88, "rate", "IDENTIFIER"),
    (
        89,
        '{foo="bar"} | json | baz="#"',
        "OPEN_BRACE IDENTIFIER EQ STRING CLOSE_BRACE PIPE JSON PIPE IDENTIFIER EQ STRING",
    ),
    (
        90,
        '{foo="bar"}\n\t\t\t\t\t# |~ "\\\\w+"\n\t\t\t\t\t| json',
        "OPEN_BRACE IDENTIFIER EQ STRING CLOSE_BRACE PIPE JSON",
    ),
    (
        93,
        '{foo="bar"} | json code="response.code", param="request.params[0]"',
        "OPEN_BRACE IDENTIFIER EQ STRING CLOSE_BRACE PIPE JSON IDENTIFIER EQ STRING COMMA IDENTIFIER EQ STRING",
    ),
    (
        94,
        '{foo="bar"} | logfmt code="response.code", IPAddress="host"',
        "OPEN_BRACE IDENTIFIER EQ STRING CLOSE_BRACE PIPE LOGFMT IDENTIFIER EQ STRING COMMA IDENTIFIER EQ STRING",
    ),
    (
        95,
        '{foo="bar"} | logfmt --strict code"',
        "OPEN_BRACE IDENTIFIER EQ STRING CLOSE_BRACE PIPE LOGFMT FUNCTION_FLAG IDENTIFIER",
    ),
    (
        96,
        '{foo="bar"} | logfmt --keep-empty --strict code="response.code", IPAddress="host"',
        "OPEN_BRACE IDENTIFIER EQ STRING CLOSE_BRACE PIPE LOGFMT FUNCTION_FLAG FUNCTION_FLAG IDENTIFIER EQ STRING COMMA IDENTIFIER EQ STRING",
    ),
    (97, "decolorize", "DECOLORIZE"),
    (98, "123", "NUMBER"),
    (99, "-123", "SUB NUMBER"),
    (100, "123.45", "NUMBER"),
    (101, "-123.45", "SUB NUMBER"),
    (102, "123KB", "BYTES"),
    (104, "123ms", "DURATION"),
    (105, "-123ms", "DURATION"),
    (106, "34 + - 123", "NUMBER ADD SUB NUMBER"),
    (107, "34 + -123", "NUMBER ADD SUB NUMBER"),
    (108, "34+-123", "NUMBER ADD SUB NUMBER"),
    (109, "34-123", "NUMBER SUB NUMBER"),
    (
        110,
        'sum(rate({foo="bar"}[5m])-1 > 30',
        "SUM OPEN_PARENTHESIS RATE OPEN_PARENTHESIS OPEN_BRACE IDENTIFIER EQ STRING CLOSE_BRACE RANGE CLOSE_PARENTHESIS SUB NUMBER GT NUMBER",
    ),
    (
        111,
        '{foo="bar"} | logfmt | bytes  < 0B',
        "OPEN_BRACE IDENTIFIER EQ STRING CLOSE_BRACE PIPE LOGFMT PIPE IDENTIFIER LT BYTES",
    ),
    (
        112,
        '{foo="bar"} | logfmt | bytes  < 1B',
        "OPEN_BRACE IDENTIFIER EQ STRING CLOSE_BRACE PIPE LOGFMT PIPE IDENTIFIER LT BYTES",
    ),
    (113, "0b01", "NUMBER"),
    (114, "0b10", "NUMBER"),
    (
        214,
        'variants(count_over_time({foo="bar"}[5m])) of ({foo="bar"}[5m])',
        "VARIANTS OPEN_PARENTHESIS COUNT_OVER_TIME OPEN_PARENTHESIS OPEN_BRACE IDENTIFIER EQ STRING CLOSE_BRACE RANGE CLOSE_PARENTHESIS CLOSE_PARENTHESIS OF OPEN_PARENTHESIS OPEN_BRACE IDENTIFIER EQ STRING CLOSE_BRACE RANGE CLOSE_PARENTHESIS",
    ),
    (
        219,
        'variants(bytes_over_time({foo="bar"}[5m]), count_over_time({foo="bar"}[5m])) of ({foo="bar"}[5m])',
        "VARIANTS OPEN_PARENTHESIS BYTES_OVER_TIME OPEN_PARENTHESIS OPEN_BRACE IDENTIFIER EQ STRING CLOSE_BRACE RANGE CLOSE_PARENTHESIS COMMA COUNT_OVER_TIME OPEN_PARENTHESIS OPEN_BRACE IDENTIFIER EQ STRING CLOSE_BRACE RANGE CLOSE_PARENTHESIS CLOSE_PARENTHESIS OF OPEN_PARENTHESIS OPEN_BRACE IDENTIFIER EQ STRING CLOSE_BRACE RANGE CLOSE_PARENTHESIS",
    ),
    (
        225,
        'variants(count_over_time({foo="bar"}[5m]), rate({foo="bar"}[5m])) of ({foo="bar"} | logfmt | number="42"[5m])',
        "VARIANTS OPEN_PARENTHESIS COUNT_OVER_TIME OPEN_PARENTHESIS OPEN_BRACE IDENTIFIER EQ STRING CLOSE_BRACE RANGE CLOSE_PARENTHESIS COMMA RATE OPEN_PARENTHESIS OPEN_BRACE IDENTIFIER EQ STRING CLOSE_BRACE RANGE CLOSE_PARENTHESIS CLOSE_PARENTHESIS OF OPEN_PARENTHESIS OPEN_BRACE IDENTIFIER EQ STRING CLOSE_BRACE PIPE LOGFMT PIPE IDENTIFIER EQ STRING RANGE CLOSE_PARENTHESIS",
    ),
    (
        231,
        'variants(sum by (app) (count_over_time({foo="bar"}[5m])), rate({foo="bar"}[5m])) of ({foo="bar"} | logfmt | number="42"[5m])',
        "VARIANTS OPEN_PARENTHESIS SUM BY OPEN_PARENTHESIS IDENTIFIER CLOSE_PARENTHESIS OPEN_PARENTHESIS COUNT_OVER_TIME OPEN_PARENTHESIS OPEN_BRACE IDENTIFIER EQ STRING CLOSE_BRACE RANGE CLOSE_PARENTHESIS CLOSE_PARENTHESIS COMMA RATE OPEN_PARENTHESIS OPEN_BRACE IDENTIFIER EQ STRING CLOSE_BRACE RANGE CLOSE_PARENTHESIS CLOSE_PARENTHESIS OF OPEN_PARENTHESIS OPEN_BRACE IDENTIFIER EQ STRING CLOSE_BRACE PIPE LOGFMT PIPE IDENTIFIER EQ STRING RANGE CLOSE_PARENTHESIS",
    ),
]


def _kinds(query: str) -> list[str]:
    lexer, kinds = Lexer(query), []
    while (token := lexer.lex()).kind != "$end":
        kinds.append(token.kind)
    return kinds


@pytest.mark.parametrize(("line", "query", "expected"), LEX_CASES)
def test_lex(line: int, query: str, expected: str) -> None:
    assert _kinds(query) == expected.split()


@pytest.mark.parametrize(
    ("following", "is_function"),
    [
        # lex_test.go Test_isFunction: what follows a function name decides if it is one.
        ("   (", True),
        ("(", True),
        ("by (", True),
        ("by(", True),
        ("by    (", True),
        ("  by (", True),
        (" by(", True),
        ("without (", True),
        ("without(", True),
        ("without    (", True),
        ("  without (", True),
        (" without(", True),
        ("   ( whatever is this", True),
        ("   (foo,bar)", True),
        ("\r\n \t\t\r\n \n   (foo,bar)", True),
        ("  foo (", False),
        ("123", False),
        ("", False),
        ("   ", False),
        ("   )(", False),
        ("byfoo", False),
        ("without foo", False),
    ],
)
def test_is_function(following: str, is_function: bool) -> None:
    assert _is_function(Scanner(following, lambda _: None)) is is_function


@pytest.mark.parametrize(
    ("query", "kind", "value"),
    [
        # lex.go: numbers glued to units become DURATION (ns) or BYTES; lex_test.go rows.
        ("250ms", "DURATION", 250_000_000),
        ("1h15m30.918273645s", "DURATION", 4_530_918_273_645),
        ("-5m", "DURATION", -300_000_000_000),
        ("5d", "DURATION", 5 * 86_400_000_000_000),
        ("250kB", "BYTES", 250_000),
        ("200MiB", "BYTES", 200 * 1024 * 1024),
        ("2.5KiB", "BYTES", 2560),
        ("0b01", "NUMBER", "0b01"),
        # lex.go: `[...]` is one RANGE token, read with model.ParseDuration.
        ("[1h30m]", "RANGE", 5_400_000_000_000),
        # lex.go tryScanFlag
        ("--keep-empty", "FUNCTION_FLAG", "--keep-empty"),
        # lex.go: backquoted strings are raw, double-quoted ones unescaped (strutil.Unquote).
        ("`a\\d`", "STRING", "a\\d"),
        ('"a\\\\d \\u00e9"', "STRING", "a\\d é"),
    ],
)
def test_token_values(query: str, kind: str, value: object) -> None:
    token = Lexer(query).lex()
    assert (token.kind, token.value) == (kind, value)


@pytest.mark.parametrize(
    ("query", "error"),
    [
        # text/scanner errors, as Loki records them (message, line, column of the token).
        ('{foo="bar}', ("literal not terminated", 1, 6)),  # parser_test.go L1046
        ('{app=~"\udca0"}', ("invalid UTF-8 encoding", 1, 7)),  # parser_test.go L1648
        ("{app='foo'}", ("invalid char literal", 1, 6)),
        ('{a="\\q"}', ("invalid char escape", 1, 4)),
        ("08", ("invalid digit '8' in octal literal", 1, 1)),
        # query_scanner.go: `0B` after a space is not binary: a decimal literal with no digits.
        ("1 + 0B", ("decimal literal has no digits", 1, 5)),
        # lex.go: a RANGE error is reported at line 0 (Next() invalidated it), column of `[`.
        ('rate({ foo = "bar" }[5)', ("missing closing ']' in duration", 0, 21)),
        ("[ 5m]", ('not a valid duration string: " 5m"', 0, 1)),
    ],
)
def test_lexer_errors(query: str, error: tuple[str, int, int]) -> None:
    lexer = Lexer(query)
    while lexer.lex().kind != "$end":
        pass
    assert lexer.errors[0] == error


def test_comments_run_to_end_of_line() -> None:
    # lex.go `#` comments; query_scanner.go (GoTokens) also skips // and /* */ comments.
    assert _kinds('{a="b"} # | json\n| logfmt // x\n/* y */') == [
        "OPEN_BRACE", "IDENTIFIER", "EQ", "STRING", "CLOSE_BRACE", "PIPE", "LOGFMT",
    ]  # fmt: skip


def test_keywords_are_reserved_everywhere() -> None:
    # lex.go: `tokens` are matched case-insensitively whatever the parser expects next.
    assert _kinds("| BY=") == ["PIPE", "BY", "EQ"]
    assert _kinds("| rate=") == ["PIPE", "IDENTIFIER", "EQ"]
