"""encoding/json as sprig's fromJson / toJson see it: numbers decode to float64, objects to
map[string]interface{}; encoding sorts keys, escapes HTML and U+2028/U+2029."""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from typing import Any

from sim.golang.strconv_format import format_float_json
from sim.gotemplate.errors import GoError
from sim.gotemplate.gotime import GoTime
from sim.gotemplate.gotimefmt import format_time

_ESC = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_HTML = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"}


def _string(s: str, escape_html: bool) -> str:
    out = ['"']
    for c in s:
        if c in _ESC:
            out.append(_ESC[c])
        elif c < " ":
            out.append(f"\\u{ord(c):04x}")
        elif escape_html and c in _HTML:
            out.append(_HTML[c])
        elif c in "\u2028\u2029":
            out.append(f"\\u{ord(c):04x}")
        elif 0xDC80 <= ord(c) <= 0xDCFF:
            out.append("\\ufffd")  # invalid UTF-8 byte
        else:
            out.append(c)
    out.append('"')
    return "".join(out)


def marshal(v: Any, escape_html: bool = True, indent: str | None = None, depth: int = 0) -> str:
    """json.Marshal (MarshalIndent with prefix "" when indent is given); raises GoError."""
    if v is None:
        return "null"
    t = type(v)
    if t is str:
        return _string(v, escape_html)
    if t is bool:
        return "true" if v else "false"
    if t is float:
        if math.isnan(v) or math.isinf(v):
            shown = "NaN" if math.isnan(v) else ("+Inf" if v > 0 else "-Inf")
            raise GoError(f"json: unsupported value: {shown}")
        return format_float_json(v)
    if isinstance(v, int):
        return str(int(v))
    if isinstance(v, GoTime):
        year = v.civil()[0]
        if not 0 <= year <= 9999:
            raise GoError(
                "json: error calling MarshalJSON for type time.Time: "
                "Time.MarshalJSON: year outside of range [0,9999]"
            )
        return '"' + format_time(v, "2006-01-02T15:04:05.999999999Z07:00") + '"'
    if isinstance(v, list):
        items = [marshal(e, escape_html, indent, depth + 1) for e in v]
        return _join("[", "]", items, indent, depth)
    if isinstance(v, Mapping):
        sep = ": " if indent is not None else ":"
        items = [
            _string(str(k), escape_html) + sep + marshal(v[k], escape_html, indent, depth + 1)
            for k in sorted(v)
        ]
        return _join("{", "}", items, indent, depth)
    raise GoError(f"json: unsupported type: {type(v).__name__}")


def _join(open_: str, close: str, items: list[str], indent: str | None, depth: int) -> str:
    if not items:
        return open_ + close
    if indent is None:
        return open_ + ",".join(items) + close
    inner = "\n" + indent * (depth + 1)
    return open_ + inner + ("," + inner).join(items) + "\n" + indent * depth + close


def _reject_constant(name: str) -> Any:
    raise ValueError(f"invalid character {name[0]!r} looking for beginning of value")


def _float(text: str) -> float:
    f = float(text)
    if math.isinf(f):
        raise ValueError(f"json: cannot unmarshal number {text} into Go value of type float64")
    return f


def unmarshal(text: str) -> Any:
    """json.Unmarshal into interface{}; raises GoError with a Go-like message."""
    if not text.strip(" \t\r\n"):
        raise GoError("unexpected end of JSON input")
    try:
        return json.loads(
            text, parse_float=_float, parse_int=_float, parse_constant=_reject_constant
        )
    except json.JSONDecodeError as err:
        if err.pos >= len(text.rstrip(" \t\r\n")):
            raise GoError("unexpected end of JSON input") from None
        ch = text[err.pos]
        if err.msg.startswith("Extra data"):
            raise GoError(f"invalid character {ch!r} after top-level value") from None
        raise GoError(f"invalid character {ch!r} looking for beginning of value") from None
    except ValueError as err:
        raise GoError(str(err)) from None
