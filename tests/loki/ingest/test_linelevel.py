"""LineLevels (sim/loki/ingest/linelevel.py) answers exactly as levels._from_line does.

_from_line follows pkg/distributor/field_detection.go extractLogLevelFromLogLine (v3.6.0):
JSON fields, else the logfmt pairs (the first allowed field's pair ends the scan), else the
plain-text markers. The rows below are the logfmt and plain-text rows of
field_detection_test.go Test_detectLogLevelFromLogEntry, plus the first-pair cases the fast
path handles, each with what Loki's decoder does with it.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sim.loki.ingest.levels import DEFAULT_ALLOWED_FIELDS, _from_line
from sim.loki.ingest.linelevel import line_levels

FIELDS = ("level", "LEVEL", "Level", "severity", "SEVERITY", "Severity", "lvl", "LVL", "Lvl")

ROWS = [
    # field_detection_test.go Test_detectLogLevelFromLogEntry (logfmt and plain rows)
    (b"foo", "unknown"),
    (b"this is a warning log", "warn"),
    (b"[error] this is an error message", "error"),
    (b'foo=bar msg="message with info and not level should get picked up"', "info"),
    (
        b'foo=bar msg="message with keyword error but it should not get picked up" level=warn',
        "warn",
    ),
    (
        b'FOO=bar MSG="message with keyword error but it should not get picked up" LEVEL=inFO',
        "info",
    ),
    (b'foo=bar msg="message with keyword but it should not get picked up" level=NA', "unknown"),
    # the first pair keyed by the first field: logfmt Decoder.ScanKeyval stops there
    (b"level=info msg=x", "info"),
    (b"  LEVEL=Warning msg=x", "warn"),  # case-insensitive key, folded value
    (b'level="err" msg=x', "error"),  # quoted value
    (b'level="in\\u0066o" msg=x', "info"),  # an escape: unquoted as Go's strconv does
    (b"level=bogus msg=[ERROR]", "error"),  # no fold: the markers decide
    (b"level=info= msg", "info"),  # `=` right after a value: a syntax error, markers decide
    (b"level", "unknown"),  # a key alone: no `=`, and nothing in the markers
    (b'{"level":"debug","m":"level=info"}', "debug"),  # JSON is read as JSON
    (b'{"level":"debug"} level=info', "info"),  # not JSON (ends otherwise): `{` then `"`...
    (b"levelx=info lvl=debug", "debug"),  # not the first field's key: the full scan
]


@pytest.mark.parametrize(("line", "expected"), ROWS)
def test_rows(line: bytes, expected: str) -> None:
    finder = line_levels(FIELDS, 2)
    assert _from_line(line, FIELDS, 2) == expected
    assert finder.one(line) == expected
    assert finder.many([line] * 5) == [expected] * 5


def test_many_answers_each_line_of_a_mixed_push() -> None:
    lines = [line for line, _ in ROWS]
    assert line_levels(FIELDS, 2).many(lines) == [expected for _, expected in ROWS]


_pieces = st.sampled_from(
    [b"level=", b"LEVEL=", b"lvl=", b"msg=", b"=", b'"', b"\\", b" ", b"\t", b"\n", b"info",
     b"WARN", b"err:", b"[debug]", b"x", b"{", b"}", b"\xff", b"\\u0065"]
)  # fmt: skip
_lines = st.lists(_pieces, max_size=10).map(b"".join)


@given(
    lines=st.lists(st.one_of(_lines, _lines.map(lambda line: b"level=" + line)), max_size=12),
    fields=st.sampled_from([DEFAULT_ALLOWED_FIELDS, FIELDS, ("lvl", "level"), ("sev.x",)]),
)
@settings(max_examples=300, deadline=None)
def test_same_as_from_line(lines: list[bytes], fields: tuple[str, ...]) -> None:
    finder = line_levels(fields, 2)
    expected = [_from_line(line, fields, 2) for line in lines]
    assert finder.many(lines) == expected
    assert [finder.one(line) for line in lines] == expected
