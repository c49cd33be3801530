"""spf13/cast v1.7 conversions (sprig's int, int64, float64, add, ...) and sprig's strval."""

from __future__ import annotations

from typing import Any

from sim.golang.strconv import NumError, parse_float, parse_int
from sim.gotemplate.gofmt import print_v
from sim.gotemplate.gotypes import float_to_int64


def _trim_zero_decimal(s: str) -> str:
    """cast's trimZeroDecimal: "10.00" -> "10", anything else unchanged."""
    found_zero = False
    for i in range(len(s), 0, -1):
        c = s[i - 1]
        if c == ".":
            if found_zero:
                return s[: i - 1]
        elif c == "0":
            found_zero = True
        else:
            return s
    return s


def to_int64(v: Any) -> int:
    """cast.ToInt64 (errors give 0; strings parse with base prefixes: "010" is octal)."""
    if v is None:
        return 0
    t = type(v)
    if t is bool:
        return 1 if v else 0
    if isinstance(v, int):
        return int(v)
    if t is float:
        return float_to_int64(v)
    if t is str:
        try:
            return parse_int(_trim_zero_decimal(v), 0, 64)
        except NumError:
            return 0
    return 0


def to_float64(v: Any) -> float:
    """cast.ToFloat64 (errors give 0)."""
    if v is None:
        return 0.0
    t = type(v)
    if t is bool:
        return 1.0 if v else 0.0
    if isinstance(v, int):
        return float(v)
    if t is float:
        return float(v)
    if t is str:
        try:
            return parse_float(v)
        except NumError:
            return 0.0
    return 0.0


def strval(v: Any) -> str:
    """sprig's strval: strings as they are, Stringers via String(), the rest via %v."""
    if type(v) is str:
        return str(v)
    return print_v(v)
