"""Go's strconv and fmt behaviour that LogQL's parser and String() forms depend on.

Strings here may hold invalid UTF-8 the Python way: bytes 0x80-0xFF that are not part of a
valid sequence are the lone surrogates U+DC80-U+DCFF (`errors="surrogateescape"`).
"""

from __future__ import annotations

import math
import unicodedata

_ESCAPES = {7: r"\a", 8: r"\b", 12: r"\f", 10: r"\n", 13: r"\r", 9: r"\t", 11: r"\v"}


def is_print(c: str) -> bool:
    """Go's strconv.IsPrint: letters, marks, numbers, punctuation, symbols and ASCII space."""
    return c == " " or unicodedata.category(c)[0] in "LMNPS"


def quote(s: str) -> str:
    """Go's strconv.Quote."""
    out = ['"']
    for c in s:
        code = ord(c)
        if c in '"\\':
            out.append("\\" + c)
        elif 0xDC80 <= code <= 0xDCFF:  # an invalid byte
            out.append(f"\\x{code - 0xDC00:02x}")
        elif 0xD800 <= code <= 0xDFFF:  # not a valid rune: Go would have seen U+FFFD
            out.append("\ufffd")
        elif is_print(c):
            out.append(c)
        elif code in _ESCAPES:
            out.append(_ESCAPES[code])
        elif code < 0x20 or code == 0x7F:
            out.append(f"\\x{code:02x}")
        elif code < 0x10000:
            out.append(f"\\u{code:04x}")
        else:
            out.append(f"\\U{code:08x}")
    out.append('"')
    return "".join(out)


class GoSyntaxError(ValueError):
    """strconv.ErrSyntax."""


_SIMPLE_ESCAPES = {"a": 7, "b": 8, "f": 12, "n": 10, "r": 13, "t": 9, "v": 11, "\\": 92}


def unquote(text: str) -> str:
    """Prometheus' strutil.Unquote: a "double", 'single' or `raw` quoted string literal."""
    if len(text) < 2 or text[0] != text[-1] or text[0] not in "`\"'":
        raise GoSyntaxError("invalid syntax")
    quote_char, body = text[0], text[1:-1]
    if quote_char == "`":
        if "`" in body:
            raise GoSyntaxError("invalid syntax")
        return body
    if "\n" in body:
        raise GoSyntaxError("invalid syntax")
    out = bytearray()
    i = 0
    while i < len(body):
        c = body[i]
        if c == quote_char:
            raise GoSyntaxError("invalid syntax")
        if c != "\\":
            out += c.encode("utf-8", "surrogateescape")
            i += 1
            continue
        i = _unquote_escape(body, i + 1, quote_char, out)
    return out.decode("utf-8", "surrogateescape")


def _unquote_escape(body: str, i: int, quote_char: str, out: bytearray) -> int:
    if i >= len(body):
        raise GoSyntaxError("invalid syntax")
    c = body[i]
    i += 1
    if c in _SIMPLE_ESCAPES:
        out.append(_SIMPLE_ESCAPES[c])
        return i
    if c in "'\"":
        if c != quote_char:
            raise GoSyntaxError("invalid syntax")
        out.append(ord(c))
        return i
    if c in "xuU":
        width = {"x": 2, "u": 4, "U": 8}[c]
        digits = body[i : i + width]
        if len(digits) < width or any(d not in "0123456789abcdefABCDEF" for d in digits):
            raise GoSyntaxError("invalid syntax")
        value = int(digits, 16)
        if c == "x":  # one byte, possibly not UTF-8
            out.append(value)
        elif value > 0x10FFFF:
            raise GoSyntaxError("invalid syntax")
        else:  # surrogate halves encode as U+FFFD, as Go's utf8.EncodeRune does
            out += (chr(value) if not 0xD800 <= value <= 0xDFFF else "\ufffd").encode()
        return i + width
    if c in "01234567":
        digits = body[i - 1 : i + 2]
        if len(digits) < 3 or any(d not in "01234567" for d in digits) or int(digits, 8) > 255:
            raise GoSyntaxError("invalid syntax")
        out.append(int(digits, 8))
        return i + 2
    raise GoSyntaxError("invalid syntax")


def _underscores_ok(s: str) -> bool:
    """strconv's underscoreOK: '_' only between digits (or after a base prefix)."""
    saw, i = "^", 0
    if s[:1] in "+-" and s:
        s = s[1:]
    hexa = False
    if len(s) >= 2 and s[0] == "0" and s[1].lower() in "box":
        i, saw, hexa = 2, "0", s[1].lower() == "x"
    for ch in s[i:]:
        if (ch.isdigit() and ch.isascii()) or (hexa and ch.lower() in "abcdef"):
            saw = "0"
        elif ch == "_":
            if saw != "0":
                return False
            saw = "_"
        else:
            if saw == "_":
                return False
            saw = "!"
    return saw != "_"


