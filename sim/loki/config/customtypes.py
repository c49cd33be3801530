"""Go types with their own UnmarshalYAML: each reads a string, then parses it.

yaml.v2 calls such a type's UnmarshalYAML, which unmarshals the node into a Go string (a
type error there is reported like any other) and then parses the text; a parse error is
not a type error, so it aborts the whole Unmarshal with the parser's own text (say
`not a valid duration string: "7x"`). Types not listed here decode as `interface {}`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from sim.loki.limits import (
    LimitsValueError,
    parse_byte_size,
    parse_flag_time,
    parse_model_duration,
)
from sim.loki.push.gofmt import go_quote

LOG_LEVELS = ("debug", "info", "warn", "error")
_DATE_LAYOUT = "2006-01-02"
_MODEL_UNITS = (
    ("y", 365 * 86400_000, True),
    ("w", 7 * 86400_000, True),
    ("d", 86400_000, False),
    ("h", 3600_000, False),
    ("m", 60_000, False),
    ("s", 1000, False),
    ("ms", 1, False),
)


class CustomParseError(ValueError):
    """A custom type rejected its text; str() is the Go error text."""


def _byte_size(text: str) -> int:
    """pkg/util/flagext ByteSize.Set: datasize on the upper-cased text."""
    try:
        return parse_byte_size(text)
    except LimitsValueError as err:
        raise CustomParseError(str(err)) from None


def _model_duration(text: str) -> int:
    """prometheus/common model.Duration.UnmarshalYAML, in nanoseconds."""
    try:
        return parse_model_duration(text)
    except LimitsValueError as err:
        raise CustomParseError(str(err)) from None


def _log_level(text: str) -> str:
    """dskit log.Level.Set."""
    if text not in LOG_LEVELS:
        raise CustomParseError(f"unrecognized log level {go_quote(text)}")
    return text


def _string_slice_csv(text: str) -> list[str] | None:
    """dskit flagext.StringSliceCSV.Set: split on commas, empty text is nil."""
    return text.split(",") if text else None


def _flag_time(text: str) -> dt.datetime | None:
    """dskit flagext.Time.Set."""
    try:
        return parse_flag_time(text)
    except LimitsValueError as err:
        raise CustomParseError(str(err)) from None


def _time_quote(text: str) -> str:
    """time's quote(): like %q for the printable ASCII these dates are made of."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def parse_day(value: str) -> dt.date:
    """config.DayTime.UnmarshalYAML: time.Parse("2006-01-02", value), with Go's errors."""

    def fail(layout_elem: str, value_elem: str, message: str = "") -> CustomParseError:
        head = f"parsing time {_time_quote(value)}"
        if message:
            return CustomParseError(head + message)
        return CustomParseError(
            f"{head} as {_time_quote(_DATE_LAYOUT)}: cannot parse {_time_quote(value_elem)}"
            f" as {_time_quote(layout_elem)}"
        )

    rest = value
    if len(rest) < 4 or not re.fullmatch(r"[+-]?[0-9]+", rest[:4]):
        raise fail("2006", rest)
    year, rest = int(rest[:4]), rest[4:]
    numbers: list[int] = []
    for elem, name in (("01", "month"), ("02", "day")):
        if not rest.startswith("-"):
            raise fail("-", rest)
        rest = rest[1:]
        if len(rest) < 2 or not rest[:2].isdigit() or not rest[:2].isascii():
            raise fail(elem, rest)
        number, rest = int(rest[:2]), rest[2:]
        if name == "month" and not 1 <= number <= 12:
            raise fail(elem, rest, ": month out of range")
        numbers.append(number)
    if rest:
        raise fail("", rest, f": extra text: {_time_quote(rest)}")
    month, day = numbers
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise fail("", rest, ": day out of range") from None


def model_duration_string(ns: int) -> str:
    """prometheus/common model.Duration.String: whole milliseconds, largest units first."""
    ms = ns // 1_000_000
    if ms == 0:
        return "0s"
    out = ""
    for unit, size, exact in _MODEL_UNITS:
        if exact and ms % size:
            continue
        if ms // size > 0:
            out += f"{ms // size}{unit}"
            ms -= (ms // size) * size
    return out


# type id (gotypes36.yaml) -> parser of the text the type's UnmarshalYAML reads
STRING_PARSERS: dict[str, Callable[[str], Any]] = {
    "flagext.ByteSize": _byte_size,
    "model.Duration": _model_duration,
    "log.Level": _log_level,
    "flagext.StringSliceCSV": _string_slice_csv,
    "flagext.Secret": str,
    "config.Secret": str,
    "flagext.Time": _flag_time,
    "flagext.URLValue": lambda text: text or None,
    "config.DayTime": parse_day,
}
# types whose UnmarshalYAML decodes into a plain map (pkg/storage/config/tags.go)
MAP_TYPES: dict[str, str] = {"config.Tags": "map[string]string"}
