"""The replace stage: upstream replace_test.go tables, and the ADR's redaction stages.

The ADR's stages (ADR-loki.md section 5, verbatim below) are applied to representative
lines; each expectation is worked out from replace.go, not from what the YAML seems to say:
`${1}` is not a backreference but literal text of a Go template with no actions, every
capture group of every match is replaced by that text, and an expression without a capture
group changes nothing.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sim.errors import AgentConfigError

from .conftest import HAS_TEMPLATES, entry, load_stages, pipeline, run, secret_lines, stage

LINE = (
    '11.11.11.11 - frank [25/Jan/2000:14:00:01 -0500] "GET /1986.js HTTP/1.1" 200 932 "-" '
    '"Mozilla/5.0 (Windows; U; Windows NT 5.1; de; rv:1.9.1.7) Gecko/20091221 Firefox/3.5.7 GTB6"'
)
UPPER = (
    '11.11.11.11 - FRANK [25/JAN/2000:14:00:01 -0500] "GET /1986.JS HTTP/1.1" HttpStatusOk 932 "-" '
    '"MOZILLA/5.0 (WINDOWS; U; WINDOWS NT 5.1; DE; RV:1.9.1.7) GECKO/20091221 FIREFOX/3.5.7 GTB6"'
)
TEMPLATE = (
    '{{ if eq .Value "200" }}{{ Replace .Value "200" "HttpStatusOk" -1 }}'
    "{{ else }}{{ .Value | ToUpper }}{{ end }}"
)
NAMED = (
    "^(?P<ip>\\S+) (?P<identd>\\S+) (?P<user>\\S+) \\[(?P<timestamp>[\\w:/]+\\s[+\\-]\\d{4})\\] "
    '"(?P<action>\\S+)\\s?(?P<path>\\S+)?\\s?(?P<protocol>\\S+)?" (?P<status>\\d{3}|-) (\\d+|-)'
    '\\s?"?(?P<referer>[^"]*)"?\\s?"?(?P<useragent>[^"]*)?"?$'
)
NESTED = (
    "(?P<ip_user>^(?P<ip>\\S+) (?P<identd>\\S+) (?P<user>\\S+)) \\[(?P<timestamp>[\\w:/]+\\s[+\\-]"
    '\\d{4})\\] "(?P<action_path>(?P<action>\\S+)\\s?(?P<path>\\S+)?)\\s?(?P<protocol>\\S+)?" '
    '(?P<status>\\d{3}|-) (\\d+|-)\\s?"?(?P<referer>[^"]*)"?\\s?"?(?P<useragent>[^"]*)?"?$'
)
UNNAMED = (
    '^(\\S+) (\\S+) (\\S+) \\[([\\w:/]+\\s[+\\-]\\d{4})\\] "(\\S+)\\s?(\\S+)?\\s?(\\S+)?" '
    '(\\d{3}|-) (\\d+|-)\\s?"?([^"]*)"?\\s?"?([^"]*)?"?$'
)
UPPER_FIELDS = {
    "ip": "11.11.11.11",
    "identd": "-",
    "user": "FRANK",
    "timestamp": "25/JAN/2000:14:00:01 -0500",
    "action": "GET",
    "path": "/1986.JS",
    "protocol": "HTTP/1.1",
    "status": "HttpStatusOk",
    "referer": "-",
    "useragent": "MOZILLA/5.0 (WINDOWS; U; WINDOWS NT 5.1; DE; RV:1.9.1.7) GECKO/20091221 "
    "FIREFOX/3.5.7 GTB6",
}
JSON_LINE = (
    '{"time":"2019-01-01T01:00:00.000000001Z", "level": "info", "msg": "11.11.11.11 - \\"POST '
    '/loki/api/push/ HTTP/1.1\\" 200 932 \\"-\\" \\"Mozilla/5.0 (Windows; U; Windows NT 5.1; de; '
    'rv:1.9.1.7) Gecko/20091221 Firefox/3.5.7 GTB6\\""}'
)
needs_templates = pytest.mark.skipif(not HAS_TEMPLATES, reason="needs sim.gotemplate")


# replace_test.go TestPipeline_Replace
@pytest.mark.parametrize(
    ("stages", "line", "expected_line", "expected_extracted"),
    [
        pytest.param(
            [{"replace": {"expression": "11.11.11.11 - (\\S+) .*", "replace": "dummy"}}],
            LINE,
            LINE.replace("frank", "dummy"),
            {},
            id="one stage without source",
        ),
        pytest.param(
            [
                {"json": {"expressions": {"level": None, "msg": None}}},
                {
                    "replace": {
                        "expression": '\\S+ - "POST (\\S+) .*',
                        "source": "msg",
                        "replace": "/loki/api/v1/push/",
                    }
                },
            ],
            JSON_LINE,
            JSON_LINE,
            {
                "level": "info",
                "msg": '11.11.11.11 - "POST /loki/api/v1/push/ HTTP/1.1" 200 932 "-" "Mozilla/5.0 '
                '(Windows; U; Windows NT 5.1; de; rv:1.9.1.7) Gecko/20091221 Firefox/3.5.7 GTB6"',
            },
            id="with source",
        ),
        pytest.param(
            [{"replace": {"expression": NAMED, "replace": TEMPLATE}}],
            LINE,
            UPPER,
            UPPER_FIELDS,
            id="named groups and template",
            marks=needs_templates,
        ),
        pytest.param(
            [{"replace": {"expression": NESTED, "replace": TEMPLATE}}],
            LINE,
            UPPER,
            {**UPPER_FIELDS, "ip_user": "11.11.11.11 - FRANK", "action_path": "GET /1986.JS"},
            id="nested groups and template",
            marks=needs_templates,
        ),
        pytest.param(
            [{"replace": {"expression": UNNAMED, "replace": TEMPLATE}}],
            LINE,
            UPPER,
            {},
            id="unnamed groups and template",
            marks=needs_templates,
        ),
        pytest.param(
            [{"replace": {"expression": "11.11.11.11 - (\\S+\\s)", "replace": ""}}],
            LINE,
            LINE.replace("frank ", ""),
            {},
            id="empty replace value",
        ),
        pytest.param(
            [{"replace": {"expression": "(a|b|c)", "replace": ""}}],
            "abc",
            "",
            {},
            id="adjacent capture groups",
        ),
    ],
)
def test_pipeline_replace(
    stages: list[Any], line: str, expected_line: str, expected_extracted: dict[str, Any]
) -> None:
    out = run(pipeline(stages), entry(line))[0]
    assert (out.line, out.extracted) == (expected_line, expected_extracted)


# replace_test.go TestReplaceConfig_validate
@pytest.mark.parametrize(
    ("config", "message"),
    [
        (None, "expression is required"),
        ({}, "expression is required"),
        (
            {"expression": "(?P<ts[0-9]+).*", "replace": "test"},
            "could not compile regular expression: error parsing regexp: invalid named "
            "capture: `(?P<ts[0-9]+).*`",
        ),
        ({"expression": "(?P<ts>[0-9]+).*", "source": ""}, "empty source in replace stage"),
    ],
)
def test_replace_config_errors(config: Any, message: str) -> None:
    with pytest.raises(AgentConfigError) as caught:
        pipeline([{"replace": config}])
    assert caught.value.detail == f"invalid replace stage config: {message}"


def test_group_less_expression_changes_nothing() -> None:
    # replace.go getReplacedEntry: only capture groups are replaced.
    out = run(pipeline([{"replace": {"expression": "secret", "replace": "x"}}]), entry("a secret"))
    assert out[0].line == "a secret"


def test_group_less_expression_with_source_stringifies_it() -> None:
    # replace.go: with a source, extracted[source] = result, i.e. getString of the input.
    stages = [{"replace": {"expression": "\\d", "source": "n", "replace": "x"}}]
    out = run(pipeline(stages), entry(extracted={"n": 125.0}))
    assert out[0].extracted == {"n": "125"}


def test_unparseable_template_changes_nothing() -> None:
    # replace.go Process: a template that fails to parse leaves the entry as it is.
    if not HAS_TEMPLATES:
        pytest.skip("needs sim.gotemplate")
    stages = [{"replace": {"expression": "(a)(?P<n>b)", "replace": "{{ .Value "}}]
    out = run(pipeline(stages), entry("ab"))
    assert (out[0].line, out[0].extracted) == ("ab", {})


# ADR-loki.md section 5, verbatim (Layer 1 and the PII scrubbing stages).
ADR_STAGES = r"""
pipeline_stages:
  # Redact passwords in connection strings
  - replace:
      expression: '(postgres://[^:]+:)([^@]+)(@)'
      replace: '${1}***REDACTED***${3}'

  # Redact JWT tokens
  - replace:
      expression: '(Bearer\s+)(eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)'
      replace: '${1}***REDACTED***'

  # Redact AWS secrets
  - replace:
      expression: '(AWS_SECRET_ACCESS_KEY=)([A-Za-z0-9+/=]+)'
      replace: '${1}***REDACTED***'

  # Redact API keys
  - replace:
      expression: '(api[_-]?key["\s:=]+)([A-Za-z0-9_-]{20,})'
      replace: '${1}***REDACTED***'

  # Redact credit card numbers (PCI compliance)
  - replace:
      expression: '\b\d{4}[\s-]?\d{4}[\s-]?\d{4}[\s-]?\d{4}\b'
      replace: '****-****-****-****'

  - replace:
      expression: '\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Z|a-z]{2,}\b'
      replace: '***@***'

  - replace:
      expression: '\b(\d{1,3}\.\d{1,3}\.\d{1,3}\.)\d{1,3}\b'
      replace: '${1}xxx'  # Keep subnet for debugging, anonymize host
