"""Go's reference-time layouts (src/time/format.go): chunks and the readers of each field.

A layout is split into Go's "std chunks" (`2006`, `Jan`, `_2`, `15`, `.000`, `Z07:00`, ...)
and the literal text between them; gotimeparse.py walks them over a value. Only success
and the resulting instant matter to Promtail (its timestamp stage never shows a parse
error), so errors here carry no text.
"""

from __future__ import annotations

RFC3339 = "2006-01-02T15:04:05Z07:00"
RFC3339_NANO = "2006-01-02T15:04:05.999999999Z07:00"

SHORT_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
LONG_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
SHORT_DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
LONG_DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
_ZERO_X = {"1": "01", "2": "02", "3": "03", "4": "04", "5": "05", "6": "06"}
_TZ_CHUNKS = ("-070000", "-07:00:00", "-0700", "-07:00", "-07")
_ISO_TZ_CHUNKS = ("Z070000", "Z07:00:00", "Z0700", "Z07:00", "Z07")


class TimeParseError(ValueError):
    """The value does not fit the layout."""


def digit(s: str, i: int) -> bool:
    return i < len(s) and "0" <= s[i] <= "9"


def next_chunk(layout: str) -> tuple[str, str, str]:
    """(literal prefix, std chunk or "", rest): Go's nextStdChunk."""
    for i, c in enumerate(layout):
        rest = layout[i:]
        if c == "J" and rest.startswith("Jan"):
            if rest.startswith("January"):
                return layout[:i], "January", layout[i + 7 :]
            if not rest[3:4].islower():
                return layout[:i], "Jan", layout[i + 3 :]
        elif c == "M" and rest.startswith("Mon"):
            if rest.startswith("Monday"):
                return layout[:i], "Monday", layout[i + 6 :]
            if not rest[3:4].islower():
                return layout[:i], "Mon", layout[i + 3 :]
        elif c == "M" and rest.startswith("MST"):
            return layout[:i], "MST", layout[i + 3 :]
        elif c == "0" and rest[1:2] in _ZERO_X:
            return layout[:i], _ZERO_X[rest[1]], layout[i + 2 :]
        elif c == "0" and rest.startswith("002"):
            return layout[:i], "002", layout[i + 3 :]
        elif c == "1":
            if rest.startswith("15"):
                return layout[:i], "15", layout[i + 2 :]
            return layout[:i], "1", layout[i + 1 :]
        elif c == "2":
            if rest.startswith("2006"):
                return layout[:i], "2006", layout[i + 4 :]
            return layout[:i], "2", layout[i + 1 :]
        elif c == "_" and rest.startswith("_2"):
            if rest.startswith("_2006"):
                return layout[: i + 1], "2006", layout[i + 5 :]
            return layout[:i], "_2", layout[i + 2 :]
        elif c == "_" and rest.startswith("__2"):
            return layout[:i], "__2", layout[i + 3 :]
        elif c in "345":
            return layout[:i], c, layout[i + 1 :]
        elif c == "P" and rest.startswith("PM"):
            return layout[:i], "PM", layout[i + 2 :]
        elif c == "p" and rest.startswith("pm"):
            return layout[:i], "pm", layout[i + 2 :]
        elif c in "-Z":
            for chunk in _TZ_CHUNKS if c == "-" else _ISO_TZ_CHUNKS:
                if rest.startswith(chunk):
                    return layout[:i], chunk, layout[i + len(chunk) :]
        elif c in ".," and rest[1:2] in ("0", "9"):
            j = 1
            while j < len(rest) and rest[j] == rest[1]:
                j += 1
            if not digit(rest, j):
                return layout[:i], rest[:j], layout[i + j :]
    return layout, "", ""


def skip(value: str, prefix: str) -> str:
    """Consume literal text; a run of spaces matches a run of spaces."""
    while prefix:
        if prefix[0] == " ":
            if value and value[0] != " ":
                raise TimeParseError
            prefix = prefix.lstrip(" ")
            value = value.lstrip(" ")
            continue
        if not value or value[0] != prefix[0]:
            raise TimeParseError
        prefix, value = prefix[1:], value[1:]
    return value


