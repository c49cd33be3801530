"""Stage configs decoded the way Promtail decodes them: mitchellh/mapstructure v1.5.

Promtail hands each stage's YAML value to `mapstructure.Decode` (strict types) or
`WeakDecode` (cri, multiline, drop, limit, sampling: numbers and strings convert). So:
keys match case-insensitively, unknown keys are ignored (lokisim records them as
warnings), a null value leaves a field unset, and type errors read exactly as Promtail's.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from .goconv import format_float_f, go_kind, go_type, go_v
from .goparse import GoParseError, parse_bool, parse_float, parse_int, parse_uint

# Target kinds, named by their Go type as mapstructure prints it.
STRING = "string"
BOOL = "bool"
INT = "int"
UINT64 = "uint64"
FLOAT64 = "float64"
BYTE_SIZE = "flagext.ByteSize"
ANY = "interface {}"
LIST_ANY = "[]interface {}"
LIST_STRING = "[]string"
MAP_STRING = "map[string]string"
MAP_PSTRING = "map[string]*string"

# reflect.Value.String() of a yaml.v2 map key, which mapstructure puts in field names.
_MAP_KEY_NAME = "<interface {} Value>"


class DecodeError(ValueError):
    """mapstructure's error; `key` is the config key that failed (for the field path)."""

    def __init__(self, message: str, key: str = "") -> None:
        super().__init__(message)
        self.key = key


@dataclass(slots=True)
class Decoded:
    """The fields present in the config (absent or null ones are missing) and ignored keys."""

    values: dict[str, Any]
    unknown_keys: list[str] = field(default_factory=list)


class _FieldError(Exception):
    def __init__(self, messages: list[str]) -> None:
        super().__init__(messages)
        self.messages = messages


def _plain(value: Any) -> Any:
    # yaml.v2 leaves YAML timestamps as strings in an interface{}; PyYAML makes dates.
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def _unconvertible(name: str, target: str, data: Any) -> _FieldError:
    return _FieldError(
        [
            f"'{name}' expected type '{target}', got unconvertible type "
            f"'{go_type(data)}', value: '{go_v(data)}'"
        ]
    )


def _decode_string(name: str, data: Any, weak: bool) -> str:
    if isinstance(data, str):
        return data
    if weak:
        if isinstance(data, bool):
            return "1" if data else "0"
        if isinstance(data, int):
            return str(data)
        if isinstance(data, float):
            return format_float_f(data)
    raise _unconvertible(name, STRING, data)


def _decode_number(name: str, data: Any, target: str, weak: bool) -> int | float:
    if isinstance(data, bool):
        if weak:
            return int(data) if target != FLOAT64 else float(data)
        raise _unconvertible(name, target, data)
    if isinstance(data, int | float):
        if target == FLOAT64:
            return float(data)
        if target in (UINT64, BYTE_SIZE) and data < 0 and not weak:
            shown = data if isinstance(data, int) else f"{data:f}"
            raise _FieldError([f"cannot parse '{name}', {shown} overflows uint"])
        return int(data)
    if isinstance(data, str) and weak:
        text = data or "0"
        try:
            if target == FLOAT64:
                return parse_float(text)
            if target == INT:
                return parse_int(text)
            return parse_uint(text)
        except GoParseError as err:
            kind = {FLOAT64: "float", INT: "int"}.get(target, "uint")
            raise _FieldError([f"cannot parse '{name}' as {kind}: {err}"]) from None
    raise _unconvertible(name, target, data)


def _decode_bool(name: str, data: Any, weak: bool) -> bool:
    if isinstance(data, bool):
        return data
    if weak:
        if isinstance(data, int | float):
            return data != 0
        if isinstance(data, str):
            if data == "":
                return False
            try:
                return parse_bool(data)
            except GoParseError as err:
                raise _FieldError([f"cannot parse '{name}' as bool: {err}"]) from None
    raise _unconvertible(name, BOOL, data)


