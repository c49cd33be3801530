"""The match stage: tables ported from upstream clients/pkg/logentry/stages/match_test.go."""

from __future__ import annotations

from typing import Any

import pytest

from sim.agent.stages import BuildContext
from sim.errors import AgentConfigError

from .conftest import HAS_LOGQL, entry, pipeline, run, stage

pytestmark = pytest.mark.skipif(not HAS_LOGQL, reason="needs sim.loki.logql")

MATCH_YAML = """
pipeline_stages:
- json:
    expressions:
      app:
- labels:
    app:
- match:
    selector: "{app=\\"loki\\"}"
    stages:
    - json:
        expressions:
          msg: message
- match:
    pipeline_name: "app2"
    selector: "{app=\\"poki\\"}"
    stages:
    - json:
        expressions:
          msg: msg
- output:
    source: msg
"""


def test_match_pipeline() -> None:
    # match_test.go TestMatchPipeline
    p = pipeline(MATCH_YAML)
    first = p.process(entry('{"app":"loki","message":"app1 log line"}'), 0.0)
    second = p.process(entry('{"app":"poki","msg":"app2 log line"}'), 0.0)
    assert (first[0].line, second[0].line) == ("app1 log line", "app2 log line")


# match_test.go TestMatcher: (selector, labels, action, dropped, ran, error)
MATCHER_TABLE = [
    ('{foo="bar"} |= "foo"', {"foo": "bar"}, "keep", False, True, False),
    ('{foo="bar"} |~ "foo"', {"foo": "bar"}, "keep", False, True, False),
    ('{foo="bar"} |= "bar"', {"foo": "bar"}, "keep", False, False, False),
    ('{foo="bar"} |~ "bar"', {"foo": "bar"}, "keep", False, False, False),
    ('{foo="bar"} != "bar"', {"foo": "bar"}, "keep", False, True, False),
    ('{foo="bar"} !~ "bar"', {"foo": "bar"}, "keep", False, True, False),
    ('{foo="bar"} != "foo"', {"foo": "bar"}, "keep", False, False, False),
    ('{foo="bar"} |= "foo"', {"foo": "bar"}, "drop", True, False, False),
    ('{foo="bar"} |~ "foo"', {"foo": "bar"}, "drop", True, False, False),
    ('{foo="bar"} |= "bar"', {"foo": "bar"}, "drop", False, False, False),
    ('{foo="bar"} |~ "bar"', {"foo": "bar"}, "drop", False, False, False),
    ('{foo="bar"} != "bar"', {"foo": "bar"}, "drop", True, False, False),
    ('{foo="bar"} !~ "bar"', {"foo": "bar"}, "drop", True, False, False),
    ('{foo="bar"} != "foo"', {"foo": "bar"}, "drop", False, False, False),
    ('{foo="bar"} !~ "[]"', {"foo": "bar"}, "drop", False, False, True),
    ("foo", {"foo": "bar"}, "keep", False, False, True),
    ("{}", {"foo": "bar"}, "keep", False, False, True),
    ("{", {"foo": "bar"}, "keep", False, False, True),
    ("", {"foo": "bar"}, "keep", False, True, True),
    ('{foo="bar"}', {"foo": "bar"}, "keep", False, True, False),
    ('{foo=""}', {"foo": "bar"}, "keep", False, False, False),
    ('{foo=""}', {}, "keep", False, True, False),
    ('{foo!="bar"}', {"foo": "bar"}, "keep", False, False, False),
    ('{foo!="bar"}', {"foo": "bar"}, "drop", False, False, False),
    ('{foo="bar",bar!="test"}', {"foo": "bar"}, "keep", False, True, False),
    ('{foo="bar",bar!="test"}', {"foo": "bar"}, "drop", True, False, False),
    ('{foo="bar",bar!="test"}', {"foo": "bar", "bar": "test"}, "keep", False, False, False),
    ('{foo="bar",bar=~"te.*"}', {"foo": "bar", "bar": "test"}, "drop", True, False, False),
    ('{foo="bar",bar=~"te.*"}', {"foo": "bar", "bar": "test"}, "keep", False, True, False),
    ('{foo="bar",bar!~"te.*"}', {"foo": "bar", "bar": "test"}, "keep", False, False, False),
    ('{foo="bar",bar!~"te.*"}', {"foo": "bar", "bar": "test"}, "drop", False, False, False),
    ('{foo=""}', {}, "keep", False, True, False),
    ('{foo="bar"} |= "foo" | status >= 200', {"foo": "bar"}, "keep", False, False, True),
]


