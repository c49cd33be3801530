"""Go's text-to-number parsers as Promtail's stage configs use them.

time.ParseDuration (multiline `max_wait_time`, drop `older_than`), flagext.ByteSize
(drop `longer_than`, via c2h5oh/datasize) and the strconv parsers mapstructure's weak
decoding calls. Errors carry Go's own texts, which Promtail shows the user.
"""

from __future__ import annotations

from .goconv import go_quote

_MAX_UINT64 = (1 << 64) - 1
_MAX_INT64 = (1 << 63) - 1

_DURATION_UNITS = {
    "ns": 1,
    "us": 1_000,
    "µs": 1_000,  # U+00B5 micro sign
    "μs": 1_000,  # U+03BC greek mu
    "ms": 1_000_000,
    "s": 1_000_000_000,
    "m": 60_000_000_000,
    "h": 3_600_000_000_000,
}


class GoParseError(ValueError):
    """A Go parser's error; str() is Go's message."""


def parse_duration(text: str) -> int:
    """time.ParseDuration: nanoseconds, or GoParseError with Go's message."""
    invalid = GoParseError(f"time: invalid duration {go_quote(text)}")
    rest = text
    negative = False
    if rest and rest[0] in "+-":
        negative = rest[0] == "-"
        rest = rest[1:]
    if rest == "0":
        return 0
    if not rest:
        raise invalid
    total = 0
    while rest:
        if not (rest[0] == "." or (rest[0].isascii() and rest[0].isdigit())):
            raise invalid
        i = 0
        while i < len(rest) and "0" <= rest[i] <= "9":
            i += 1
        whole_digits, rest = rest[:i], rest[i:]
        frac_digits = ""
        if rest.startswith("."):
            rest = rest[1:]
            j = 0
            while j < len(rest) and "0" <= rest[j] <= "9":
                j += 1
            frac_digits, rest = rest[:j], rest[j:]
        if not whole_digits and not frac_digits:
            raise invalid
        k = 0
        while k < len(rest) and rest[k] != "." and not ("0" <= rest[k] <= "9"):
            k += 1
        if k == 0:
            raise GoParseError(f"time: missing unit in duration {go_quote(text)}")
        unit_name, rest = rest[:k], rest[k:]
        unit = _DURATION_UNITS.get(unit_name)
        if unit is None:
            raise GoParseError(
                f"time: unknown unit {go_quote(unit_name)} in duration {go_quote(text)}"
            )
        whole = int(whole_digits or "0")
        if whole > (1 << 63) // unit:
            raise invalid
        value = whole * unit
        if frac_digits:
            # Go keeps at most 19 fraction digits' worth of precision (leadingFraction).
            kept = frac_digits[:18]
            value += int(float(int(kept)) * (unit / (10 ** len(kept))))
        total += value
        if total > 1 << 63:
            raise invalid
    if negative:
        return -total
    if total > _MAX_INT64:
        raise invalid
    return total


def parse_byte_size(text: str) -> int:
    """flagext.ByteSize.Set: datasize units on the upper-cased text (`8kb` is 8192)."""
    upper = text.upper()
    error_text = f"strconv.UnmarshalText: parsing {go_quote(upper)}: "
    i = 0
    value = 0
    while i < len(upper) and "0" <= upper[i] <= "9":
        value = value * 10 + int(upper[i])
        i += 1
    if i == 0:
        raise GoParseError(error_text + "invalid syntax")
    unit = upper[i:].strip(" \t\n\r\v\f").lower()
    factors = {
        ("", "b", "byte"): 1,
        ("k", "kb", "kilo", "kilobyte", "kilobytes"): 1 << 10,
        ("m", "mb", "mega", "megabyte", "megabytes"): 1 << 20,
        ("g", "gb", "giga", "gigabyte", "gigabytes"): 1 << 30,
        ("t", "tb", "tera", "terabyte", "terabytes"): 1 << 40,
        ("p", "pb", "peta", "petabyte", "petabytes"): 1 << 50,
        ("e", "eb"): 1 << 60,
    }
    for names, factor in factors.items():
        if unit in names:
            if value * factor > _MAX_UINT64:
                raise GoParseError(error_text + "value out of range")
            return value * factor
    raise GoParseError(error_text + "invalid syntax")


def _strconv_error(func: str, text: str, reason: str) -> GoParseError:
    return GoParseError(f"strconv.{func}: parsing {go_quote(text)}: {reason}")


def _digits_base0(text: str, func: str, original: str) -> int:
    """Go's base-0 integer syntax: 0x/0o/0b prefixes, leading-0 octal, `_` separators."""
    base, body, prefixed = 10, text, False
    lowered = text[:2].lower()
    if lowered in ("0x", "0o", "0b"):
        base = {"0x": 16, "0o": 8, "0b": 2}[lowered]
        body, prefixed = text[2:], True
    elif len(text) > 1 and text[0] == "0":
        base, body, prefixed = 8, text[1:], True
    if "_" in body:
        # underscoreOK: only between digits, or right after a 0x/0o/0b prefix.
        leading_ok = (prefixed and base != 8) or text[:2].lower() == "0o"
        if "__" in body or body.endswith("_") or (body.startswith("_") and not leading_ok):
            raise _strconv_error(func, original, "invalid syntax")
        body = body.replace("_", "")
    if not body:
        raise _strconv_error(func, original, "invalid syntax")
    try:
        return int(body, base)
    except ValueError:
        raise _strconv_error(func, original, "invalid syntax") from None


def parse_int(text: str) -> int:
    """strconv.ParseInt(text, 0, 64)."""
    body, negative = text, False
    if body[:1] in ("+", "-"):
        negative, body = body[0] == "-", body[1:]
    value = _digits_base0(body, "ParseInt", text)
    value = -value if negative else value
    if not -(1 << 63) <= value <= _MAX_INT64:
        raise _strconv_error("ParseInt", text, "value out of range")
    return value


def parse_uint(text: str) -> int:
    """strconv.ParseUint(text, 0, 64)."""
    value = _digits_base0(text, "ParseUint", text)
    if value > _MAX_UINT64:
        raise _strconv_error("ParseUint", text, "value out of range")
    return value


def parse_float(text: str) -> float:
    """strconv.ParseFloat(text, 64) for decimal and inf/nan spellings."""
    lowered = text.lower().lstrip("+-")
    if lowered in ("inf", "infinity", "nan"):
        return float(text.replace("inity", ""))
    if not text or text != text.strip() or "_" in text or lowered.startswith("0x"):
        raise _strconv_error("ParseFloat", text, "invalid syntax")
    try:
        value = float(text)
    except ValueError:
        raise _strconv_error("ParseFloat", text, "invalid syntax") from None
    if value in (float("inf"), float("-inf")):
        raise _strconv_error("ParseFloat", text, "value out of range")
    return value


def parse_bool(text: str) -> bool:
    """strconv.ParseBool."""
    if text in ("1", "t", "T", "TRUE", "true", "True"):
        return True
    if text in ("0", "f", "F", "FALSE", "false", "False"):
        return False
    raise _strconv_error("ParseBool", text, "invalid syntax")
