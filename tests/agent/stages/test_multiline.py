"""The multiline stage: upstream multiline_test.go, and multiline.go's timer read by hand."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sim.agent.stages import Entry
from sim.errors import AgentConfigError

from .conftest import entry, pipeline, run, stage

START = {"firstline": "^START", "max_wait_time": "3s"}


def test_process() -> None:
    # multiline_test.go Test_multilineStage_Process
    lines = [
        "not a start line before 1",
        "not a start line before 2",
        "START line 1",
        "not a start line",
        "START line 2",
        "START line 3",
    ]
    out = run(stage("multiline", START), *(entry(line, {"value": "label"}) for line in lines))
    assert [e.line for e in out] == [
        "not a start line before 1",
        "not a start line before 2",
        "START line 1\nnot a start line",
        "START line 2",
        "START line 3",
    ]


def test_multi_streams() -> None:
    # multiline_test.go Test_multilineStage_MultiStreams (sorted by the first line's time)
    inputs = [
        ("START line 1", "one"),
        ("not a start line 1", "one"),
        ("START line 1", "two"),
        ("not a start line 2", "one"),
        ("START line 2", "two"),
        ("START line 2", "one"),
        ("not a start line 1", "one"),
    ]
    entries = [entry(line, {"value": v}, ts=i) for i, (line, v) in enumerate(inputs)]
    out = sorted(run(stage("multiline", START), *entries), key=lambda e: e.timestamp_ns)
    assert [(e.line, e.labels["value"]) for e in out] == [
        ("START line 1\nnot a start line 1\nnot a start line 2", "one"),
        ("START line 1", "two"),
        ("START line 2", "two"),
        ("START line 2\nnot a start line 1", "one"),
    ]


def test_max_wait_time() -> None:
    # multiline_test.go Test_multilineStage_MaxWaitTime, on a fake clock: the block is flushed
    # after 2s of silence; the late line starts a block of its own, flushed at close.
    multiline = stage("multiline", {"firstline": "^START", "max_wait_time": "2s"})
    assert multiline.process(entry("START line", {"value": "label"}), 100.0) == []
    assert [e.line for e in multiline.tick(102.0)] == ["START line"]
    late = entry("not a start line hitting timeout", {"value": "label"})
    assert multiline.process(late, 104.0) == []
    assert [e.line for e in multiline.flush()] == ["not a start line hitting timeout"]


def test_timer_restarts_on_every_line() -> None:
    # multiline.go runMultiline: time.After(maxWait) is created anew on each loop iteration.
    multiline = stage("multiline", START)
    multiline.process(entry("START a"), 0.0)
    multiline.process(entry("b"), 2.5)
    assert multiline.tick(4.0) == []
    assert [e.line for e in multiline.tick(5.5)] == ["START a\nb"]


def test_expired_block_is_flushed_before_the_next_line() -> None:
    # The timer fires before a line that arrives after the deadline is read.
    multiline = stage("multiline", START)
    multiline.process(entry("START a"), 0.0)
    out = multiline.process(entry("late"), 10.0)
    assert [e.line for e in out] == ["START a"]


def test_max_lines_and_reused_first_entry() -> None:
    # multiline.go: at max_lines the block is flushed; following lines form a block that
    # still carries the first line's timestamp, labels and extracted map.
    multiline = stage("multiline", {"firstline": "^START", "max_lines": 2})
    first = entry("START a", {"app": "x"}, {"k": "v"}, ts=7)
    out = run(multiline, first, entry("b", {"app": "x"}, ts=8), entry("c", {"app": "x"}, ts=9))
    assert [(e.line, e.timestamp_ns, e.extracted) for e in out] == [
        ("START a\nb", 7, {"k": "v"}),
        ("c", 7, {"k": "v"}),
    ]


def test_default_max_lines_is_128() -> None:
    multiline = stage("multiline", {"firstline": "^START"})
    out = run(multiline, entry("START"), *(entry(str(i)) for i in range(130)))
    assert [e.line.count("\n") + 1 for e in out] == [128, 3]


def test_empty_lines_add_no_separator_to_an_empty_buffer() -> None:
    # multiline.go: "\n" is written only when the buffer is not empty.
    multiline = stage("multiline", {"firstline": "^$|^S"})
    out = run(multiline, entry(""), entry("x"))
    assert [e.line for e in out] == ["x"]


@pytest.mark.parametrize(
    ("config", "message"),
    [
        (None, "multiline stage config must define `firstline` regular expression"),
        (
            {"firstline": "(["},
            "multiline stage first line regex compilation error: "
            "error parsing regexp: missing closing ]: `[`",
        ),
        (
            {"firstline": "^S", "max_wait_time": "3"},
            'multiline stage `max_wait_time` parse error: time: missing unit in duration "3"',
        ),
        (
            {"firstline": "^S", "max_lines": "many"},
            "1 error(s) decoding:\n\n* cannot parse 'max_lines' as uint: "
            'strconv.ParseUint: parsing "many": invalid syntax',
        ),
    ],
)
def test_config_errors(config: Any, message: str) -> None:
    with pytest.raises(AgentConfigError) as caught:
        pipeline([{"multiline": config}])
    assert caught.value.detail == f"invalid multiline stage config: {message}"


def test_flushed_block_has_no_structured_metadata() -> None:
    # multiline.go flush builds a new api.Entry from labels, timestamp and line only.
    first = entry("START a")
    first.structured_metadata.append(("k", "v"))
    assert run(stage("multiline", START), first)[0].structured_metadata == []


_CALLS = st.lists(
    st.tuples(
        st.lists(
            st.tuples(st.sampled_from(["START a", "cont", "", "START b"]), st.sampled_from("xy")),
            max_size=6,
        ),
        st.sampled_from([0.0, 0.5, 4.0, 9.0]),  # how far the clock moves before the call
        st.booleans(),  # tick before the call
    ),
    max_size=6,
)


def _shape(entries: list[Entry]) -> list[tuple[Any, ...]]:
    return [
        (list(e.labels.items()), list(e.extracted.items()), e.timestamp_ns, e.line) for e in entries
    ]


def _touch(entries: list[Entry]) -> None:
    """What a later stage may do to an entry; an entry that shared its maps would show it."""
    for e in entries:
        e.labels["seen"] = e.extracted["seen"] = "yes"


@settings(max_examples=200, deadline=None)
@given(_CALLS, st.sampled_from(["3s", "0s", "1ns"]), st.sampled_from([0, 2, 128]))
def test_process_batch_equals_process(
    calls: list[tuple[list[tuple[str, str]], float, bool]], wait: str, max_lines: int
) -> None:
    # lokisim: process_batch (timers checked once per batch when they can only run out then,
    # the replaced first entry handed on instead of copied) against process() on each entry
    # with multiline.go's flush, which copies the first entry's maps.
    config: dict[str, Any] = {"firstline": "^START", "max_wait_time": wait}
    if max_lines:
        config["max_lines"] = max_lines
    one, batched = stage("multiline", config), stage("multiline", config)
    one._hand_over = one._flush  # type: ignore[attr-defined]  # multiline.go's flush: copies
    now, serial = 1000.0, 0
    for lines, step, tick in calls:
        now += step
        if tick:
            expected, got = one.tick(now), batched.tick(now)
            assert _shape(got) == _shape(expected)
            _touch(expected)
            _touch(got)
        entries = []
        for line, value in lines:
            serial += 1
            entries.append((line, {"v": value}, {"n": serial}, serial))
        expected = [out for args in entries for out in one.process(entry(*args), now)]
        got = batched.process_batch([entry(*args) for args in entries], now)
        assert _shape(got) == _shape(expected)
        _touch(expected)
        _touch(got)
    assert _shape(batched.flush()) == _shape(one.flush())
