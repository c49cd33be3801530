"""The timestamp stage: tables ported from upstream timestamp_test.go."""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sim.agent.stages.gotime import load_location
from sim.agent.stages.timeformats import make_parser
from sim.agent.stages.timestamp import _LastKnown
from sim.errors import AgentConfigError

from .conftest import NOW, entry, pipeline, run, stage

S = 1_000_000_000


def ns(text: str) -> int:
    """time.Parse(time.RFC3339Nano, text).UnixNano()."""
    return make_parser("RFC3339Nano", load_location("UTC"))(text, NOW)


def test_timestamp_pipeline() -> None:
    # timestamp_test.go TestTimestampPipeline: 2012-11-01T22:08:41-04:00.
    config = [
        {"json": {"expressions": {"ts": "time"}}},
        {"timestamp": {"source": "ts", "format": "RFC3339"}},
    ]
    out = run(pipeline(config), entry('{"time":"2012-11-01T22:08:41-04:00","app":"loki"}'))
    assert out[0].timestamp_ns == 1351822121 * S


# timestamp_test.go TestTimestampValidation (errors)
@pytest.mark.parametrize(
    ("config", "message"),
    [
        (None, "timestamp source value is required if timestamp is specified"),
        ({"source": "source1"}, "timestamp format is required"),
        (
            {"source": "source1", "format": "2006-01-02", "location": "America/Canada"},
            "invalid location specified: unknown time zone America/Canada",
        ),
        (
            {"source": "source1", "format": "RFC3339", "action_on_failure": "foo"},
            "invalid action on failure (supported values are [skip fudge])",
        ),
    ],
)
def test_timestamp_validation_errors(config: Any, message: str) -> None:
    with pytest.raises(AgentConfigError) as caught:
        pipeline([{"timestamp": config}])
    assert caught.value.detail == f"invalid timestamp stage config: {message}"


# timestamp_test.go TestTimestampValidation (parsing) and TestTimestampStage_Process
@pytest.mark.parametrize(
    ("config", "value", "expected_ns"),
    [
        ({"format": "RFC3339"}, "2012-11-01T22:08:41-04:00", 1351822121 * S),
        ({"format": "2006-01-02"}, "2009-01-01", 1230768000 * S),
        # Now is 2019-07-15, so the year is 2019.
        ({"format": "Jan 02 15:04:05"}, "Jul 15 01:02:03", 1563152523 * S),
        (
            {"format": "2006-01-02 15:04:05", "location": "America/New_York"},
            "2009-07-01 03:30:20",
            1246433420 * S,
        ),
        ({"format": "UnixMs"}, "1562708916919", 1562708916919 * 1_000_000),
        (
            {
                "format": "UnixMs",
                "fallback_formats": ["2006-01-02 03:04:05.000000000 +0000 UTC", "RFC3339"],
            },
            "2012-11-01T22:08:41-04:00",
            1351822121 * S,
        ),
        ({"format": "RFC3339"}, "2106-01-02T23:04:05-04:00", 4291931045 * S),
        ({"format": "Unix"}, "1562708916", 1562708916 * S),
        ({"format": "Unix"}, "1562708916.414123", 1562708916414123000),
        ({"format": "Unix"}, "1562708916.000000123", 1562708916000000123),
        ({"format": "UnixMs"}, "1562708916414", 1562708916414000000),
        ({"format": "UnixUs"}, "1562708916414123", 1562708916414123000),
        ({"format": "UnixNs"}, "1562708916000000123", 1562708916000000123),
        (
            {"format": "2006-01-02 15:04:05", "location": "America/New_York"},
            "2019-07-22 20:29:32",
            1563841772 * S,
        ),
    ],
)
def test_timestamp_parsing(config: dict[str, Any], value: str, expected_ns: int) -> None:
    ts_stage = stage("timestamp", {"source": "ts", **config})
    out = run(ts_stage, entry("hello world", extracted={"ts": value, "somethigelse": "x"}))
    assert out[0].timestamp_ns == expected_ns


FUDGE = {"source": "time", "format": "RFC3339Nano", "action_on_failure": "fudge"}
SKIP = {"source": "time", "format": "RFC3339Nano", "action_on_failure": "skip"}
T4 = "2019-10-01T01:02:03.400000000Z"
T8 = "2019-10-01T01:02:03.800000000Z"


