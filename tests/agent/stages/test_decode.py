"""mapstructure v1.5 decoding (vendor/github.com/mitchellh/mapstructure/mapstructure.go)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from sim.agent.stages.decode import (
    ANY,
    BOOL,
    FLOAT64,
    INT,
    LIST_STRING,
    MAP_STRING,
    STRING,
    UINT64,
    DecodeError,
    decode_struct,
    decode_top,
)


@pytest.mark.parametrize(
    ("config", "fields", "weak", "values"),
    [
        ({"expression": "x"}, {"expression": STRING}, False, {"expression": "x"}),
        # A null leaves the field unset; an unknown key is ignored.
        ({"expression": None, "other": 1}, {"expression": STRING}, False, {}),
        # Keys match case-insensitively when there is no exact match.
        ({"EXPRESSION": "x"}, {"expression": STRING}, False, {"expression": "x"}),
        # Strict decoding converts between numeric kinds.
        ({"n": 2.9}, {"n": INT}, False, {"n": 2}),
        ({"f": 3}, {"f": FLOAT64}, False, {"f": 3.0}),
        # Weak decoding converts strings, numbers and booleans.
        (
            {"s": 5, "b": "t", "u": "0x10", "i": ""},
            {"s": STRING, "b": BOOL, "u": UINT64, "i": INT},
            True,
            {"s": "5", "b": True, "u": 16, "i": 0},
        ),
        ({"s": True, "f": 1.5}, {"s": STRING, "f": STRING}, True, {"s": "1", "f": "1.5"}),
        ({"a": [1, "x"]}, {"a": ANY}, False, {"a": [1, "x"]}),
        # yaml.v2 leaves a YAML date as text in an interface{}.
        ({"d": datetime.date(2024, 1, 2)}, {"d": STRING}, False, {"d": "2024-01-02"}),
    ],
)
def test_decode_struct(
    config: Any, fields: dict[str, str], weak: bool, values: dict[str, Any]
) -> None:
    assert decode_struct(config, fields, weak=weak).values == values


def test_unknown_keys_are_reported() -> None:
    assert decode_struct({"a": 1, "b": 2}, {"a": INT}).unknown_keys == ["b"]


@pytest.mark.parametrize(
    ("config", "fields", "weak", "message"),
    [
        ("x", {"a": STRING}, False, "'' expected a map, got 'string'"),
        ([1], {"a": STRING}, False, "'' expected a map, got 'slice'"),
        (
            {"a": 5},
            {"a": STRING},
            False,
            "1 error(s) decoding:\n\n* 'a' expected type 'string', got unconvertible type 'int', value: '5'",
        ),
        (
            {"a": [1], "b": {"k": 2}},
            {"a": STRING, "b": MAP_STRING},
            False,
            "2 error(s) decoding:\n\n"
            "* 'a' expected type 'string', got unconvertible type '[]interface {}', value: '[1]'\n"
            "* 'b[<interface {} Value>]' expected type 'string', got unconvertible type 'int', value: '2'",
        ),
        (
            {"b": "yes"},
            {"b": BOOL},
            True,
            "1 error(s) decoding:\n\n* cannot parse 'b' as bool: strconv.ParseBool: parsing \"yes\": invalid syntax",
        ),
        (
            {"u": -1},
            {"u": UINT64},
            False,
            "1 error(s) decoding:\n\n* cannot parse 'u', -1 overflows uint",
        ),
        (
            {"l": "a"},
            {"l": LIST_STRING},
            False,
            "1 error(s) decoding:\n\n* 'l': source data must be an array or slice, got string",
        ),
    ],
)
def test_decode_errors(config: Any, fields: dict[str, str], weak: bool, message: str) -> None:
    with pytest.raises(DecodeError) as caught:
        decode_struct(config, fields, weak=weak)
    assert str(caught.value) == message


def test_decode_top_level_list() -> None:
    assert decode_top(["a", "b"], LIST_STRING) == ["a", "b"]
    assert decode_top(None, LIST_STRING) is None
