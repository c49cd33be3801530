"""Go 1.24 strconv.FormatFloat (shortest 'f'/'g'), fmt's %v/%f for floats, encoding/json floats."""

from __future__ import annotations

import math


def shortest_digits(f: float) -> tuple[str, int]:
    """Shortest round-trip digits of |f| and the decimal point position (Go's digs.d/dp)."""
    r = repr(abs(f))
    mant, _, exp_s = r.partition("e")
    exp = int(exp_s) if exp_s else 0
    whole, _, frac = mant.partition(".")
    digits = (whole + frac).lstrip("0")
    lead = len(whole + frac) - len((whole + frac).lstrip("0"))
    dp = len(whole) + exp - lead
    digits = digits.rstrip("0")
    if not digits:
        return "0", 1
    return digits, dp


def _fmt_e(neg: bool, digits: str, dp: int, prec: int, echar: str) -> str:
    out = "-" if neg else ""
    out += digits[0]
    if prec > 0:
        out += "." + (digits[1 : 1 + prec]).ljust(prec, "0")
    exp = dp - 1 if digits != "0" else 0
    sign = "-" if exp < 0 else "+"
    exp = abs(exp)
    return f"{out}{echar}{sign}{exp:02d}"


def _fmt_f(neg: bool, digits: str, dp: int, prec: int) -> str:
    out = "-" if neg else ""
    if dp > 0:
        out += digits[:dp].ljust(dp, "0")
    else:
        out += "0"
    if prec > 0:
        frac = ""
        for i in range(prec):
            j = dp + i
            frac += digits[j] if 0 <= j < len(digits) else "0"
        out += "." + frac
    return out


def _special(v: float) -> str | None:
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "+Inf" if v > 0 else "-Inf"
    return None


def format_float_g(f: float, upper: bool = False) -> str:
    """strconv.FormatFloat(f, 'g', -1, 64): what fmt's %v prints for a float64."""
    if (s := _special(f)) is not None:
        return s
    neg = math.copysign(1.0, f) < 0
    digits, dp = shortest_digits(f)
    exp = dp - 1
    if digits != "0" and (exp < -4 or exp >= 6):  # eprec 6 when shortest (strconv ftoa.go)
        return _fmt_e(neg, digits, dp, len(digits) - 1, "E" if upper else "e")
    return _fmt_f(neg, digits, dp, max(len(digits) - dp, 0))


def format_float_v(v: float) -> str:
    """fmt's %v for a float64 (strconv 'g' with the shortest precision)."""
    return format_float_g(v)


def format_float_f(v: float) -> str:
    """strconv.FormatFloat(v, 'f', -1, 64)."""
    if (s := _special(v)) is not None:
        return s
    digits, dp = shortest_digits(v)
    return _fmt_f(math.copysign(1.0, v) < 0, digits, dp, max(len(digits) - dp, 0))


def format_float_fixed6(v: float) -> str:
    """fmt's %f (six decimals)."""
    return _special(v) or f"{v:.6f}"


def format_float_json(f: float) -> str:
    """encoding/json's float64 text: 'f' unless the exponent is < -6 or >= 21, cleaned e-07."""
    a = abs(f)
    neg = math.copysign(1.0, f) < 0
    digits, dp = shortest_digits(f)
    if a != 0 and (a < 1e-6 or a >= 1e21):
        text = _fmt_e(neg, digits, dp, len(digits) - 1, "e")
        mant, _, exp = text.partition("e")
        if exp[0] == "-" and exp[1] == "0":
            exp = "-" + exp[2:]
        elif exp[0] == "+" and exp[1] == "0":
            exp = "+" + exp[2:]
        return f"{mant}e{exp}"
    return _fmt_f(neg, digits, dp, max(len(digits) - dp, 0))
