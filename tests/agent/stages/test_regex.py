"""The regex stage: tables ported from upstream clients/pkg/logentry/stages/regex_test.go."""

from __future__ import annotations

from typing import Any

import pytest

from sim.errors import AgentConfigError

from .conftest import entry, pipeline, run, stage

APACHE = (
    "^(?P<ip>\\S+) (?P<identd>\\S+) (?P<user>\\S+) \\[(?P<timestamp>[\\w:/]+\\s[+\\-]\\d{4})\\] "
    '"(?P<action>\\S+)\\s?(?P<path>\\S+)?\\s?(?P<protocol>\\S+)?" (?P<status>\\d{3}|-) '
    '(?P<size>\\d+|-)\\s?"?(?P<referer>[^"]*)"?\\s?"?(?P<useragent>[^"]*)?"?$'
)
LINE = (
    '11.11.11.11 - frank [25/Jan/2000:14:00:01 -0500] "GET /1986.js HTTP/1.1" 200 932 "-" '
    '"Mozilla/5.0 (Windows; U; Windows NT 5.1; de; rv:1.9.1.7) Gecko/20091221 Firefox/3.5.7 GTB6"'
)
APACHE_FIELDS = {
    "ip": "11.11.11.11",
    "identd": "-",
    "user": "frank",
    "timestamp": "25/Jan/2000:14:00:01 -0500",
    "action": "GET",
    "path": "/1986.js",
    "protocol": "HTTP/1.1",
    "status": "200",
    "size": "932",
    "referer": "-",
    "useragent": "Mozilla/5.0 (Windows; U; Windows NT 5.1; de; rv:1.9.1.7) Gecko/20091221 "
    "Firefox/3.5.7 GTB6",
}


# regex_test.go TestPipeline_Regex
@pytest.mark.parametrize(
    ("stages", "expected"),
    [
        pytest.param([{"regex": {"expression": APACHE}}], APACHE_FIELDS, id="one stage"),
        pytest.param(
            [
                {"regex": {"expression": APACHE}},
                {
                    "regex": {
                        "expression": "^HTTP\\/(?P<protocol_version>[0-9\\.]+)$",
                        "source": "protocol",
                    }
                },
            ],
            {**APACHE_FIELDS, "protocol_version": "1.1"},
            id="two stages with source",
        ),
    ],
)
def test_pipeline_regex(stages: list[Any], expected: dict[str, Any]) -> None:
    out = run(pipeline(stages), entry(LINE))
    assert out[0].extracted == expected


# regex_test.go TestRegexConfig_validate (errors prefixed as NewPipeline wraps them)
@pytest.mark.parametrize(
    ("config", "message"),
    [
        (None, "invalid regex stage config: expression is required"),
        ({}, "invalid regex stage config: expression is required"),
        (
            {"expression": "(?P<ts[0-9]+).*"},
            "invalid regex stage config: could not compile regular expression: "
            "error parsing regexp: invalid named capture: `(?P<ts[0-9]+).*`",
        ),
        (
            {"expression": "(?P<ts>[0-9]+).*", "source": ""},
            "invalid regex stage config: empty source",
        ),
    ],
)
def test_regex_config_errors(config: Any, message: str) -> None:
    with pytest.raises(AgentConfigError) as caught:
        pipeline([{"regex": config}])
    assert caught.value.detail == message


@pytest.mark.parametrize(
    "config",
    [{"expression": "(?P<ts>[0-9]+).*"}, {"expression": "(?P<ts>[0-9]+).*", "source": "log"}],
)
def test_regex_config_valid(config: dict[str, str]) -> None:
    # regex_test.go TestRegexConfig_validate "valid without/with source"
    assert pipeline([{"regex": config}]).stages


def test_regex_error_names_the_field() -> None:
    # lokisim: the field path points at the offending key.
    with pytest.raises(AgentConfigError) as caught:
        pipeline([{"cri": {}}, {"regex": {"expression": "a(b"}}])
    assert caught.value.field == "pipeline_stages[1].regex.expression"
    assert "missing closing ): `a(b`" in caught.value.detail


# regex_test.go TestRegexParser_Parse
@pytest.mark.parametrize(
    ("config", "extracted", "line", "expected"),
    [
        pytest.param({"expression": APACHE}, {}, LINE, APACHE_FIELDS, id="match on entry"),
        pytest.param(
            {"expression": "^HTTP\\/(?P<protocol_version>.*)$", "source": "protocol"},
            {"protocol": "HTTP/1.1"},
            LINE,
            {"protocol": "HTTP/1.1", "protocol_version": "1.1"},
            id="match on extracted[source]",
        ),
        pytest.param(
            {
                "expression": "^(?s)(?P<time>\\S+?) (?P<stream>stdout|stderr) (?P<flags>\\S+?) "
                "(?P<message>.*)$"
            },
            {},
            "blahblahblah",
            {},
            id="no match on entry",
        ),
        pytest.param(
            {"expression": "^HTTP\\/(?P<protocol_version>.*)$", "source": "protocol"},
            {"protocol": "unknown"},
            "unknown/unknown",
            {"protocol": "unknown"},
            id="no match on extracted[source]",
        ),
        pytest.param(
            {
                "expression": "(?i)(?P<bad>panic:|core_dumped|failure|error|attack| bad |illegal "
                "|denied|refused|unauthorized|fatal|failed|Segmentation Fault|Corrupted)"
            },
            {},
            "A Terrible Error has occurred!!!",
            {"bad": "Error"},
            id="case insensitive",
        ),
        pytest.param(
            {"expression": "^HTTP\\/(?P<protocol_version>.*)$", "source": "protocol"},
            {},
            "blahblahblah",
            {},
            id="missing extracted[source]",
        ),
        pytest.param(
            {"expression": "^HTTP\\/(?P<protocol_version>.*)$", "source": "protocol"},
            {"protocol": True},
            "unknown/unknown",
            {"protocol": True},
            id="invalid data type in extracted[source]",
        ),
    ],
)
def test_regex_parse(
    config: dict[str, Any], extracted: dict[str, Any], line: str, expected: dict[str, Any]
) -> None:
    out = run(stage("regex", config), entry(line, extracted=extracted))
    assert out[0].extracted == expected


def test_optional_group_that_did_not_match_is_empty_string() -> None:
    # regex.go: FindStringSubmatch gives "" for a group that took no part.
    out = run(stage("regex", {"expression": "a(?P<x>b)?(?P<y>c)"}), entry("ac"))
    assert out[0].extracted == {"x": "", "y": "c"}


def test_number_source_is_matched_as_text() -> None:
    # regex.go: getString(extracted[source]) formats a float64 as Go does.
    out = run(
        stage("regex", {"expression": "^(?P<n>\\d+)$", "source": "v"}),
        entry(extracted={"v": 125.0}),
    )
    assert out[0].extracted["n"] == "125"
