"""YAML as gopkg.in/yaml.v2 reads it: PyYAML's parser, yaml.v2's scalar resolution.

PyYAML composes the node tree (with line numbers); which type a plain scalar has is decided
here with yaml.v2's resolve.go rules, not YAML 1.1's: `y`/`n`/`on`/`off` are booleans,
`1:30` is a string (no base-60), and a date-like scalar stays text when decoded into an
`interface{}` (as in pipeline stages). Quoted scalars are always strings.
"""

from __future__ import annotations

import math
import re
from typing import Any

import yaml

from sim.errors import AgentConfigError

PLAIN_TAG = "!lokisim/plain"
STR_TAG = "!!str"
INT_TAG = "!!int"
FLOAT_TAG = "!!float"
BOOL_TAG = "!!bool"
NULL_TAG = "!!null"
TIMESTAMP_TAG = "!!timestamp"
MAP_TAG = "!!map"
SEQ_TAG = "!!seq"
MERGE = object()  # the `<<` merge key

_RESOLVE_MAP: dict[str, tuple[str, Any]] = {}
for _words, _item in (
    ("y Y yes Yes YES true True TRUE on On ON", (BOOL_TAG, True)),
    ("n N no No NO false False FALSE off Off OFF", (BOOL_TAG, False)),
    (" ~ null Null NULL", (NULL_TAG, None)),
    (".nan .NaN .NAN", (FLOAT_TAG, math.nan)),
    (".inf .Inf .INF +.inf +.Inf +.INF", (FLOAT_TAG, math.inf)),
    ("-.inf -.Inf -.INF", (FLOAT_TAG, -math.inf)),
):
    for _word in _words.split(" "):
        _RESOLVE_MAP[_word] = _item
_RESOLVE_MAP["<<"] = ("!!merge", MERGE)

_YAML_STYLE_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_GO_INT = re.compile(r"^[+-]?(0[xX][0-9a-fA-F]+|0[oO]?[0-7]+|0[bB][01]+|[1-9][0-9]*|0)$")
_GO_FLOAT = re.compile(
    r"^[+-]?((\d+\.?\d*|\.\d+)([eE][+-]?\d+)?|0[xX]([0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)"
    r"[pP][+-]?\d+|inf|infinity|nan)$",
    re.IGNORECASE,
)
_TIMESTAMP = re.compile(
    r"^\d{4}-\d{1,2}-\d{1,2}([Tt ]\d{1,2}:\d{1,2}:\d{1,2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})?)?$"
)
_INT64 = 1 << 63


class _Loader(yaml.SafeLoader):
    """Composes nodes only; every plain scalar gets PLAIN_TAG, resolved later."""

    yaml_implicit_resolvers: dict[Any, Any] = {}  # noqa: RUF012 - PyYAML reads it per class


_Loader.add_implicit_resolver(PLAIN_TAG, re.compile(r"(?s).*"), None)


def compose(text: str, path: str) -> yaml.Node | None:
    """The document's root node (None for an empty document); syntax errors name the line."""
    try:
        return yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark is not None else 0
        raise AgentConfigError(path, "", f"yaml: line {line}: {err.problem}") from None
    except yaml.YAMLError as err:
        raise AgentConfigError(path, "", f"yaml: {err}") from None


def line_of(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


def _parse_go_int(text: str) -> int | None:
    if not _GO_INT.match(text):
        return None
    sign = -1 if text[0] == "-" else 1
    body = text.lstrip("+-")
    lower = body.lower()
    if lower.startswith("0x"):
        return sign * int(body[2:], 16)
    if lower.startswith("0b"):
        return sign * int(body[2:], 2)
    if lower.startswith("0o"):
        return sign * int(body[2:], 8)
    if len(body) > 1 and body[0] == "0":
        return sign * int(body[1:], 8)
    return sign * int(body)


def resolve_plain(text: str) -> tuple[str, Any]:
    """yaml.v2 resolve() for an untagged plain scalar: (short tag, value)."""
    known = _RESOLVE_MAP.get(text)
    if known is not None:
        return known
    first = text[:1]
    if first == ".":
        if _GO_FLOAT.match(text):
            return FLOAT_TAG, float(text)
    elif "0" <= first <= "9" or first in ("+", "-"):
        if _TIMESTAMP.match(text):
            return TIMESTAMP_TAG, text
        plain = text.replace("_", "")
        number = _parse_go_int(plain)
        if number is not None and -_INT64 <= number < (1 << 64):
            return INT_TAG, number
        if _YAML_STYLE_FLOAT.match(plain):
            return FLOAT_TAG, float(plain)
    return STR_TAG, text


def scalar_tag_value(node: yaml.ScalarNode) -> tuple[str, Any]:
    """(short tag, resolved value) of a scalar, as yaml.v2 sees it."""
    if node.tag == PLAIN_TAG:
        return resolve_plain(node.value)
    tag = node.tag.replace("tag:yaml.org,2002:", "!!")
    if tag == STR_TAG:
        return STR_TAG, node.value
    short, value = resolve_plain(node.value)
    return (short, value) if short == tag else (tag, node.value)


def is_null(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and scalar_tag_value(node)[0] == NULL_TAG


def node_tag(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return MAP_TAG
    if isinstance(node, yaml.SequenceNode):
        return SEQ_TAG
    return scalar_tag_value(node)[0]  # type: ignore[arg-type]


def mapping_items(node: yaml.MappingNode) -> list[tuple[yaml.Node, yaml.Node]]:
    """Key/value pairs with `<<` merge keys expanded (explicit keys win, as in yaml.v2)."""
    items: list[tuple[yaml.Node, yaml.Node]] = []
    merged: list[tuple[yaml.Node, yaml.Node]] = []
    for key, value in node.value:
        if isinstance(key, yaml.ScalarNode) and scalar_tag_value(key)[1] is MERGE:
            sources = value.value if isinstance(value, yaml.SequenceNode) else [value]
            for source in sources:
                if isinstance(source, yaml.MappingNode):
                    merged.extend(mapping_items(source))
            continue
        items.append((key, value))
    explicit = {k.value for k, _ in items if isinstance(k, yaml.ScalarNode)}
    return [
        *items,
        *(
            (k, v)
            for k, v in merged
            if not (isinstance(k, yaml.ScalarNode) and k.value in explicit)
        ),
    ]


def to_value(node: yaml.Node) -> Any:
    """The node decoded into an `interface{}`: dict, list, str, int, float, bool or None."""
    if isinstance(node, yaml.MappingNode):
        return {_key(k): to_value(v) for k, v in mapping_items(node)}
    if isinstance(node, yaml.SequenceNode):
        return [to_value(item) for item in node.value]
    tag, value = scalar_tag_value(node)  # type: ignore[arg-type]
    return node.value if tag == TIMESTAMP_TAG else value


def _key(node: yaml.Node) -> Any:
    value = to_value(node)
    if isinstance(value, dict | list):
        return repr(value)  # yaml.v2 would fail on an unhashable key; keep it visible instead
    return value
