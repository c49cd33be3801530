"""Go reference-time layouts ("2006-01-02 15:04:05"): time.Format and time.ParseInLocation."""

from __future__ import annotations

from typing import Final

from sim.gotemplate.gotime import (
    DAYS,
    MONTHS,
    GoTime,
)

# layout element codes (names follow time/format.go)
LONG_MONTH, MONTH, NUM_MONTH, ZERO_MONTH = 1, 2, 3, 4
LONG_WEEKDAY, WEEKDAY = 5, 6
DAY, UNDER_DAY, ZERO_DAY, UNDER_YEARDAY, ZERO_YEARDAY = 7, 8, 9, 10, 11
HOUR, HOUR12, ZERO_HOUR12 = 12, 13, 14
MINUTE, ZERO_MINUTE, SECOND, ZERO_SECOND = 15, 16, 17, 18
LONG_YEAR, YEAR, PM, LOWER_PM, TZ = 19, 20, 21, 22, 23
ISO_TZ, ISO_SECONDS_TZ, ISO_SHORT_TZ, ISO_COLON_TZ, ISO_COLON_SECONDS_TZ = 24, 25, 26, 27, 28
NUM_TZ, NUM_SECONDS_TZ, NUM_SHORT_TZ, NUM_COLON_TZ, NUM_COLON_SECONDS_TZ = 29, 30, 31, 32, 33
FRAC0, FRAC9 = 34, 35

_ZERO_X: Final = {"1": ZERO_MONTH, "2": ZERO_DAY, "3": ZERO_HOUR12, "4": ZERO_MINUTE}
_ZERO_X.update({"5": ZERO_SECOND, "6": YEAR})
_DASH_TZ: Final = (
    ("-070000", NUM_SECONDS_TZ),
    ("-07:00:00", NUM_COLON_SECONDS_TZ),
    ("-0700", NUM_TZ),
    ("-07:00", NUM_COLON_TZ),
    ("-07", NUM_SHORT_TZ),
)
_Z_TZ: Final = (
    ("Z070000", ISO_SECONDS_TZ),
    ("Z07:00:00", ISO_COLON_SECONDS_TZ),
    ("Z0700", ISO_TZ),
    ("Z07:00", ISO_COLON_TZ),
    ("Z07", ISO_SHORT_TZ),
)
_ISO = frozenset({ISO_TZ, ISO_SECONDS_TZ, ISO_SHORT_TZ, ISO_COLON_TZ, ISO_COLON_SECONDS_TZ})
_COLON = frozenset({ISO_COLON_TZ, NUM_COLON_TZ, ISO_COLON_SECONDS_TZ, NUM_COLON_SECONDS_TZ})
_SHORT = frozenset({NUM_SHORT_TZ, ISO_SHORT_TZ})
_WITH_SECONDS = frozenset(
    {ISO_SECONDS_TZ, NUM_SECONDS_TZ, NUM_COLON_SECONDS_TZ, ISO_COLON_SECONDS_TZ}
)
_ALL_TZ = _ISO | {NUM_TZ, NUM_SECONDS_TZ, NUM_SHORT_TZ, NUM_COLON_TZ, NUM_COLON_SECONDS_TZ}


class Std:
    """One layout element: its code, and for fractional seconds the digit count and separator."""

    __slots__ = ("code", "digits", "sep")

    def __init__(self, code: int, digits: int = 0, sep: str = ".") -> None:
        self.code = code
        self.digits = digits
        self.sep = sep


def _starts_lower(s: str, i: int) -> bool:
    return i < len(s) and "a" <= s[i] <= "z"


def next_std_chunk(layout: str) -> tuple[str, Std | None, str]:
    """(literal prefix, element, rest) — time.nextStdChunk."""
    n = len(layout)
    for i, c in enumerate(layout):
        if c == "J" and layout.startswith("Jan", i):
            if layout.startswith("January", i):
                return layout[:i], Std(LONG_MONTH), layout[i + 7 :]
            if not _starts_lower(layout, i + 3):
                return layout[:i], Std(MONTH), layout[i + 3 :]
        elif c == "M" and i + 3 <= n:
            if layout.startswith("Mon", i):
                if layout.startswith("Monday", i):
                    return layout[:i], Std(LONG_WEEKDAY), layout[i + 6 :]
                if not _starts_lower(layout, i + 3):
                    return layout[:i], Std(WEEKDAY), layout[i + 3 :]
            if layout.startswith("MST", i):
                return layout[:i], Std(TZ), layout[i + 3 :]
        elif c == "0":
            if i + 2 <= n and "1" <= layout[i + 1] <= "6":
                return layout[:i], Std(_ZERO_X[layout[i + 1]]), layout[i + 2 :]
            if layout.startswith("002", i):
                return layout[:i], Std(ZERO_YEARDAY), layout[i + 3 :]
        elif c == "1":
            if layout.startswith("15", i):
                return layout[:i], Std(HOUR), layout[i + 2 :]
            return layout[:i], Std(NUM_MONTH), layout[i + 1 :]
        elif c == "2":
            if layout.startswith("2006", i):
                return layout[:i], Std(LONG_YEAR), layout[i + 4 :]
            return layout[:i], Std(DAY), layout[i + 1 :]
        elif c == "_":
            if layout.startswith("_2", i):
                if layout.startswith("2006", i + 1):
                    return layout[: i + 1], Std(LONG_YEAR), layout[i + 5 :]
                return layout[:i], Std(UNDER_DAY), layout[i + 2 :]
            if layout.startswith("__2", i):
                return layout[:i], Std(UNDER_YEARDAY), layout[i + 3 :]
        elif c in "345":
            code = {"3": HOUR12, "4": MINUTE, "5": SECOND}[c]
            return layout[:i], Std(code), layout[i + 1 :]
        elif c == "P" and layout.startswith("PM", i):
            return layout[:i], Std(PM), layout[i + 2 :]
        elif c == "p" and layout.startswith("pm", i):
            return layout[:i], Std(LOWER_PM), layout[i + 2 :]
        elif c == "-" or c == "Z":
            for text, code in _DASH_TZ if c == "-" else _Z_TZ:
                if layout.startswith(text, i):
                    return layout[:i], Std(code), layout[i + len(text) :]
        elif c in ".," and i + 1 < n and layout[i + 1] in "09":
            ch = layout[i + 1]
            j = i + 1
            while j < n and layout[j] == ch:
                j += 1
            if not (j < n and "0" <= layout[j] <= "9"):
                code = FRAC0 if ch == "0" else FRAC9
                return layout[:i], Std(code, j - (i + 1), c), layout[j:]
    return layout, None, ""


