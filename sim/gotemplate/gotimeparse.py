"""time.ParseInLocation with Go's reference layouts and Go's error texts."""

from __future__ import annotations

from sim.gotemplate import gotimefmt as f
from sim.gotemplate.errors import GoError
from sim.gotemplate.goduration import time_quote as quote
from sim.gotemplate.gotime import (
    DAYS,
    MONTHS,
    UTC,
    GoTime,
    Location,
    date,
    days_in,
    fixed_zone,
    is_leap,
)

_DAYS_BEFORE = (0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365)


class _Bad(Exception):
    pass


class _Range(Exception):
    def __init__(self, what: str) -> None:
        self.what = what


def _digit(s: str, i: int) -> bool:
    return i < len(s) and "0" <= s[i] <= "9"


def _getnum(s: str, fixed: bool) -> tuple[int, str]:
    if not _digit(s, 0):
        raise _Bad
    if not _digit(s, 1):
        if fixed:
            raise _Bad
        return int(s[0]), s[1:]
    return int(s[:2]), s[2:]


def _getnum3(s: str, fixed: bool) -> tuple[int, str]:
    i = 0
    while i < 3 and _digit(s, i):
        i += 1
    if i == 0 or (fixed and i != 3):
        raise _Bad
    return int(s[:i]), s[i:]


def _lookup(names: list[str], val: str) -> tuple[int, str]:
    for i, name in enumerate(names):
        if len(val) >= len(name) and val[: len(name)].lower() == name.lower():
            return i, val[len(name) :]
    raise _Bad


def _atoi(s: str) -> int:
    neg = s[:1] in ("-", "+") and s[0] == "-"
    body = s[1:] if s[:1] in ("-", "+") else s
    if not body or not body.isascii() or not body.isdigit():
        raise _Bad
    v: int = int(body)
    return -v if neg else v


def _nanoseconds(value: str, nbytes: int) -> int:
    if value[0] not in ".,":
        raise _Bad
    if nbytes > 10:
        value, nbytes = value[:10], 10
    ns = _atoi(value[1:nbytes])
    if ns < 0:
        raise _Range("fractional second")
    return ns * int(10 ** (10 - nbytes))


def _skip(value: str, prefix: str) -> str:
    while prefix:
        if prefix[0] == " ":
            if value and value[0] != " ":
                raise _Bad
            prefix = prefix.lstrip(" ")
            value = value.lstrip(" ")
            continue
        if not value or value[0] != prefix[0]:
            raise _Bad
        prefix, value = prefix[1:], value[1:]
    return value


def _signed_offset(value: str) -> int:
    if not value or value[0] not in "+-":
        return 0
    i = 1
    while _digit(value, i):
        i += 1
    if i == 1 or int(value[1:i]) > 12:
        return 0
    return i


def _zone_length(value: str) -> int:
    """time.parseTimeZone: how long the zone abbreviation at the start of value is (0: none)."""
    if len(value) < 3:
        return 0
    if value[:4] in ("ChST", "MeST"):
        return 4
    if value[:3] == "GMT":
        return 3 + _signed_offset(value[3:]) if len(value) > 3 else 3
    if value[0] in "+-":
        return _signed_offset(value)
    upper = 0
    while upper < 6 and upper < len(value) and "A" <= value[upper] <= "Z":
        upper += 1
    if upper == 5 and value[4] == "T":
        return 5
    if upper == 4 and (value[3] == "T" or value[:4] == "WITA"):
        return 4
    return 3 if upper == 3 else 0


def _error(layout: str, value: str, layout_elem: str, value_elem: str, msg: str) -> GoError:
    if msg:
        return GoError("parsing time " + quote(value) + msg)
    return GoError(
        "parsing time "
        + quote(value)
        + " as "
        + quote(layout)
        + ": cannot parse "
        + quote(value_elem)
        + " as "
        + quote(layout_elem)
    )


class _State:
    def __init__(self) -> None:
        self.year, self.month, self.day, self.yday = 0, -1, -1, -1
        self.hour = self.minute = self.sec = self.nsec = 0
        self.pm = self.am = False
        self.z: Location | None = None
        self.zone_offset = -1
        self.zone_name = ""


