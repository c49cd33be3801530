"""Go's parsers: time.ParseDuration (src/time/format.go), datasize via flagext.ByteSize."""

from __future__ import annotations

import pytest

from sim.agent.stages.goparse import (
    GoParseError,
    parse_byte_size,
    parse_duration,
    parse_int,
    parse_uint,
)


@pytest.mark.parametrize(
    ("text", "ns"),
    [
        ("3s", 3_000_000_000),
        ("1h30m", 5_400_000_000_000),
        ("1.5h", 5_400_000_000_000),
        ("300ms", 300_000_000),
        ("-2us", -2_000),
        ("2µs", 2_000),
        ("0", 0),
        (".5s", 500_000_000),
    ],
)
def test_parse_duration(text: str, ns: int) -> None:
    assert parse_duration(text) == ns


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("10y", 'time: unknown unit "y" in duration "10y"'),
        ("3", 'time: missing unit in duration "3"'),
        ("", 'time: invalid duration ""'),
        ("s", 'time: invalid duration "s"'),
        (".s", 'time: invalid duration ".s"'),
        ("1d", 'time: unknown unit "d" in duration "1d"'),
    ],
)
def test_parse_duration_errors(text: str, message: str) -> None:
    with pytest.raises(GoParseError) as caught:
        parse_duration(text)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("10b", 10),
        ("8kb", 8192),
        ("8KB", 8192),
        ("1Mb", 1 << 20),
        ("2 gb", 2 << 30),
        ("10000", 10000),
    ],
)
def test_parse_byte_size(text: str, size: int) -> None:
    # c2h5oh/datasize on flagext's upper-cased text: "Mb" becomes "MB", so no bits error.
    assert parse_byte_size(text) == size


@pytest.mark.parametrize("text", ["23QB", "kb", "1.5MB", "-1"])
def test_parse_byte_size_errors(text: str) -> None:
    with pytest.raises(GoParseError) as caught:
        parse_byte_size(text)
    assert str(caught.value) == f'strconv.UnmarshalText: parsing "{text.upper()}": invalid syntax'


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("0x1f", 31),
        ("017", 15),
        ("0b11", 3),
        ("1_000", 1000),
        ("0x_1", 1),
        ("1__0", None),
        ("_1", None),
    ],
)
def test_parse_int_base0(text: str, value: int | None) -> None:
    # strconv.ParseInt(s, 0, 64): Go literal syntax, `_` only between digits or after 0x/0o/0b.
    if value is None:
        with pytest.raises(GoParseError):
            parse_int(text)
    else:
        assert parse_int(text) == value == parse_uint(text)
