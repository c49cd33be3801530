"""The drop stage: tables ported from upstream clients/pkg/logentry/stages/drop_test.go."""

from __future__ import annotations

from typing import Any

import pytest

from sim.agent.stages import BuildContext
from sim.errors import AgentConfigError

from .conftest import NOW, entry, pipeline, run, stage

S = 1_000_000_000
NOW_NS = int(NOW * S)

# drop_test.go Test_dropStage_Process: (name, config, extracted, line, timestamp, dropped)
DROP_TABLE: list[tuple[str, dict[str, Any], dict[str, Any], str, int, bool]] = [
    ("Longer Than Should Drop", {"longer_than": "10b"}, {}, "12345678901", 0, True),
    ("Longer Than Should Not Drop When Equal", {"longer_than": "10b"}, {}, "1234567890", 0, False),
    ("Longer Than Should Not Drop When Less", {"longer_than": "10b"}, {}, "123456789", 0, False),
    ("Older than Should Drop", {"older_than": "1h"}, {}, "", NOW_NS - 2 * 3600 * S, True),
    ("Older than Should Not Drop", {"older_than": "1h"}, {}, "", NOW_NS - 300 * S, False),
    ("Matched Source", {"source": "key"}, {"key": ""}, "", 0, True),
    ("Did not match Source", {"source": "key1"}, {"key": "val1"}, "", 0, False),
    ("Matched Source and Value", {"source": "key", "value": "val1"}, {"key": "val1"}, "", 0, True),
    (
        "Did not match Source and Value",
        {"source": "key", "value": "val1"},
        {"key": "VALRUE1"},
        "",
        0,
        False,
    ),
    (
        "Matched Source(int) and Value(string)",
        {"source": "level", "value": "50"},
        {"level": 50},
        "",
        0,
        True,
    ),
    (
        "Matched Source(string) and Value(string)",
        {"source": "level", "value": "50"},
        {"level": "50"},
        "",
        0,
        True,
    ),
    (
        "Did not match Source(int) and Value(string)",
        {"source": "level", "value": "50"},
        {"level": 100},
        "",
        0,
        False,
    ),
    (
        "Did not match Source(string) and Value(string)",
        {"source": "level", "value": "50"},
        {"level": "100"},
        "",
        0,
        False,
    ),
    (
        "Matched Source and Value with multiple sources",
        {"source": ["key1", "key2"], "value": "val1;val200.*"},
        {"key1": "val1", "key2": "val200.*"},
        "",
        0,
        True,
    ),
    (
        "Matched Source and Value with multiple sources and custom separator",
        {"source": ["key1", "key2"], "separator": "|", "value": "val1|val200[a]"},
        {"key1": "val1", "key2": "val200[a]"},
        "",
        0,
        True,
    ),
    (
        "Regex Matched Source(int) and Expression",
        {"source": "key", "expression": "50"},
        {"key": 50},
        "",
        0,
        True,
    ),
    (
        "Regex Matched Source(string) and Expression",
        {"source": "key", "expression": "50"},
        {"key": "50"},
        "",
        0,
        True,
    ),
    (
        "Regex Matched Source and Expression with multiple sources",
        {"source": ["key1", "key2"], "expression": "val\\d{1};val\\d{3}$"},
        {"key1": "val1", "key2": "val200"},
        "",
        0,
        True,
    ),
    (
        "Regex Matched Source and Expression with multiple sources and custom separator",
        {"source": ["key1", "key2"], "separator": "#", "expression": "val\\d{1}#val\\d{3}$"},
        {"key1": "val1", "key2": "val200"},
        "",
        0,
        True,
    ),
    (
        "Regex Did not match Source and Expression",
        {"source": "key", "expression": ".*val.*"},
        {"key": "pal1"},
        "",
        0,
        False,
    ),
    (
        "Regex Did not match Source and Expression with multiple sources",
        {"source": ["key1", "key2"], "expression": "match\\d+;match\\d+"},
        {"key1": "match1", "key2": "notmatch2"},
        "",
        0,
        False,
    ),
    (
        "Regex Did not match Source and Expression with multiple sources and custom separator",
        {"source": ["key1", "key2"], "separator": "#", "expression": "match\\d;match\\d"},
        {"key1": "match1", "key2": "match2"},
        "",
        0,
        False,
    ),
    (
        "Regex No Matching Source",
        {"source": "key", "expression": ".*val.*"},
        {"pokey": "pal1"},
        "",
        0,
        False,
    ),
    (
        "Regex Did Not Match Line",
        {"expression": ".*val.*"},
        {},
        "this is a line which does not match the regex",
        0,
        False,
    ),
    (
        "Regex Matched Line",
        {"expression": ".*val.*"},
        {},
        "this is a line with the word value in it",
        0,
        True,
    ),
    (
        "Match Source and Length Both Match",
        {"source": "key", "longer_than": "10b"},
        {"key": "pal1"},
        "12345678901",
        0,
        True,
    ),
    (
        "Match Source and Length Only First Matches",
        {"source": "key", "longer_than": "10b"},
        {"key": "pal1"},
        "123456789",
        0,
        False,
    ),
    (
        "Match Source and Length Only Second Matches",
        {"source": "key", "longer_than": "10b"},
        {"WOOOOOOOOOOOOOO": "pal1"},
        "123456789012",
        0,
        False,
    ),
    (
        "Everything Must Match",
        {"source": "key", "expression": ".*val.*", "older_than": "1h", "longer_than": "10b"},
        {"key": "must contain value to match"},
        "12345678901",
        NOW_NS - 2 * 3600 * S,
        True,
    ),
]


