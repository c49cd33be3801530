"""Go's value-to-text conversions that Promtail's stages rely on.

`get_string` is util.go's getString; the float formatting follows strconv.FormatFloat and
fmt's `%v`, so a number extracted from JSON becomes the same label value or line text it
becomes in Promtail (`125`, not `125.0`).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any


class NotConvertible(ValueError):
    """getString's error: the value has no string form (nil, a list, a map)."""


def _digits(value: float) -> tuple[str, int]:
    """Shortest round-trip decimal digits of a finite non-zero float and its decimal point."""
    _, digits, exponent = Decimal(repr(abs(value))).normalize().as_tuple()
    text = "".join(str(d) for d in digits)
    assert isinstance(exponent, int)
    return text, len(text) + exponent


def format_float_f(value: float) -> str:
    """strconv.FormatFloat(value, 'f', -1, 64)."""
    if value != value:
        return "NaN"
    if value in (float("inf"), float("-inf")):
        return "+Inf" if value > 0 else "-Inf"
    if value == 0:
        return "-0" if str(value).startswith("-") else "0"
    digits, point = _digits(value)
    sign = "-" if value < 0 else ""
    if point <= 0:
        return f"{sign}0.{'0' * -point}{digits}"
    if point >= len(digits):
        return sign + digits + "0" * (point - len(digits))
    return f"{sign}{digits[:point]}.{digits[point:]}"


def format_float_e(value: float) -> str:
    """strconv.FormatFloat(value, 'e', -1, 64)."""
    if value == 0:
        return "0e+00"
    digits, point = _digits(value)
    sign = "-" if value < 0 else ""
    mantissa = digits[0] + ("." + digits[1:] if len(digits) > 1 else "")
    exp = point - 1
    return f"{sign}{mantissa}e{'-' if exp < 0 else '+'}{abs(exp):02d}"


def format_float_g(value: float) -> str:
    """fmt's `%v` for a float64: strconv 'g' with the shortest digits."""
    if value != value or value in (float("inf"), float("-inf")) or value == 0:
        return format_float_f(value)
    _, point = _digits(value)
    exp = point - 1
    if exp < -4 or exp >= 6:
        return format_float_e(value)
    return format_float_f(value)


def get_string(value: Any) -> str:
    """util.go getString: numbers and booleans in Go's spelling, strings as they are."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return format_float_f(value)
    raise NotConvertible(f"can't convert {go_v(value)} to string")


def go_v(value: Any) -> str:
    """fmt's `%v` for the values YAML and JSON decoding produce."""
    if value is None:
        return "<nil>"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return format_float_g(value)
    if isinstance(value, dict):
        items = sorted((go_v(k), go_v(v)) for k, v in value.items())
        return "map[" + " ".join(f"{k}:{v}" for k, v in items) + "]"
    if isinstance(value, list | tuple):
        return "[" + " ".join(go_v(v) for v in value) + "]"
    return str(value)


def go_type(value: Any) -> str:
    """reflect.Type.String() of what gopkg.in/yaml.v2 decodes into an interface{}."""
    if value is None:
        return "<nil>"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float64"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list | tuple):
        return "[]interface {}"
    if isinstance(value, dict):
        return "map[interface {}]interface {}"
    return type(value).__name__


def go_kind(value: Any) -> str:
    """reflect.Kind.String() of the same values (mapstructure's "expected a map" errors)."""
    if isinstance(value, list | tuple):
        return "slice"
    if isinstance(value, dict):
        return "map"
    return go_type(value)


def go_quote(text: str) -> str:
    """strconv.Quote for printable text: escapes quotes, backslashes and control bytes."""
    out = ['"']
    for char in text:
        code = ord(char)
        if char in ('"', "\\"):
            out.append("\\" + char)
        elif char == "\n":
            out.append("\\n")
        elif char == "\t":
            out.append("\\t")
        elif char == "\r":
            out.append("\\r")
        elif code < 0x20 or code == 0x7F:
            out.append(f"\\x{code:02x}")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)
