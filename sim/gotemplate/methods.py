"""Methods callable from templates on Go values (`{{ now.Unix }}`, `{{ .t.Format "15:04" }}`)."""

from __future__ import annotations

from typing import Any, Final

from sim.gotemplate.errors import UnsupportedAtRuntime
from sim.gotemplate.gotime import LOCAL, UTC, GoMonth, GoTime, GoWeekday
from sim.gotemplate.gotimefmt import format_time
from sim.gotemplate.gotypes import Int64, wrap_int64
from sim.gotemplate.signature import GoFunc


def _field(i: int) -> GoFunc:
    return GoFunc(lambda t: t.civil()[i])


TIME_METHODS: Final[dict[str, GoFunc]] = {
    "Unix": GoFunc(lambda t: Int64(t.sec)),
    "UnixMilli": GoFunc(lambda t: Int64(wrap_int64(t.sec * 1000 + t.nsec // 1_000_000))),
    "UnixMicro": GoFunc(lambda t: Int64(wrap_int64(t.sec * 1_000_000 + t.nsec // 1000))),
    "UnixNano": GoFunc(lambda t: Int64(t.unix_nano())),
    "Year": _field(0),
    "Month": GoFunc(lambda t: GoMonth(t.civil()[1])),
    "Day": _field(2),
    "Hour": _field(3),
    "Minute": _field(4),
    "Second": _field(5),
    "Weekday": GoFunc(lambda t: GoWeekday(t.civil()[6])),
    "YearDay": _field(7),
    "Nanosecond": GoFunc(lambda t: t.nsec),
    "Format": GoFunc(format_time, ("string",)),
    "String": GoFunc(lambda t: t.go_string()),
    "UTC": GoFunc(lambda t: GoTime(t.sec, t.nsec, UTC)),
    "Local": GoFunc(lambda t: GoTime(t.sec, t.nsec, LOCAL)),
    "IsZero": GoFunc(lambda t: t.is_zero()),
}
# time.Time methods Go has and lokisim does not run: refused, never mistaken for map keys
# fmt: off
TIME_OTHER: Final = frozenset((
    "Add", "AddDate", "After", "AppendBinary", "AppendFormat", "AppendText", "Before", "Clock",
    "Compare", "Date", "Equal", "GoString", "GobEncode", "ISOWeek", "In", "IsDST", "Location",
    "MarshalBinary", "MarshalJSON", "MarshalText", "Round", "Sub", "Truncate", "Zone",
    "ZoneBounds",
))
# fmt: on
STRINGER: Final = GoFunc(lambda v: v.go_string())


def method_of(receiver: Any, name: str) -> GoFunc | None:
    """The method `name` of a held Go value, None if its type has no such method."""
    if isinstance(receiver, GoTime):
        method = TIME_METHODS.get(name)
        if method is None and name in TIME_OTHER:
            raise UnsupportedAtRuntime("Go text/template", f"the time.Time method {name}")
        return method
    if isinstance(receiver, (GoMonth, GoWeekday)) and name == "String":
        return STRINGER
    return None
