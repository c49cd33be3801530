"""How Go values are held in Python while a template runs.

Go                              Python
string                          str (invalid UTF-8 bytes kept as surrogateescape)
bool / int / float64            bool / int / float
int64 / uint8 / int32           Int64 / Uint8 / Int32 (int subclasses naming their Go type)
[]interface{} / []string / []int    list / StrList / IntList
map[string]interface{} / map[string]string    dict (any Mapping) / StrMap
time.Time, time.Month, time.Weekday, time.Duration    see gotime.py
nil interface, missing value    None
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any, Final

from sim.golang.strconv import INT64_MAX, INT64_MIN


class Int64(int):
    go_type: Final = "int64"
    __slots__ = ()


class Int32(int):
    go_type: Final = "int32"
    __slots__ = ()


class Uint8(int):
    go_type: Final = "uint8"
    __slots__ = ()


class Uint64(int):
    go_type: Final = "uint64"
    __slots__ = ()


class StrList(list):  # type: ignore[type-arg]
    go_type: Final = "[]string"


class IntList(list):  # type: ignore[type-arg]
    go_type: Final = "[]int"


class StrMap(dict):  # type: ignore[type-arg]
    go_type: Final = "map[string]string"
    elem_zero: Final = ""


IFACE: Final = "interface {}"
REFLECT_VALUE: Final = "reflect.Value"
NILABLE_PREFIXES: Final = ("[]", "map[", "*", "func(", "chan ")

INT_KINDS: Final = frozenset({"int", "int8", "int16", "int32", "int64"})
UINT_KINDS: Final = frozenset({"uint", "uint8", "uint16", "uint32", "uint64", "uintptr"})


def type_name(v: Any) -> str:
    """reflect.TypeOf(v).String() for a held value (None has no type: '<nil>')."""
    t = type(v)
    if t is str:
        return "string"
    if t is bool:
        return "bool"
    if t is int:
        return "int"
    if t is float:
        return "float64"
    if t is list:
        return "[]interface {}"
    if t is dict:
        return "map[string]interface {}"
    if v is None:
        return "<nil>"
    name = getattr(t, "go_type", None)
    if isinstance(name, str):
        return name
    if isinstance(v, Mapping):
        return "map[string]interface {}"
    raise TypeError(f"lokisim bug: no Go type for Python {t.__name__}")


def kind(v: Any) -> str:
    """reflect.Kind name: string, bool, int, uint, float, slice, map, struct, invalid."""
    t = type(v)
    if t is str:
        return "string"
    if t is bool:
        return "bool"
    if isinstance(v, int):
        name = type_name(v)
        return "uint" if name in UINT_KINDS else "int"
    if t is float:
        return "float"
    if isinstance(v, list):
        return "slice"
    if isinstance(v, Mapping):
        return "map"
    if v is None:
        return "invalid"
    return "struct"


def is_true(v: Any) -> bool:
    """text/template's truth: the zero value of its type is false; structs are always true."""
    if v is None:
        return False
    t = type(v)
    if t is str or t is list or t is dict:
        return len(v) > 0
    if t is bool:
        return bool(v)
    if isinstance(v, (int, float)):
        return v != 0
    if isinstance(v, (list, Mapping)):
        return len(v) > 0
    return True


def wrap_int64(x: int) -> int:
    """Two's-complement wrap-around of Go's int/int64 arithmetic."""
    if INT64_MIN <= x <= INT64_MAX:
        return x
    return (x + (1 << 63)) % (1 << 64) - (1 << 63)


def float_to_int64(f: float) -> int:
    """Go's int64(f) on amd64: truncates; NaN and out-of-range give the minimum int64."""
    if math.isnan(f) or math.isinf(f) or not (-(2.0**63) <= f < 2.0**63):
        return INT64_MIN
    return int(f)


def go_div(a: int, b: int) -> int:
    """Go integer division truncates toward zero (Python floors)."""
    if b == 0:
        raise ZeroDivisionError
    q = abs(a) // abs(b)
    return wrap_int64(q if (a >= 0) == (b >= 0) else -q)


def go_mod(a: int, b: int) -> int:
    """Go's remainder takes the sign of the dividend."""
    if b == 0:
        raise ZeroDivisionError
    r = abs(a) % abs(b)
    return r if a >= 0 else -r


def byte_len(s: str) -> int:
    return len(s.encode("utf-8", "surrogateescape"))


def to_bytes(s: str) -> bytes:
    return s.encode("utf-8", "surrogateescape")


def from_bytes(b: bytes) -> str:
    return b.decode("utf-8", "surrogateescape")
