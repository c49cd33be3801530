"""Go's time.Parse / time.ParseInLocation (src/time/format.go parse).

The value must match the layout chunk by chunk, with Go's leniency (one- or two-digit
fields, fractional seconds after `05` even when the layout has none, runs of spaces
matching runs of spaces) and Go's strictness (ranges, day of month, day of year).
"""

from __future__ import annotations

from .golayout import (
    LONG_DAYS,
    LONG_MONTHS,
    SHORT_DAYS,
    SHORT_MONTHS,
    TimeParseError,
    atoi,
    digit,
    getnum,
    getnum3,
    lookup,
    nanos,
    next_chunk,
    skip,
    tz_offset,
    zone_name_length,
)
from .gotime import UTC, GoTime, Location, days_in, is_leap


class _Fields:
    __slots__ = (
        "am",
        "day",
        "hour",
        "minute",
        "month",
        "nsec",
        "offset",
        "pm",
        "second",
        "utc",
        "yday",
        "year",
        "zone_name",
    )

    def __init__(self) -> None:
        self.year, self.month, self.day, self.yday = 0, -1, -1, -1
        self.hour = self.minute = self.second = self.nsec = 0
        self.am = self.pm = self.utc = False
        self.offset: int | None = None
        self.zone_name = ""


def _parse_chunk(std: str, value: str, layout_rest: str, f: _Fields) -> str:
    """Consume one std chunk from value into f; returns the rest of the value."""
    if std == "06":
        if len(value) < 2:
            raise TimeParseError
        year = atoi(value[:2])
        f.year = year + (1900 if year >= 69 else 2000)
        return value[2:]
    if std == "2006":
        if len(value) < 4 or not digit(value, 0):
            raise TimeParseError
        f.year = atoi(value[:4])
        return value[4:]
    if std in ("Jan", "January"):
        index, value = lookup(SHORT_MONTHS if std == "Jan" else LONG_MONTHS, value)
        f.month = index + 1
        return value
    if std in ("1", "01"):
        f.month, value = getnum(value, std == "01")
        if not 1 <= f.month <= 12:
            raise TimeParseError
        return value
    if std in ("Mon", "Monday"):
        return lookup(SHORT_DAYS if std == "Mon" else LONG_DAYS, value)[1]
    if std in ("2", "_2", "02"):
        if std == "_2" and value[:1] == " ":
            value = value[1:]
        f.day, value = getnum(value, std == "02")
        return value
    if std in ("__2", "002"):
        if std == "__2":
            value = value[2:] if value[:2] == "  " else value[1:] if value[:1] == " " else value
        f.yday, value = getnum3(value, std == "002")
        return value
    if std in ("15", "3", "03"):
        f.hour, value = getnum(value, std == "03")
        if f.hour >= (24 if std == "15" else 13):
            raise TimeParseError
        return value
    if std in ("4", "04"):
        f.minute, value = getnum(value, std == "04")
        if f.minute >= 60:
            raise TimeParseError
        return value
    if std in ("5", "05"):
        f.second, value = getnum(value, std == "05")
        if f.second >= 60:
            raise TimeParseError
        # A fraction after the seconds is accepted even when the layout has none.
        if len(value) >= 2 and value[0] in ".," and digit(value, 1):
            following = next_chunk(layout_rest)[1]
            if following[:1] in (".", ",") and following[1:2] in ("0", "9"):
                return value
            n = 2
            while digit(value, n):
                n += 1
            f.nsec = nanos(value, n)
            return value[n:]
        return value
    if std in ("PM", "pm"):
        head, value = value[:2], value[2:]
        if head == std:
            f.pm = True
        elif head == ("AM" if std == "PM" else "am"):
            f.am = True
        else:
            raise TimeParseError
        return value
    if std.startswith("Z") and value[:1] == "Z":
        f.utc = True
        return value[1:]
    if std.startswith(("Z", "-")):
        f.offset, value = tz_offset(std, value)
        return value
    if std == "MST":
        if value[:3] == "UTC":
            f.utc = True
            return value[3:]
        n = zone_name_length(value)
        if n == 0:
            raise TimeParseError
        f.zone_name = value[:n]
        return value[n:]
    if std[1] == "0":
        ndigit = len(std)
        if len(value) < ndigit:
            raise TimeParseError
        f.nsec = nanos(value, ndigit)
        return value[ndigit:]
    # A `.999` chunk: the fraction is optional and may have any number of digits.
    if len(value) < 2 or value[0] not in ".," or not digit(value, 1):
        return value
    i = 1
    while digit(value, i):
        i += 1
    f.nsec = nanos(value, i)
    return value[i:]


def _resolve_day(f: _Fields) -> None:
    if f.yday >= 0:
        yday, month, day = f.yday, 0, 0
        if is_leap(f.year):
            if yday == 31 + 29:
                month, day = 2, 29
            elif yday > 31 + 29:
                yday -= 1
        if not 1 <= yday <= 365:
            raise TimeParseError
        if month == 0:
            month = (yday - 1) // 31 + 1
            before = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365]
            if before[month] < yday:
                month += 1
            day = yday - before[month - 1]
        if (f.month >= 0 and f.month != month) or (f.day >= 0 and f.day != day):
            raise TimeParseError
        f.month, f.day = month, day
    else:
        f.month = 1 if f.month < 0 else f.month
        f.day = 1 if f.day < 0 else f.day
    if not 1 <= f.day <= days_in(f.month, f.year):
        raise TimeParseError


def parse(layout: str, value: str, location: Location = UTC) -> GoTime:
    """time.ParseInLocation(layout, value, location); time.Parse when location is UTC."""
    f = _Fields()
    while True:
        prefix, std, layout = next_chunk(layout)
        value = skip(value, prefix)
        if not std:
            if value:
                raise TimeParseError
            break
        value = _parse_chunk(std, value, layout, f)
    if f.pm and f.hour < 12:
        f.hour += 12
    elif f.am and f.hour == 12:
        f.hour = 0
    _resolve_day(f)
    zone: int | Location = location
    if f.utc:
        zone = UTC
    elif f.offset is not None:
        zone = f.offset
    elif f.zone_name:
        # An abbreviation the location knows gives its offset; any other (and GMT+h) is
        # read as UTC: Go fabricates a zone whose offset only affects formatting.
        wall = GoTime(f.year, f.month, f.day, f.hour, f.minute, f.second, 0, 0).unix_nano()
        zone = location.offset_for_name(f.zone_name, wall // 1_000_000_000) or 0
    return GoTime(f.year, f.month, f.day, f.hour, f.minute, f.second, f.nsec, zone)
