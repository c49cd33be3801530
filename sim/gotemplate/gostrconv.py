"""Go's strconv as templates see it: ParseInt/ParseFloat syntax, shortest float text, Quote."""

from __future__ import annotations

import math
import re
import unicodedata

INT64_MIN = -(1 << 63)
INT64_MAX = (1 << 63) - 1
UINT64_MAX = (1 << 64) - 1


class NumError(ValueError):
    """strconv.NumError: `strconv.ParseInt: parsing "x": invalid syntax`."""

    def __init__(self, func: str, text: str, err: str) -> None:
        self.func = func
        self.text = text
        self.err = err
        super().__init__(f"strconv.{func}: parsing {quote(text)}: {err}")


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
    if s == "":
        raise NumError(func, s, "invalid syntax")
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
            raise NumError(func, orig, "invalid syntax")
        value = value * base + d
    if underscores and not underscore_ok(orig):
        raise NumError(func, orig, "invalid syntax")
    if value >= 1 << bit_size:
        raise NumError(func, orig, "value out of range")
    return value


def parse_int(s: str, base: int = 0, bit_size: int = 64) -> int:
    """strconv.ParseInt; raises NumError with Go's wording."""
    if s == "":
        raise NumError("ParseInt", s, "invalid syntax")
    neg = s[0] == "-"
    body = s[1:] if s[0] in "+-" else s
    try:
        un = parse_uint(body, base, bit_size, "ParseInt")
    except NumError as err:
        raise NumError("ParseInt", s, err.err) from None
    cutoff = 1 << (bit_size - 1)
    if (not neg and un >= cutoff) or (neg and un > cutoff):
        raise NumError("ParseInt", s, "value out of range")
    return -un if neg else un


_DEC_FLOAT = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\Z")
_HEX_FLOAT = re.compile(r"([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?\d+)\Z")
_SPECIAL = {"inf": math.inf, "+inf": math.inf, "-inf": -math.inf, "infinity": math.inf}


def parse_float(s: str) -> float:
    """strconv.ParseFloat(s, 64): Go's syntax only (no spaces); out of range is an error."""
    low = s.lower()
    if low in _SPECIAL or low in ("+infinity", "-infinity"):
        return -math.inf if low.startswith("-") else math.inf
    if low in ("nan", "+nan", "-nan"):
        if low != "nan":
            raise NumError("ParseFloat", s, "invalid syntax")
        return math.nan
    text = s
    if "_" in s:
        if not underscore_ok(s):
            raise NumError("ParseFloat", s, "invalid syntax")
        text = s.replace("_", "")
    m = _HEX_FLOAT.match(text)
    if m:
        sign, whole, frac, exp = m.groups()
        if not whole and not frac:
            raise NumError("ParseFloat", s, "invalid syntax")
        try:
            value = float.fromhex(f"{sign}0x{whole or '0'}.{frac or ''}p{exp}")
        except OverflowError:
            raise NumError("ParseFloat", s, "value out of range") from None
        return value
    if not _DEC_FLOAT.match(text):
        raise NumError("ParseFloat", s, "invalid syntax")
    value = float(text)
    if math.isinf(value):
        raise NumError("ParseFloat", s, "value out of range")
    return value


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


def format_float_g(f: float, upper: bool = False) -> str:
    """strconv.FormatFloat(f, 'g', -1, 64): what fmt's %v prints for a float64."""
    if math.isnan(f):
        return "NaN"
    if math.isinf(f):
        return "+Inf" if f > 0 else "-Inf"
    neg = math.copysign(1.0, f) < 0
    digits, dp = shortest_digits(f)
    exp = dp - 1
    if exp < -4 or exp >= 6:  # shortest formatting decides with eprec 6 (strconv ftoa.go)
        return _fmt_e(neg, digits, dp, len(digits) - 1, "E" if upper else "e")
    return _fmt_f(neg, digits, dp, max(len(digits) - dp, 0))


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


def is_print(r: str) -> bool:
    """unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space."""
    if r == " ":
        return True
    cat = unicodedata.category(r)
    return cat[0] in "LMNPS"


_ESC = {"\a": r"\a", "\b": r"\b", "\f": r"\f", "\n": r"\n", "\r": r"\r", "\t": r"\t", "\v": r"\v"}