def _pad(v: int, width: int) -> str:
    if v < 0:
        return "-" + str(-v).rjust(width, "0")
    return str(v).rjust(width, "0")


def _nano(nsec: int, std: Std) -> str:
    trim = std.code == FRAC9
    if trim and (std.digits == 0 or nsec == 0):
        return ""
    digits = f"{nsec:09d}"[: min(std.digits, 9)]
    if trim:
        digits = digits.rstrip("0")
        if not digits:
            return ""
    return std.sep + digits


def format_time(t: GoTime, layout: str) -> str:
    """time.Time.Format."""
    year, month, day, hour, minute, sec, weekday, yday, abbrev, offset = t.civil()
    out: list[str] = []
    while layout:
        prefix, std, layout = next_std_chunk(layout)
        out.append(prefix)
        if std is None:
            break
        c = std.code
        if c == YEAR:
            out.append(_pad(year % 100, 2))
        elif c == LONG_YEAR:
            out.append(_pad(year, 4))
        elif c == MONTH:
            out.append(MONTHS[month - 1][:3])
        elif c == LONG_MONTH:
            out.append(MONTHS[month - 1])
        elif c == NUM_MONTH:
            out.append(str(month))
        elif c == ZERO_MONTH:
            out.append(_pad(month, 2))
        elif c == WEEKDAY:
            out.append(DAYS[weekday][:3])
        elif c == LONG_WEEKDAY:
            out.append(DAYS[weekday])
        elif c == DAY:
            out.append(str(day))
        elif c == UNDER_DAY:
            out.append(str(day).rjust(2, " "))
        elif c == ZERO_DAY:
            out.append(_pad(day, 2))
        elif c == UNDER_YEARDAY:
            out.append(str(yday).rjust(3, " "))
        elif c == ZERO_YEARDAY:
            out.append(_pad(yday, 3))
        elif c == HOUR:
            out.append(_pad(hour, 2))
        elif c in (HOUR12, ZERO_HOUR12):
            hr = hour % 12 or 12
            out.append(str(hr) if c == HOUR12 else _pad(hr, 2))
        elif c in (MINUTE, ZERO_MINUTE):
            out.append(str(minute) if c == MINUTE else _pad(minute, 2))
        elif c in (SECOND, ZERO_SECOND):
            out.append(str(sec) if c == SECOND else _pad(sec, 2))
        elif c in (PM, LOWER_PM):
            mark = "PM" if hour >= 12 else "AM"
            out.append(mark if c == PM else mark.lower())
        elif c in _ALL_TZ:
            out.append(_format_offset(c, offset))
        elif c == TZ:
            if abbrev:
                out.append(abbrev)
            else:
                zone = offset // 60 if offset >= 0 else -(-offset // 60)
                sign = "-" if zone < 0 else "+"
                zone = abs(zone)
                out.append(f"{sign}{_pad(zone // 60, 2)}{_pad(zone % 60, 2)}")
        elif c in (FRAC0, FRAC9):
            out.append(_nano(t.nsec, std))
    return "".join(out)


def _format_offset(code: int, offset: int) -> str:
    if offset == 0 and code in _ISO:
        return "Z"
    zone = int(offset / 60)  # Go divides toward zero
    sign = "+"
    absoffset = offset
    if zone < 0:
        sign, zone, absoffset = "-", -zone, -offset
    out = sign + _pad(zone // 60, 2)
    if code in _COLON:
        out += ":"
    if code not in _SHORT:
        out += _pad(zone % 60, 2)
    if code in _WITH_SECONDS:
        if code in (NUM_COLON_SECONDS_TZ, ISO_COLON_SECONDS_TZ):
            out += ":"
        out += _pad(absoffset % 60, 2)
    return out
