"""The json stage: tables ported from upstream clients/pkg/logentry/stages/json_test.go."""

from __future__ import annotations

from typing import Any

import pytest

from sim.agent.stages import BuildContext
from sim.errors import AgentConfigError

from .conftest import entry, pipeline, run, stage

JSON_LINE = """
{
	"time":"2012-11-01T22:08:41+00:00",
	"app":"loki",
	"component": ["parser","type"],
	"level" : "WARN",
	"nested" : {"child":"value"},
    "duration" : 125,
	"message" : "this is a log line",
	"extra": "{\\"user\\":\\"marco\\"}"
}
"""

FIXTURE = """
{
	"time":"2012-11-01T22:08:41+00:00",
	"app":"loki",
	"component": ["parser","type"],
	"level" : "WARN",
	"numeric": {
		"float": 12.34,
		"integer": 123,
		"string": "123"
	},
	"nested" : {"child":"value"},
	"message" : "this is a log line",
	"complex" : {
		"log" : {"array":[{"test1":"test2"},{"test3":"test4"}],"prop":"value","prop2":"val2"}
	}
}
"""

EXPRESSIONS = {
    "time": "",
    "app": "",
    "component": "",
    "level": "",
    "float": "numeric.float",
    "integer": "numeric.integer",
    "string": "numeric.string",
    "nested": "",
    "message": "",
    "complex": "complex.log.array[1].test3",
}
DECODED = {
    "time": "2012-11-01T22:08:41+00:00",
    "app": "loki",
    "component": '["parser","type"]',
    "level": "WARN",
    "float": 12.34,
    "integer": 123.0,
    "string": "123",
    "nested": '{"child":"value"}',
    "message": "this is a log line",
    "complex": "test4",
}


# json_test.go TestPipeline_JSON
@pytest.mark.parametrize(
    ("config", "expected"),
    [
        (
            """
pipeline_stages:
- json:
    expressions:
      out:  message
      app:
      nested:
      duration:
      unknown:
""",
            {
                "out": "this is a log line",
                "app": "loki",
                "nested": '{"child":"value"}',
                "duration": 125.0,
                "unknown": None,
            },
        ),
        (
            """
pipeline_stages:
- json:
    expressions:
      extra:
- json:
    expressions:
      user:
    source: extra
""",
            {"extra": '{"user":"marco"}', "user": "marco"},
        ),
    ],
)
def test_pipeline_json(config: str, expected: dict[str, Any]) -> None:
    out = run(pipeline(config), entry(JSON_LINE))
    assert out[0].extracted == expected


# json_test.go TestJSONConfig_validate
@pytest.mark.parametrize(
    ("config", "message"),
    [
        (None, "JMES expression is required"),
        ({}, "JMES expression is required"),
        (
            {"expressions": {"extr1": "3##@$#33"}},
            "could not compile JMES expression: SyntaxError: Unknown char: '#'",
        ),
        ({"expressions": {"extr1": "expr"}, "source": ""}, "empty source"),
    ],
)
def test_json_config_errors(config: Any, message: str) -> None:
    with pytest.raises(AgentConfigError) as caught:
        pipeline([{"json": config}])
    assert caught.value.detail == f"invalid json stage config: {message}"


@pytest.mark.parametrize("source", [None, "log"])
def test_json_config_valid(source: str | None) -> None:
    # json_test.go TestJSONConfig_validate "valid without/with source"
    config: dict[str, Any] = {"expressions": {"expr1": "expr", "expr2": "", "expr3": "expr1.expr2"}}
    if source:
        config["source"] = source
    assert stage("json", config) is not None


# json_test.go TestJSONParser_Parse
@pytest.mark.parametrize(
    ("config", "extracted", "line", "expected"),
    [
        pytest.param({"expressions": EXPRESSIONS}, {}, FIXTURE, DECODED, id="on entry"),
        pytest.param(
            {"expressions": EXPRESSIONS, "source": "log"},
            {"log": FIXTURE},
            "{}",
            {**DECODED, "log": FIXTURE},
            id="on extracted[source]",
        ),
        pytest.param(
            {"expressions": {"app": ""}, "source": "log"}, {}, FIXTURE, {}, id="missing source"
        ),
        pytest.param(
            {"expressions": {"expr1": ""}}, {}, "ts=now log=notjson", {}, id="invalid json entry"
        ),
        pytest.param(
            {"expressions": {"app": ""}, "source": "log"},
            {"log": "not a json"},
            FIXTURE,
            {"log": "not a json"},
            id="invalid json source",
        ),
        pytest.param(
            {"expressions": {"app": ""}, "source": "log"},
            {"log": None},
            FIXTURE,
            {"log": None},
            id="nil source",
        ),
    ],
)
def test_json_parse(
    config: dict[str, Any], extracted: dict[str, Any], line: str, expected: dict[str, Any]
) -> None:
    out = run(stage("json", config), entry(line, extracted=extracted))
    assert out[0].extracted == expected


def test_drop_malformed() -> None:
    # json_test.go TestValidateJSONDrop
    ctx = BuildContext()
    json_stage = stage("json", {"drop_malformed": True, "expressions": {"page": "page"}}, ctx)
    kept = run(json_stage, entry('{"page": 1, "fruits": ["apple", "peach"]}', {"foo": "bar"}))
    dropped = run(json_stage, entry('{"page": 1, fruits": ["apple", "peach"]}', {"foo": "bar"}))
    assert (len(kept), len(dropped)) == (1, 0)
    # json.go counts no logentry_dropped_lines_total reason for it; lokisim counts it apart.
    assert ctx.dropped == {} and ctx.silently_dropped == {"json_drop_malformed": 1}


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # json-iterator into map[string]interface{}: only an object (or null) decodes.
        ("[1, 2]", {}),
        ("null", {"a": None}),
        ('{"a": NaN}', {}),
        # json.Marshal of a non-scalar: compact, HTML-escaped, floats in Go's form.
        (
            '{"a": {"b": "<&>", "c": 1e-7, "d": 1e21, "e": 2.50}}',
            {"a": '{"b":"\\u003c\\u0026\\u003e","c":1e-7,"d":1e+21,"e":2.5}'},
        ),
        # JMESPath functions return float64 numbers in go-jmespath.
        ('{"a": [1, 2, 3]}', {"a": "[1,2,3]"}),
    ],
)
def test_json_value_shapes(line: str, expected: dict[str, Any]) -> None:
    out = run(stage("json", {"expressions": {"a": ""}}), entry(line))
    assert out[0].extracted == expected


def test_jmespath_function_result_is_float() -> None:
    # go-jmespath returns float64 for length(); Python's returns int.
    out = run(stage("json", {"expressions": {"n": "length(a)"}}), entry('{"a": [1, 2, 3]}'))
    assert out[0].extracted == {"n": 3.0} and isinstance(out[0].extracted["n"], float)