def getnum(s: str, fixed: bool) -> tuple[int, str]:
    if not digit(s, 0):
        raise TimeParseError
    if not digit(s, 1):
        if fixed:
            raise TimeParseError
        return int(s[0]), s[1:]
    return int(s[:2]), s[2:]


def getnum3(s: str, fixed: bool) -> tuple[int, str]:
    i = 0
    while i < 3 and digit(s, i):
        i += 1
    if i == 0 or (fixed and i != 3):
        raise TimeParseError
    return int(s[:i]), s[i:]


def atoi(s: str) -> int:
    body = s[1:] if s[:1] in ("+", "-") else s
    if not body or not all("0" <= c <= "9" for c in body):
        raise TimeParseError
    return -int(body) if s[:1] == "-" else int(body)


def nanos(value: str, nbytes: int) -> int:
    if value[:1] not in (".", ","):
        raise TimeParseError
    nbytes = min(nbytes, 10)
    digits = value[1:nbytes]
    if not digits.isascii() or not digits.isdigit():
        raise TimeParseError
    return int(digits) * int(10 ** (10 - nbytes))


def lookup(names: list[str], value: str) -> tuple[int, str]:
    for index, name in enumerate(names):
        head = value[: len(name)]
        if len(head) == len(name) and head.lower() == name.lower() and head.isascii():
            return index, value[len(name) :]
    raise TimeParseError


def zone_name_length(value: str) -> int:
    """parseTimeZone: the length of a zone abbreviation at the start of value, or 0."""
    if len(value) < 3:
        return 0
    if value[:4] in ("ChST", "MeST"):
        return 4
    if value.startswith("GMT"):
        return 3 + _signed_offset_length(value[3:]) if len(value) > 3 else 3
    if value[0] in "+-":
        return _signed_offset_length(value)
    upper = 0
    while upper < min(len(value), 6) and "A" <= value[upper] <= "Z":
        upper += 1
    if upper == 3:
        return 3
    if upper == 4 and (value[3] == "T" or value[:4] == "WITA"):
        return 4
    if upper == 5 and value[4] == "T":
        return 5
    return 0


def _signed_offset_length(value: str) -> int:
    if not value or value[0] not in "+-":
        return 0
    i = 1
    while digit(value, i):
        i += 1
    if i == 1 or int(value[1:i]) > 23:
        return 0
    return i


def tz_offset(std: str, value: str) -> tuple[int, str]:
    """A numeric zone offset in seconds east of UTC, and the rest of the value."""
    colon = std.endswith(":00") or std.endswith(":00:00")
    if std in ("-07:00", "Z07:00"):
        if len(value) < 6 or value[3] != ":":
            raise TimeParseError
        sign, hh, mm, ss, rest = value[0], value[1:3], value[4:6], "00", value[6:]
    elif std in ("-07", "Z07"):
        if len(value) < 3:
            raise TimeParseError
        sign, hh, mm, ss, rest = value[0], value[1:3], "00", "00", value[3:]
    elif colon:
        if len(value) < 9 or value[3] != ":" or value[6] != ":":
            raise TimeParseError
        sign, hh, mm, ss, rest = value[0], value[1:3], value[4:6], value[7:9], value[9:]
    elif std in ("-070000", "Z070000"):
        if len(value) < 7:
            raise TimeParseError
        sign, hh, mm, ss, rest = value[0], value[1:3], value[3:5], value[5:7], value[7:]
    else:
        if len(value) < 5:
            raise TimeParseError
        sign, hh, mm, ss, rest = value[0], value[1:3], value[3:5], "00", value[5:]
    hours, _ = getnum(hh, True)
    minutes, _ = getnum(mm, True)
    seconds, _ = getnum(ss, True)
    if hours > 24 or minutes > 60 or seconds > 60 or sign not in "+-":
        raise TimeParseError
    offset = (hours * 60 + minutes) * 60 + seconds
    return (-offset if sign == "-" else offset), rest