def _tz_offset(std: int, value: str) -> tuple[int, str]:
    if std in (f.ISO_COLON_TZ, f.NUM_COLON_TZ):
        if len(value) < 6 or value[3] != ":":
            raise _Bad
        sign, hh, mm, ss, value = value[0], value[1:3], value[4:6], "00", value[6:]
    elif std in (f.NUM_SHORT_TZ, f.ISO_SHORT_TZ):
        if len(value) < 3:
            raise _Bad
        sign, hh, mm, ss, value = value[0], value[1:3], "00", "00", value[3:]
    elif std in (f.ISO_COLON_SECONDS_TZ, f.NUM_COLON_SECONDS_TZ):
        if len(value) < 9 or value[3] != ":" or value[6] != ":":
            raise _Bad
        sign, hh, mm, ss, value = value[0], value[1:3], value[4:6], value[7:9], value[9:]
    elif std in (f.ISO_SECONDS_TZ, f.NUM_SECONDS_TZ):
        if len(value) < 7:
            raise _Bad
        sign, hh, mm, ss, value = value[0], value[1:3], value[3:5], value[5:7], value[7:]
    else:
        if len(value) < 5:
            raise _Bad
        sign, hh, mm, ss, value = value[0], value[1:3], value[3:5], "00", value[5:]
    hr, _ = _getnum(hh, True)
    mi, _ = _getnum(mm, True)
    se, _ = _getnum(ss, True)
    if hr > 24:
        raise _Range("time zone offset hour")
    if mi > 60:
        raise _Range("time zone offset minute")
    if se > 60:
        raise _Range("time zone offset second")
    offset = (hr * 60 + mi) * 60 + se
    if sign == "-":
        offset = -offset
    elif sign != "+":
        raise _Bad
    return offset, value


def _element(st: _State, std: f.Std, layout: str, value: str) -> str:
    c = std.code
    if c == f.YEAR:
        if len(value) < 2:
            raise _Bad
        st.year = _atoi(value[:2])
        st.year += 1900 if st.year >= 69 else 2000
        return value[2:]
    if c == f.LONG_YEAR:
        if len(value) < 4 or not _digit(value, 0):
            raise _Bad
        st.year = _atoi(value[:4])
        return value[4:]
    if c in (f.MONTH, f.LONG_MONTH):
        names = [m[:3] for m in MONTHS] if c == f.MONTH else list(MONTHS)
        st.month, value = _lookup(names, value)
        st.month += 1
        return value
    if c in (f.NUM_MONTH, f.ZERO_MONTH):
        st.month, value = _getnum(value, c == f.ZERO_MONTH)
        if not 0 < st.month <= 12:
            raise _Range("month")
        return value
    if c in (f.WEEKDAY, f.LONG_WEEKDAY):
        return _lookup([d[:3] for d in DAYS] if c == f.WEEKDAY else list(DAYS), value)[1]
    if c in (f.DAY, f.UNDER_DAY, f.ZERO_DAY):
        if c == f.UNDER_DAY and value[:1] == " ":
            value = value[1:]
        st.day, value = _getnum(value, c == f.ZERO_DAY)
        return value
    if c in (f.UNDER_YEARDAY, f.ZERO_YEARDAY):
        for _ in range(2):
            if c == f.UNDER_YEARDAY and value[:1] == " ":
                value = value[1:]
        st.yday, value = _getnum3(value, c == f.ZERO_YEARDAY)
        return value
    if c == f.HOUR:
        st.hour, value = _getnum(value, False)
        if not 0 <= st.hour < 24:
            raise _Range("hour")
        return value
    if c in (f.HOUR12, f.ZERO_HOUR12):
        st.hour, value = _getnum(value, c == f.ZERO_HOUR12)
        if not 0 <= st.hour <= 12:
            raise _Range("hour")
        return value
    if c in (f.MINUTE, f.ZERO_MINUTE):
        st.minute, value = _getnum(value, c == f.ZERO_MINUTE)
        if not 0 <= st.minute < 60:
            raise _Range("minute")
        return value
    if c in (f.SECOND, f.ZERO_SECOND):
        st.sec, value = _getnum(value, c == f.ZERO_SECOND)
        if not 0 <= st.sec < 60:
            raise _Range("second")
        if len(value) >= 2 and value[0] in ".," and _digit(value, 1):
            _, nxt, _ = f.next_std_chunk(layout)
            if nxt is not None and nxt.code in (f.FRAC0, f.FRAC9):
                return value
            n = 2
            while _digit(value, n):
                n += 1
            st.nsec = _nanoseconds(value, n)
            value = value[n:]
        return value
    if c in (f.PM, f.LOWER_PM):
        if len(value) < 2:
            raise _Bad
        mark, value = value[:2], value[2:]
        pm, am = ("PM", "AM") if c == f.PM else ("pm", "am")
        if mark == pm:
            st.pm = True
        elif mark == am:
            st.am = True
        else:
            raise _Bad
        return value
    if c in f._ALL_TZ:
        if c in f._ISO and value[:1] == "Z":
            st.z = UTC
            return value[1:]
        st.zone_offset, value = _tz_offset(c, value)
        return value
    if c == f.TZ:
        if value[:3] == "UTC":
            st.z = UTC
            return value[3:]
        n = _zone_length(value)
        if n == 0:
            raise _Bad
        st.zone_name, value = value[:n], value[n:]
        return value
    if c == f.FRAC0:
        ndigit = 1 + std.digits
        if len(value) < ndigit:
            raise _Bad
        st.nsec = _nanoseconds(value, ndigit)
        return value[ndigit:]
    if len(value) < 2 or value[0] not in ".," or not _digit(value, 1):
        return value  # FRAC9: the fractional second may be omitted
    i = 0
    while _digit(value, i + 1):
        i += 1
    st.nsec = _nanoseconds(value, 1 + i)
    return value[1 + i :]


