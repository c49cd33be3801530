"""yaml.UnmarshalStrict into Go types, with yaml.v2's error texts (gopkg.in/yaml.v2 decode.go).

A decoder takes a node and where it is (file and field path) and returns the Go value as
Python, or raises AgentConfigError: `line 7: field foo not found in type scrapeconfig.plain`,
`line 3: cannot unmarshal !!str `abc` into int`. An error a Go UnmarshalYAML method returns
(a relabel or TLS validation) carries no line, as in Promtail.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import yaml

from sim.agent.stages.goparse import GoParseError, parse_byte_size, parse_duration
from sim.errors import AgentConfigError, UnsupportedFeature
from sim.golang.strconv_quote import quote

from . import messages
from .yamlnode import (
    BOOL_TAG,
    FLOAT_TAG,
    INT_TAG,
    NULL_TAG,
    STR_TAG,
    is_null,
    line_of,
    mapping_items,
    node_tag,
    scalar_tag_value,
    to_value,
)


@dataclass(frozen=True, slots=True)
class Where:
    """The file and the field path a node sits at: `scrape_configs[0].relabel_configs[2]`."""

    path: str
    field: str = ""

    def key(self, name: str) -> Where:
        return Where(self.path, f"{self.field}.{name}" if self.field else name)

    def index(self, i: int) -> Where:
        return Where(self.path, f"{self.field}[{i}]")

    def fail(self, message: str) -> AgentConfigError:
        return AgentConfigError(self.path, self.field, message)


Decoder = Callable[[yaml.Node, Where], Any]


def type_error(node: yaml.Node, where: Where, go_type: str) -> AgentConfigError:
    """yaml.v2's terror: `line N: cannot unmarshal !!str `value` into <type>`."""
    tag = node_tag(node)
    value = ""
    if isinstance(node, yaml.ScalarNode):
        text = node.value
        value = f" `{text[:7]}...`" if len(text.encode()) > 10 else f" `{text}`"
    message = messages.YAML_CANNOT_UNMARSHAL.format(
        line=line_of(node), tag=tag, value=value, type=go_type
    )
    return where.fail(message)


def _scalar(node: yaml.Node, where: Where, go_type: str) -> tuple[str, Any]:
    if not isinstance(node, yaml.ScalarNode):
        raise type_error(node, where, go_type)
    return scalar_tag_value(node)


def string(node: yaml.Node, where: Where) -> str:
    """A Go string field: the scalar's text as written (yaml.v2 keeps `on` as "on")."""
    tag, _ = _scalar(node, where, "string")
    return "" if tag == NULL_TAG else str(node.value)


def integer(go_type: str = "int", *, unsigned: bool = False) -> Decoder:
    def decode(node: yaml.Node, where: Where) -> int:
        tag, value = _scalar(node, where, go_type)
        if tag == NULL_TAG:
            return 0
        if tag in (INT_TAG, FLOAT_TAG) and not isinstance(value, bool):
            number = int(value) if value == value and abs(value) != float("inf") else None
            bits = 64
            low, high = (0, (1 << bits) - 1) if unsigned else (-(1 << 63), (1 << 63) - 1)
            if number is not None and low <= number <= high:
                return number
        raise type_error(node, where, go_type)

    return decode


def floating(node: yaml.Node, where: Where) -> float:
    tag, value = _scalar(node, where, "float64")
    if tag == NULL_TAG:
        return 0.0
    if tag in (INT_TAG, FLOAT_TAG):
        return float(value)
    raise type_error(node, where, "float64")


def boolean(node: yaml.Node, where: Where) -> bool:
    tag, value = _scalar(node, where, "bool")
    if tag == NULL_TAG:
        return False
    if tag == BOOL_TAG:
        return bool(value)
    raise type_error(node, where, "bool")


def duration(node: yaml.Node, where: Where) -> int:
    """time.Duration in nanoseconds: `10s` via time.ParseDuration, a bare number as ns."""
    tag, value = _scalar(node, where, "time.Duration")
    if tag == NULL_TAG:
        return 0
    if tag in (INT_TAG, FLOAT_TAG):
        return int(value)
    if tag == STR_TAG:
        try:
            return parse_duration(value)
        except GoParseError:
            pass
    raise type_error(node, where, "time.Duration")


