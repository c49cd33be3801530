"""Go's time.Time, time.Month, time.Weekday and time.Duration as template values.

Like the grafana/loki and grafana/promtail images (no TZ, no /etc/localtime), the Local
location is UTC: `date`, `toDate`, `now`, `unixToTime` and `__timestamp__` all use it.
"""

from __future__ import annotations

import datetime as _dt
import time as _time
import zoneinfo
from dataclasses import dataclass
from typing import Final

from sim.gotemplate.errors import GoError, UnsupportedAtRuntime

SECONDS_PER_DAY: Final = 86400
# nanoseconds of the process's monotonic clock at import: Go prints `m=+…` relative to start
_MONO_START: Final = _time.monotonic_ns()


def now_ns() -> int:
    """Wall clock for `now`; tests replace it."""
    return _time.time_ns()


MONTHS: Final = (
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
)
DAYS: Final = ("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")


class GoMonth(int):
    go_type: Final = "time.Month"
    __slots__ = ()

    def go_string(self) -> str:
        if 1 <= self <= 12:
            return MONTHS[self - 1]
        return f"%!Month({int(self)})"


class GoWeekday(int):
    go_type: Final = "time.Weekday"
    __slots__ = ()

    def go_string(self) -> str:
        if 0 <= self <= 6:
            return DAYS[self]
        return f"%!Weekday({int(self)})"


def days_from_civil(y: int, m: int, d: int) -> int:
    y -= m <= 2
    era = y // 400
    yoe = y - era * 400
    doy = (153 * (m + (-3 if m > 2 else 9)) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def civil_from_days(z: int) -> tuple[int, int, int]:
    z += 719468
    era = z // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    d = doy - (153 * mp + 2) // 5 + 1
    m = mp + 3 if mp < 10 else mp - 9
    return yoe + era * 400 + (m <= 2), m, d


def is_leap(y: int) -> bool:
    return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)


def days_in(month: int, year: int) -> int:
    if month == 2:
        return 29 if is_leap(year) else 28
    return 30 if month in (4, 6, 9, 11) else 31


@dataclass(frozen=True)
class Location:
    """A time zone: UTC, Local (=UTC), a fixed offset, or an IANA zone."""

    name: str
    offset: int = 0
    abbrev: str = ""
    zone: zoneinfo.ZoneInfo | None = None

    def lookup(self, unix: int) -> tuple[str, int]:
        """(abbreviation, offset seconds east of UTC) in effect at `unix`."""
        if self.zone is None:
            return self.abbrev, self.offset
        if not (-62135596800 <= unix < 253402300800):
            raise UnsupportedAtRuntime(
                "Go text/template", f"time zone {self.name} outside years 1..9999"
            )
        utc = _dt.datetime(1970, 1, 1, tzinfo=_dt.UTC) + _dt.timedelta(seconds=unix)
        local = utc.astimezone(self.zone)
        delta = local.utcoffset()
        return local.tzname() or "", int(delta.total_seconds()) if delta is not None else 0

    def lookup_name(self, name: str, unix: int) -> int | None:
        """Offset of zone abbreviation `name` near `unix` (Go's Location.lookupName, using the
        zones in effect within half a year instead of the whole table)."""
        if self.zone is None:
            return self.offset if name == self.abbrev else None
        candidates = [self.lookup(unix + d * 86400 * 61) for d in range(-3, 4)]
        for abbrev, offset in candidates:
            if abbrev == name and self.lookup(unix - offset)[0] == name:
                return offset
        for abbrev, offset in candidates:
            if abbrev == name:
                return offset
        return None


UTC: Final = Location("UTC", 0, "UTC")
LOCAL: Final = Location("Local", 0, "UTC")


def fixed_zone(name: str, offset: int) -> Location:
    return Location(name, offset, name)


def load_location(name: str) -> Location:
    """time.LoadLocation; raises GoError(`unknown time zone X`)."""
    if name in ("", "UTC"):
        return UTC
    if name == "Local":
        return LOCAL
    try:
        return Location(name, zone=zoneinfo.ZoneInfo(name))
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        raise GoError(f"unknown time zone {name}") from None


class GoTime:
    """time.Time: Unix seconds + nanoseconds, a location, and maybe a monotonic reading."""

    go_type: Final = "time.Time"
    __slots__ = ("loc", "mono", "nsec", "sec")

    def __init__(self, sec: int, nsec: int, loc: Location, mono: int | None = None) -> None:
        sec += nsec // 1_000_000_000
        self.sec = sec
        self.nsec = nsec % 1_000_000_000
        self.loc = loc
        self.mono = mono

    def __eq__(self, other: object) -> bool:
        return isinstance(other, GoTime) and (self.sec, self.nsec, self.loc, self.mono) == (
            other.sec,
            other.nsec,
            other.loc,
            other.mono,
        )

    def __hash__(self) -> int:
        return hash((self.sec, self.nsec))

    def __repr__(self) -> str:
        return f"GoTime({self.go_string()!r})"

    def is_zero(self) -> bool:
        return self.sec == ZERO_UNIX and self.nsec == 0

    def civil(self) -> tuple[int, int, int, int, int, int, int, int, str, int]:
        """(year, month, day, hour, min, sec, weekday, yday, zone abbrev, offset)."""
        abbrev, offset = self.loc.lookup(self.sec)
        local = self.sec + offset
        days, secs = divmod(local, SECONDS_PER_DAY)
        y, m, d = civil_from_days(days)
        yday = days - days_from_civil(y, 1, 1) + 1
        weekday = (days + 4) % 7
        return y, m, d, secs // 3600, secs // 60 % 60, secs % 60, weekday, yday, abbrev, offset

    def in_loc(self, loc: Location) -> GoTime:
        return GoTime(self.sec, self.nsec, loc, self.mono)

    def unix_nano(self) -> int:
        from sim.gotemplate.gotypes import wrap_int64

        return wrap_int64(self.sec * 1_000_000_000 + self.nsec)

    def go_string(self) -> str:
        from sim.gotemplate.gotimefmt import format_time

        text = format_time(self, "2006-01-02 15:04:05.999999999 -0700 MST")
        if self.mono is not None:
            m = self.mono
            sign = "-" if m < 0 else "+"
            whole, frac = divmod(abs(m), 1_000_000_000)
            text += f" m={sign}{whole}.{frac:09d}"
        return text


ZERO_UNIX: Final = days_from_civil(1, 1, 1) * SECONDS_PER_DAY
ZERO_TIME: Final = GoTime(ZERO_UNIX, 0, UTC)


def date(
    year: int, month: int, day: int, hour: int, minute: int, sec: int, nsec: int, loc: Location
) -> GoTime:
    """time.Date: normalizes overflowing fields, then resolves the zone's offset."""
    y_carry, m0 = divmod(month - 1, 12)
    year, month = year + y_carry, m0 + 1
    total = (
        (days_from_civil(year, month, 1) + day - 1) * SECONDS_PER_DAY
        + hour * 3600
        + minute * 60
        + sec
    )
    total += nsec // 1_000_000_000
    nsec %= 1_000_000_000
    _, offset = loc.lookup(total)
    if offset != 0:
        _, second = loc.lookup(total - offset)
        if second != offset:
            offset = second
    return GoTime(total - offset, nsec, loc)


def time_unix(sec: int, nsec: int) -> GoTime:
    """time.Unix: in the Local location."""
    return GoTime(sec, nsec, LOCAL)


def time_now() -> GoTime:
    ns = now_ns()
    return GoTime(
        ns // 1_000_000_000, ns % 1_000_000_000, LOCAL, _time.monotonic_ns() - _MONO_START
    )
