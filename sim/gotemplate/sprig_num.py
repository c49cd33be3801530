"""Sprig v3.3 numeric, default, JSON and reflection functions (numeric.go, defaults.go,
reflect.go): cast's conversions, int64 wrap-around, shopspring/decimal float arithmetic."""

from __future__ import annotations

import copy
import math
import random
from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from sim.golang.strconv import NumError, parse_int
from sim.gotemplate import gojson
from sim.gotemplate.errors import GoError
from sim.gotemplate.gocast import to_float64, to_int64
from sim.gotemplate.gofmt import print_v
from sim.gotemplate.gotypes import (
    IFACE,
    Int64,
    IntList,
    go_div,
    go_mod,
    is_true,
    kind,
    type_name,
    wrap_int64,
)
from sim.gotemplate.signature import GoFunc

A = (IFACE,)
A2 = (IFACE, IFACE)
_DIV_PRECISION = 10**16  # shopspring/decimal DivisionPrecision = 16


def _i64(x: int) -> Int64:
    return Int64(wrap_int64(x))


def _div(a: Any, b: Any) -> Int64:
    try:
        return _i64(go_div(to_int64(a), to_int64(b)))
    except ZeroDivisionError:
        raise GoError("runtime error: integer divide by zero") from None


def _mod(a: Any, b: Any) -> Int64:
    try:
        return _i64(go_mod(to_int64(a), to_int64(b)))
    except ZeroDivisionError:
        raise GoError("runtime error: integer divide by zero") from None


def _mul(a: Any, *rest: Any) -> Int64:
    val = to_int64(a)
    for b in rest:
        val = wrap_int64(val * to_int64(b))
    return Int64(val)


def _decimal(v: Any) -> Fraction:
    """decimal.NewFromFloat(cast.ToFloat64(v)): the float's shortest decimal text, exactly."""
    f = to_float64(v)
    if math.isnan(f) or math.isinf(f):
        raise GoError(f"Cannot create a Decimal from {print_v(f)}")
    return Fraction(repr(f)) if f != 0 else Fraction(0)


def _div_round(a: Fraction, b: Fraction) -> Fraction:
    """decimal.Div: 16 decimal places, the last rounded half away from zero."""
    if b == 0:
        raise GoError("decimal division by 0")
    scaled = a / b * _DIV_PRECISION
    q = math.trunc(scaled)
    if abs(scaled - q) >= Fraction(1, 2):
        q += 1 if scaled > 0 else -1
    return Fraction(q, _DIV_PRECISION)


def _decimal_op(op: str) -> GoFunc:
    def run(a: Any, *rest: Any) -> float:
        acc = _decimal(a)
        for x in rest:
            d = _decimal(x)
            if op == "+":
                acc += d
            elif op == "-":
                acc -= d
            elif op == "*":
                acc *= d
            else:
                acc = _div_round(acc, d)
        return float(acc)

    return GoFunc(run, A, IFACE)


def _addf(*items: Any) -> float:
    acc = Fraction(0)
    for x in items:
        acc += _decimal(x)
    return float(acc)


def _go_max(a: float, b: float) -> float:
    """math.Max: +Inf wins, then NaN, and +0 beats -0."""
    if (math.isinf(a) and a > 0) or (math.isinf(b) and b > 0):
        return math.inf
    if math.isnan(a) or math.isnan(b):
        return math.nan
    if a == 0 and b == 0:
        return a if math.copysign(1, a) > 0 else b
    return a if a > b else b


def _go_min(a: float, b: float) -> float:
    """math.Min: -Inf wins, then NaN, and -0 beats +0."""
    if (math.isinf(a) and a < 0) or (math.isinf(b) and b < 0):
        return -math.inf
    if math.isnan(a) or math.isnan(b):
        return math.nan
    if a == 0 and b == 0:
        return a if math.copysign(1, a) < 0 else b
    return a if a < b else b


def _fold_f(pick: Any) -> GoFunc:
    def run(a: Any, *rest: Any) -> float:
        acc = to_float64(a)
        for b in rest:
            acc = pick(acc, to_float64(b))
        return acc

    return GoFunc(run, A, IFACE)


def _fold_i(bigger: bool) -> GoFunc:
    def run(a: Any, *rest: Any) -> Int64:
        acc = to_int64(a)
        for b in rest:
            v = to_int64(b)
            if (v > acc) if bigger else (v < acc):
                acc = v
        return Int64(acc)

    return GoFunc(run, A, IFACE)


def _integral(op: Any, a: Any) -> float:
    """math.Ceil / math.Floor: NaN and infinities come back unchanged."""
    f = to_float64(a)
    if not math.isfinite(f):
        return f
    r = float(op(f))
    return math.copysign(0.0, f) if r == 0 else r  # Go keeps the sign of zero


def _round(a: Any, places: int, *opt: float) -> float:
    round_on = opt[0] if opt else 0.5
    val = to_float64(a)
    pow_ = math.pow(10, float(places))
    digit = pow_ * val
    frac, _ = math.modf(digit)
    rounded = math.ceil(digit) if frac >= round_on else math.floor(digit)
    return float(rounded) / pow_


def until_step(start: int, stop: int, step: int) -> IntList:
    if stop < start:
        return IntList(range(start, stop, step)) if step < 0 else IntList()
    return IntList(range(start, stop, step)) if step > 0 else IntList()


