"""The timestamp stage's formats: util.go convertDateLayout.

Named Go layouts (RFC3339, ANSIC, ...) go through time.Parse and ignore `location`;
Unix, UnixMs, UnixUs and UnixNs are integers (Unix may carry one fraction); any other
text is a Go reference-time layout, parsed in `location`, and if it has no year (`06`)
the year is taken from "now" with Promtail's new-year's-eve correction.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from . import messages
from .golayout import RFC3339, RFC3339_NANO, TimeParseError
from .gotime import UTC, Location, days_from_civil, days_in, now_fields
from .gotimeparse import parse

# A parser takes the value and "now" (Unix seconds) and returns Unix nanoseconds.
TimeParser = Callable[[str, float], int]

NAMED_LAYOUTS = {
    "ANSIC": "Mon Jan _2 15:04:05 2006",
    "UnixDate": "Mon Jan _2 15:04:05 MST 2006",
    "RubyDate": "Mon Jan 02 15:04:05 -0700 2006",
    "RFC822": "02 Jan 06 15:04 MST",
    "RFC822Z": "02 Jan 06 15:04 -0700",
    "RFC850": "Monday, 02-Jan-06 15:04:05 MST",
    "RFC1123": "Mon, 02 Jan 2006 15:04:05 MST",
    "RFC1123Z": "Mon, 02 Jan 2006 15:04:05 -0700",
    "RFC3339": RFC3339,
    "RFC3339Nano": RFC3339_NANO,
}
_MAX_INT64 = (1 << 63) - 1


def _parse_int10(text: str) -> int:
    """strconv.ParseInt(text, 10, 64)."""
    body = text[1:] if text[:1] in ("+", "-") else text
    if not body or not body.isascii() or not body.isdigit():
        raise TimeParseError
    value = -int(body) if text[:1] == "-" else int(body)
    if not -(1 << 63) <= value <= _MAX_INT64:
        raise TimeParseError
    return value


def _wrap64(value: int) -> int:
    # Go multiplies in int64 and silently overflows.
    return (value + (1 << 63)) % (1 << 64) - (1 << 63)


def _unix(text: str, _now: float) -> int:
    if text.count(".") == 1:
        whole, frac = text.split(".")
        seconds = _parse_int10(whole)
        fraction = _parse_int10(frac)
        nsec = int(float(fraction) * 10.0 ** (9 - len(frac)))
        return _wrap64(seconds * 1_000_000_000 + nsec)
    return _wrap64(_parse_int10(text) * 1_000_000_000)


def _scaled(factor: int) -> TimeParser:
    def parse_scaled(text: str, _now: float) -> int:
        return _wrap64(_parse_int10(text) * factor)

    return parse_scaled


@lru_cache(maxsize=4096)
def _date_seconds(date: str) -> int | None:
    """Unix seconds of `YYYY-MM-DDTHH:MM:SS` (strict digits), or None."""
    return _compute_date_seconds(date)


def _compute_date_seconds(date: str) -> int | None:
    """Unix seconds of `YYYY-MM-DDTHH:MM:SS` (strict digits), or None."""
    digits = date[:4] + date[5:7] + date[8:10] + date[11:13] + date[14:16] + date[17:19]
    if not (digits.isascii() and digits.isdigit()):  # Go reads ASCII digits only
        return None
    if date[4] != "-" or date[7] != "-" or date[10] != "T" or date[13] != ":" or date[16] != ":":
        return None
    year, month, day = int(date[:4]), int(date[5:7]), int(date[8:10])
    hour, minute, second = int(date[11:13]), int(date[14:16]), int(date[17:19])
    if not (1 <= month <= 12 and hour < 24 and minute < 60 and second < 60):
        return None
    if not 1 <= day <= days_in(month, year):
        return None
    return days_from_civil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second


def rfc3339_fast(text: str) -> int | None:
    """Unix ns of the common RFC 3339 shapes, or None to let the full parser decide.

    Only returns a value where time.Parse(RFC3339Nano) gives the same one.
    """
    if len(text) < 20:
        return None
    seconds = _date_seconds(text[:19])
    if seconds is None:
        return None
    if text[-1] == "Z":
        zone_at, offset = len(text) - 1, 0
    elif len(text) >= 25 and text[-6] in "+-" and text[-3] == ":":
        hours, minutes = text[-5:-3], text[-2:]
        if not (hours + minutes).isdigit() or int(hours) > 23 or int(minutes) > 59:
            return None
        offset = int(hours) * 3600 + int(minutes) * 60
        offset = -offset if text[-6] == "-" else offset
        zone_at = len(text) - 6
    else:
        return None
    nsec = 0
    if zone_at > 19:
        digits = text[20:zone_at]
        if text[19] != "." or not digits.isascii() or not digits.isdigit():
            return None
        nsec = int((digits + "00000000")[:9])
    return (seconds - offset) * 1_000_000_000 + nsec


_FRACTION_SCALE: list[int] = [10 ** (9 - n) for n in range(10)]


class Rfc3339Utc:
    """rfc3339_fast for a stream of times that mostly share their second (CRI lines):
    `YYYY-MM-DDTHH:MM:SS.fffZ` with the second of the last such time reuses its seconds."""

    __slots__ = ("_base", "_head")

    def __init__(self) -> None:
        self._head = ""  # "YYYY-MM-DDTHH:MM:SS." of the last time parsed here
        self._base = 0  # its Unix seconds, in ns

    def __call__(self, text: str) -> int | None:
        if text[-1:] == "Z" and text[:20] == self._head:
            digits = text[20:-1]
            if 0 < len(digits) <= 9 and digits.isascii() and digits.isdigit():
                return self._base + int(digits) * _FRACTION_SCALE[len(digits)]
        parsed = rfc3339_fast(text)
        if parsed is not None and text[-1] == "Z" and text[19:20] == ".":
            seconds = _date_seconds(text[:19])
            if seconds is not None:
                self._head, self._base = text[:20], seconds * 1_000_000_000
        return parsed


def _layout(layout: str, location: Location) -> TimeParser:
    def parse_layout(text: str, _now: float) -> int:
        if layout in (RFC3339, RFC3339_NANO):
            fast = rfc3339_fast(text)
            if fast is not None:
                return fast
        return parse(layout, text, location).unix_nano()

    return parse_layout


def _without_year(layout: str, location: Location) -> TimeParser:
    def parse_without_year(text: str, now: float) -> int:
        parsed = parse(layout, text, location).normalized()
        if parsed.year != 0:
            raise TimeParseError(messages.ERR_TIMESTAMP_CONTAINS_YEAR.format(value=text))
        now_year, now_month = now_fields(now)
        if parsed.month == 12 and now_month == 1:
            return parsed.add_years(now_year - 1).unix_nano()
        if parsed.month == 1 and now_month == 12:
            return parsed.add_years(now_year + 1).unix_nano()
        return parsed.add_years(now_year).unix_nano()

    return parse_without_year


def make_parser(fmt: str, location: Location) -> TimeParser:
    """convertDateLayout(fmt, location)."""
    if fmt in NAMED_LAYOUTS:
        return _layout(NAMED_LAYOUTS[fmt], UTC)
    if fmt == "Unix":
        return _unix
    if fmt in ("UnixMs", "UnixUs", "UnixNs"):
        return _scaled({"UnixMs": 1_000_000, "UnixUs": 1_000, "UnixNs": 1}[fmt])
    if "06" not in fmt:
        return _without_year(fmt, location)
    return _layout(fmt, location)
