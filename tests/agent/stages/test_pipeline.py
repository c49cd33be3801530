"""Pipeline: upstream pipeline_test.go tables, and lokisim's batch and timer contracts."""

from __future__ import annotations

import pytest

from sim.agent.stages import Entry
from sim.errors import AgentConfigError

from .conftest import HAS_LOGQL, entry, pipeline, run

RAW = (
    '{"log":"11.11.11.11 - frank [25/Jan/2000:14:00:01 -0500] \\"GET /1986.js HTTP/1.1\\" 200 932 '
    '\\"-\\" \\"Mozilla/5.0 (Windows; U; Windows NT 5.1; de; rv:1.9.1.7) Gecko/20091221 '
    'Firefox/3.5.7 GTB6\\"","stream":"stderr","time":"2019-04-30T02:12:41.8443515Z"}'
)
PROCESSED = (
    '11.11.11.11 - frank [25/Jan/2000:14:00:01 -0500] "GET /1986.js HTTP/1.1" 200 932 "-" '
    '"Mozilla/5.0 (Windows; U; Windows NT 5.1; de; rv:1.9.1.7) Gecko/20091221 Firefox/3.5.7 GTB6"'
)
MULTI_STAGE = r"""
pipeline_stages:
- match:
    selector: "{match=\"true\"}"
    stages:
    - docker:
    - regex:
        expression: "^(?P<ip>\\S+) (?P<identd>\\S+) (?P<user>\\S+) \\[(?P<timestamp>[\\w:/]+\\s[+\\-]\\d{4})\\] \"(?P<action>\\S+)\\s?(?P<path>\\S+)?\\s?(?P<protocol>\\S+)?\" (?P<status>\\d{3}|-) (?P<size>\\d+|-)\\s?\"?(?P<referer>[^\"]*)\"?\\s?\"?(?P<useragent>[^\"]*)?\"?$"
    - regex:
        source:     filename
        expression: "(?P<service>[^\\/]+)\\.log"
    - timestamp:
        source: timestamp
        format: "02/Jan/2006:15:04:05 -0700"
    - labels:
        action:
        service:
        status_code: "status"
- match:
    selector: "{match=\"false\"}"
    action: drop
"""
LABELS_FROM_JSON = """
pipeline_stages:
- json:
    expressions:
      app:
      message:
- labels:
    app:
- output:
    source: message
"""
T0 = 1_700_000_000_000_000_000
JAN_25_2000 = 948826801_000_000_000  # 2000-01-25T14:00:01-05:00


@pytest.mark.skipif(not HAS_LOGQL, reason="needs sim.loki.logql")
def test_new_pipeline() -> None:
    # pipeline_test.go TestNewPipeline
    assert len(pipeline(MULTI_STAGE).stages) == 2


# pipeline_test.go TestPipeline_Process
@pytest.mark.parametrize(
    ("config", "line", "labels", "expected_line", "expected_ts", "expected_labels"),
    [
        pytest.param(
            MULTI_STAGE,
            RAW,
            {"match": "true"},
            PROCESSED,
            JAN_25_2000,
            {"match": "true", "stream": "stderr", "action": "GET", "status_code": "200"},
            id="happy path",
            marks=pytest.mark.skipif(not HAS_LOGQL, reason="needs sim.loki.logql"),
        ),
        pytest.param(
            MULTI_STAGE,
            RAW,
            {"nomatch": "true"},
            RAW,
            T0,
            {"nomatch": "true"},
            id="no match",
            marks=pytest.mark.skipif(not HAS_LOGQL, reason="needs sim.loki.logql"),
        ),
        pytest.param(
            MULTI_STAGE,
            RAW,
            {"match": "true", "filename": "/var/log/nginx/frontend.log"},
            PROCESSED,
            JAN_25_2000,
            {
                "filename": "/var/log/nginx/frontend.log",
                "match": "true",
                "stream": "stderr",
                "service": "frontend",
                "action": "GET",
                "status_code": "200",
            },
            id="extracted map starts with the labels",
            marks=pytest.mark.skipif(not HAS_LOGQL, reason="needs sim.loki.logql"),
        ),
        pytest.param(
            LABELS_FROM_JSON,
            '{"message":"hello world","app":"api"}',
            {},
            "hello world",
            T0,
            {"app": "api"},
            id="label from JSON",
        ),
        pytest.param(
            LABELS_FROM_JSON,
            '{"message":"hello world"}',
            {},
            "hello world",
            T0,
            {},
            id="no label for a missing field",
        ),
        pytest.param(
            LABELS_FROM_JSON,
            '{"message":"hello world","app":null}',
            {},
            "hello world",
            T0,
            {},
            id="no label for null",
        ),
    ],
)
def test_pipeline_process(
    config: str,
    line: str,
    labels: dict[str, str],
    expected_line: str,
    expected_ts: int,
    expected_labels: dict[str, str],
) -> None:
    out = run(pipeline(config), entry(line, labels, ts=T0))[0]
    assert (out.line, out.timestamp_ns, out.labels) == (expected_line, expected_ts, expected_labels)


@pytest.mark.skipif(not HAS_LOGQL, reason="needs sim.loki.logql")
@pytest.mark.parametrize(
    ("labels", "sent"),
    [
        ({"stream": "stderr", "action": "GET", "status_code": "200", "match": "false"}, False),
        ({"stream": "stderr", "action": "GET", "status_code": "200"}, True),
    ],
)
def test_pipeline_wrap(labels: dict[str, str], sent: bool) -> None:
    # pipeline_test.go TestPipeline_Wrap
    assert bool(run(pipeline(MULTI_STAGE), entry(RAW, labels))) == sent