@pytest.mark.parametrize(
    ("config", "extracted", "line", "ts", "dropped"),
    [pytest.param(*row[1:], id=row[0]) for row in DROP_TABLE],
)
def test_drop_stage(
    config: dict[str, Any], extracted: dict[str, Any], line: str, ts: int, dropped: bool
) -> None:
    ctx = BuildContext()
    out = run(stage("drop", config, ctx), entry(line, extracted=extracted, ts=ts))
    assert len(out) == (0 if dropped else 1)
    assert ctx.dropped == ({"drop_stage": 1} if dropped else {})


def test_drop_pipeline() -> None:
    # drop_test.go TestDropPipeline: the first line mentions app1 and is dropped.
    config = """
pipeline_stages:
- json:
    expressions:
      app:
      msg:
- drop:
    source:
      - src
    expression: ".*test.*"
    older_than: 24h
    longer_than: 8kb
- drop:
    expression: ".*app1.*"
- drop:
    source:
      - app
    expression: loki
- drop:
    longer_than: 10000
"""
    app1 = '{"time":"2012-11-01T22:08:41+00:00","app":"loki","msg":"app1 log line"}'
    app2 = '{"time":"2012-11-01T22:08:41+00:00","app":"poki","msg":"app2 log line"}'
    p = pipeline(config)
    out = run(p, entry(app1), entry(app2))
    assert [e.line for e in out] == [app2]
    assert p.dropped == {"drop_stage": 1}


# drop_test.go Test_validateDropConfig
@pytest.mark.parametrize(
    ("config", "message"),
    [
        (
            {},
            "drop stage config must contain at least one of `source`, `expression`, `older_than` or `longer_than`",
        ),
        (
            {"older_than": "10y"},
            'drop stage invalid duration, 10y cannot be converted to a duration: time: unknown unit "y" in duration "10y"',
        ),
        (
            {"expression": "(?P<ts[0-9]+).*"},
            "drop stage regex compilation error: error parsing regexp: invalid named capture: `(?P<ts[0-9]+).*`",
        ),
        (
            {"longer_than": "23QB"},
            'drop stage failed to parse longer_than to bytes: strconv.UnmarshalText: parsing "23QB": invalid syntax',
        ),
        ({"source": 1}, "drop stage source invalid type should be string or list of strings"),
        (
            {"value": "x"},
            "drop stage config must contain at least one of `source`, `expression`, `older_than` or `longer_than`",
        ),
        (
            {"expression": "x", "value": "x"},
            "drop stage config must contain `source` if `value` is specified",
        ),
        (
            {"source": "s", "expression": "x", "value": "x"},
            "drop stage config error, `value` and `expression` cannot both be defined at the same time.",
        ),
    ],
)
def test_validate_drop_config(config: dict[str, Any], message: str) -> None:
    with pytest.raises(AgentConfigError) as caught:
        pipeline([{"drop": config}])
    assert caught.value.detail == f"invalid drop stage config: {message}"


def test_custom_drop_counter_reason() -> None:
    # drop.go: drop_counter_reason names the logentry_dropped_lines_total reason.
    p = pipeline([{"drop": {"expression": "debug", "drop_counter_reason": "too_chatty"}}])
    assert run(p, entry("a debug line")) == [] and p.dropped == {"too_chatty": 1}


def test_longer_than_counts_bytes() -> None:
    # drop.go: len(e.Line) is a byte count; "é" is two bytes.
    assert run(stage("drop", {"longer_than": 9}), entry("é" * 5)) == []


@pytest.mark.parametrize(("size", "kept"), [("8kb", 8192), ("1MB", 1 << 20), ("10000", 10000)])
def test_longer_than_units(size: str, kept: int) -> None:
    # flagext.ByteSize.Set: datasize units, case-insensitive (the text is upper-cased first).
    drop = stage("drop", {"longer_than": size})
    assert (len(run(drop, entry("x" * kept))), len(run(drop, entry("x" * (kept + 1))))) == (1, 0)
