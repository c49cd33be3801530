"""Go time.Parse on reference layouts; expectations from Go's src/time/format.go rules."""

from __future__ import annotations

import pytest

from sim.agent.stages.golayout import TimeParseError, next_chunk
from sim.agent.stages.gotime import load_location
from sim.agent.stages.gotimeparse import parse

S = 1_000_000_000
UTC = load_location("UTC")


@pytest.mark.parametrize(
    ("layout", "chunks"),
    [
        # format.go nextStdChunk: "_2006" is a literal "_" then the year; "Jan" not in "January".
        ("_2006", [("_", "2006")]),
        ("Monday January", [("", "Monday"), (" ", "January")]),
        ("15:04:05.000", [("", "15"), (":", "04"), (":", "05"), ("", ".000")]),
        ("Z07:00 -0700 MST", [("", "Z07:00"), (" ", "-0700"), (" ", "MST")]),
        ("002 __2", [("", "002"), (" ", "__2")]),
    ],
)
def test_next_chunk(layout: str, chunks: list[tuple[str, str]]) -> None:
    got = []
    while True:
        prefix, std, layout = next_chunk(layout)
        if not std:
            break
        got.append((prefix, std))
    assert got == chunks


@pytest.mark.parametrize(
    ("layout", "value", "expected_ns"),
    [
        # ANSIC with a space-padded day.
        ("Mon Jan _2 15:04:05 2006", "Tue Jul  9 21:48:36 2019", 1562708916 * S),
        # A fraction after the seconds is accepted even when the layout has none.
        ("2006-01-02 15:04:05", "2019-07-09 21:48:36.5", 1562708916 * S + 500_000_000),
        # Month and weekday names match case-insensitively; the weekday is not checked.
        ("Mon, 02 Jan 2006 15:04:05 -0700", "mon, 09 JUL 2019 21:48:36 +0200", 1562701716 * S),
        # Unknown zone abbreviations read as UTC (Go fabricates a zero-offset zone).
        ("02 Jan 06 15:04 MST", "09 Jul 19 21:48 CEST", 1562708880 * S),
        # 12-hour clock.
        ("3:04PM 2006-01-02", "12:30AM 2019-07-09", 1562632200 * S),
        # Day of year.
        ("2006 002", "2020 060", 1582934400 * S),
        # Runs of spaces match runs of spaces.
        ("2006  01", "2019 07", 1561939200 * S),
        # Two-digit years: >= 69 is 19xx.
        ("06-01-02", "69-01-01", -31536000 * S),
    ],
)
def test_parse(layout: str, value: str, expected_ns: int) -> None:
    assert parse(layout, value, UTC).unix_nano() == expected_ns


@pytest.mark.parametrize(
    ("layout", "value"),
    [
        ("2006-01-02", "2019-02-30"),  # day out of range for the month
        ("15:04", "24:00"),  # hour out of range
        ("2006-01-02", "2019-01-02 extra"),  # extra text
        ("02", "2"),  # zero-padded field needs two digits
        ("2006 002", "2019 366"),  # day of year out of range
        ("Jan", "Foo"),
    ],
)
def test_parse_errors(layout: str, value: str) -> None:
    with pytest.raises(TimeParseError):
        parse(layout, value, UTC)


def test_dst_gap_resolves_like_go() -> None:
    # time.Date: 02:30 on New York's spring-forward day does not exist; Go looks the offset
    # up again at 02:30+5h (EDT by then), giving 06:30Z.
    new_york = load_location("America/New_York")
    assert parse("2006-01-02 15:04", "2019-03-10 02:30", new_york).unix_nano() == 1552199400 * S