def _seq(*params: int) -> str:
    if len(params) == 1:
        end = params[0]
        inc = -1 if end < 1 else 1
        return " ".join(map(str, until_step(1, end + inc, inc)))
    if len(params) == 2:
        start, end = params
        step = -1 if end < start else 1
        return " ".join(map(str, until_step(start, end + step, step)))
    if len(params) == 3:
        start, step, end = params
        inc = 1
        if end < start:
            inc = -1
            if step > 0:
                return ""
        return " ".join(map(str, until_step(start, end + inc, step)))
    return ""


def _to_decimal(v: Any) -> Int64:
    try:
        return Int64(parse_int(print_v(v), 8, 64))
    except NumError:
        return Int64(0)


def _rand_int(lo: int, hi: int) -> int:
    if hi - lo <= 0:
        raise GoError("invalid argument to Intn")
    return random.randrange(hi - lo) + lo


def empty(v: Any) -> bool:
    return not is_true(v)


def _default(d: Any, *given: Any) -> Any:
    if not given or empty(given[0]):
        return d
    return given[0]


def _from_json(s: str) -> Any:
    try:
        return gojson.unmarshal(s)
    except GoError:
        return None


def _to_json(v: Any, **kw: Any) -> str:
    try:
        return gojson.marshal(v, **kw)
    except GoError:
        return ""


def deep_equal(x: Any, y: Any) -> bool:
    """reflect.DeepEqual over held values: same Go types, recursively equal."""
    if x is None or y is None:
        return x is None and y is None
    if type_name(x) != type_name(y):
        return False
    if isinstance(x, list):
        return len(x) == len(y) and all(deep_equal(a, b) for a, b in zip(x, y, strict=True))
    if isinstance(x, Mapping):
        return x.keys() == y.keys() and all(deep_equal(x[k], y[k]) for k in x)
    return bool(x == y)


def _kind_of(v: Any) -> str:
    if v is None:
        return "invalid"
    k = kind(v)
    if k in ("int", "uint", "float"):
        return type_name(v) if not type_name(v).startswith("time.") else "int"
    return k


def _must_deep_copy(v: Any) -> Any:
    return copy.deepcopy(v)


SPRIG_NUM: dict[str, GoFunc] = {
    "int64": GoFunc(lambda v: Int64(to_int64(v)), A),
    "int": GoFunc(to_int64, A),
    "float64": GoFunc(to_float64, A),
    "seq": GoFunc(_seq, (), "int"),
    "toDecimal": GoFunc(_to_decimal, A),
    "until": GoFunc(lambda n: until_step(0, n, -1 if n < 0 else 1), ("int",)),
    "untilStep": GoFunc(until_step, ("int", "int", "int")),
    "add1": GoFunc(lambda i: _i64(to_int64(i) + 1), A),
    "add": GoFunc(lambda *i: _i64(sum(to_int64(x) for x in i)), (), IFACE),
    "sub": GoFunc(lambda a, b: _i64(to_int64(a) - to_int64(b)), A2),
    "div": GoFunc(_div, A2),
    "mod": GoFunc(_mod, A2),
    "mul": GoFunc(_mul, A, IFACE),
    "randInt": GoFunc(_rand_int, ("int", "int")),
    "add1f": GoFunc(lambda i: float(_decimal(i) + 1), A),
    "addf": GoFunc(_addf, (), IFACE),
    "subf": _decimal_op("-"),
    "divf": _decimal_op("/"),
    "mulf": _decimal_op("*"),
    "biggest": _fold_i(True),
    "max": _fold_i(True),
    "min": _fold_i(False),
    "maxf": _fold_f(_go_max),
    "minf": _fold_f(_go_min),
    "ceil": GoFunc(lambda a: _integral(math.ceil, a), A),
    "floor": GoFunc(lambda a: _integral(math.floor, a), A),
    "round": GoFunc(_round, (IFACE, "int"), "float64"),
    "default": GoFunc(_default, A, IFACE),
    "empty": GoFunc(empty, A),
    "coalesce": GoFunc(lambda *v: next((x for x in v if not empty(x)), None), (), IFACE),
    "all": GoFunc(lambda *v: all(not empty(x) for x in v), (), IFACE),
    "any": GoFunc(lambda *v: any(not empty(x) for x in v), (), IFACE),
    "fromJson": GoFunc(_from_json, ("string",)),
    "mustFromJson": GoFunc(gojson.unmarshal, ("string",)),
    "toJson": GoFunc(_to_json, A),
    "mustToJson": GoFunc(gojson.marshal, A),
    "toPrettyJson": GoFunc(lambda v: _to_json(v, indent="  "), A),
    "mustToPrettyJson": GoFunc(lambda v: gojson.marshal(v, indent="  "), A),
    "toRawJson": GoFunc(lambda v: gojson.marshal(v, escape_html=False), A),
    "mustToRawJson": GoFunc(lambda v: gojson.marshal(v, escape_html=False), A),
    "ternary": GoFunc(lambda vt, vf, v: vt if v else vf, (IFACE, IFACE, "bool")),
    "deepCopy": GoFunc(_must_deep_copy, A),
    "mustDeepCopy": GoFunc(_must_deep_copy, A),
    "typeOf": GoFunc(type_name, A),
    "typeIs": GoFunc(lambda target, src: target == type_name(src), ("string", IFACE)),
    "typeIsLike": GoFunc(
        lambda target, src: type_name(src) in (target, "*" + target), ("string", IFACE)
    ),
    "kindOf": GoFunc(_kind_of, A),
    "kindIs": GoFunc(lambda target, src: target == _kind_of(src), ("string", IFACE)),
    "deepEqual": GoFunc(deep_equal, A2),
}