@pytest.mark.parametrize(("selector", "labels", "action", "dropped", "ran", "error"), MATCHER_TABLE)
def test_matcher(
    selector: str, labels: dict[str, str], action: str, dropped: bool, ran: bool, error: bool
) -> None:
    config: dict[str, Any] = {"selector": selector, "action": action}
    if action != "drop":
        config["stages"] = [{"labels": {"test_label": None}}]
    if error:
        with pytest.raises(AgentConfigError):
            pipeline([{"match": config}])
        return
    ctx = BuildContext()
    out = run(
        stage("match", config, ctx), entry("foo", labels, {"test_label": "unimportant value"})
    )
    assert (len(out) == 0) == dropped
    assert ctx.dropped == ({"match_stage": 1} if dropped else {})
    if out:
        assert ("test_label" in out[0].labels) == ran


# match_test.go Test_validateMatcherConfig
@pytest.mark.parametrize(
    ("config", "message"),
    [
        (None, "selector statement required for match stage"),
        (
            {"pipeline_name": ""},
            "match stage pipeline name can be omitted but cannot be an empty string",
        ),
        ({"pipeline_name": "test", "selector": ""}, "selector statement required for match stage"),
        (
            {"pipeline_name": "test", "selector": '{app="foo"}', "action": "keep"},
            "match stage requires at least one additional stage to be defined in '- stages'",
        ),
        (
            {"pipeline_name": "test", "selector": '{app="foo"}', "action": "keep", "stages": []},
            "match stage requires at least one additional stage to be defined in '- stages'",
        ),
        (
            {"pipeline_name": "test", "selector": '{app="foo"}', "action": "drop", "stages": [""]},
            "match stage configured to drop entries cannot contains stages",
        ),
        (
            {"pipeline_name": "test", "selector": '{app="foo}', "action": "nope", "stages": [""]},
            "match stage action should be 'keep' or 'drop'",
        ),
    ],
)
def test_validate_matcher_config(config: Any, message: str) -> None:
    with pytest.raises(AgentConfigError) as caught:
        pipeline([{"match": config}])
    assert caught.value.detail == f"invalid match stage config: {message}"


def test_bad_selector_is_a_syntax_error() -> None:
    # match_test.go Test_validateMatcherConfig "bad selector"
    with pytest.raises(AgentConfigError) as caught:
        pipeline([{"match": {"selector": '{app="foo}', "stages": [{"labels": {"a": None}}]}}])
    assert caught.value.detail.startswith(
        "invalid match stage config: invalid selector syntax for match stage: "
    )


def test_empty_drop_stages_are_valid() -> None:
    # match_test.go Test_validateMatcherConfig "empty stages dropping"
    assert pipeline([{"match": {"selector": '{app="foo"}', "action": "drop", "stages": []}}]).stages


def test_drop_counter_reason() -> None:
    # match.go: drop_counter_reason names the logentry_dropped_lines_total reason.
    p = pipeline(
        [{"match": {"selector": '{a="b"}', "action": "drop", "drop_counter_reason": "noise"}}]
    )
    assert run(p, entry("x", {"a": "b"})) == [] and p.dropped == {"noise": 1}


def test_nested_stage_error_wording_and_field() -> None:
    # match.go newMatcherStage wraps NewPipeline's error with the config printed by %v.
    config = {"selector": '{a="b"}', "stages": [{"regex": {"expression": ""}}]}
    with pytest.raises(AgentConfigError) as caught:
        pipeline([{"match": config}], field="scrape_configs[0].pipeline_stages")
    assert (
        caught.value.field
        == "scrape_configs[0].pipeline_stages[0].match.stages[0].regex.expression"
    )
    assert caught.value.detail == (
        "invalid match stage config: match stage failed to create pipeline from config: "
        'map[selector:{a="b"} stages:[map[regex:map[expression:]]]]: '
        "invalid regex stage config: expression is required"
    )


@pytest.mark.parametrize(
    "selector", ['{a="b"} |= `x`', '{a="b"} |= "x" or "y"', '{a="b"} |> "<_>"']
)
def test_loki_only_syntax_is_refused(selector: str) -> None:
    # clients/pkg/logentry/logql/expr.y: only |=, !=, |~, !~ with double-quoted strings.
    with pytest.raises(AgentConfigError):
        pipeline([{"match": {"selector": selector, "action": "drop"}}])


def test_nested_multiline_flushes_through_match() -> None:
    # pipeline_test.go Test_PipelineParallel's shape: multiline inside match, flushed at close.
    config = [
        {
            "match": {
                "selector": '{match=~".*"}',
                "stages": [
                    {"multiline": {"firstline": "^{", "max_wait_time": "3s", "max_lines": 2}}
                ],
            }
        }
    ]
    out = run(pipeline(config), entry('{app:"5", '), entry(' message:"x"}'), entry("{"))
    assert [e.line for e in out] == ['{app:"5", \n message:"x"}', "{"]
