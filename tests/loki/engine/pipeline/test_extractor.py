"""sim/loki/engine/pipeline/extractor.py and hints.py against grafana/loki v3.6.0
pkg/logql/log/parser_hints_test.go (Test_ParserHints, TestRecordingExtractedLabels,
TestLabelFiltersInParseHints) and metrics_extraction_test.go (Test_labelSampleExtractor_Extract,
Test_Extract_ExpectedLabels)."""

from __future__ import annotations

import pytest

from sim.loki.engine.labels import labels_string
from sim.loki.engine.pipeline.extractor import SampleExtractor, extractor_for
from sim.loki.engine.pipeline.hints import new_hints
from sim.loki.engine.pipeline.json_parsers import JSONParser
from sim.loki.engine.pipeline.labelfilter import BinaryFilter, string_filter
from sim.loki.engine.pipeline.logfmt import LogfmtParser
from sim.loki.logql import ast, parse_expr
from sim.loki.logql.matchers import new_matcher

from .support import builder, labels_of

JSON_LINE = b"""{
\t"remote_user": "foo",
\t"upstream_addr": "10.0.0.1:80",
\t"protocol": "HTTP/2.0",
    "cluster": "us-east-west",
\t"request": {
\t\t"time": "30.001",
\t\t"method": "POST",
\t\t"host": "foo.grafana.net",
\t\t"uri": "/rpc/v2/stage",
\t\t"size": "101"
\t},
\t"response": {
\t\t"status": 204,
\t\t"latency_seconds": "30.001"
\t},
  "message": {
    "message": "foo",
  }
}"""
PACKED_LINE = b"""{
\t\t"remote_user": "foo",
\t\t"upstream_addr": "10.0.0.1:80",
\t\t"protocol": "HTTP/2.0",
\t\t"cluster": "us-east-west",
\t\t"_entry":"foo"
\t}"""
LOGFMT_LINE = (
    b"ts=2021-02-02T14:35:05.983992774Z caller=spanlogger.go:79 org_id=3677 "
    b"traceID=2e5c7234b8640997 Ingester.TotalReached=15 Ingester.TotalChunksMatched=0 "
    b"Ingester.TotalBatches=0"
)
ALL_JSON = (
    'app="nginx", cluster="us-central-west", cluster_extracted="us-east-west", '
    'message_message="foo", protocol="HTTP/2.0", remote_user="foo", '
    'request_host="foo.grafana.net", request_method="POST", request_size="101", '
    'request_time="30.001", request_uri="/rpc/v2/stage"'
)
WITHOUT_JSON = (
    'cluster_extracted="us-east-west", message_message="foo", protocol="HTTP/2.0", '
    'remote_user="foo", request_method="POST", request_size="101", request_time="30.001", '
    'request_uri="/rpc/v2/stage"'
)

