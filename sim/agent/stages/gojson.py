"""JSON as Promtail's json stage reads and writes it (json-iterator, ConfigDefault).

Reading: the line must hold a JSON object (or `null`); every number is a float64.
Writing (non-scalar JMESPath results): compact, HTML-escaped like encoding/json, floats in
Go's shortest form. Go writes map keys in random order; lokisim sorts them.
"""

from __future__ import annotations

import json
from typing import Any

from .goconv import format_float_e, format_float_f

_ESCAPES = {i: f"\\u{i:04x}" for i in range(0x20)}
_ESCAPES.update(
    {
        ord('"'): '\\"',
        ord("\\"): "\\\\",
        ord("\n"): "\\n",
        ord("\r"): "\\r",
        ord("\t"): "\\t",
        ord("<"): "\\u003c",
        ord(">"): "\\u003e",
        ord("&"): "\\u0026",
        0x2028: "\\u2028",
        0x2029: "\\u2029",
    }
)


class MalformedJSON(ValueError):
    """The text is not a JSON object."""


def _reject_constant(name: str) -> float:
    raise MalformedJSON(f"invalid literal {name}")


def _go_float(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise MalformedJSON(f"number {text} out of range")
    return value


def loads_object(text: str) -> dict[str, Any] | None:
    """json.Unmarshal into a map[string]interface{}: an object, or None for `null`."""
    try:
        data = json.loads(
            text, parse_int=_go_float, parse_float=_go_float, parse_constant=_reject_constant
        )
    except (ValueError, RecursionError) as err:
        raise MalformedJSON(str(err)) from None
    if data is not None and not isinstance(data, dict):
        raise MalformedJSON("expect { or n")
    return data


def _float(value: float) -> str:
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError("unsupported value")
    magnitude = abs(value)
    if magnitude != 0 and (magnitude < 1e-6 or magnitude >= 1e21):
        text = format_float_e(value)
        # json-iterator trims `e-07` to `e-7` as encoding/json does.
        if len(text) >= 4 and text[-4] == "e" and text[-3] == "-" and text[-2] == "0":
            text = text[:-2] + text[-1]
        return text
    return format_float_f(value)


def dumps(value: Any) -> str:
    """json.Marshal of a decoded JSON value."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int | float):
        return _float(float(value))
    if isinstance(value, str):
        return '"' + value.translate(_ESCAPES) + '"'
    if isinstance(value, list | tuple):
        return "[" + ",".join(dumps(v) for v in value) + "]"
    if isinstance(value, dict):
        items = sorted(value.items())
        return "{" + ",".join(dumps(str(k)) + ":" + dumps(v) for k, v in items) + "}"
    raise ValueError(f"cannot marshal {type(value).__name__}")