# pipeline.go NewPipeline's own checks.
@pytest.mark.parametrize(
    ("stages", "field", "message"),
    [
        (
            ["docker"],
            "pipeline_stages[0]",
            "invalid YAML config, make sure each stage of your pipeline is a YAML object "
            "(must end with a `:`), check stage `- docker`",
        ),
        (
            [{"cri": {}, "docker": {}}],
            "pipeline_stages[0]",
            "pipeline stage must contain only one key",
        ),
        (
            [{"nope": {}}],
            "pipeline_stages[0].nope",
            "invalid nope stage config: Unknown stage type: nope",
        ),
        ([{5: {}}], "pipeline_stages[0]", "pipeline stage key must be a string"),
    ],
)
def test_pipeline_structure_errors(stages: list[object], field: str, message: str) -> None:
    with pytest.raises(AgentConfigError) as caught:
        pipeline(stages)  # type: ignore[arg-type]
    assert (caught.value.path, caught.value.field, caught.value.detail) == (
        "test.yaml",
        field,
        message,
    )


def test_empty_stage_map_is_skipped() -> None:
    # pipeline.go: a `- {}` item has no key, so no stage is created.
    assert pipeline([{}, {"docker": None}]).stages and len(pipeline([{}]).stages) == 0


def test_unknown_keys_become_warnings() -> None:
    # mapstructure ignores unknown keys (Promtail says nothing); lokisim reports them.
    p = pipeline(
        [{"regex": {"expression": "x", "sorce": "y"}}], field="scrape_configs[0].pipeline_stages"
    )
    assert p.warnings == [
        "scrape_configs[0].pipeline_stages[0].regex.sorce: unknown option, ignored (as Promtail ignores it)"
    ]


def test_keys_match_case_insensitively() -> None:
    # mapstructure v1.5 decodeStructFromMap falls back to strings.EqualFold.
    out = run(pipeline([{"regex": {"Expression": "(?P<a>x)"}}]), entry("x"))
    assert out[0].extracted == {"a": "x"}


def test_process_batch_equals_process() -> None:
    # lokisim: process_batch runs stage by stage; every stage sees the same entries in order.
    config = """
pipeline_stages:
- cri: {}
- multiline:
    firstline: '^\\d'
- replace:
    expression: '(secret)'
    replace: 'x'
"""
    lines = [
        "2024-01-01T00:00:00Z stdout P 1 part",
        "2024-01-01T00:00:01Z stdout F ial secret",
        "2024-01-01T00:00:02Z stdout F   continuation",
        "2024-01-01T00:00:03Z stderr F 2 other stream",
        "2024-01-01T00:00:04Z stdout F 3 secret again",
    ]

    def entries() -> list[Entry]:
        return [entry(line, {"job": "a"}) for line in lines]

    one = pipeline(config)
    by_one = [out for e in entries() for out in one.process(e, 0.0)] + one.flush()
    batched = pipeline(config)
    by_batch = batched.process_batch(entries(), 0.0) + batched.flush()
    assert [(e.line, e.labels, e.timestamp_ns) for e in by_batch] == [
        (e.line, e.labels, e.timestamp_ns) for e in by_one
    ]
    # Blocks still open at the end flush in the order their label sets first appeared.
    assert [e.line for e in by_one] == [
        "1 partial x\n  continuation",
        "3 x again",
        "2 other stream",
    ]


@pytest.mark.parametrize("first_step", [True, False])
@pytest.mark.parametrize(
    "stages",
    [
        [{"cri": {}}, {"multiline": {"firstline": "^\\d"}}, {"labels": {"stream": None}}],
        [{"regex": {"expression": "(?P<stream>std\\w+)"}}, {"cri": {}}],
        [],
    ],
    ids=["cri first", "cri second", "no stages"],
)
def test_process_lines_equals_process_batch(stages: list[object], first_step: bool) -> None:
    # lokisim: process_lines (a first cri stage builds the entries itself) against
    # process_batch on entries built from the same lines; without first_step the labels are
    # not copied into extracted, as after a head that did it.
    lines = [
        "2024-01-01T00:00:00.5Z stdout P 1 part",
        "2024-01-01T00:00:01Z stdout F ial",
        "2024-01-01T00:00:02Z stdout F   continuation",
        "not cri at all",
        "2024-01-01T00:00:04Z stderr F 3 other stream",
    ]
    labels, extracted = {"job": "a", "tags": "t"}, {"job": "b", "x": 1}

    def shape(entries: list[Entry]) -> list[tuple[object, ...]]:
        return [
            (list(e.labels.items()), list(e.extracted.items()), e.timestamp_ns, e.line)
            for e in entries
        ]

    for labels_now in (labels, {"job": "a"}):  # with and without a `tags` label
        by_lines = pipeline(stages)
        got = by_lines.process_lines(lines, labels_now, extracted, 9, 0.0, first_step=first_step)
        by_batch = pipeline(stages)
        fresh = [Entry(labels_now.copy(), extracted.copy(), 9, line) for line in lines]
        if first_step:
            want = by_batch.process_batch(fresh, 0.0)
        else:
            want = fresh
            for stage in by_batch.stages:
                want = stage.process_batch(want, 0.0)  # type: ignore[attr-defined]
        assert shape(got) == shape(want)
        assert shape(by_lines.flush()) == shape(by_batch.flush())
