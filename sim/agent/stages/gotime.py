"""Go's time.Time as far as Promtail's timestamp stage needs it.

A parsed time keeps Go's wall-clock fields and its zone (a fixed offset or a location),
because Promtail's year-less formats call AddDate on it, which re-normalises the wall
clock in that zone. `unix_nano` follows time.Date's zone lookup, so ambiguous and
skipped local times resolve as Go resolves them.

Go's Local is UTC here: Promtail runs in a container without /etc/localtime.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, replace
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_NS = 1_000_000_000
_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
_MIN_SECONDS = -62135596800 + 86400  # 0001-01-02T00:00:00Z, inside datetime's range
_MAX_SECONDS = 253402300799 - 86400  # 9999-12-30T23:59:59Z


class Location:
    """A time.Location: UTC or a tz database zone."""

    __slots__ = ("_zone", "name")

    def __init__(self, name: str, zone: ZoneInfo | None) -> None:
        self.name = name
        self._zone = zone

    def offset_at(self, unix_seconds: int) -> int:
        """The zone's UTC offset in seconds at an instant."""
        if self._zone is None:
            return 0
        clamped = min(max(unix_seconds, _MIN_SECONDS), _MAX_SECONDS)
        moment = _EPOCH + datetime.timedelta(seconds=clamped)
        offset = moment.astimezone(self._zone).utcoffset()
        return int(offset.total_seconds()) if offset is not None else 0

    def offset_for_name(self, abbreviation: str, unix_seconds: int) -> int | None:
        """The offset of a zone abbreviation this location uses near an instant (lookupName)."""
        if self._zone is None:
            return None
        for probe in (0, -182 * 86400, 182 * 86400):
            clamped = min(max(unix_seconds + probe, _MIN_SECONDS), _MAX_SECONDS)
            local = (_EPOCH + datetime.timedelta(seconds=clamped)).astimezone(self._zone)
            offset = local.utcoffset()
            if local.tzname() == abbreviation and offset is not None:
                return int(offset.total_seconds())
        return None


UTC = Location("UTC", None)


class UnknownLocation(ValueError):
    """time.LoadLocation's error."""


def load_location(name: str) -> Location:
    """time.LoadLocation: "" and "UTC" are UTC, "Local" is UTC too (see module doc)."""
    if name in ("", "UTC", "Local"):
        return UTC
    if ".." in name or name.startswith("/") or "\\" in name:
        raise UnknownLocation("time: invalid location name")
    try:
        return Location(name, ZoneInfo(name))
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise UnknownLocation(f"unknown time zone {name}") from None


def days_from_civil(year: int, month: int, day: int) -> int:
    """Days since 1970-01-01 of a proleptic Gregorian date (any year, month 1..12)."""
    year -= month <= 2
    era = year // 400
    yoe = year - era * 400
    doy = (153 * (month + (-3 if month > 2 else 9)) + 2) // 5 + day - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def civil_from_days(days: int) -> tuple[int, int, int]:
    """(year, month, day) of a day count since 1970-01-01."""
    days += 719468
    era = days // 146097
    doe = days - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    day = doy - (153 * mp + 2) // 5 + 1
    month = mp + (3 if mp < 10 else -9)
    return yoe + era * 400 + (month <= 2), month, day


def is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def days_in(month: int, year: int) -> int:
    if month == 2:
        return 29 if is_leap(year) else 28
    return 30 if month in (4, 6, 9, 11) else 31


@dataclass(frozen=True, slots=True)
class GoTime:
    """Wall-clock fields (normalised like time.Date) in a fixed offset or a location."""

    year: int
    month: int
    day: int
    hour: int
    minute: int
    second: int
    nsec: int
    zone: int | Location

    def _wall_seconds(self) -> int:
        # time.Date normalises overflowing months and days; days_from_civil handles day overflow.
        year = self.year + (self.month - 1) // 12
        month = (self.month - 1) % 12 + 1
        days = days_from_civil(year, month, 1) + self.day - 1
        return days * 86400 + self.hour * 3600 + self.minute * 60 + self.second

    def unix_nano(self) -> int:
        """UnixNano(), with time.Date's lookup for a wall clock in a location."""
        wall = self._wall_seconds()
        if isinstance(self.zone, int):
            return (wall - self.zone) * _NS + self.nsec
        offset = self.zone.offset_at(wall)
        if offset != 0:
            second_offset = self.zone.offset_at(wall - offset)
            if second_offset != offset:
                offset = second_offset
        return (wall - offset) * _NS + self.nsec

    def normalized(self) -> GoTime:
        """The same instant's fields as time.Date would report them (for Year(), Month())."""
        wall = self._wall_seconds()
        days, rem = divmod(wall, 86400)
        year, month, day = civil_from_days(days)
        return replace(
            self,
            year=year,
            month=month,
            day=day,
            hour=rem // 3600,
            minute=rem % 3600 // 60,
            second=rem % 60,
        )

    def add_years(self, years: int) -> GoTime:
        """AddDate(years, 0, 0)."""
        return replace(self.normalized(), year=self.normalized().year + years)


def now_fields(now: float) -> tuple[int, int]:
    """(year, month) of a Unix time in UTC: what Promtail's time.Now() reports."""
    year, month, _ = civil_from_days(int(now // 86400))
    return year, month
