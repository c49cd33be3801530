"""sim/golang/strconv*.py and strutil.py: Go's strconv/fmt behaviour (moved from tests/loki/logql/test_gostrconv.py).

Rows cite Go's src/strconv/quote_test.go (quotetests, unquotetests), Prometheus'
util/strutil/quote.go (vendored in grafana/loki v3.6.0) and Go's strconv/fmt documentation.
"""

from __future__ import annotations

import math

import pytest

from sim.golang.strconv import GoRangeError, atoi, parse_float
from sim.golang.strconv_format import format_float_f, format_float_fixed6, format_float_v
from sim.golang.strconv_quote import GoSyntaxError, quote
from sim.golang.strutil import unquote


@pytest.mark.parametrize(
    ("text", "quoted"),
    [
        # strconv/quote_test.go quotetests (an invalid byte is a surrogateescape here)
        ("\a\b\f\r\n\t\v", '"\\a\\b\\f\\r\\n\\t\\v"'),
        ("\\", '"\\\\"'),
        ("abc\udcffdef", '"abc\\xffdef"'),
        ("\u263a", '"☺"'),
        ("\U0010ffff", '"\\U0010ffff"'),
        ("\x04", '"\\x04"'),
        ("!\u00a0!\u2000!\u3000!", '"!\\u00a0!\\u2000!\\u3000!"'),
        ("\x7f", '"\\x7f"'),
    ],
)
def test_quote(text: str, quoted: str) -> None:
    assert quote(text) == quoted


@pytest.mark.parametrize(
    ("literal", "text"),
    [
        # strconv/quote_test.go unquotetests, as strutil.Unquote accepts them
        ('""', ""),
        ('"a"', "a"),
        ('"☺"', "☺"),
        ('"\\xFF"', "\udcff"),
        ('"\\377"', "\udcff"),
        ('"\\u1234"', "\u1234"),
        ('"\\U00010111"', "\U00010111"),
        ('"\\a\\b\\f\\n\\r\\t\\v\\\\\\""', '\a\b\f\n\r\t\v\\"'),
        ('"\'"', "'"),
        ("`a\\d`", "a\\d"),
        ("'abc'", "abc"),  # strutil.Unquote also takes single-quoted strings
    ],
)
def test_unquote(literal: str, text: str) -> None:
    assert unquote(literal) == text


@pytest.mark.parametrize("literal", ['"\\q"', '"a', "`a`b`", "\"'\"'"])
def test_unquote_rejects(literal: str) -> None:
    # strutil.Unquote: ErrSyntax ("invalid syntax")
    with pytest.raises(GoSyntaxError, match=r"^invalid syntax$"):
        unquote(literal)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # strconv.ParseFloat: Go's float syntax, including underscores and hex with p exponent
        ("1", 1.0),
        (".5", 0.5),
        ("1e3", 1000.0),
        ("1_000", 1000.0),
        ("0x1p-2", 0.25),
        ("017", 17.0),
        ("+Inf", math.inf),
    ],
)
def test_parse_float(text: str, value: float) -> None:
    assert parse_float(text) == value


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("0x1F", 'strconv.ParseFloat: parsing "0x1F": invalid syntax'),  # hex needs a p exponent
        ("0b01", 'strconv.ParseFloat: parsing "0b01": invalid syntax'),
        ("1__0", 'strconv.ParseFloat: parsing "1__0": invalid syntax'),
    ],
)
def test_parse_float_syntax_errors(text: str, message: str) -> None:
    with pytest.raises(GoSyntaxError) as caught:
        parse_float(text)
    assert str(caught.value) == message


def test_parse_float_range_error() -> None:
    # strconv.ParseFloat returns ±Inf with ErrRange when the value overflows.
    with pytest.raises(GoRangeError) as caught:
        parse_float("-1e400")
    assert (str(caught.value), caught.value.value) == (
        'strconv.ParseFloat: parsing "-1e400": value out of range',
        -math.inf,
    )


def test_atoi() -> None:
    # strconv.Atoi: base 10 only.
    assert atoi("010") == 10
    with pytest.raises(GoSyntaxError):
        atoi("1.2")


@pytest.mark.parametrize(
    ("value", "f", "v", "fixed"),
    [
        # strconv.FormatFloat(v,'f',-1,64), fmt %v ('g', shortest, exponent from 1e+06), fmt %f
        (0.5, "0.5", "0.5", "0.500000"),
        (100000.0, "100000", "100000", "100000.000000"),
        (1e6, "1000000", "1e+06", "1000000.000000"),
        (1.5e-7, "0.00000015", "1.5e-07", "0.000000"),
        (-0.0, "-0", "-0", "-0.000000"),
        (math.inf, "+Inf", "+Inf", "+Inf"),
        (math.nan, "NaN", "NaN", "NaN"),
    ],
)
def test_float_formats(value: float, f: str, v: str, fixed: str) -> None:
    assert (format_float_f(value), format_float_v(value), format_float_fixed6(value)) == (
        f,
        v,
        fixed,
    )
