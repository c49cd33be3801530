"""The logfmt stage: tables ported from upstream clients/pkg/logentry/stages/logfmt_test.go."""

from __future__ import annotations

from typing import Any

import pytest

from sim.agent.stages.logfmt import LogfmtSyntaxError, pairs
from sim.errors import AgentConfigError

from .conftest import entry, pipeline, run, stage

PIPELINE_LINE = (
    "\n\t\ttime=2012-11-01T22:08:41+00:00 app=loki\tlevel=WARN duration=125 "
    'message="this is a log line" extra="user=foo""\n\t'
)
FIXTURE = """
	time=2012-11-01T22:08:41+00:00
	app=loki
	level=WARN
	nested="child=value"
	message="this is a log line"
"""
MAPPING = {"time": "", "app": "", "level": "", "nested": "", "message": ""}
DECODED = {
    "time": "2012-11-01T22:08:41+00:00",
    "app": "loki",
    "level": "WARN",
    "nested": "child=value",
    "message": "this is a log line",
}


# logfmt_test.go TestPipeline_Logfmt: keys read before the stray quote stay extracted.
@pytest.mark.parametrize(
    ("config", "expected"),
    [
        (
            [
                {
                    "logfmt": {
                        "mapping": {
                            "out": "message",
                            "app": None,
                            "duration": None,
                            "unknown": None,
                        }
                    }
                }
            ],
            {"out": "this is a log line", "app": "loki", "duration": "125"},
        ),
        (
            [
                {"logfmt": {"mapping": {"extra": None}}},
                {"logfmt": {"mapping": {"user": None}, "source": "extra"}},
            ],
            {"extra": "user=foo", "user": "foo"},
        ),
    ],
)
def test_pipeline_logfmt(config: list[Any], expected: dict[str, Any]) -> None:
    out = run(pipeline(config), entry(PIPELINE_LINE))
    assert out[0].extracted == expected


# logfmt_test.go TestLogfmtConfig_validate
@pytest.mark.parametrize(
    ("config", "message"),
    [
        (None, "logfmt mapping is required"),
        ({}, "logfmt mapping is required"),
        ({"mapping": {"extr1": "expr"}, "source": ""}, "empty source"),
    ],
)
def test_logfmt_config_errors(config: Any, message: str) -> None:
    with pytest.raises(AgentConfigError) as caught:
        pipeline([{"logfmt": config}])
    assert caught.value.detail == f"invalid logfmt stage config: {message}"


# logfmt_test.go TestLogfmtParser_Parse
@pytest.mark.parametrize(
    ("config", "extracted", "line", "expected"),
    [
        pytest.param({"mapping": MAPPING}, {}, FIXTURE, DECODED, id="on entry"),
        pytest.param(
            {"mapping": MAPPING, "source": "log"},
            {"log": FIXTURE},
            "{}",
            {**DECODED, "log": FIXTURE},
            id="on extracted[source]",
        ),
        pytest.param(
            {"mapping": {"app": ""}, "source": "log"}, {}, FIXTURE, {}, id="missing source"
        ),
        pytest.param(
            {"mapping": {"expr1": ""}}, {}, '{"invalid":"logfmt"}', {}, id="invalid entry"
        ),
        pytest.param(
            {"mapping": {"app": ""}, "source": "log"},
            {"log": "not logfmt"},
            FIXTURE,
            {"log": "not logfmt"},
            id="invalid source",
        ),
        pytest.param(
            {"mapping": {"app": ""}, "source": "log"},
            {"log": None},
            FIXTURE,
            {"log": None},
            id="nil source",
        ),
    ],
)
def test_logfmt_parse(
    config: dict[str, Any], extracted: dict[str, Any], line: str, expected: dict[str, Any]
) -> None:
    out = run(stage("logfmt", config), entry(line, extracted=extracted))
    assert out[0].extracted == expected


# go-logfmt v0.6 decode.go ScanKeyval, read by hand.
@pytest.mark.parametrize(
    ("record", "expected"),
    [
        ("a=1 b c=", [("a", "1"), ("b", ""), ("c", "")]),
        ('q="x y" e=""', [("q", "x y"), ("e", "")]),
        ('u="\\u00e9\\n\\\'"', [("u", "é\n'")]),
        ("  lead=1   trail=2  ", [("lead", "1"), ("trail", "2")]),
    ],
)
def test_pairs(record: str, expected: list[tuple[str, str]]) -> None:
    assert list(pairs(record)) == expected


@pytest.mark.parametrize("record", ["=v", 'k"=v', "k=v=w", 'k="open', 'k="bad\\x"'])
def test_pairs_syntax_errors(record: str) -> None:
    # decode.go: unexpectedByte / unterminated / invalid quoted value.
    with pytest.raises(LogfmtSyntaxError):
        list(pairs(record))


def test_record_over_64k_stops_decoding() -> None:
    # bufio.Scanner's 64 KiB token limit: the long line and all after it yield nothing.
    line = "a=1\n" + "b=" + "x" * 70000 + "\nc=3"
    out = run(stage("logfmt", {"mapping": {"a": "", "b": "", "c": ""}}), entry(line))
    assert out[0].extracted == {"a": "1"}
