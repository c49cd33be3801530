"""yaml.v2's strict Unmarshal of a node tree into Loki's Go types (vendor/gopkg.in/yaml.v2).

The result is plain Python: a struct is a dict of the keys the file sets, a YAML null is
None (Go resets the target to its zero value), durations are nanoseconds. Type errors and
unknown keys are collected in file order, as yaml.v2 does, and raised together as
`yaml: unmarshal errors:\\n  line N: ...`; a custom type's parse error aborts at once.
"""

from __future__ import annotations

import math
from typing import Any

import yaml

from sim.gotemplate.errors import GoError
from sim.gotemplate.goduration import parse_duration
from sim.loki.config import yamlv2
from sim.loki.config.customtypes import MAP_TYPES, STRING_PARSERS, CustomParseError
from sim.loki.config.gotypes import GoType, go_type, root_type
from sim.loki.config.model import PeriodConfig
from sim.loki.config.schema import version_error
from sim.loki.push.gofmt import go_quote

_INT_BITS = {"int": 64, "int8": 8, "int16": 16, "int32": 32, "int64": 64}
_UINT_BITS = {"uint": 64, "uint8": 8, "uint16": 16, "uint32": 32, "uint64": 64, "uintptr": 64}
_FLOATS = ("float32", "float64")
_BAD = object()  # a value yaml.v2 did not decode ("good" is false)


class UnmarshalErrors(ValueError):
    """yaml.TypeError: every type error and unknown key, one per line."""

    def __init__(self, errors: list[str]) -> None:
        self.errors = errors
        super().__init__("yaml: unmarshal errors:\n  " + "\n  ".join(errors))


class UnmarshalAbort(ValueError):
    """A failure that stops yaml.v2 at once (a custom type's error, a bad merge)."""


def decode_config(root: yaml.Node | None) -> dict[str, Any]:
    """Decode a document's root node into loki.ConfigWrapper, strictly."""
    if root is None:
        return {}
    decoder = _Decoder()
    value = decoder.decode(root, root_type())
    if decoder.errors:
        raise UnmarshalErrors(decoder.errors)
    return value if isinstance(value, dict) else {}