# timestamp_test.go TestTimestampStage_ProcessActionOnFailure
@pytest.mark.parametrize(
    ("config", "inputs", "expected"),
    [
        pytest.param(
            FUDGE,
            [({}, {"time": T4}), ({}, {"time": "2019-10-01T01:02:03.500000000Z"})],
            [ns(T4), ns("2019-10-01T01:02:03.500000000Z")],
            id="keep parsed on success",
        ),
        pytest.param(
            FUDGE,
            [({}, {"time": T4}), ({}, {}), ({}, {})],
            [ns(T4), ns(T4) + 1, ns(T4) + 2],
            id="fudge from last known",
        ),
        pytest.param(
            FUDGE,
            [
                ({"filename": "/1.log"}, {"time": T4}),
                ({"filename": "/2.log"}, {"time": T8}),
                ({"filename": "/1.log"}, {}),
                ({"filename": "/2.log"}, {}),
                ({"filename": "/1.log"}, {}),
            ],
            [ns(T4), ns(T8), ns(T4) + 1, ns(T8) + 1, ns(T4) + 2],
            id="fudge per file target",
        ),
        pytest.param(
            FUDGE,
            [({"filename": "/1.log"}, {"time": T4}), ({"filename": "/2.log"}, {})],
            [ns(T4), S],
            id="keep input when nothing known",
        ),
        pytest.param(SKIP, [({}, {"time": T4}), ({}, {})], [ns(T4), S], id="skip keeps input"),
        pytest.param(
            FUDGE,
            [
                ({"app": "m", "uniq0": "1", "uniq1": "1"}, {"time": T4}),
                ({"app": "l", "uniq0": "0", "uniq1": "1"}, {"time": T8}),
                ({"app": "m", "uniq0": "1", "uniq1": "1"}, {}),
                ({"app": "l", "uniq0": "0", "uniq1": "1"}, {}),
                ({"app": "m", "uniq0": "1", "uniq1": "1"}, {}),
                ({"app": "l", "uniq0": "0", "uniq1": "1"}, {}),
            ],
            [ns(T4), ns(T8), ns(T4) + 1, ns(T8) + 1, ns(T4) + 2, ns(T8) + 2],
            id="colliding fingerprints stay independent",
        ),
    ],
)
def test_action_on_failure(
    config: dict[str, str], inputs: list[tuple[dict[str, str], dict[str, Any]]], expected: list[int]
) -> None:
    ts_stage = stage("timestamp", config)
    got = [
        run(ts_stage, entry("", labels, extracted, ts=S))[0].timestamp_ns
        for labels, extracted in inputs
    ]
    assert got == expected


def test_number_source_is_formatted_then_parsed() -> None:
    # timestamp.go: getString(float64) before parsing; a JSON number works with Unix.
    out = run(
        stage("timestamp", {"source": "ts", "format": "Unix"}),
        entry(extracted={"ts": 1562708916.0}),
    )
    assert out[0].timestamp_ns == 1562708916 * S


@settings(max_examples=300, deadline=None)
@given(
    st.integers(1, 4),
    st.lists(st.tuples(st.booleans(), st.sampled_from("abcde"), st.integers(0, 9)), max_size=40),
)
def test_fudge_memory_is_an_lru(size: int, steps: list[tuple[bool, str, int]]) -> None:
    # hashicorp/golang-lru (timestamp.go's lastKnownTimestamps): Get and Add refresh, the
    # least recent goes; lokisim's shortcut for re-adding the newest key must not show.
    memory = _LastKnown(size)
    model: OrderedDict[frozenset[tuple[str, str]], int] = OrderedDict()
    keys = {name: frozenset({("k", name)}) for name in "abcde"}
    for is_add, name, value in steps:
        key = keys[name] if value % 2 else frozenset({("k", name)})  # same or equal object
        if is_add:
            memory.add(key, value)
            model.pop(key, None)
            model[key] = value
            if len(model) > size:
                model.popitem(last=False)
        else:
            assert memory.get(key) == model.get(key)
            if key in model:
                model.move_to_end(key)
        assert list(memory._items.items()) == list(model.items())
