"""The cri stage's one-pass parse: lines built straight into entries equal the general path."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from sim.agent.stages import BuildContext, Entry
from sim.agent.stages.cri import CriStage, new_cri_stage
from sim.agent.stages.cri_parse import CriParse

_TIMES = [
    "2024-05-01T10:00:00.123456789Z",
    "2024-05-01T10:00:00.5Z",
    "2024-05-01T10:00:01.000000001Z",
    "2024-05-01T10:00:01Z",
    "2024-05-01T12:00:01.25+02:00",
    "2024-05-01T10:00:01.1234567891Z",
    "2024-02-30T10:00:00.1Z",  # no such day: the timestamp stage fails, fudge applies
    "２０２４-05-01T10:00:00.1Z",  # non-ASCII digits: Go's time.Parse refuses them
    "garbage",
]
_LINES = st.tuples(
    st.sampled_from(_TIMES),
    st.sampled_from(["stdout", "stderr", "stdin"]),
    st.sampled_from(["F", "P", "X", ""]),
    st.sampled_from(["hello", "", " two  spaces", "tab\there", "é\udcff"]),
).map(lambda parts: " ".join(parts))
_MAPS = st.dictionaries(
    st.sampled_from(["job", "stream", "tags", "content", "time", "a"]),
    st.sampled_from(["x", "stdout", "F"]),
    max_size=3,
)


def _shape(entries: list[Entry]) -> list[tuple[Any, ...]]:
    """Everything an entry holds, dict order included."""
    return [
        (list(e.labels.items()), list(e.extracted.items()), e.timestamp_ns, e.line) for e in entries
    ]


def _fresh(lines: list[str], labels: dict[str, str], extracted: dict[str, Any]) -> list[Entry]:
    return [Entry(labels.copy(), extracted.copy(), 7, line) for line in lines]


@settings(max_examples=200, deadline=None)
@given(st.lists(_LINES, max_size=12), _MAPS, _MAPS, st.lists(_LINES, max_size=4))
def test_entries_from_lines_equal_apply_all(
    lines: list[str], labels: dict[str, str], extracted: dict[str, Any], after: list[str]
) -> None:
    # lokisim: CriParse.apply_all on entries built from the lines is the reference; lines
    # parsed afterwards (fudged times) show the fudge memory ended the same.
    general, direct = CriParse(), CriParse()
    expected = _fresh(lines, labels, extracted)
    general.apply_all(expected, 0.0)
    got = direct.entries_from_lines(lines, labels, extracted, 7, 0.0)
    assert _shape(got) == _shape(expected)
    later, later_direct = _fresh(after, labels, {}), _fresh(after, labels, {})
    general.apply_all(later, 0.0)
    direct.apply_all(later_direct, 0.0)
    assert _shape(later_direct) == _shape(later)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(_LINES, st.sampled_from(["a", "b"])), max_size=15))
def test_process_lines_equals_process_batch(batches: list[tuple[str, str]]) -> None:
    # Partial lines held across calls, per label set, with a small max_partial_lines.
    by_lines = CriStage(BuildContext(), 2, 0, False)
    by_batch = CriStage(BuildContext(), 2, 0, False)
    for line, job in batches:
        got = by_lines.process_lines([line, line], {"job": job}, {"job": job}, 7, 0.0)
        want = by_batch.process_batch(_fresh([line, line], {"job": job}, {"job": job}), 0.0)
        assert _shape(got) == _shape(want)


def test_lines_of_one_second_share_its_parse() -> None:
    # The second of "…:00.5Z" is reused for "…:00.25Z"; a new second is parsed again.
    cri = new_cri_stage({}, BuildContext())
    lines = [
        "2024-05-01T10:00:00.5Z stdout F a",
        "2024-05-01T10:00:00.25Z stdout F b",
        "2024-05-01T10:00:01.000000001Z stderr F c",
    ]
    out = cri.process_lines(lines, {"job": "x"}, {"job": "x"}, 0, 0.0)
    assert [(e.timestamp_ns, e.labels["stream"], e.line) for e in out] == [
        (1714557600_500_000_000, "stdout", "a"),
        (1714557600_250_000_000, "stdout", "b"),
        (1714557601_000_000_001, "stderr", "c"),
    ]