class _Decoder:
    def __init__(self) -> None:
        self.errors: list[str] = []

    def decode(self, node: yaml.Node, gtype: GoType, shown: str | None = None) -> Any:
        name = shown or gtype.name
        if gtype.kind == "named":
            return self.decode(node, go_type(gtype.underlying), name)
        if gtype.kind == "any":
            return yamlv2.plain_value(node)
        if yamlv2.is_null(node):
            return None
        if gtype.kind == "custom":
            return self._custom(node, gtype)
        if isinstance(node, yaml.MappingNode):
            if gtype.kind == "struct":
                before = len(self.errors)
                value = self._struct(node, gtype)
                if gtype.id == "config.PeriodConfig" and len(self.errors) == before:
                    _check_schema_version(value)
                return value
            if gtype.kind == "map":
                return self._map(node, gtype)
            return self._type_error(node, yamlv2.MAP, name)
        if isinstance(node, yaml.SequenceNode):
            if gtype.kind == "slice":
                items = [self.decode(item, go_type(gtype.elem)) for item in node.value]
                return [item for item in items if item is not _BAD]
            return self._type_error(node, yamlv2.SEQ, name)
        assert isinstance(node, yaml.ScalarNode)
        return self._scalar(node, gtype, name)

    def _type_error(self, node: yaml.Node, tag: str, name: str) -> object:
        """decoder.terror: the value is shown for scalars, cut to 7 bytes past 10."""
        tag = yamlv2.explicit_tag(node) or tag
        shown = ""
        if tag not in (yamlv2.SEQ, yamlv2.MAP):
            raw = str(node.value).encode("utf-8", "surrogateescape")
            cut = raw[:7].decode("utf-8", "replace") + "..." if len(raw) > 10 else node.value
            shown = f" `{cut}`"
        line = yamlv2.line_of(node)
        self.errors.append(f"line {line}: cannot unmarshal {tag}{shown} into {name}")
        return _BAD

    def _scalar(self, node: yaml.ScalarNode, gtype: GoType, name: str) -> Any:
        try:
            tag, value = yamlv2.resolve(node)
        except yamlv2.YamlDecodeFailure as err:
            raise UnmarshalAbort(str(err)) from None
        if value is None:
            return None
        kind = gtype.name if gtype.kind == "basic" else gtype.kind
        if kind == "string":
            return node.value
        if kind in _INT_BITS or kind in _UINT_BITS or kind == "duration":
            number = _as_integer(tag, value, kind, node.value)
            return self._type_error(node, tag, name) if number is None else number
        if kind == "bool" and tag == yamlv2.BOOL:
            return value
        if kind in _FLOATS and tag in (yamlv2.INT, yamlv2.FLOAT):
            return float(value)
        return self._type_error(node, tag, name)

    def _struct(self, node: yaml.MappingNode, gtype: GoType) -> dict[str, Any]:
        out: dict[str, Any] = {}
        done: set[str] = set()
        for key_node, value_node in node.value:
            if _is_merge(key_node):
                out.update(self._merge(value_node, gtype))
                continue
            key = self.decode(key_node, go_type("string"))
            if key is _BAD:
                continue
            key = "" if key is None else key
            line = yamlv2.line_of(key_node)
            if key in gtype.fields:
                if key in done:
                    self.errors.append(f"line {line}: field {key} already set in type {gtype.name}")
                    continue
                done.add(key)
                out[key] = self.decode(value_node, go_type(gtype.fields[key]))
            elif gtype.inline_map is not None:
                self._set_index(out, key, value_node, go_type(gtype.inline_map))
            else:
                self.errors.append(f"line {line}: field {key} not found in type {gtype.name}")
        return out

    def _map(self, node: yaml.MappingNode, gtype: GoType) -> dict[Any, Any]:
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if _is_merge(key_node):
                out.update(self._merge(value_node, gtype))
                continue
            key = self.decode(key_node, go_type(gtype.key))
            if key is _BAD:
                continue
            if isinstance(key, dict | list):
                raise UnmarshalAbort(f"invalid map key: {key!r}")
            self._set_index(out, key, value_node, go_type(gtype.elem))
        return out

    def _set_index(self, out: dict[Any, Any], key: Any, node: yaml.Node, elem: GoType) -> None:
        value = self.decode(node, elem)
        if value is _BAD:
            return
        if key in out:  # decoder.setMapIndex in strict mode
            shown = go_quote(key) if isinstance(key, str) else str(key)
            self.errors.append(f"line {yamlv2.line_of(node)}: key {shown} already set in map")
            return
        out[key] = value

    def _merge(self, node: yaml.Node, gtype: GoType) -> dict[Any, Any]:
        """decoder.merge: a map, or a sequence of maps where earlier ones win."""
        if isinstance(node, yaml.MappingNode):
            merged = self.decode(node, gtype)
            return merged if isinstance(merged, dict) else {}
        if not isinstance(node, yaml.SequenceNode):
            raise UnmarshalAbort("map merge requires map or sequence of maps as the value")
        out: dict[Any, Any] = {}
        for item in reversed(node.value):
            if not isinstance(item, yaml.MappingNode):
                raise UnmarshalAbort("map merge requires map or sequence of maps as the value")
            out.update(self._merge(item, gtype))
        return out

    def _custom(self, node: yaml.Node, gtype: GoType) -> Any:
        if gtype.id in MAP_TYPES:
            return self.decode(node, go_type(MAP_TYPES[gtype.id]))
        parser = STRING_PARSERS.get(gtype.id)
        if parser is None:
            return yamlv2.plain_value(node)
        text = self.decode(node, go_type("string"))
        if text is _BAD:
            return _BAD
        try:
            return parser("" if text is None else text)
        except CustomParseError as err:
            raise UnmarshalAbort(str(err)) from None


def _check_schema_version(period: dict[str, Any]) -> None:
    """PeriodConfig.UnmarshalYAML ends with VersionAsInt: a bad schema aborts the load."""
    schema = period.get("schema") or ""
    if PeriodConfig(schema=schema).schema_version is None:
        raise UnmarshalAbort(version_error(schema))


def _is_merge(node: yaml.Node) -> bool:
    return (
        isinstance(node, yaml.ScalarNode)
        and node.value == "<<"
        and (yamlv2.is_plain(node) or yamlv2.explicit_tag(node) == yamlv2.MERGE)
    )


def _as_integer(tag: str, value: Any, kind: str, text: str) -> int | None:
    """yaml.v2 scalar() for int, uint and time.Duration targets (floats truncate)."""
    if tag == yamlv2.INT or (tag == yamlv2.FLOAT and math.isfinite(value)):
        number = int(value)
    elif kind == "duration" and tag == yamlv2.STR:
        try:
            return parse_duration(text)
        except GoError:
            return None
    else:
        return None
    if kind in _UINT_BITS:
        return number if 0 <= number < 1 << _UINT_BITS[kind] else None
    bits = _INT_BITS.get(kind, 64)
    return number if -(1 << (bits - 1)) <= number < 1 << (bits - 1) else None
