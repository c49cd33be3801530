"""YAML the way gopkg.in/yaml.v2 (vendored by Loki 3.6) reads it: nodes, scalars, syntax errors.

PyYAML's C parser is libyaml, of which yaml.v2 is a Go port, so the node tree and the
syntax-error texts are the same. What differs is scalar resolution: PyYAML's resolver is
switched off here and `resolve` follows yaml.v2's resolve.go instead (`y`/`n`/`on`/`off`
are booleans, `0o17` and `017` are octal, `1_000` is an int, `2020-10-24` is a timestamp).
"""

from __future__ import annotations

import math
import re
from typing import Any

import yaml

STR, INT, FLOAT, BOOL, NULL = "!!str", "!!int", "!!float", "!!bool", "!!null"
TIMESTAMP, MERGE, SEQ, MAP = "!!timestamp", "!!merge", "!!seq", "!!map"
_LONG_PREFIX = "tag:yaml.org,2002:"
_PLAIN_STR_TAG = _LONG_PREFIX + "str"

_WORDS: dict[str, tuple[str, Any]] = {
    **dict.fromkeys(("y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE"), (BOOL, True)),
    **dict.fromkeys(("on", "On", "ON"), (BOOL, True)),
    **dict.fromkeys(("n", "N", "no", "No", "NO", "false", "False", "FALSE"), (BOOL, False)),
    **dict.fromkeys(("off", "Off", "OFF"), (BOOL, False)),
    **dict.fromkeys(("", "~", "null", "Null", "NULL"), (NULL, None)),
    **dict.fromkeys((".nan", ".NaN", ".NAN"), (FLOAT, math.nan)),
    **dict.fromkeys((".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"), (FLOAT, math.inf)),
    **dict.fromkeys(("-.inf", "-.Inf", "-.INF"), (FLOAT, -math.inf)),
    "<<": (MERGE, "<<"),
}
_YAML_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")
_GO_INT = re.compile(r"[-+]?(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)")
# yaml.v2 allowedTimestampFormats: "2006-1-2T15:4:5.999999999Z07:00", "... 15:4:5.9...", "2006-1-2"
_CLOCK = r"\d{1,2}:\d{1,2}:\d{1,2}(\.\d+)?"
_TIMESTAMP = re.compile(
    rf"\d{{4}}-\d{{1,2}}-\d{{1,2}}([Tt]{_CLOCK}(Z|[-+]\d{{2}}:\d{{2}})| {_CLOCK})?"
)
_GO_FLOAT = re.compile(r"[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?|[-+]?(?i:inf|infinity|nan)")
INT64_MIN, INT64_MAX, UINT64_MAX = -(1 << 63), (1 << 63) - 1, (1 << 64) - 1


class YamlSyntaxError(ValueError):
    """The text is not YAML; str() is yaml.v2's message (`yaml: line 3: ...`)."""


class _Loader(yaml.CSafeLoader):
    """libyaml's parser with no implicit resolution: every plain scalar stays text."""

    yaml_implicit_resolvers: dict[Any, Any] = {}  # noqa: RUF012 - PyYAML's class-level table


def parse_document(text: str) -> yaml.Node | None:
    """The first document's root node, as yaml.v2 Unmarshal decodes only the first one."""
    try:
        for node in yaml.compose_all(text or "\n", Loader=_Loader):
            return node
    except yaml.MarkedYAMLError as err:
        raise YamlSyntaxError(_syntax_message(err)) from None
    except yaml.YAMLError as err:
        raise YamlSyntaxError(f"yaml: {err}") from None
    return None


def _syntax_message(err: yaml.MarkedYAMLError) -> str:
    """yaml.v2 parser.fail(): scanner errors count lines from 1, parser errors from 0."""
    line = 0
    if err.problem_mark is not None and err.problem_mark.line != 0:
        line = err.problem_mark.line + (1 if isinstance(err, yaml.scanner.ScannerError) else 0)
    elif err.context_mark is not None:
        line = err.context_mark.line
    where = f"line {line}: " if line else ""
    return f"yaml: {where}{err.problem or 'unknown problem parsing YAML content'}"


def line_of(node: yaml.Node) -> int:
    """The 1-based line yaml.v2 reports for a node."""
    return int(node.start_mark.line) + 1


