"""LineLevels' ways through a push (sim/loki/ingest/linelevel.py) answer as levels._from_line
does (pkg/distributor/field_detection.go extractLogLevelFromLogLine, v3.6.0): logfmt lines
whose key's pair comes after other pairs, JSON objects walked as jsonparser walks them, and
logfmt lines holding no allowed field. The rows say what Loki's decoders do with each."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sim.loki.ingest.levels import DEFAULT_ALLOWED_FIELDS, _from_line
from sim.loki.ingest.linelevel import LineLevels

ROWS = [
    # logfmt: the decoder reads pairs until the first allowed field's key (logfmt/decode.go)
    (b"time=2023-11-14T22:13:20Z level=WARN msg=x", "warn"),
    (b'ts=1 msg="job done" level=info', "info"),
    (b"a=1 b c=2 LEVEL=error", "error"),  # a bare key is a pair with an empty value
    (b"a=1 level x=2 level=error", "unknown"),  # a bare `level` ends the scan, empty
    (b'a="x\\"y" level=error', "error"),  # an escape before the key: _from_line reads it
    (b'a="x"level=error', "error"),  # no space after a quoted value: still a pair
    (b"a=b=c level=error", "unknown"),  # `=` after a value: the scan stops before the key
    (b"levels=3 level=debug", "debug"),  # a longer key is another key
    (b"lvl=warn level=info", "info"),  # the first field wins over an earlier other field
    (b"lvl=warn x=1", "warn"),
    (b'msg="level=error" ok', "unknown"),  # inside a quoted value: no pair, no marker
    # JSON (field_detection.go getValueUsingJSONParser)
    (b'{"level":"error","msg":"x"}', "error"),
    (b'{"msg":"x","lvl":"warn"}', "warn"),
    (b'{"a":{"level":"debug"}}', "debug"),
    (b'{"level":5,"msg":"info"}', "info"),  # not a string: the markers decide
    (b'{"level":"info"', "info"),  # not JSON: `=`-less, the markers decide
    (b'{"level":"warn"} x', "unknown"),  # ends otherwise: the markers ("warn" is not one)
    # jsonparser v1.1.1 (parser.go ObjectEach) checks no UTF-8 and stops at the first match
    (b'{"a":"\xff","level":"error"}', "error"),
    (b'{"level":"warn","level":"debug"}', "warn"),  # the first of a repeated key
    (b'{"x":1} {"level":"warn"}', "unknown"),  # the first object ends the walk; no marker
    (b'{"level":"warn"} {"x":1}', "warn"),  # found before the extra data is reached
    (b' {"level":"warn"}', "warn"),  # nextToken skips the space
    (b'{\x00"level":"warn"}', "unknown"),  # NUL where a key must start: malformed, no marker
    # plain text (field_detection.go detectLevelFromLogLine)
    (b"GET /?page=2 200", "unknown"),  # `=` but no allowed field anywhere
    (b"GET /?page=2 [ERROR] boom", "error"),
]


@pytest.mark.parametrize(("line", "expected"), ROWS)
def test_rows(line: bytes, expected: str) -> None:
    finder = LineLevels(DEFAULT_ALLOWED_FIELDS, 2)
    assert _from_line(line, DEFAULT_ALLOWED_FIELDS, 2) == expected
    assert finder.many([line, line]) == [expected, expected]
    assert finder.many([b"level=info x", line]) == ["info", expected]


_pieces = st.sampled_from(
    [b"level=", b"LEVEL=", b"lvl=", b"msg=", b"a=1", b"=", b'"', b"\\", b" ", b"\t", b"info",
     b"WARN", b"err:", b"[debug]", b"x", b"{", b"}", b"\xff", b'"level":', b'"warn"', b",",
     b":", b"[", b"]", b"1", b"\x00", b"severity=", b"levels", b"\n", b"\x85", b"INFO",
     b"[ERR]", b"warning", b"CRITICAL:", b"debug"]
)  # fmt: skip
_lines = st.lists(_pieces, max_size=12).map(b"".join)
_shaped = st.one_of(
    _lines,
    _lines.map(lambda line: b"{" + line + b"}"),
    _lines.map(lambda line: b"t=1 " + line),
    _lines.map(lambda line: b"a=1 b=2 level=" + line),
)


@given(
    lines=st.lists(_shaped, max_size=12),
    fields=st.sampled_from([DEFAULT_ALLOWED_FIELDS, ("lvl", "level"), ("severity",)]),
    depth=st.sampled_from([0, 1, 2]),
)
@settings(max_examples=400, deadline=None)
def test_same_as_from_line(lines: list[bytes], fields: tuple[str, ...], depth: int) -> None:
    expected = [_from_line(line, fields, depth) for line in lines]
    finder = LineLevels(fields, depth)
    assert finder.many(lines) == expected
    assert finder.many(lines) == expected  # again, with what the first call memoised


@given(
    lines=st.lists(
        st.one_of(_lines, _lines.map(lambda line: b"{" + line + b"}"), _lines.map(b"t=1 ".__add__)),
        max_size=30,
    ),
    depth=st.sampled_from([0, 2]),
)
@settings(max_examples=400, deadline=None)
def test_pushes_whose_lines_never_start_with_the_key_as_from_line(
    lines: list[bytes], depth: int
) -> None:
    # the markers are searched in the joined push (LineLevels._others): same answers
    lines = [line for line in lines if not line.lstrip().lower().startswith(b"level")]
    expected = [_from_line(line, DEFAULT_ALLOWED_FIELDS, depth) for line in lines]
    finder = LineLevels(DEFAULT_ALLOWED_FIELDS, depth)
    assert finder.many(lines) == expected
    assert finder.many(lines) == expected  # again, with what the first call memoised


_objects = st.lists(
    st.sampled_from([b'"level":"warn"', b'"lvl":"info"', b'"a":1', b'"level":"x"', b"}", b"{",
                     b'"level":"in\\fo"', b",", b" ", b'"Level":"error"', b"\n"]),
    max_size=5,
).map(lambda parts: b"{" + b",".join(parts) + b"}")  # fmt: skip


@given(lines=st.lists(_objects, min_size=1, max_size=20))
@settings(max_examples=300, deadline=None)
def test_pushes_of_json_objects_as_from_line(lines: list[bytes]) -> None:
    # every line `{...}`: the first pairs are read in the joined push (LineLevels._json_objects)
    expected = [_from_line(line, DEFAULT_ALLOWED_FIELDS, 2) for line in lines]
    finder = LineLevels(DEFAULT_ALLOWED_FIELDS, 2)
    assert finder.many(lines) == expected
    assert finder.many(lines) == expected
