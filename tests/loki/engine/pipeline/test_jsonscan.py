"""sim/loki/engine/pipeline/jsonscan.py: grafana/jsonparser's lenient walk and its error texts
(vendored in grafana/loki v3.6.0: parser.go ObjectEach/getType, escape.go Unescape)."""

from __future__ import annotations

import pytest

from sim.loki.engine.pipeline import jsonscan as js


def _members(data: bytes):
    found = []
    try:
        js.object_each(data, lambda k, v, t: found.append((k, v, t)))
    except js.JSONScanError as err:
        return found, str(err)
    return found, None


@pytest.mark.parametrize(
    ("data", "members", "error"),
    [
        (b'{"a":"x","b":1}', [(b"a", b"x", js.STRING), (b"b", b"1", js.NUMBER)], None),
        (b'{"a":true,"b":null,"c":[1]}',
         [(b"a", b"true", js.BOOLEAN), (b"b", b"null", js.NULL), (b"c", b"[1]", js.ARRAY)], None),
        (b"{n}", [], js.MALFORMED_OBJECT),
        (b"not json", [], js.MALFORMED_OBJECT),
        (b'{"a":"x",', [(b"a", b"x", js.STRING)], js.MALFORMED_ARRAY),
        (b'{"a":tru}', [], js.UNKNOWN_VALUE_TYPE),
        (b'{"a":"x}', [], js.MALFORMED_STRING),
        (b'{"a":{"b":1}', [(b"a", b'{"b":1}', js.OBJECT)], js.MALFORMED_ARRAY),
        (b'{"a":"x",}', [(b"a", b"x", js.STRING)], None),  # a trailing comma is accepted
        (b'{"a":"x"} trailing', [(b"a", b"x", js.STRING)], None),
    ],
)  # fmt: skip
def test_object_each(data, members, error):
    assert _members(data) == (members, error)


@pytest.mark.parametrize(
    ("raw", "unescaped"),
    [
        (b"plain", b"plain"),
        (b'a\\"b\\\\c\\/d\\n', b'a"b\\c/d\n'),
        (b"\\u00e9", "é".encode()),
        (b"\\ud83d\\ude00", "😀".encode()),
        (b"\\ud800\\u0041", None),  # a high surrogate needs a low one
        (b"bad\\q", None),
    ],
)
def test_unescape(raw, unescaped):
    if unescaped is None:
        with pytest.raises(js.JSONScanError, match="invalid escape sequence"):
            js.unescape(raw)
    else:
        assert js.unescape(raw) == unescaped