"""
PG = "${1}***REDACTED***${3}"
R = "${1}***REDACTED***"
JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJl"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # Three groups, three copies of the literal template; the user name goes too.
        pytest.param(
            "connecting to postgres://app:s3cret@db:5432/orders",
            f"connecting to {PG}{PG}{PG}db:5432/orders",
            id="postgres password",
        ),
        # [^@]+ stops at the first '@': the rest of a password containing '@' survives.
        pytest.param(
            "dsn=postgres://app:pa@ss@db/orders",
            f"dsn={PG}{PG}{PG}ss@db/orders",
            id="postgres password with @ leaks its tail",
        ),
        pytest.param(
            f"Authorization: Bearer {JWT} ok", f"Authorization: {R}{R} ok", id="bearer jwt"
        ),
        # Case-sensitive: `bearer` is not matched.
        pytest.param(
            f"authorization: bearer {JWT}",
            f"authorization: bearer {JWT}",
            id="lowercase bearer leaks",
        ),
        pytest.param(
            "AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY exported",
            f"{R}{R} exported",
            id="aws secret",
        ),
        pytest.param(
            'config api_key="sk_live_abcdefghijklmnopqrstuvwx" loaded',
            f'config {R}{R}" loaded',
            id="api key",
        ),
        pytest.param(
            "API_KEY=sk_live_abcdefghijklmnopqrstuvwx",
            "API_KEY=sk_live_abcdefghijklmnopqrstuvwx",
            id="upper-case API_KEY leaks",
        ),
        # No capture group: the card number and the e-mail address are left in place.
        pytest.param(
            "charged card 4111 1111 1111 1111",
            "charged card 4111 1111 1111 1111",
            id="credit card leaks",
        ),
        pytest.param(
            "mail sent to jane.doe@example.com",
            "mail sent to jane.doe@example.com",
            id="email leaks",
        ),
        # The group holds the first three octets: they are replaced, the host octet stays.
        pytest.param(
            "client 192.168.1.42 connected", "client ${1}xxx42 connected", id="ipv4 keeps the host"
        ),
        pytest.param(
            "from 10.0.0.1 to 10.0.0.2", "from ${1}xxx1 to ${1}xxx2", id="every ipv4 match"
        ),
        # Collateral: any dotted quad, such as a version number.
        pytest.param(
            "running v1.2.3.4 build", "running v1.2.3.4 build", id="word boundary before v"
        ),
        pytest.param(
            "running 1.2.3.4 build", "running ${1}xxx4 build", id="version number collateral"
        ),
        pytest.param("nothing to see here", "nothing to see here", id="clean line"),
    ],
)
def test_adr_redaction(line: str, expected: str) -> None:
    out = run(pipeline(load_stages(ADR_STAGES)), entry(line))
    assert out[0].line == expected


def test_adr_pipeline_on_cri_input() -> None:
    # The ADR's collector pipeline: cri, multiline, then the stages above. A secret on a
    # continuation line is redacted after multiline has joined the block.
    stages = [
        {"cri": {}},
        {"multiline": {"firstline": "^\\d{4}-\\d{2}-\\d{2}", "max_wait_time": "3s"}},
        *load_stages(ADR_STAGES),
    ]
    p = pipeline(stages)
    lines = [
        "2024-05-01T10:00:00.1Z stderr F 2024-05-01 10:00:00 ERROR db connect failed",
        "2024-05-01T10:00:00.2Z stderr F \tcaused by: postgres://app:hunter2@db:5432/x refused",
        "2024-05-01T10:00:01.3Z stderr F 2024-05-01 10:00:01 INFO retry from 10.42.0.7",
    ]
    out = run(p, *(entry(line, {"job": "prod/api"}) for line in lines))
    assert [(e.line, e.labels, e.timestamp_ns) for e in out] == [
        (
            f"2024-05-01 10:00:00 ERROR db connect failed\n\tcaused by: {PG}{PG}{PG}db:5432/x refused",
            {"job": "prod/api", "stream": "stderr"},
            1714557600_100_000_000,
        ),
        (
            "2024-05-01 10:00:01 INFO retry from ${1}xxx7",
            {"job": "prod/api", "stream": "stderr"},
            1714557601_300_000_000,
        ),
    ]


_MORE_STAGES = [
    {"replace": {"expression": "(?P<user>[a-z]+)@(?P<host>[a-z.]+)", "replace": "***"}},
    {"replace": {"expression": "(a*)", "replace": "<>"}},  # empty matches
    {"replace": {"expression": "(\\d+)", "source": "n", "replace": "#"}},
]


@settings(max_examples=100, deadline=None)
@given(st.integers(0, 100_000), st.integers(1, 40))
def test_batch_equals_one_entry_at_a_time(seed: int, count: int) -> None:
    # lokisim: process_batch (lines searched together, see findmany.py) against each entry
    # through the stage on its own, on lines with the fleet's secret forms.
    lines = secret_lines(seed, count)
    for config in [*load_stages(ADR_STAGES), *_MORE_STAGES]:
        one, batched = stage("replace", config["replace"]), stage("replace", config["replace"])
        single = [entry(line, extracted={"n": f"{i} 12"}) for i, line in enumerate(lines)]
        many = [entry(line, extracted={"n": f"{i} 12"}) for i, line in enumerate(lines)]
        for e in single:
            one.process(e, 0.0)
        batched.process_batch(many, 0.0)
        assert [(e.line, e.extracted) for e in many] == [(e.line, e.extracted) for e in single]
