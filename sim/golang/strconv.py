"""Go 1.24 strconv parsing: ParseInt/ParseUint/Atoi/ParseFloat with Go's syntax and error texts.

Quoting lives in strconv_quote, float formatting in strconv_format.
"""

from __future__ import annotations

import math
import re

from sim.golang.strconv_quote import GoSyntaxError, quote

INT64_MIN = -(1 << 63)
INT64_MAX = (1 << 63) - 1
UINT64_MAX = (1 << 64) - 1


class GoRangeError(ValueError):
    """strconv.ErrRange; `value` is what Go returns alongside it."""

    def __init__(self, message: str, value: float) -> None:
        super().__init__(message)
        self.value = value


class NumError(ValueError):
    """strconv.NumError: `strconv.ParseInt: parsing "x": invalid syntax`."""

    def __init__(self, func: str, text: str, err: str) -> None:
        self.func = func
        self.text = text
        self.err = err
        # not super(): GoRangeError's __init__ wants a value, so go straight to ValueError
        ValueError.__init__(self, f"strconv.{func}: parsing {quote(text)}: {err}")


class NumSyntaxError(NumError, GoSyntaxError):
    """A NumError wrapping ErrSyntax (catchable as either)."""

    def __init__(self, func: str, text: str) -> None:
        super().__init__(func, text, "invalid syntax")


class NumRangeError(NumError, GoRangeError):
    """A NumError wrapping ErrRange; `value` is the clamped result Go returns."""

    def __init__(self, func: str, text: str, value: float = 0.0) -> None:
        NumError.__init__(self, func, text, "value out of range")
        self.value = value


def _num_error(func: str, text: str, err: str) -> NumError:
    if err == "invalid syntax":
        return NumSyntaxError(func, text)
    return NumRangeError(func, text)


def underscore_ok(s: str) -> bool:
    """Go's rule: underscores only between digits, or between a base prefix and a digit."""
    saw = "^"
    i = 0
    if s[:1] in ("+", "-"):
        s = s[1:]
    hexa = False
    if len(s) >= 2 and s[0] == "0" and s[1].lower() in "box":
        i = 2
        saw = "0"
        hexa = s[1].lower() == "x"
    while i < len(s):
        c = s[i]
        if "0" <= c <= "9" or (hexa and "a" <= c.lower() <= "f"):
            saw = "0"
        elif c == "_":
            if saw != "0":
                return False
            saw = "_"
        else:
            if saw == "_":
                return False
            saw = "!"
        i += 1
    return saw != "_"


_DIGITS = {2: "01", 8: "01234567", 10: "0123456789", 16: "0123456789abcdef"}


def parse_uint(s: str, base: int = 0, bit_size: int = 64, func: str = "ParseUint") -> int:
    """strconv.ParseUint; raises NumError with Go's wording."""
    if s == "":
        raise NumSyntaxError(func, s)
    orig = s
    base0 = base == 0
    if base == 0:
        base = 10
        if s[0] == "0":
            if len(s) >= 3 and s[1].lower() == "b":
                base, s = 2, s[2:]
            elif len(s) >= 3 and s[1].lower() == "o":
                base, s = 8, s[2:]
            elif len(s) >= 3 and s[1].lower() == "x":
                base, s = 16, s[2:]
            else:
                base, s = 8, s[1:]
    allowed = _DIGITS[base]
    value = 0
    underscores = False
    for c in s:
        if c == "_" and base0:
            underscores = True
            continue
        d = allowed.find(c.lower())
        if d < 0:
            raise NumSyntaxError(func, orig)
        value = value * base + d
    if underscores and not underscore_ok(orig):
        raise NumSyntaxError(func, orig)
    if value >= 1 << bit_size:
        raise NumRangeError(func, orig, float((1 << bit_size) - 1))
    return value


def parse_int(s: str, base: int = 0, bit_size: int = 64) -> int:
    """strconv.ParseInt; raises NumError with Go's wording."""
    if s == "":
        raise NumSyntaxError("ParseInt", s)
    neg = s[0] == "-"
    body = s[1:] if s[0] in "+-" else s
    try:
        un = parse_uint(body, base, bit_size, "ParseInt")
    except NumError as err:
        raise _num_error("ParseInt", s, err.err) from None
    cutoff = 1 << (bit_size - 1)
    if (not neg and un >= cutoff) or (neg and un > cutoff):
        raise NumRangeError("ParseInt", s, float(-cutoff if neg else cutoff - 1))
    return -un if neg else un


def atoi(s: str) -> int:
    """strconv.Atoi (base 10, 64-bit): no base prefixes, no underscores."""
    body = s[1:] if s[:1] in "+-" else s
    if not body or not all("0" <= ch <= "9" for ch in body):
        raise NumSyntaxError("Atoi", s)
    value = int(s)
    if not INT64_MIN <= value <= INT64_MAX:
        raise NumRangeError("Atoi", s)
    return value


_DEC_FLOAT = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\Z")
_HEX_FLOAT = re.compile(r"([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?\d+)\Z")
_INF = ("inf", "+inf", "-inf", "infinity", "+infinity", "-infinity")


def parse_float(s: str) -> float:
    """strconv.ParseFloat(s, 64): Go's syntax only (no spaces); out of range is an error."""
    low = s.lower()
    if low in _INF:
        return -math.inf if low.startswith("-") else math.inf
    if low == "nan":
        return math.nan
    text = s
    if "_" in s:
        if not underscore_ok(s):
            raise NumSyntaxError("ParseFloat", s)
        text = s.replace("_", "")
    m = _HEX_FLOAT.match(text)
    if m:
        sign, whole, frac, exp = m.groups()
        if not whole and not frac:
            raise NumSyntaxError("ParseFloat", s)
        try:
            return float.fromhex(f"{sign}0x{whole or '0'}.{frac or ''}p{exp}")
        except OverflowError:
            raise NumRangeError("ParseFloat", s, -math.inf if sign == "-" else math.inf) from None
    if not _DEC_FLOAT.match(text):
        raise NumSyntaxError("ParseFloat", s)
    value = float(text)
    if math.isinf(value):
        raise NumRangeError("ParseFloat", s, value)
    return value
