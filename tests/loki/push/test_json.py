"""JSON push bodies (pkg/loghttp/query.go LogProtoStream, pkg/loghttp/labels.go LabelSet)."""

from __future__ import annotations

import pytest

from sim.errors import UnsupportedFeature
from sim.loki.push.json import JSONPushError, decode_legacy, decode_v1
from sim.loki.push.model import GO_ZERO_TIME_NS, Entry, PushRequest, Stream

PREFIX = "loghttp.PushRequest.Streams: []loghttp.LogProtoStream: unmarshalerDecoder: "


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # pkg/loghttp/push/push_test.go TestParseRequest (the plain JSON case)
        (
            b'{"streams": [{ "stream": { "foo": "bar2" }, "values": [ [ "1570818238000000000", "fizzbuzz" ] ] }]}',
            PushRequest([Stream('{foo="bar2"}', [Entry(1570818238000000000, b"fizzbuzz")])]),
        ),
        # push_test.go: structured metadata as the third element, escapes decoded
        (
            b'{"streams": [{ "stream": { "foo": "bar2" }, "values": [ [ "1", "fizzbuzz", {"key": "multi\\nline\\nvalue"} ] ] }]}',
            PushRequest(
                [Stream('{foo="bar2"}', [Entry(1, b"fizzbuzz", (("key", "multi\nline\nvalue"),))])]
            ),
        ),
        # LabelSet.String(): keys sorted and left unquoted; values strconv-quoted
        (
            b'{"streams": [{"stream": {"b": "x\\"y", "a.b": "1"}, "values": []}]}',
            PushRequest([Stream('{a.b="1", b="x\\"y"}')]),
        ),
        # jsonparser.ParseString on a number or literal keeps its text
        (
            b'{"streams": [{"stream": {"n": 10, "t": true, "z": null}, "values": null}]}',
            PushRequest([Stream('{n="10", t="true", z="null"}')]),
        ),
        # json-iterator: field names match case-insensitively; trailing text is not read
        (b'{"Streams": []} garbage', PushRequest()),
        (b"null", PushRequest()),
        # unmarshalHTTPToLogProtoEntry: elements past the third are ignored; nulls skipped
        (
            b'{"streams": [{"stream": {}, "values": [["-5", "x", {}, 42], null, []]}]}',
            PushRequest([Stream("{}", [Entry(-5, b"x"), Entry(GO_ZERO_TIME_NS, b"")])]),
        ),
    ],
)
def test_v1_bodies(body, expected):
    assert decode_v1(body) == expected


@pytest.mark.parametrize(
    ("body", "error"),
    [
        # push_test.go: the line as an object is refused (jsonparser.MalformedStringError)
        (
            b'{"streams": [{ "stream": { "foo": "bar2" }, "values": [ [ "1570818238000000000", {"fizz": "buzz"} ] ] }]}',
            PREFIX + "Value is string, but can't find closing '\"' symbol",
        ),
        # the timestamp must be a JSON string holding an integer (jsonparser.ParseInt)
        (
            b'{"streams": [{"stream": {}, "values": [[1570818238000000000, "x"]]}]}',
            PREFIX + "Value is string, but can't find closing '\"' symbol",
        ),
        (
            b'{"streams": [{"stream": {}, "values": [["1.5e9", "x"]]}]}',
            PREFIX
            + "Value looks like Number/Boolean/None, but can't find its end: ',' or '}' symbol",
        ),
        (
            b'{"streams": [{"stream": {}, "values": [["0123", "x"]]}]}',
            PREFIX
            + "Value looks like Number/Boolean/None, but can't find its end: ',' or '}' symbol",
        ),
        (
            b'{"streams": [{"stream": {}, "values": [["99999999999999999999", "x"]]}]}',
            PREFIX + "Value is number, but overflowed while parsing",
        ),
        # structured metadata values must be strings
        (
            b'{"streams": [{"stream": {}, "values": [["1", "x", {"k": 1}]]}]}',
            PREFIX + "Value is string, but can't find closing '\"' symbol",
        ),
        # push_test.go: an empty body is refused (json-iterator reports io.EOF)
        (b"", "EOF"),
    ],
)
def test_v1_errors(body, error):
    with pytest.raises(JSONPushError) as caught:
        decode_v1(body)
    assert str(caught.value) == error


def test_v1_invalid_json_is_refused():
    with pytest.raises(JSONPushError):
        decode_v1(b'{"streams": [')


def test_legacy_body():
    # the /api/prom/push form: logproto.PushRequest with RFC 3339 `ts`
    body = (
        b'{"streams":[{"labels":"{foo=\\"bar\\"}","entries":'
        b'[{"ts":"2018-12-18T08:28:06.801064-04:00","line":"fizzbuzz"}]}]}'
    )
    expected = Entry(1545136086801064000, b"fizzbuzz")
    assert decode_legacy(body) == PushRequest([Stream('{foo="bar"}', [expected])])


def test_legacy_structured_metadata_is_not_implemented():
    body = b'{"streams":[{"labels":"{}","entries":[{"ts":"2018-12-18T08:28:06Z","line":"x","structuredMetadata":[]}]}]}'
    with pytest.raises(UnsupportedFeature):
        decode_legacy(body)
