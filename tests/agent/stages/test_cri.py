"""The cri stage: upstream extensions_test.go (TestNewCri, TestCRI_tags) and its regex."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sim.agent.stages import BuildContext
from sim.agent.stages.cri import CriLineSplitter
from sim.agent.stages.goregexp import GoRegexp
from sim.errors import AgentConfigError

from .conftest import entry, pipeline, run, stage

CRI_REGEX = "^(?s)(?P<time>\\S+?) (?P<stream>stdout|stderr) (?P<flags>\\S+?) (?P<content>.*)$"
CRI_TIME = 1546304400_000_000_001  # 2019-01-01T01:00:00.000000001Z
NOW_TS = 1_700_000_000_000_000_000


# extensions_test.go TestNewCri
@pytest.mark.parametrize(
    ("line", "expected_line", "expected_ts", "expected_labels"),
    [
        (
            "2019-01-01T01:00:00.000000001Z stderr F message",
            "message",
            CRI_TIME,
            {"stream": "stderr"},
        ),
        (
            "2019-01-01T01:00:00.000000001Z stderr F message\nmessage2",
            "message\nmessage2",
            CRI_TIME,
            {"stream": "stderr"},
        ),
        ("3242 stderr F message", "message", NOW_TS, {"stream": "stderr"}),
        ("i'm invalid!!!", "i'm invalid!!!", NOW_TS, {}),
    ],
    ids=["happy path", "multi line pass", "invalid timestamp", "invalid line"],
)
def test_new_cri(
    line: str, expected_line: str, expected_ts: int, expected_labels: dict[str, str]
) -> None:
    out = run(stage("cri", {}), entry(line, ts=NOW_TS))[0]
    assert (out.line, out.timestamp_ns, out.labels) == (expected_line, expected_ts, expected_labels)


def _tags_case(lines: list[tuple[str, dict[str, str]]], **config: Any) -> set[str]:
    cri = stage("cri", config)
    got: list[str] = []
    for line, labels in lines:
        got.extend(e.line for e in cri.process(entry(line, labels), 0.0))
    return set(got)


T1 = "2019-05-07T18:57:50.904275087+00:00"
T2 = "2019-05-07T18:57:55.904275087+00:00"
BAR, BAR2 = {"foo": "bar"}, {"foo": "bar2"}


# extensions_test.go TestCRI_tags (compared as sets, as upstream does)
@pytest.mark.parametrize(
    ("lines", "config", "expected"),
    [
        pytest.param(
            [(f"{T1} stdout F some full line", BAR), (f"{T2} stdout F log", BAR)],
            {},
            {"some full line", "log"},
            id="tag F",
        ),
        pytest.param(
            [
                (f"{T1} stdout P partial line 1 ", BAR),
                (f"{T1} stdout P partial line 2 ", BAR2),
                (f"{T2} stdout F log finished", BAR),
                (f"{T2} stdout F another full log", BAR2),
            ],
            {},
            {"partial line 1 log finished", "partial line 2 another full log"},
            id="tag P multi-stream",
        ),
        pytest.param(
            [
                (f"{T1} stdout P partial line 1 ", {"label1": "val1", "label2": "val2"}),
                (f"{T1} stdout P partial line 2 ", {"label1": "val1"}),
                (f"{T1} stdout P partial line 3 ", {"label1": "val1", "label2": "val2"}),
                (f"{T1} stdout P partial line 4 ", {"label1": "val3"}),
                (f"{T1} stdout P partial line 5 ", {"label1": "val4"}),
                (f"{T2} stdout F log finished", {"label1": "val1", "label2": "val2"}),
                (f"{T2} stdout F another full log", {"label1": "val3"}),
                (f"{T2} stdout F yet an another full log", {"label1": "val4"}),
            ],
            {"max_partial_lines": 3},
            {
                "partial line 1 partial line 3 ",
                "partial line 2 ",
                "partial line 4 ",
                "log finished",
                "another full log",
                "partial line 5 yet an another full log",
            },
            id="tag P multi-stream with maxPartialLines exceeded",
        ),
        pytest.param(
            [
                (f"{T1} stdout P partial line 1 ", BAR),
                (f"{T1} stdout P partial line 2 ", BAR),
                (f"{T1} stdout P partial line 3 ", BAR),
                (f"{T1} stdout P partial line 4 ", BAR),
                (f"{T2} stdout F log finished", BAR),
                (f"{T2} stdout F another full log", BAR),
            ],
            {"max_partial_lines": 3},
            {
                "partial line 1 partial line 2 partial line 3 partial line 4 log finished",
                "another full log",
            },
            id="tag P single stream",
        ),
        pytest.param(
            [
                (f"{T1} stdout P partial line 1 ", BAR),
                (f"{T1} stdout P partial", BAR2),
                (f"{T2} stdout F log finished", BAR),
                (f"{T2} stdout F full", BAR2),
            ],
            {"max_partial_line_size_truncate": True, "max_partial_line_size": 11},
            {"partial lin", "partialfull"},
            id="tag P multi-stream with truncation",
        ),
    ],
)
def test_cri_tags(
    lines: list[tuple[str, dict[str, str]]], config: dict[str, Any], expected: set[str]
) -> None:
    assert _tags_case(lines, **config) == expected


def test_partial_lines_still_held_at_end_are_lost() -> None:
    # extensions.go: Run returns when input closes without emitting c.partialLines.
    ctx = BuildContext()
    out = run(stage("cri", {}, ctx), entry(f"{T1} stdout P never finished", BAR))
    assert out == [] and ctx.silently_dropped == {"cri_partial_lines_at_shutdown": 1}


def test_truncation_counts_bytes() -> None:
    # extensions.go ensureTruncateIfRequired: len(e.Line) is bytes; the cut may split a rune.
    cri = stage("cri", {"max_partial_line_size_truncate": True, "max_partial_line_size": 3})
    out = cri.process(entry(f"{T1} stdout P é"), 0.0) + cri.process(entry(f"{T2} stdout F é"), 0.0)
    assert out[0].line.encode("utf-8", "surrogateescape") == "éé".encode()[:3]


@pytest.mark.parametrize(
    ("config", "message"),
    [
        (
            {"max_partial_line_size": "256kb"},
            "1 error(s) decoding:\n\n* cannot parse 'max_partial_line_size' as uint: "
            'strconv.ParseUint: parsing "256kb": invalid syntax',
        ),
        ("x", "'' expected a map, got 'string'"),
    ],
)
def test_cri_config_errors(config: Any, message: str) -> None:
    # CriConfig is WeakDecoded without hooks: ByteSize is a plain uint64 to mapstructure.
    with pytest.raises(AgentConfigError) as caught:
        pipeline([{"cri": config}])
    assert caught.value.detail == f"invalid cri stage config: {message}"


def test_weak_decoding_of_numbers_in_strings() -> None:
    # mapstructure WeakDecode: "2" is an int, "true" a bool, "3" a uint64.
    cri = stage(
        "cri",
        {
            "max_partial_lines": "2",
            "max_partial_line_size_truncate": "true",
            "max_partial_line_size": "3",
        },
    )
    held = [cri.process(entry(f"{T1} stdout P abcd", {"n": str(i)}), 0.0) for i in range(3)]
    # The third label set finds two held already and releases them, each cut to 3 bytes.
    assert [[e.line for e in out] for out in held] == [[], [], ["abc", "abc"]]


_RE2 = GoRegexp(CRI_REGEX)
_SPLIT = CriLineSplitter()


@pytest.mark.parametrize(
    "line",
    [
        "t stdout F x",
        "t  stdout F x",
        "t\tstdout F x",
        "t stdout F\tx",
        "t stdout FF x y",
        " stdout F x",
        "t stdout  x",
        "t stdout F ",
        "t stdout F",
        "t stderr P a\nb",
        "t\u00a0u stdout F x",
        "t stdout F\u000bG x",
    ],
)
def test_splitter_agrees_with_regex_examples(line: str) -> None:
    # extensions.go NewCRI's regex, evaluated by RE2, is the reference.
    assert _SPLIT.find_submatch(line) == _RE2.find_submatch(line)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["t", "1", " ", "\t", "\n", "\r", "\f", "\v", "stdout", "stderr", "F", "P", "é"]
        ),
        max_size=12,
    ).map("".join)
)
def test_splitter_agrees_with_regex(line: str) -> None:
    assert _SPLIT.find_submatch(line) == _RE2.find_submatch(line)