def _float_syntax_ok(s: str) -> bool:
    """strconv.readFloat's grammar: [+-]digits[.digits][e[+-]digits], or hex with a p exponent."""
    i, n = 0, len(s)
    if i < n and s[i] in "+-":
        i += 1
    hexa = i + 2 < n and s[i] == "0" and s[i + 1] in "xX"
    if hexa:
        i += 2
    digit_chars = "0123456789abcdefABCDEF" if hexa else "0123456789"
    saw_dot = saw_digits = False
    while i < n:
        ch = s[i]
        if ch == "." and not saw_dot:
            saw_dot = True
        elif ch in digit_chars:
            saw_digits = True
        elif ch != "_":
            break
        i += 1
    if not saw_digits:
        return False
    if i < n and s[i].lower() == ("p" if hexa else "e"):
        i += 1
        if i < n and s[i] in "+-":
            i += 1
        if i >= n or not "0" <= s[i] <= "9":
            return False
        while i < n and (s[i] in "0123456789_"):
            i += 1
    elif hexa:
        return False
    return i == n and ("_" not in s or _underscores_ok(s))


class GoRangeError(ValueError):
    """strconv.ErrRange; `value` is what Go returns alongside it."""

    def __init__(self, message: str, value: float) -> None:
        super().__init__(message)
        self.value = value


def parse_float(s: str) -> float:
    """Go's strconv.ParseFloat(s, 64); errors carry Go's message."""
    low = s.lower()
    sign = -1.0 if low.startswith("-") else 1.0
    if (low[1:] if low[:1] in "+-" else low) in ("inf", "infinity"):
        return sign * math.inf
    if low == "nan":
        return math.nan
    if not _float_syntax_ok(s):
        raise GoSyntaxError(f"strconv.ParseFloat: parsing {quote(s)}: invalid syntax")
    body = s.replace("_", "").lstrip("+-")
    value = sign * (float.fromhex(body) if body[:2].lower() == "0x" else float(body))
    if math.isinf(value):
        raise GoRangeError(f"strconv.ParseFloat: parsing {quote(s)}: value out of range", value)
    return value


def atoi(s: str) -> int:
    """Go's strconv.Atoi (base 10, 64-bit)."""
    body = s[1:] if s[:1] in "+-" else s
    if not body or not all("0" <= ch <= "9" for ch in body):
        raise GoSyntaxError(f"strconv.Atoi: parsing {quote(s)}: invalid syntax")
    value = int(s)
    if not -(2**63) <= value < 2**63:
        raise GoRangeError(f"strconv.Atoi: parsing {quote(s)}: value out of range", 0.0)
    return value


def _shortest(v: float) -> tuple[bool, str, int]:
    """Shortest round-trip digits of v, Go's way: abs(v) = 0.<digits> * 10**point."""
    mantissa, _, exponent = repr(abs(v)).partition("e")
    whole, _, frac = mantissa.partition(".")
    digits, point = whole + frac, len(whole) + int(exponent or 0)
    stripped = digits.lstrip("0")
    point -= len(digits) - len(stripped)
    digits = stripped.rstrip("0")
    return math.copysign(1.0, v) < 0, digits or "0", point if digits else 1


def _special(v: float) -> str | None:
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "+Inf" if v > 0 else "-Inf"
    return None


def format_float_f(v: float) -> str:
    """strconv.FormatFloat(v, 'f', -1, 64)."""
    if (s := _special(v)) is not None:
        return s
    neg, digits, point = _shortest(v)
    if digits == "0":
        return "-0" if neg else "0"
    if point <= 0:
        body = "0." + "0" * -point + digits
    elif point >= len(digits):
        body = digits + "0" * (point - len(digits))
    else:
        body = digits[:point] + "." + digits[point:]
    return ("-" if neg else "") + body


def format_float_v(v: float) -> str:
    """fmt's %v for a float64 (strconv 'g' with the shortest precision)."""
    if (s := _special(v)) is not None:
        return s
    neg, digits, point = _shortest(v)
    exp = point - 1
    if digits != "0" and (exp < -4 or exp >= 6):
        mant = digits[0] + ("." + digits[1:] if len(digits) > 1 else "")
        body = f"{mant}e{'-' if exp < 0 else '+'}{abs(exp):02d}"
        return ("-" if neg else "") + body
    return format_float_f(v)


def format_float_fixed6(v: float) -> str:
    """fmt's %f (six decimals)."""
    return _special(v) or f"{v:.6f}"