# Test_ParserHints: (query, line, kept, value, labels string)
HINT_CASES = [
    ('rate({app="nginx"} | json | response_status = 204 [1m])', JSON_LINE, True, 1.0,
     "{" + ALL_JSON + ', response_latency_seconds="30.001", response_status="204", '
     'upstream_addr="10.0.0.1:80"}'),
    ('sum without (request_host,app,cluster) (rate({app="nginx"} | json | __error__="" | '
     "response_status = 204 [1m]))", JSON_LINE, True, 1.0,
     "{" + WITHOUT_JSON + ', response_latency_seconds="30.001", response_status="204", '
     'upstream_addr="10.0.0.1:80"}'),
    ('sum by (request_host,app) (rate({app="nginx"} | json | __error__="" | response_status = 204 [1m]))',
     JSON_LINE, True, 1.0, '{app="nginx", request_host="foo.grafana.net"}'),
    ('sum(rate({app="nginx"} | json | __error__="" | response_status = 204 [1m]))', JSON_LINE, True,
     1.0, "{}"),
    ('sum(rate({app="nginx"} | json [1m]))', JSON_LINE, True, 1.0, "{}"),
    ('sum(rate({app="nginx"} | json | unwrap response_latency_seconds [1m]))', JSON_LINE, True,
     30.001, "{}"),
    ('sum(rate({app="nginx"} | json | response_status = 204 | unwrap response_latency_seconds [1m]))',
     JSON_LINE, True, 30.001, "{}"),
    ('sum by (request_host,app)(rate({app="nginx"} | json | response_status = 204 and  remote_user = "foo" '
     "| unwrap response_latency_seconds [1m]))", JSON_LINE, True, 30.001,
     '{app="nginx", request_host="foo.grafana.net"}'),
    ('rate({app="nginx"} | json | response_status = 204 | unwrap response_latency_seconds [1m])',
     JSON_LINE, True, 30.001,
     "{" + ALL_JSON + ', response_status="204", upstream_addr="10.0.0.1:80"}'),
    ('sum without (request_host,app,cluster)(rate({app="nginx"} | json | response_status = 204 | '
     "unwrap response_latency_seconds [1m]))", JSON_LINE, True, 30.001,
     "{" + WITHOUT_JSON + ', response_status="204", upstream_addr="10.0.0.1:80"}'),
    ('sum(rate({app="nginx"} | logfmt | org_id=3677 | unwrap Ingester_TotalReached[1m]))',
     LOGFMT_LINE, True, 15.0, "{}"),
    ('sum by (org_id,app) (rate({app="nginx"} | logfmt | org_id=3677 | unwrap Ingester_TotalReached[1m]))',
     LOGFMT_LINE, True, 15.0, '{app="nginx", org_id="3677"}'),
    ('rate({app="nginx"} | logfmt | org_id=3677 | unwrap Ingester_TotalReached[1m])', LOGFMT_LINE,
     True, 15.0,
     '{Ingester_TotalBatches="0", Ingester_TotalChunksMatched="0", app="nginx", '
     'caller="spanlogger.go:79", cluster="us-central-west", org_id="3677", '
     'traceID="2e5c7234b8640997", ts="2021-02-02T14:35:05.983992774Z"}'),
    ('sum without (org_id,app,cluster)(rate({app="nginx"} | logfmt | org_id=3677 | unwrap '
     "Ingester_TotalReached[1m]))", LOGFMT_LINE, True, 15.0,
     '{Ingester_TotalBatches="0", Ingester_TotalChunksMatched="0", caller="spanlogger.go:79", '
     'traceID="2e5c7234b8640997", ts="2021-02-02T14:35:05.983992774Z"}'),
    ('sum(rate({app="nginx"} | json | remote_user="foo" [1m]))', JSON_LINE, True, 1.0, "{}"),
    ('sum(rate({app="nginx"} | json | nonexistant_field="foo" [1m]))', JSON_LINE, False, 0, ""),
    ('absent_over_time({app="nginx"} | json [1m])', JSON_LINE, True, 1.0, "{}"),
    ('absent_over_time({app="nginx"} | json | nonexistant_field="foo" [1m])', JSON_LINE, False, 0,
     ""),
    ('absent_over_time({app="nginx"} | json | remote_user="foo" [1m])', JSON_LINE, True, 1.0, "{}"),
    ('sum by (cluster_extracted)(count_over_time({app="nginx"} | json | '
     'cluster_extracted="us-east-west" [1m]))', JSON_LINE, True, 1.0,
     '{cluster_extracted="us-east-west"}'),
    ('sum by (cluster_extracted)(count_over_time({app="nginx"} | unpack | '
     'cluster_extracted="us-east-west" [1m]))', PACKED_LINE, True, 1.0,
     '{cluster_extracted="us-east-west"}'),
    ('sum by (cluster_extracted)(count_over_time({app="nginx"} | unpack[1m]))', PACKED_LINE, True,
     1.0, '{cluster_extracted="us-east-west"}'),
    ('sum(rate({app="nginx"} | unpack | nonexistant_field="foo" [1m]))', PACKED_LINE, False, 0, ""),
    ('sum by (message_message,app)(count_over_time({app="nginx"} | json | response_status = 204 '
     'and  remote_user = "foo"[1m]))', JSON_LINE, True, 1.0, '{app="nginx", message_message="foo"}'),
]  # fmt: skip


@pytest.mark.parametrize(("query", "line", "kept", "value", "want"), HINT_CASES)
def test_parser_hints(query, line, kept, value, want):
    extractor = extractor_for(parse_expr(query))
    got = extractor.for_stream(labels_of({"app": "nginx", "cluster": "us-central-west"})).process(
        0, line
    )
    assert (got is not None) is kept
    if got is not None:
        assert got[0] == value
        assert labels_string(got[1].labels) == want


def test_recording_extracted_labels():
    # TestRecordingExtractedLabels
    hints = new_hints(["1", "2", "3"], [], False, True, "", [])
    hints.record_extracted("1")
    hints.record_extracted("2")
    assert not hints.all_required_extracted() and not hints.no_labels()
    hints.record_extracted("3")
    assert hints.all_required_extracted() and hints.no_labels()
    hints.reset()
    assert not hints.all_required_extracted() and not hints.no_labels()


def _protocol(value: str):
    return string_filter(new_matcher(ast.MatchType.EQUAL, "protocol", value))


def test_label_filters_in_hints():
    # TestLabelFiltersInParseHints
    hints = new_hints([], [], True, True, "metric", [_protocol("nothing")])
    assert not hints.should_continue_parsing_line("protocol", builder({"protocol": "HTTP/2.0"}))
    assert hints.should_continue_parsing_line("response", builder({"response": "200"}))
    binary = BinaryFilter(_protocol("nothing"), _protocol("something"), and_=True)
    hints = new_hints([], [], True, True, "metric", [binary])
    assert hints.should_continue_parsing_line("protocol", builder({"protocol": "HTTP/2.0"}))