def _decode_list(name: str, data: Any, elem: str, weak: bool) -> list[Any]:
    if not isinstance(data, list | tuple):
        if weak:
            return (
                []
                if isinstance(data, dict) and not data
                else _decode_list(name, [data], elem, weak)
            )
        raise _FieldError([f"'{name}': source data must be an array or slice, got {go_kind(data)}"])
    errors: list[str] = []
    out: list[Any] = []
    for i, item in enumerate(data):
        try:
            out.append(decode_value(f"{name}[{i}]", item, elem, weak))
        except _FieldError as err:
            errors.extend(err.messages)
            out.append(None)
    if errors:
        raise _FieldError(errors)
    return out


def _decode_map(name: str, data: Any, elem: str, weak: bool) -> dict[str, Any]:
    if not isinstance(data, dict):
        if weak and isinstance(data, list | tuple):
            merged: dict[str, Any] = {}
            for i, item in enumerate(data):
                merged.update(_decode_map(f"{name}[{i}]", item, elem, weak))
            return merged
        raise _FieldError([f"'{name}' expected a map, got '{go_kind(data)}'"])
    errors: list[str] = []
    out: dict[str, Any] = {}
    entry_name = f"{name}[{_MAP_KEY_NAME}]"
    for raw_key, raw_value in data.items():
        try:
            key = _decode_string(entry_name, _plain(raw_key), weak)
            out[key] = decode_value(entry_name, raw_value, elem, weak)
        except _FieldError as err:
            errors.extend(err.messages)
    if errors:
        raise _FieldError(errors)
    return out


def decode_value(name: str, data: Any, target: str, weak: bool) -> Any:
    """One value into one Go type; None stays None (mapstructure leaves the field unset)."""
    data = _plain(data)
    if data is None:
        return None
    if target == STRING:
        return _decode_string(name, data, weak)
    if target in (INT, UINT64, FLOAT64, BYTE_SIZE):
        return _decode_number(name, data, target, weak)
    if target == BOOL:
        return _decode_bool(name, data, weak)
    if target == ANY:
        return data
    if target == LIST_ANY:
        return _decode_list(name, data, ANY, weak)
    if target == LIST_STRING:
        return _decode_list(name, data, STRING, weak)
    if target == MAP_STRING:
        return _decode_map(name, data, STRING, weak)
    if target == MAP_PSTRING:
        return _decode_map(name, data, STRING, weak)
    raise AssertionError(f"unknown decode target {target}")


def _error_text(messages: list[str]) -> str:
    points = sorted(f"* {m}" for m in messages)
    return f"{len(messages)} error(s) decoding:\n\n" + "\n".join(points)


def decode_struct(config: Any, fields: dict[str, str], *, weak: bool = False) -> Decoded:
    """mapstructure.Decode/WeakDecode of `config` into a struct with these tagged fields."""
    config = _plain(config)
    if config is None:
        return Decoded({})
    if not isinstance(config, dict):
        raise DecodeError(f"'' expected a map, got '{go_kind(config)}'")
    values: dict[str, Any] = {}
    errors: list[str] = []
    first_failed = ""
    used: set[Any] = set()
    for tag, target in fields.items():
        key: Any = tag
        if tag not in config:
            key = next((k for k in config if isinstance(k, str) and k.lower() == tag.lower()), None)
            if key is None:
                continue
        used.add(key)
        try:
            value = decode_value(tag, config[key], target, weak)
        except _FieldError as err:
            errors.extend(err.messages)
            first_failed = first_failed or str(key)
            continue
        if value is not None:
            values[tag] = value
    if errors:
        raise DecodeError(_error_text(errors), first_failed)
    unknown = [str(k) for k in config if k not in used]
    return Decoded(values, unknown)


def decode_top(config: Any, target: str, *, weak: bool = False) -> Any:
    """mapstructure.Decode of `config` into a non-struct type (a map or a slice)."""
    try:
        return decode_value("", config, target, weak)
    except _FieldError as err:
        if len(err.messages) == 1 and not err.messages[0].startswith("'["):
            raise DecodeError(err.messages[0]) from None
        raise DecodeError(_error_text(err.messages)) from None
