"""time.Time formatting and parsing with Go reference layouts, and time.Duration, against the
examples and rules of Go's time package documentation."""

from __future__ import annotations

import pytest

from sim.gotemplate.errors import GoError
from sim.gotemplate.goduration import duration_string, parse_duration
from sim.gotemplate.gotime import (
    LOCAL,
    UTC,
    date,
    fixed_zone,
    load_location,
    time_unix,
)
from sim.gotemplate.gotimefmt import format_time
from sim.gotemplate.gotimeparse import parse_in_location

T = date(2009, 11, 10, 23, 4, 5, 123456789, UTC)  # a Tuesday, day 314 of the year


@pytest.mark.parametrize(
    ("layout", "want"),
    [
        # time docs: the layout constants and the elements of the reference time
        ("2006-01-02T15:04:05Z07:00", "2009-11-10T23:04:05Z"),
        ("2006-01-02T15:04:05.999999999Z07:00", "2009-11-10T23:04:05.123456789Z"),
        ("Jan _2 15:04:05.000", "Nov 10 23:04:05.123"),
        ("Jan _2 15:04:05.000000", "Nov 10 23:04:05.123456"),
        ("Mon Jan _2 15:04:05 MST 2006", "Tue Nov 10 23:04:05 UTC 2009"),
        ("Monday, January 2, 2006 3:04 PM", "Tuesday, November 10, 2009 11:04 PM"),
        ("02/01/06 3:04pm", "10/11/09 11:04pm"),
        ("__2 002", "314 314"),
        ("2006-01-02 15:04:05 -0700 MST", "2009-11-10 23:04:05 +0000 UTC"),
        ("15:04:05.9", "23:04:05.1"),
        ("15:04:05,000", "23:04:05,123"),
        ("Jant", "Jant"),  # "Jan" followed by a lower-case letter is not a month
        ("_2006", "_2009"),
    ],
)
def test_format(layout: str, want: str) -> None:
    assert format_time(T, layout) == want


def test_format_offsets() -> None:
    # time docs: Z07:00 prints Z for UTC, otherwise the offset; MST the zone name
    t = date(2009, 11, 10, 23, 0, 0, 0, fixed_zone("MST", -7 * 3600))
    assert format_time(t, "2006-01-02T15:04:05Z07:00 MST -0700 -07") == (
        "2009-11-10T23:00:00-07:00 MST -0700 -07"
    )
    assert t.sec == T.sec - 4 * 60 - 5 + 7 * 3600


def test_string() -> None:
    # time.Time.String: "2006-01-02 15:04:05.999999999 -0700 MST"
    assert T.go_string() == "2009-11-10 23:04:05.123456789 +0000 UTC"
    assert time_unix(0, 0).go_string() == "1970-01-01 00:00:00 +0000 UTC"


def test_named_zone() -> None:
    # sprig dateInZone loads IANA zones: New York is EST (-0500) in winter
    t = time_unix(0, 0).in_loc(load_location("America/New_York"))
    assert format_time(t, "2006-01-02 15:04 MST") == "1969-12-31 19:00 EST"
    with pytest.raises(GoError, match="unknown time zone Nowhere/Else"):
        load_location("Nowhere/Else")


@pytest.mark.parametrize(
    ("layout", "value", "want"),
    [
        ("2006-01-02", "2021-11-02", "2021-11-02 00:00:00 +0000 UTC"),
        ("2006-01-02T15:04:05Z07:00", "2021-03-04T05:06:07+02:00", "2021-03-04 05:06:07 +0200 +0200"),
        ("2006-01-02T15:04:05Z07:00", "2021-03-04T05:06:07Z", "2021-03-04 05:06:07 +0000 UTC"),
        ("2006-01-02T15:04:05.999999999Z", "2023-03-10T01:32:40.340485723Z", "2023-03-10 01:32:40.340485723 +0000 UTC"),
        # time docs: a fractional second after the seconds field is accepted even if the layout has none
        ("15:04:05", "10:30:00.25", "0000-01-01 10:30:00.25 +0000 UTC"),
        # time docs: an unknown zone abbreviation gets a fabricated zone with a zero offset
        ("Jan 2, 2006 at 3:04pm (MST)", "Feb 3, 2013 at 7:54pm (PST)", "2013-02-03 19:54:00 +0000 PST"),
        ("Jan 2 2006", "jan 2 2006", "2006-01-02 00:00:00 +0000 UTC"),
        ("2006 002", "2020 060", "2020-02-29 00:00:00 +0000 UTC"),
    ],
)  # fmt: skip
def test_parse(layout: str, value: str, want: str) -> None:
    assert parse_in_location(layout, value, LOCAL).go_string() == want


@pytest.mark.parametrize(
    ("layout", "value", "want"),
    [
        ("2006-01-02", "x", 'parsing time "x" as "2006-01-02": cannot parse "x" as "2006"'),
        ("2006-01-02", "2021-13-01", 'parsing time "2021-13-01": month out of range'),
        ("2006-01-02", "2021-02-30", 'parsing time "2021-02-30": day out of range'),
        ("2006", "2021x", 'parsing time "2021x": extra text: "x"'),
        ("15:04", "25:00", 'parsing time "25:00": hour out of range'),
    ],
)
def test_parse_errors(layout: str, value: str, want: str) -> None:
    # time.ParseError texts
    with pytest.raises(GoError) as err:
        parse_in_location(layout, value, LOCAL)
    assert err.value.message == want


@pytest.mark.parametrize(
    ("text", "nanos"),
    [
        # time.ParseDuration docs
        ("300ms", 300_000_000),
        ("-1.5h", -5_400_000_000_000),
        ("2h45m", 9_900_000_000_000),
        ("1h15m30.918273645s", 4_530_918_273_645),
        ("1.5µs", 1500),
        ("1us", 1000),
        ("0", 0),
        ("+5s", 5_000_000_000),
    ],
)
def test_parse_duration(text: str, nanos: int) -> None:
    assert parse_duration(text) == nanos


@pytest.mark.parametrize(
    ("text", "msg"),
    [
        ("", 'time: invalid duration ""'),
        ("1", 'time: missing unit in duration "1"'),
        ("1x", 'time: unknown unit "x" in duration "1x"'),
        (".s", 'time: invalid duration ".s"'),
    ],
)
def test_parse_duration_errors(text: str, msg: str) -> None:
    with pytest.raises(GoError) as err:
        parse_duration(text)
    assert err.value.message == msg


@pytest.mark.parametrize(
    ("nanos", "text"),
    [
        # time.Duration.String docs and examples
        (0, "0s"),
        (1, "1ns"),
        (1100, "1.1µs"),
        (2_200_000, "2.2ms"),
        (1_500_000_000, "1.5s"),
        (95_000_000_000, "1m35s"),
        (4_530_918_273_645, "1h15m30.918273645s"),
        (-5_400_000_000_000, "-1h30m0s"),
    ],
)
def test_duration_string(nanos: int, text: str) -> None:
    assert duration_string(nanos) == text