def byte_size(node: yaml.Node, where: Where) -> int:
    """flagext.ByteSize: its UnmarshalYAML reads a string and parses `256kb`, `1MB`, `0`."""
    text = string(node, where)
    try:
        return parse_byte_size(text)
    except GoParseError as err:
        raise where.fail(str(err)) from None


def string_list(node: yaml.Node, where: Where) -> list[str]:
    if is_null(node):
        return []
    if not isinstance(node, yaml.SequenceNode):
        raise type_error(node, where, "[]string")
    return [string(item, where.index(i)) for i, item in enumerate(node.value)]


def _map_pairs(node: yaml.Node, where: Where, go_type: str) -> list[tuple[str, yaml.Node]]:
    if is_null(node):
        return []
    if not isinstance(node, yaml.MappingNode):
        raise type_error(node, where, go_type)
    seen: set[str] = set()
    pairs: list[tuple[str, yaml.Node]] = []
    for key_node, value_node in mapping_items(node):
        key = string(key_node, where)
        if key in seen:
            raise where.key(key).fail(
                messages.YAML_KEY_ALREADY_SET.format(line=line_of(key_node), key=quote(key))
            )
        seen.add(key)
        pairs.append((key, value_node))
    return pairs


def string_map(node: yaml.Node, where: Where) -> dict[str, str]:
    """map[string]string (headers)."""
    pairs = _map_pairs(node, where, "map[string]string")
    return {key: string(value, where.key(key)) for key, value in pairs}


def label_set(node: yaml.Node, where: Where) -> dict[str, str]:
    """model.LabelSet: a name must be valid (non-empty UTF-8), values are any text."""
    out: dict[str, str] = {}
    for key, value in _map_pairs(node, where, "model.LabelSet"):
        if not key:
            raise where.fail(messages.INVALID_LABEL_NAME.format(name=quote(key)))
        out[key] = string(value, where.key(key))
    return out


def raw(node: yaml.Node, where: Where) -> Any:
    """An interface{} (pipeline stages): plain Python values, yaml.v2-resolved."""
    return to_value(node)


def sequence(element: Decoder, go_type: str) -> Decoder:
    def decode(node: yaml.Node, where: Where) -> list[Any]:
        if is_null(node):
            return []
        if not isinstance(node, yaml.SequenceNode):
            raise type_error(node, where, go_type)
        return [element(item, where.index(i)) for i, item in enumerate(node.value)]

    return decode


class Fields(dict[str, Any]):
    """A decoded struct: the keys the YAML set. `zeroed`: the YAML gave null, so Go zeroes it."""

    zeroed: bool = False


@dataclass(frozen=True, slots=True)
class Struct:
    """A Go struct decoded strictly: `go_type` is what yaml.v2 names in its errors."""

    go_type: str
    fields: dict[str, Decoder]

    def __call__(self, node: yaml.Node, where: Where) -> Fields:
        out = Fields()
        if is_null(node):
            out.zeroed = True
            return out
        if not isinstance(node, yaml.MappingNode):
            raise type_error(node, where, self.go_type)
        for key_node, value_node in mapping_items(node):
            name = string(key_node, where) if isinstance(key_node, yaml.ScalarNode) else ""
            line = line_of(key_node)
            decoder = self.fields.get(name)
            if decoder is None:
                raise where.key(name).fail(
                    messages.YAML_FIELD_NOT_FOUND.format(line=line, name=name, type=self.go_type)
                )
            if name in out:
                raise where.key(name).fail(
                    f"line {line}: field {name} already set in type {self.go_type}"
                )
            out[name] = decoder(value_node, where.key(name))
        return out


def node_present(node: yaml.Node, where: Where) -> yaml.Node | None:
    """Keeps the node itself (for sections only checked for being set); None when null."""
    if is_null(node) or (isinstance(node, yaml.SequenceNode | yaml.MappingNode) and not node.value):
        return None
    return node


def unsupported(feature: str) -> Decoder:
    """A key lokisim refuses when it is set (null, empty and false are fine)."""

    def refuse(node: yaml.Node, where: Where) -> None:
        present = node_present(node, where)
        if present is None:
            return None
        if isinstance(present, yaml.ScalarNode):
            tag, value = scalar_tag_value(present)
            if tag == "!!bool" and value is False:
                return None
            if tag == "!!int" and value == 0:
                return None
        raise UnsupportedFeature("collector", f"{where.field} ({feature})")

    return refuse
