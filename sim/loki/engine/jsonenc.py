"""JSON text exactly as Loki's encoder writes it (json-iterator ConfigFastest, vendored in
grafana/loki v3.6.0: stream.go, stream_str.go, stream_float.go).

Compact, keys in the order given. Two string writers: `string` (WriteString: only `"`, `\\`
and control bytes escaped, other bytes copied as they are, even invalid UTF-8) and
`html_string` (WriteStringWithHTMLEscaped, used for log lines: also `<`, `>`, `&`, U+2028,
U+2029 escaped and invalid UTF-8 replaced by \\ufffd). Floats in the stats use jsoniter's
"lossy" six-digit form.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from sim.loki.logql.gostrconv import format_float_f

_HEX = "0123456789abcdef"
_NAMED = {0x22: b'\\"', 0x5C: b"\\\\", 0x0A: b"\\n", 0x0D: b"\\r", 0x09: b"\\t"}
_SAFE = bytes(c for c in range(0x20, 0x80) if c not in (0x22, 0x5C))
_HTML_SAFE = bytes(c for c in _SAFE if c not in (0x3C, 0x3E, 0x26))


def _escape_byte(c: int) -> bytes:
    return _NAMED.get(c) or b"\\u00" + _HEX[c >> 4].encode() + _HEX[c & 0xF].encode()


def string(text: str | bytes) -> bytes:
    """Stream.WriteString."""
    data = text if isinstance(text, bytes) else text.encode("utf-8", "surrogateescape")
    rest = data.translate(None, _SAFE)
    if not rest or min(rest) >= 0x80:
        return b'"' + data + b'"'
    out = bytearray(b'"')
    for c in data:
        out += bytes((c,)) if c >= 0x80 or c in _SAFE else _escape_byte(c)
    out += b'"'
    return bytes(out)


def html_string(text: str | bytes) -> bytes:
    """Stream.WriteStringWithHTMLEscaped."""
    data = text if isinstance(text, bytes) else text.encode("utf-8", "surrogateescape")
    if not data.translate(None, _HTML_SAFE):
        return b'"' + data + b'"'
    out = bytearray(b'"')
    decoded = data.decode("utf-8", "surrogateescape")
    for ch in decoded:
        code = ord(ch)
        if code < 0x80:
            out += bytes((code,)) if code in _HTML_SAFE else _escape_byte(code)
        elif 0xDC80 <= code <= 0xDCFF:  # a byte that is not UTF-8
            out += b"\\ufffd"
        elif code in (0x2028, 0x2029):
            out += b"\\u202" + _HEX[code & 0xF].encode()
        else:
            out += ch.encode("utf-8")
    out += b'"'
    return bytes(out)


def lossy_float(value: float) -> bytes:
    """Stream.WriteFloat64Lossy (MarshalFloatWith6Digits)."""
    if math.isinf(value) or math.isnan(value):
        raise ValueError(f"unsupported value: {value}")
    sign = b""
    if value < 0:
        sign, value = b"-", -value
    if value > 0x4FFFFFF:
        return sign + _float64(value)
    scaled = int(value * 1_000_000 + 0.5)
    whole, frac = divmod(scaled, 1_000_000)
    if frac == 0:
        return sign + str(whole).encode()
    return sign + f"{whole}.{frac:06d}".rstrip("0").encode()


def _float64(value: float) -> bytes:
    """Stream.WriteFloat64: shortest digits, exponent form below 1e-6 or from 1e21."""
    if value != 0 and (abs(value) < 1e-6 or abs(value) >= 1e21):
        text = repr(value)
        mantissa, _, exponent = text.partition("e")
        sign = "-" if exponent.startswith("-") else "+"
        digits = exponent.lstrip("+-")
        return f"{mantissa}e{sign}{int(digits):02d}".encode()
    return format_float_f(value).encode()


def encode(value: Any) -> bytes:
    """A nested value of dicts, lists, strings, ints, bools and (lossy) floats."""
    if isinstance(value, bool):
        return b"true" if value else b"false"
    if isinstance(value, int):
        return str(value).encode()
    if isinstance(value, float):
        return lossy_float(value)
    if isinstance(value, str | bytes):
        return string(value)
    if isinstance(value, Mapping):
        return b"{" + b",".join(string(k) + b":" + encode(v) for k, v in value.items()) + b"}"
    return b"[" + b",".join(encode(v) for v in value) + b"]"
