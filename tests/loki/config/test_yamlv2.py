"""yaml.v2's scalar resolution and syntax errors (vendor/gopkg.in/yaml.v2 at Loki v3.6.0)."""

from __future__ import annotations

import math

import pytest

from sim.loki.config import yamlv2


def scalar(text: str):
    node = yamlv2.parse_document(f"k: {text}\n")
    return node.value[0][1]


@pytest.mark.parametrize(
    ("text", "tag", "value"),
    [
        # resolve.go resolveMapList: YAML 1.1 booleans, including y/n and on/off
        ("y", "!!bool", True),
        ("Yes", "!!bool", True),
        ("ON", "!!bool", True),
        ("n", "!!bool", False),
        ("off", "!!bool", False),
        ("~", "!!null", None),
        ("Null", "!!null", None),
        ("", "!!null", None),
        # resolve.go: strconv.ParseInt(plain, 0, 64) after dropping underscores
        ("0150", "!!int", 104),
        ("0x1F", "!!int", 31),
        ("0o17", "!!int", 15),
        ("0b101", "!!int", 5),
        ("1_000", "!!int", 1000),
        ("-42", "!!int", -42),
        ("18446744073709551615", "!!int", (1 << 64) - 1),  # ParseUint after ParseInt fails
        ("1e3", "!!float", 1000.0),
        ("08", "!!float", 8.0),  # not octal, but yamlStyleFloat
        (".5", "!!float", 0.5),
        # resolve.go parseTimestamp: only YYYY- prefixed forms
        ("2020-10-24", "!!timestamp", "2020-10-24"),
        ("2020/10/24", "!!str", "2020/10/24"),
        ("256kb", "!!str", "256kb"),
        ("true_ish", "!!str", "true_ish"),
        # a quoted scalar is never resolved (decode.go scalar(): !implicit -> !!str)
        ('"true"', "!!str", "true"),
        ("'15'", "!!str", "15"),
    ],
)
def test_resolve_like_yaml_v2(text: str, tag: str, value: object) -> None:
    assert yamlv2.resolve(scalar(text)) == (tag, value)


def test_nan_resolves_as_float() -> None:
    tag, value = yamlv2.resolve(scalar(".nan"))  # resolve.go resolveMapList
    assert tag == "!!float" and math.isnan(value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        # libyaml scanner error on line 1: yaml.v2 parser.fail() prints no line for line 0
        ("a: b: c\n", "yaml: mapping values are not allowed in this context"),
        # scanner errors count from 1 (fail(): "Scanner errors don't iterate line")
        ("a: 1\nb: c: d\n", "yaml: line 2: mapping values are not allowed in this context"),
        ("a: 1\nb: @x\n", "yaml: line 2: found character that cannot start any token"),
        # parser errors print libyaml's 0-based problem line as is
        ("a:\n  b: 1\n c: 2\n", "yaml: line 2: did not find expected key"),
    ],
)
def test_syntax_errors_in_yaml_v2_words(text: str, message: str) -> None:
    with pytest.raises(yamlv2.YamlSyntaxError) as err:
        yamlv2.parse_document(text)
    assert str(err.value) == message


def test_only_the_first_document_is_read() -> None:
    # yaml.v2 Unmarshal decodes the first document of a stream
    node = yamlv2.parse_document("a: 1\n---\nb: 2\n")
    assert yamlv2.plain_value(node) == {"a": 1}


def test_plain_value_applies_merge_keys() -> None:
    node = yamlv2.parse_document("base: &b {x: 1, y: 2}\nk:\n  <<: *b\n  y: 3\n")
    assert yamlv2.plain_value(node)["k"] == {"x": 1, "y": 3}
