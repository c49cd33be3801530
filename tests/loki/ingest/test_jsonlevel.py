"""The JSON level walk (sim/loki/ingest/jsonlevel.py): getLevelUsingJSONParser in
pkg/distributor/field_detection.go (v3.6.0) over buger/jsonparser v1.1.1's ObjectEach and
Get (parser.go) and Unescape (escape.go). Each row says which part of those files decides."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sim.loki.ingest import jsonlevel
from sim.loki.ingest.jsonlevel import json_level_value

ALLOWED = frozenset({b"level", b"severity", b"lvl"})

ROWS = [
    # field_detection_test.go TestGetLevelUsingJsonParser (values as jsonparser returns them)
    (b'{"level": "error"}', 0, b"error"),
    (b'{"a": {"b": {"c": {"level": "warn"}}}}', 0, b"warn"),
    (b'{"severity": "error", "level": "info"}', 0, b"error"),
    (b'{"arr": [{"level": "debug"}], "level": "info"}', 0, b"info"),  # arrays are skipped
    (b'{"level": 123, "severity": "warn"}', 0, b"warn"),  # only a String value counts
    (b'{"foo": "bar"', 0, None),
    (b'{"a": {"level": "debug"}, "level": "info"}', 1, b"info"),  # depth >= max: skipped
    # ObjectEach: the callback's errKeyFound ends the walk; what follows is never read
    (b'{"level":"warn",}}}garbage', 0, b"warn"),
    (b'{"level":"warn","level":"debug"}', 0, b"warn"),
    # Get strips the quotes only: escapes stay as written
    (b'{"level":"inf\\u006f"}', 0, b"inf\\u006f"),
    (b'{"level":"a\\"b"}', 0, b'a\\"b'),  # stringEnd: an odd run of backslashes escapes
    (b'{"level":"a\\\\"}', 0, b"a\\\\"),  # an even run does not
    # keys with escapes are unescaped before the map lookup (Unescape)
    (b'{"lev\\u0065l":"error"}', 0, b"error"),
    (b'{"\\/level":"error","lvl":"x"}', 0, b"x"),  # `\/` is `/`: another key
    (b'{"le\\qvel":"error","lvl":"x"}', 0, None),  # a bad escape: MalformedStringEscapeError
    (b'{"\\ud83d\\ude00":"x","lvl":"warn"}', 0, b"warn"),  # a surrogate pair is one rune
    (b'{"\\ud83d":"x","lvl":"warn"}', 0, None),  # a lone high surrogate needs 6 more bytes
    (b'{"\\ud83dabde00":"x","lvl":"warn"}', 0, b"warn"),  # those 6 bytes need no `\\u`
    (b'{"\\ud83d\\u0041":"x","lvl":"warn"}', 0, None),  # a second half below DC00: refused
    # Get/getType: scalars by their first byte and tokenEnd
    (b'{"a":true,"b":null,"c":-1.5e3,"level":"x"}', 0, b"x"),
    (b'{"a":truex,"level":"x"}', 0, None),  # UnknownValueTypeError ends the walk
    (b'{"a":nul,"level":"x"}', 0, None),
    (b'{"a":+1,"level":"x"}', 0, None),  # `+` starts no value
    (b'{"a":01.2.3,"level":"x"}', 0, b"x"),  # numbers are not checked
    (b'{"a":"}]{","b":["]","{"],"c":{"d":"}"},"level":"x"}', 0, b"x"),  # blockEnd skips strings
    (b'{"a":[1,{"level":"inner"}],"level":"outer"}', 0, b"outer"),
    # nextToken skips only space, tab, CR and LF
    (b' \t\r\n{ "level" : "warn" }', 0, b"warn"),
    (b'\x0b{"level":"warn"}', 0, None),  # \v is no token space: MalformedObjectError
    (b'{\x00"level":"warn"}', 0, None),
    (b"{'level':'warn'}", 0, None),  # no single quotes in v1.1.1
    (b'{"a":1 "level":"x"}', 0, None),  # no comma: MalformedObjectError
    (b'{"a"=1,"level":"x"}', 0, None),  # no colon: MalformedJsonError
    (b'{"a":{"b":1,"level":"deep"}}', 2, b"deep"),  # depth 1 < 2
    (b'{"a":{"b":{"level":"deeper"}}}', 2, None),  # depth 2 is skipped, not an error
    (b'{"a":{"b":{"level":"deeper"}},"lvl":"top"}', 2, b"top"),
    (b'{"a":{"b" 1}, "level":"x"}', 0, None),  # a damaged nested object ends the outer walk
    (b'{"a":{"b":1,}, "level":"x"}', 0, b"x"),  # after a comma, `}` ends an object
    (b"{}", 0, None),
    (b'{"level":"\xff\xfe"}', 0, b"\xff\xfe"),  # bytes, not text: no UTF-8 check
    (b'{"Level":"warn"}', 0, None),  # keys match exactly (the map lookup)
]


@pytest.mark.parametrize(("line", "depth", "expected"), ROWS)
def test_rows(line: bytes, depth: int, expected: bytes | None) -> None:
    assert json_level_value(line, ALLOWED, depth) == expected


def _walk_only(line: bytes, depth: int) -> bytes | None:
    """The token-by-token walk alone, without the first-pair pattern."""
    try:
        return jsonlevel._object_each(line, 0, len(line), ALLOWED, depth, 0)
    except jsonlevel._Stop:
        return None


_pieces = st.sampled_from(
    [b"{", b"}", b"[", b"]", b'"', b"\\", b":", b",", b" ", b"\t", b"level", b"lvl", b"a",
     b'"level"', b'"x"', b"1", b"true", b"null", b"\\u0065", b"\xff", b"\x00", b"'"]
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(_pieces, max_size=14).map(b"".join), st.integers(0, 3))
def test_the_first_pair_pattern_agrees_with_the_walk(line: bytes, depth: int) -> None:
    # the pattern is a shortcut for the walk's first step; it may never answer otherwise
    assert json_level_value(line, ALLOWED, depth) == _walk_only(line, depth)
    prefixed = b'{"level":"w"' + line
    assert json_level_value(prefixed, ALLOWED, depth) == _walk_only(prefixed, depth)