def _label_extractor(name, operation, groups, without, no_labels, stages=()):
    unwrap = ast.UnwrapExpr(name, operation)
    return SampleExtractor(list(stages), groups, without, no_labels, unwrap=unwrap)


SAMPLE_ERR = "SampleExtractionErr"


# Test_labelSampleExtractor_Extract:
# (name, extractor args, stream labels, structured metadata, line, value, labels)
@pytest.mark.parametrize(
    ("name", "args", "base", "meta", "line", "value", "want"),
    [
        ("convert float", ("foo", "", [], False, False), {"foo": "15.0"}, {}, "", 15, {}),
        ("convert float as vector with no grouping", ("foo", "", [], False, True),
         {"foo": "15.0", "bar": "buzz"}, {}, "", 15, {}),
        ("convert float without", ("foo", "", ["bar", "buzz"], True, False),
         {"foo": "10", "bar": "foo", "buzz": "blip", "namespace": "dev"}, {}, "", 10,
         {"namespace": "dev"}),
        ("convert float with", ("foo", "", ["bar", "buzz"], False, False),
         {"foo": "0.6", "bar": "foo", "buzz": "blip", "namespace": "dev"}, {}, "", 0.6,
         {"bar": "foo", "buzz": "blip"}),
        ("convert float with structured metadata", ("foo", "", [], False, False), {},
         {"foo": "15.0"}, "", 15, {}),
        ("convert float with structured metadata and grouping",
         ("foo", "", ["bar", "buzz"], False, False), {"bar": "buzz", "namespace": "dev"},
         {"foo": "15.0", "buzz": "blip"}, "", 15, {"bar": "buzz", "buzz": "blip"}),
        ("convert float with structured metadata and grouping without",
         ("foo", "", ["bar", "buzz"], True, False), {"bar": "buzz", "namespace": "dev"},
         {"foo": "15.0", "buzz": "blip"}, "", 15, {"namespace": "dev"}),
        ("convert duration with", ("foo", "duration", ["bar", "buzz"], False, False),
         {"foo": "500ms", "bar": "foo", "buzz": "blip", "namespace": "dev"}, {}, "", 0.5,
         {"bar": "foo", "buzz": "blip"}),
        ("convert bytes", ("foo", "bytes", ["bar", "buzz"], False, False),
         {"foo": "13 MiB", "bar": "foo", "buzz": "blip", "namespace": "dev"}, {}, "",
         13 * 1024 * 1024, {"bar": "foo", "buzz": "blip"}),
        ("convert bytes without spaces", ("foo", "bytes", ["bar", "buzz"], False, False),
         {"foo": "13MiB", "bar": "foo", "buzz": "blip", "namespace": "dev"}, {}, "",
         13 * 1024 * 1024, {"bar": "foo", "buzz": "blip"}),
        ("not convertable", ("foo", "", ["bar", "buzz"], False, False),
         {"foo": "not_a_number", "bar": "foo"}, {}, "", 0,
         {"__error__": SAMPLE_ERR, "bar": "foo", "foo": "not_a_number",
          "__error_details__": 'strconv.ParseFloat: parsing "not_a_number": invalid syntax'}),
        ("dynamic label, convert duration",
         ("foo", "duration", ["bar", "buzz"], False, False, [LogfmtParser(False, False)]),
         {"bar": "foo"}, {}, "foo=123.4ms", 0.1234, {"bar": "foo"}),
        ("dynamic label, not convertable",
         ("foo", "duration", ["bar", "buzz"], False, False, [LogfmtParser(False, False)]),
         {"bar": "foo"}, {}, "foo=not_a_number", 0,
         {"__error__": SAMPLE_ERR, "bar": "foo", "foo": "not_a_number",
          "__error_details__": 'time: invalid duration "not_a_number"'}),
    ],
)  # fmt: skip
def test_label_sample_extractor(name, args, base, meta, line, value, want):
    extractor = _label_extractor(*args)
    got = extractor.for_stream(labels_of(base)).process(0, line.encode(), tuple(meta.items()))
    assert got is not None
    assert (got[0], got[1].labels) == (value, labels_of(want)), name


def test_extract_expected_labels():
    # Test_Extract_ExpectedLabels
    extractor = _label_extractor("duration", "duration", ["foo"], False, False, [JSONParser()])
    got = extractor.for_stream(labels_of({"bar": "foo"})).process(
        0, b'{"duration":"20ms","foo":"json"}'
    )
    assert got is not None
    assert (got[0], got[1].labels) == (0.02, labels_of({"foo": "json"}))
