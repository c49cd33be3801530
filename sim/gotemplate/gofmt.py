"""Go's fmt as templates use it: %v printing, Sprint, Sprintln and Sprintf."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from sim.golang.strconv_format import format_float_g
from sim.golang.strconv_quote import can_backquote, quote, quote_rune
from sim.gotemplate.errors import UnsupportedAtRuntime
from sim.gotemplate.gotypes import UINT_KINDS, to_bytes, type_name

COMPONENT = "Go fmt"


def print_v(v: Any) -> str:
    """What fmt.Sprint(v) prints (nil is `<nil>`)."""
    t = type(v)
    if t is str:
        return v  # type: ignore[no-any-return]
    if t is bool:
        return "true" if v else "false"
    if t is int:
        return str(v)
    if t is float:
        return format_float_g(v)
    if v is None:
        return "<nil>"
    stringer = getattr(v, "go_string", None)
    if stringer is not None:
        return stringer()  # type: ignore[no-any-return]
    if isinstance(v, int):
        return str(int(v))
    if isinstance(v, list):
        return "[" + " ".join(print_v(e) for e in v) + "]"
    if isinstance(v, Mapping):
        return "map[" + " ".join(f"{print_v(k)}:{print_v(v[k])}" for k in sorted(v)) + "]"
    raise TypeError(f"lokisim bug: cannot print Python {t.__name__} as a Go value")


def sprint(args: list[Any]) -> str:
    """fmt.Sprint: a space between operands when neither side is a string."""
    out: list[str] = []
    prev_string = False
    for i, arg in enumerate(args):
        is_string = type(arg) is str
        if i > 0 and not is_string and not prev_string:
            out.append(" ")
        out.append(print_v(arg))
        prev_string = is_string
    return "".join(out)


def sprintln(args: list[Any]) -> str:
    return " ".join(print_v(a) for a in args) + "\n"


class _Flags:
    __slots__ = ("minus", "plus", "prec", "sharp", "space", "wid", "zero")

    def __init__(self) -> None:
        self.sharp = self.zero = self.plus = self.minus = self.space = False
        self.wid: int | None = None
        self.prec: int | None = None


def _pad(f: _Flags, s: str) -> str:
    if f.wid is None or f.wid <= len(s):
        return s
    fill = ("0" if f.zero else " ") * (f.wid - len(s))
    return s + " " * (f.wid - len(s)) if f.minus else fill + s


def _bad_verb(f: _Flags, verb: str, arg: Any) -> str:
    if arg is None:
        return f"%!{verb}(<nil>)"
    return f"%!{verb}({type_name(arg)}={_arg(f, 'v', arg)})"


_BASES = {"b": 2, "o": 8, "O": 8, "x": 16, "X": 16, "d": 10, "v": 10}


def _integer(f: _Flags, verb: str, v: int, unsigned: bool) -> str:
    if verb == "c":
        return _pad(f, chr(v) if 0 <= v <= 0x10FFFF and not 0xD800 <= v <= 0xDFFF else "\ufffd")
    if verb == "q":
        return _pad(f, quote_rune(v, ascii_only=f.plus))
    if verb == "U":
        text = f"U+{v:04X}" if v >= 0 else f"U+{v & 0xFFFFFFFFFFFFFFFF:04X}"
        if f.sharp and 0 <= v <= 0x10FFFF and chr(v).isprintable():
            text += f" '{chr(v)}'"
        return _pad(f, text)
    base = _BASES.get(verb)
    if base is None:
        return _bad_verb(f, verb, v)
    negative = v < 0 and not unsigned
    u = -v if negative else v
    if f.prec is not None and f.prec == 0 and u == 0:
        return " " * (f.wid or 0)
    digits = {2: f"{u:b}", 8: f"{u:o}", 10: str(u), 16: f"{u:x}"}[base]
    if verb == "X":
        digits = digits.upper()
    prec = 0
    if f.prec is not None:
        prec = f.prec
    elif f.zero and not f.minus and f.wid is not None:
        prec = f.wid - (1 if negative or f.plus or f.space else 0)
    digits = digits.rjust(prec, "0")
    if f.sharp:
        if base == 2:
            digits = "0b" + digits
        elif base == 8 and not digits.startswith("0"):
            digits = "0" + digits
        elif base == 16:
            digits = ("0X" if verb == "X" else "0x") + digits
    if verb == "O":
        digits = "0o" + digits
    sign = "-" if negative else "+" if f.plus else " " if f.space else ""
    saved, f.zero = f.zero, False
    try:
        return _pad(f, sign + digits)
    finally:
        f.zero = saved


def _float(f: _Flags, verb: str, v: float) -> str:
    if verb not in "vgGeEfF":
        if verb in "bxX":
            raise UnsupportedAtRuntime(COMPONENT, f"printf %{verb} of a float64")
        return _bad_verb(f, verb, v)
    if f.sharp:
        raise UnsupportedAtRuntime(COMPONENT, f"printf %#{verb} of a float64")
    if verb == "v" or math.isinf(v) or math.isnan(v):
        num = format_float_g(v)
    elif verb in "gG":
        num = format_float_g(v, verb == "G") if f.prec is None else f"{v:.{f.prec}{verb}}"
    else:
        prec = 6 if f.prec is None else f.prec
        num = f"{v:.{prec}{verb.lower() if verb == 'F' else verb}}"
    if num[0] not in "+-":
        num = "+" + num
    if f.space and num[0] == "+" and not f.plus:
        num = " " + num[1:]
    if num[1] in "IN":
        if num[1] == "N" and not f.space and not f.plus:
            num = num[1:]
        saved, f.zero = f.zero, False
        try:
            return _pad(f, num)
        finally:
            f.zero = saved
    if f.plus or num[0] != "+":
        if f.zero and not f.minus and f.wid is not None and f.wid > len(num):
            return num[0] + "0" * (f.wid - len(num)) + num[1:]
        return _pad(f, num)
    return _pad(f, num[1:])


def _hex_string(f: _Flags, s: str, upper: bool) -> str:
    data = to_bytes(s)
    if f.prec is not None:
        data = data[: f.prec]
    if not data:
        return " " * (f.wid or 0)
    prefix = "0X" if upper else "0x"
    parts = [f"{b:02X}" if upper else f"{b:02x}" for b in data]
    if f.space:
        text = " ".join((prefix if f.sharp else "") + p for p in parts)
    else:
        text = (prefix if f.sharp else "") + "".join(parts)
    if f.wid is not None and f.wid > len(text):
        fill = ("0" if f.zero else " ") * (f.wid - len(text))
        return text + " " * (f.wid - len(text)) if f.minus else fill + text
    return text


def _string(f: _Flags, verb: str, s: str) -> str:
    if verb in ("v", "s"):
        return _pad(f, s if f.prec is None else s[: f.prec])
    if verb in ("x", "X"):
        return _hex_string(f, s, verb == "X")
    if verb == "q":
        s = s if f.prec is None else s[: f.prec]
        if f.sharp and can_backquote(s):
            return _pad(f, "`" + s + "`")
        return _pad(f, quote(s, ascii_only=f.plus))
    return _bad_verb(f, verb, s)


def _arg(f: _Flags, verb: str, arg: Any, depth: int = 0) -> str:
    if arg is None:
        if depth > 0 or verb in ("v", "T"):
            return _pad(f, "<nil>")
        return _bad_verb(f, verb, arg)
    if verb == "T":
        return _pad(f, type_name(arg))
    if verb == "p":
        raise UnsupportedAtRuntime(COMPONENT, "printf %p")
    t = type(arg)
    if t is str:
        return _string(f, verb, arg)
    if t is bool:
        return _pad(f, "true" if arg else "false") if verb in "tv" else _bad_verb(f, verb, arg)
    if t is float:
        return _float(f, verb, arg)
    stringer = getattr(arg, "go_string", None)
    if stringer is not None and verb in "vsxXq":
        return _string(f, verb, stringer())
    if isinstance(arg, int):
        return _integer(f, verb, int(arg), type_name(arg) in UINT_KINDS)
    if isinstance(arg, list):
        return "[" + " ".join(_arg(f, verb, e, depth + 1) for e in arg) + "]"
    if isinstance(arg, Mapping):
        pairs = (
            f"{_arg(f, verb, k, depth + 1)}:{_arg(f, verb, arg[k], depth + 1)}" for k in sorted(arg)
        )
        return "map[" + " ".join(pairs) + "]"
    raise UnsupportedAtRuntime(COMPONENT, f"printf %{verb} of a {type_name(arg)}")


def _number(fmt: str, i: int) -> tuple[int | None, int]:
    start = i
    while i < len(fmt) and "0" <= fmt[i] <= "9":
        i += 1
    if i == start:
        return None, i
    return int(fmt[start:i]), i


def sprintf(fmt: str, args: list[Any]) -> str:
    """fmt.Sprintf, including Go's %!verb(...) / %!(MISSING) / %!(EXTRA ...) reports."""
    out: list[str] = []
    argn = 0
    i, end = 0, len(fmt)
    while i < end:
        j = fmt.find("%", i)
        if j < 0:
            out.append(fmt[i:])
            break
        out.append(fmt[i:j])
        i = j + 1
        f = _Flags()
        while i < end and fmt[i] in "#0+- ":
            c = fmt[i]
            if c == "#":
                f.sharp = True
            elif c == "0":
                f.zero = not f.minus
            elif c == "+":
                f.plus = True
            elif c == "-":
                f.minus, f.zero = True, False
            else:
                f.space = True
            i += 1
        if i < end and fmt[i] in "[*":
            raise UnsupportedAtRuntime(COMPONENT, "printf argument indexes and * widths")
        f.wid, i = _number(fmt, i)
        if i < end and fmt[i] == ".":
            i += 1
            if i < end and fmt[i] in "[*":
                raise UnsupportedAtRuntime(COMPONENT, "printf argument indexes and * precisions")
            prec, i = _number(fmt, i)
            f.prec = prec or 0
        if i >= end:
            out.append("%!(NOVERB)")
            break
        verb = fmt[i]
        i += 1
        if verb == "%":
            out.append("%")
        elif argn >= len(args):
            out.append(f"%!{verb}(MISSING)")
        else:
            arg = args[argn]
            argn += 1
            if verb == "w":
                out.append(_bad_verb(f, verb, arg))
                continue
            if verb == "v":
                if f.sharp:
                    raise UnsupportedAtRuntime(COMPONENT, "printf %#v")
                f.plus = False
            out.append(_arg(f, verb, arg))
    if argn < len(args):
        extra = []
        for arg in args[argn:]:
            extra.append("<nil>" if arg is None else f"{type_name(arg)}={_arg(_Flags(), 'v', arg)}")
        out.append("%!(EXTRA " + ", ".join(extra) + ")")
    return "".join(out)