def parse_in_location(layout: str, value: str, loc: Location) -> GoTime:
    """time.ParseInLocation; raises GoError carrying Go's ParseError text."""
    alayout, avalue = layout, value
    st = _State()
    while True:
        prefix, std, suffix = f.next_std_chunk(layout)
        std_text = layout[len(prefix) : len(layout) - len(suffix)]
        try:
            value = _skip(value, prefix)
        except _Bad:
            raise _error(alayout, avalue, prefix, value, "") from None
        if std is None:
            if value:
                raise _error(alayout, avalue, "", value, ": extra text: " + quote(value))
            break
        layout = suffix
        hold = value
        try:
            value = _element(st, std, layout, value)
        except _Range as rng:
            raise _error(
                alayout, avalue, std_text, value, ": " + rng.what + " out of range"
            ) from None
        except _Bad:
            raise _error(alayout, avalue, std_text, hold, "") from None
    if st.pm and st.hour < 12:
        st.hour += 12
    elif st.am and st.hour == 12:
        st.hour = 0
    _resolve_day(st, alayout, avalue, value)
    return _place(st, loc)


def _resolve_day(st: _State, layout: str, value: str, rest: str) -> None:
    if st.yday >= 0:
        yday, m, d = st.yday, 0, 0
        if is_leap(st.year):
            if yday == 31 + 29:
                m, d = 2, 29
            elif yday > 31 + 29:
                yday -= 1
        if yday < 1 or yday > 365:
            raise _error(layout, value, "", rest, ": day-of-year out of range")
        if m == 0:
            m = (yday - 1) // 31 + 1
            if _DAYS_BEFORE[m] < yday:
                m += 1
            d = yday - _DAYS_BEFORE[m - 1]
        if st.month >= 0 and st.month != m:
            raise _error(layout, value, "", rest, ": day-of-year does not match month")
        st.month = m
        if st.day >= 0 and st.day != d:
            raise _error(layout, value, "", rest, ": day-of-year does not match day")
        st.day = d
    else:
        st.month = 1 if st.month < 0 else st.month
        st.day = 1 if st.day < 0 else st.day
    if st.day < 1 or st.day > days_in(st.month, st.year):
        raise _error(layout, value, "", rest, ": day out of range")


def _place(st: _State, loc: Location) -> GoTime:
    fields = (st.year, st.month, st.day, st.hour, st.minute, st.sec, st.nsec)
    if st.z is not None:
        return date(*fields, st.z)
    if st.zone_offset != -1:
        t = date(*fields, UTC)
        unix = t.sec - st.zone_offset
        name, offset = loc.lookup(unix)
        if offset == st.zone_offset and (st.zone_name == "" or name == st.zone_name):
            return GoTime(unix, t.nsec, loc)
        return GoTime(unix, t.nsec, fixed_zone(st.zone_name, st.zone_offset))
    if st.zone_name:
        t = date(*fields, UTC)
        found = loc.lookup_name(st.zone_name, t.sec)
        if found is not None:
            return GoTime(t.sec - found, t.nsec, loc)
        offset = 0
        if len(st.zone_name) > 3 and st.zone_name[:3] == "GMT":
            offset = _atoi(st.zone_name[3:]) * 3600
        return GoTime(t.sec, t.nsec, fixed_zone(st.zone_name, offset))
    return date(*fields, loc)
