"""ParseLokiRequest: labels normalized, service_name discovered, bytes counted (push.go)."""

from __future__ import annotations

import pytest

from sim.loki.limits import DEFAULT_DISCOVER_SERVICE_NAME
from sim.loki.push import proto
from sim.loki.push.body import PushBodyError, RawPush
from sim.loki.push.labels import parse_labels
from sim.loki.push.model import Entry, PushRequest, Stream
from sim.loki.push.request import discover_service_name, normalize_streams, parse_loki_request

V1 = "/loki/api/v1/push"


def _json(stream: str, extra: str = "") -> bytes:
    values = '[ [ "1570818238000000000", "fizzbuzz"' + extra + " ] ]"
    return ('{"streams": [{ "stream": ' + stream + ', "values": ' + values + " }]}").encode()


@pytest.mark.parametrize(
    ("body", "discover", "labels", "line_bytes", "metadata_bytes"),
    [
        # pkg/loghttp/push/push_test.go TestParseRequest rows (expectedLabels, expectedBytes)
        (_json('{ "foo": "bar2" }'), (), ['{foo="bar2"}'], 8, 0),
        (_json('{ "foo": "bar2" }', ', {"a": "a", "b": "b"}'), (), ['{foo="bar2"}'], 8, 4),
        (
            _json('{ "foo": "bar2", "job": "stuff" }'),
            DEFAULT_DISCOVER_SERVICE_NAME,
            ['{foo="bar2", job="stuff", service_name="stuff"}'],
            8,
            0,
        ),
        (
            _json('{ "foo": "bar2" }'),
            DEFAULT_DISCOVER_SERVICE_NAME,
            ['{foo="bar2", service_name="unknown_service"}'],
            8,
            0,
        ),
        # internal streams never get service_name
        (
            _json('{ "__aggregated_metric__": "stuff", "foo": "bar2", "job": "stuff" }'),
            DEFAULT_DISCOVER_SERVICE_NAME,
            ['{__aggregated_metric__="stuff", foo="bar2", job="stuff"}'],
            8,
            0,
        ),
        (
            _json('{ "foo": "bar2", "environment": "prod" }'),
            (),
            ['{environment="prod", foo="bar2"}'],
            8,
            0,
        ),
    ],
)
def test_parse_request_rows(body, discover, labels, line_bytes, metadata_bytes):
    request, stats = parse_loki_request(RawPush(V1, "application/json", None, body), discover)
    assert [stream.labels for stream in request.streams] == labels
    assert (stats.line_bytes, stats.metadata_bytes, stats.lines) == (line_bytes, metadata_bytes, 1)
    # push_test.go: StreamLabelsSize is the length of the re-printed labels
    assert stats.stream_labels_size == sum(len(text) for text in labels)


def test_protobuf_row_with_spaces_and_metadata():
    # push_test.go TestParseRequest protobuf row: labels with extra spaces, metadata counted
    stream = Stream('{ "foo"="bar2",      "environment"="prod"   }')
    stream.entries.append(Entry(1570818238000000000, b"fizzbuzz", (("name1", "value1"),)))
    raw = RawPush(V1, "application/x-protobuf", None, proto.encode_snappy(PushRequest([stream])))
    request, stats = parse_loki_request(raw, ())
    assert request.streams[0].labels == '{environment="prod", foo="bar2"}'
    assert (stats.line_bytes, stats.metadata_bytes, stats.bytes) == (8, 11, 19)


def test_service_detection_with_custom_label():
    # push_test.go Test_ServiceDetection "detects service from loki push requests"
    body = _json('{ "foo": "bar" }')
    request, _ = parse_loki_request(RawPush(V1, "application/json", None, body), ("foo",))
    assert request.streams[0].labels == '{foo="bar", service_name="bar"}'


@pytest.mark.parametrize(
    ("labels", "expected"),
    [
        # the first label of the list that is present wins, in list order
        ('{container="c", app="a"}', "a"),
        ('{k8s_job_name="j"}', "j"),
        ('{service_name="kept", app="a"}', "kept"),
        ('{pod="p"}', "unknown_service"),
    ],
)
def test_discovery_order(labels, expected):
    found = discover_service_name(parse_labels(labels), DEFAULT_DISCOVER_SERVICE_NAME)
    assert dict(found)["service_name"] == expected


def test_unparsable_labels_refuse_the_whole_request():
    # push.go ParseLokiRequest: `couldn't parse labels: %w` before any validation
    request = PushRequest([Stream('{a="b"}'), Stream('{ab"')])
    with pytest.raises(PushBodyError) as caught:
        normalize_streams(request, ())
    text = "couldn't parse labels: 1:4: parse error: unterminated quoted string"
    assert (caught.value.status, caught.value.text) == (400, text)


def test_json_label_names_are_printed_unquoted_then_refused():
    # LabelSet.String() does not quote names, so `a.b` reaches ParseLabels bare
    body = _json('{ "a.b": "x" }')
    with pytest.raises(PushBodyError) as caught:
        parse_loki_request(RawPush(V1, "application/json", None, body), ())
    assert caught.value.text.endswith("1:3: parse error: unexpected character inside braces: '.'")