def _quote_char(ch: str, quote_ch: str, ascii_only: bool) -> str:
    if ch == quote_ch or ch == "\\":
        return "\\" + ch
    cp = ord(ch)
    if 0xDC80 <= cp <= 0xDCFF:
        return f"\\x{cp - 0xDC00:02x}"  # an invalid UTF-8 byte kept by surrogateescape
    if ascii_only:
        if cp < 0x80 and is_print(ch):
            return ch
    elif is_print(ch):
        return ch
    if ch in _ESC:
        return _ESC[ch]
    if cp < 0x20 or cp == 0x7F:
        return f"\\x{cp:02x}"
    if cp > 0xFFFF:
        return f"\\U{cp:08x}"
    return f"\\u{cp:04x}"


def quote(s: str, ascii_only: bool = False) -> str:
    """strconv.Quote (QuoteToASCII when ascii_only)."""
    if s.isascii() and s.isprintable() and '"' not in s and "\\" not in s:
        return f'"{s}"'
    return '"' + "".join(_quote_char(c, '"', ascii_only) for c in s) + '"'


def quote_rune(r: int, ascii_only: bool = False) -> str:
    """strconv.QuoteRune: invalid code points print as the replacement character."""
    if r < 0 or r > 0x10FFFF or 0xD800 <= r <= 0xDFFF:
        r = 0xFFFD
    return "'" + _quote_char(chr(r), "'", ascii_only) + "'"


def can_backquote(s: str) -> bool:
    """strconv.CanBackquote: one line, no backquote, no control character but tab."""
    for c in s:
        if c == "`" or c == "\ufeff" or (ord(c) < 0x20 and c != "\t") or c == "\x7f":
            return False
        if 0xDC80 <= ord(c) <= 0xDCFF:
            return False
    return True


class UnquoteError(ValueError):
    """strconv.ErrSyntax."""

    def __init__(self) -> None:
        super().__init__("invalid syntax")


_SIMPLE_ESC = {"a": 7, "b": 8, "f": 12, "n": 10, "r": 13, "t": 9, "v": 11, "\\": 92}


def _unquote_escape(s: str, i: int, quote_ch: str, out: bytearray) -> int:
    """Decode the escape at s[i] (just after the backslash); return the next index."""
    if i >= len(s):
        raise UnquoteError()
    c = s[i]
    if c in _SIMPLE_ESC:
        out.append(_SIMPLE_ESC[c])
        return i + 1
    if c == quote_ch and c in "'\"":
        out.append(ord(c))
        return i + 1
    if c in "01234567":
        digits = s[i : i + 3]
        if len(digits) < 3 or any(d not in "01234567" for d in digits):
            raise UnquoteError()
        v = int(digits, 8)
        if v > 255:
            raise UnquoteError()
        out.append(v)
        return i + 3
    width = {"x": 2, "u": 4, "U": 8}.get(c)
    if width is None:
        raise UnquoteError()
    digits = s[i + 1 : i + 1 + width]
    if len(digits) < width or any(d not in "0123456789abcdefABCDEF" for d in digits):
        raise UnquoteError()
    v = int(digits, 16)
    if c == "x":
        out.append(v)
    else:
        if v > 0x10FFFF or 0xD800 <= v <= 0xDFFF:
            raise UnquoteError()
        out.extend(chr(v).encode())
    return i + 1 + width


def unquote(s: str) -> str:
    """strconv.Unquote for "..." and `...` literals (raw strings drop carriage returns)."""
    if len(s) < 2 or s[0] != s[-1] or s[0] not in '"`':
        raise UnquoteError()
    body = s[1:-1]
    if s[0] == "`":
        if "`" in body:
            raise UnquoteError()
        return body.replace("\r", "")
    if "\n" in body:
        raise UnquoteError()
    if "\\" not in body and '"' not in body:
        return body
    out = bytearray()
    i = 0
    while i < len(body):
        c = body[i]
        if c == '"':
            raise UnquoteError()
        if c == "\\":
            i = _unquote_escape(body, i + 1, '"', out)
            continue
        out.extend(c.encode("utf-8", "surrogateescape"))
        i += 1
    return out.decode("utf-8", "surrogateescape")


def unquote_char_constant(text: str) -> int:
    """The rune of a character constant such as 'a' or '\\n' (strconv.UnquoteChar + tail check)."""
    body = text[1:]
    if not body:
        raise UnquoteError()
    if body[0] == "\\":
        out = bytearray()
        nxt = _unquote_escape(body, 1, "'", out)
        tail = body[nxt:]
        value = out[0] if body[1] in "xo01234567" else ord(out.decode("utf-8"))
    else:
        if body[0] == "'":
            raise UnquoteError()
        value = ord(body[0])
        tail = body[1:]
    if tail != "'":
        raise MalformedChar(text)
    return value


class MalformedChar(ValueError):
    def __init__(self, text: str) -> None:
        super().__init__(f"malformed character constant: {text}")
