"""Sprig v3.3 date functions (date.go) and Loki's time helpers (pkg/logql/log/fmt.go)."""

from __future__ import annotations

from typing import Any

from sim.golang.strconv import NumError, parse_int
from sim.gotemplate import gotime
from sim.gotemplate.errors import GoError
from sim.gotemplate.goduration import duration_string, parse_duration
from sim.gotemplate.gotime import (
    LOCAL,
    UTC,
    ZERO_TIME,
    GoTime,
    load_location,
    time_now,
    time_unix,
)
from sim.gotemplate.gotimefmt import format_time
from sim.gotemplate.gotimeparse import parse_in_location
from sim.gotemplate.gotypes import IFACE, Int32, Int64, wrap_int64
from sim.gotemplate.signature import GoFunc

TIME = "time.Time"


def _as_time(date: Any) -> GoTime:
    """dateInZone's switch: time.Time, int64/int/int32 seconds, anything else means now."""
    if isinstance(date, GoTime):
        return date
    if type(date) in (Int64, int, Int32):
        return time_unix(int(date), 0)
    return time_now()


def _location(zone: str) -> gotime.Location:
    try:
        return load_location(zone)
    except GoError:
        return UTC


def date_in_zone(fmt: str, date: Any, zone: str) -> str:
    return format_time(_as_time(date).in_loc(_location(zone)), fmt)


def _add(t: GoTime, d: int) -> GoTime:
    mono = t.mono + d if t.mono is not None else None
    return GoTime(t.sec, t.nsec + d, t.loc, mono)


def date_modify(fmt: str, date: GoTime) -> GoTime:
    try:
        return _add(date, parse_duration(fmt))
    except GoError:
        return date


def must_date_modify(fmt: str, date: GoTime) -> GoTime:
    return _add(date, parse_duration(fmt))


def _since(t: GoTime) -> int:
    return wrap_int64(gotime.now_ns() - (t.sec * 1_000_000_000 + t.nsec))


def _round(d: int, m: int) -> int:
    """time.Duration.Round: halves away from zero, saturating on overflow."""
    r = abs(d) % m
    if d < 0:
        if r + r < m:
            return d + r
        return max(d - m + r, -(1 << 63))
    if r + r < m:
        return d - r
    return min(d + m - r, (1 << 63) - 1)


def ago(date: Any) -> str:
    if isinstance(date, GoTime):
        t = date
    elif type(date) in (Int64, int):
        t = time_unix(int(date), 0)
    else:
        t = time_now()
    return duration_string(_round(_since(t), 1_000_000_000))


def duration(sec: Any) -> str:
    n = 0
    if type(sec) is str:
        try:
            n = parse_int(sec, 10, 64)
        except NumError as err:
            if err.err == "value out of range":
                n = -(1 << 63) if sec.startswith("-") else (1 << 63) - 1
    elif type(sec) is Int64:
        n = int(sec)
    return duration_string(wrap_int64(n * 1_000_000_000))


_UNITS = (
    (3600 * 24 * 365 * 10**9, "y"),
    (3600 * 24 * 30 * 10**9, "mo"),
    (3600 * 24 * 10**9, "d"),
    (3600 * 10**9, "h"),
    (60 * 10**9, "m"),
    (10**9, "s"),
)


def duration_round(value: Any) -> str:
    d = 0
    if type(value) is str:
        try:
            d = parse_duration(value)
        except GoError:
            d = 0
    elif type(value) is Int64:
        d = int(value)
    elif isinstance(value, GoTime):
        d = _since(value)
    u = abs(d)
    for size, suffix in _UNITS:
        if u > size:
            return f"{u // size}{suffix}"
    return "0s"


def to_date(fmt: str, s: str) -> GoTime:
    try:
        return parse_in_location(fmt, s, LOCAL)
    except GoError:
        return ZERO_TIME


def to_date_in_zone(fmt: str, zone: str, s: str) -> GoTime:
    """Loki's toDateInZone: an unknown zone means UTC, a parse error the zero time."""
    try:
        return parse_in_location(fmt, s, _location(zone))
    except GoError:
        return ZERO_TIME


def unix_to_time(epoch: str) -> GoTime:
    """Loki's unixToTime: the digit count says days, s, ms, µs or ns."""
    try:
        i = parse_int(epoch, 10, 64)
    except NumError as err:
        raise GoError(f"unable to parse time '{epoch}': {err}") from None
    n = len(epoch.encode("utf-8", "surrogateescape"))
    if n == 5:
        return time_unix(i * 86400, 0)
    if n == 10:
        return time_unix(i, 0)
    if n == 13:
        return time_unix(0, wrap_int64(i * 1_000_000))
    if n == 16:
        return time_unix(0, wrap_int64(i * 1000))
    if n == 19:
        return time_unix(0, i)
    raise GoError(f"unable to parse time '{epoch}': %!w(<nil>)")


SPRIG_TIME: dict[str, GoFunc] = {
    "ago": GoFunc(ago, (IFACE,)),
    "date": GoFunc(lambda fmt, d: date_in_zone(fmt, d, "Local"), ("string", IFACE)),
    "date_in_zone": GoFunc(date_in_zone, ("string", IFACE, "string")),
    "dateInZone": GoFunc(date_in_zone, ("string", IFACE, "string")),
    "date_modify": GoFunc(date_modify, ("string", TIME)),
    "dateModify": GoFunc(date_modify, ("string", TIME)),
    "must_date_modify": GoFunc(must_date_modify, ("string", TIME)),
    "mustDateModify": GoFunc(must_date_modify, ("string", TIME)),
    "duration": GoFunc(duration, (IFACE,)),
    "durationRound": GoFunc(duration_round, (IFACE,)),
    "htmlDate": GoFunc(lambda d: date_in_zone("2006-01-02", d, "Local"), (IFACE,)),
    "htmlDateInZone": GoFunc(
        lambda d, zone: date_in_zone("2006-01-02", d, zone), (IFACE, "string")
    ),
    "mustToDate": GoFunc(lambda fmt, s: parse_in_location(fmt, s, LOCAL), ("string", "string")),
    "now": GoFunc(time_now),
    "toDate": GoFunc(to_date, ("string", "string")),
    "unixEpoch": GoFunc(lambda t: str(t.sec), (TIME,)),
}