def explicit_tag(node: yaml.Node) -> str:
    """The node's explicit `!!tag` in short form, or "" when it has none."""
    tag = str(node.tag)
    if isinstance(node, yaml.ScalarNode) and tag == _PLAIN_STR_TAG and is_plain(node):
        return ""
    if isinstance(node, yaml.SequenceNode) and tag == _LONG_PREFIX + "seq":
        return ""
    if isinstance(node, yaml.MappingNode) and tag == _LONG_PREFIX + "map":
        return ""
    return "!!" + tag[len(_LONG_PREFIX) :] if tag.startswith(_LONG_PREFIX) else tag


def is_plain(node: yaml.ScalarNode) -> bool:
    return not node.style  # libyaml's loader says "", PyYAML's None


def is_null(node: yaml.Node) -> bool:
    """decoder.prepare's null test: such a node resets its target without UnmarshalYAML."""
    if explicit_tag(node) == NULL:
        return True
    return isinstance(node, yaml.ScalarNode) and (
        (node.value in ("null", "~") and not explicit_tag(node))
        or (node.value == "" and is_plain(node))
    )


def resolve(node: yaml.ScalarNode) -> tuple[str, Any]:
    """yaml.v2 resolve(): the tag and Go value of a scalar (quoted scalars are strings)."""
    tag = explicit_tag(node)
    if tag == "" and not is_plain(node):
        return STR, node.value
    if tag not in ("", STR, BOOL, INT, FLOAT, NULL, TIMESTAMP):
        return tag, node.value
    rtag, value = _resolve_text(node.value, tag)
    if tag in ("", rtag, STR):
        return (tag or rtag), value
    if tag == FLOAT and rtag == INT:
        return FLOAT, float(value)
    raise YamlDecodeFailure(f"cannot decode {rtag} `{node.value}` as a {tag}")


class YamlDecodeFailure(Exception):
    """yaml.v2 failf(): aborts the whole Unmarshal with this text."""


def _resolve_text(text: str, tag: str) -> tuple[str, Any]:
    if tag == STR or not text:
        return (STR, text) if tag == STR else (NULL, None)
    first = text[0]
    if first not in "+-0123456789yYnNtTfFoO~.":
        return STR, text
    if text in _WORDS:
        return _WORDS[text]
    if first == ".":
        number = _go_parse_float(text)
        return (FLOAT, number) if number is not None else (STR, text)
    if first not in "+-0123456789":
        return STR, text
    if tag in ("", TIMESTAMP) and _TIMESTAMP.fullmatch(text):
        return TIMESTAMP, text
    plain = text.replace("_", "")
    integer = _go_parse_int(plain)
    if integer is not None and INT64_MIN <= integer <= UINT64_MAX:
        return INT, integer
    if _YAML_FLOAT.fullmatch(plain):
        number = _go_parse_float(plain)
        if number is not None:
            return FLOAT, number
    return STR, text


def _go_parse_int(text: str) -> int | None:
    """strconv.ParseInt(s, 0, 64) then ParseUint: base prefixes, a leading 0 is octal."""
    if not _GO_INT.fullmatch(text):
        return None
    sign = -1 if text[0] == "-" else 1
    body = text.lstrip("+-").lower()
    if body.startswith(("0x", "0o", "0b")):
        value = int(body[2:], {"x": 16, "o": 8, "b": 2}[body[1]])
    elif len(body) > 1 and body[0] == "0":
        value = int(body, 8)
    else:
        value = int(body)
    if INT64_MIN <= sign * value <= INT64_MAX or (text[0] not in "+-" and value <= UINT64_MAX):
        return sign * value
    return None  # out of both ranges (ParseUint takes no sign)


def _go_parse_float(text: str) -> float | None:
    """strconv.ParseFloat for decimal text (Python's float() would also take `1_0`)."""
    if not _GO_FLOAT.fullmatch(text):
        return None
    return float(text)


def plain_value(node: yaml.Node) -> Any:
    """The file's value as written: maps, lists and yaml.v2-resolved scalars."""
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == "<<" and is_plain(key):
                merged = plain_value(value)  # a later key overrides what a merge brought
                for item in reversed(merged) if isinstance(merged, list) else [merged]:
                    out.update(item if isinstance(item, dict) else {})
                continue
            # Loki's keys are struct fields or map[string]: a key is its text (`y`, not true)
            out[key.value if isinstance(key, yaml.ScalarNode) else repr(plain_value(key))] = (
                plain_value(value)
            )
        return out
    if isinstance(node, yaml.SequenceNode):
        return [plain_value(item) for item in node.value]
    assert isinstance(node, yaml.ScalarNode)
    tag, value = resolve(node)
    return node.value if tag == TIMESTAMP else value
