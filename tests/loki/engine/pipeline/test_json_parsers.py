"""sim/loki/engine/pipeline/json_parsers.py against grafana/loki v3.6.0
pkg/logql/log/parser_test.go (Test_jsonParser_Parse, TestJSONExpressionParser,
TestJSONExpressionParserFailures, Test_unpackParser_Parse)."""

from __future__ import annotations

import pytest

from sim.loki.engine.pipeline.exprpaths import PathSyntaxError
from sim.loki.engine.pipeline.hints import new_hints
from sim.loki.engine.pipeline.json_parsers import JSONParser, UnpackParser
from sim.loki.engine.pipeline.stages import _json_expressions
from sim.loki.logql import ast

from .support import labels_of, run

MALFORMED_OBJECT = "Value looks like object, but can't find closing '}' symbol"


# parser_test.go Test_jsonParser_Parse (name, line, stream labels, want)
@pytest.mark.parametrize(
    ("name", "line", "base", "want"),
    [
        (
            "multi depth",
            '{"app":"foo","namespace":"prod","pod":{"uuid":"foo","deployment":{"ref":"foobar"}}}',
            {},
            {"app": "foo", "namespace": "prod", "pod_uuid": "foo", "pod_deployment_ref": "foobar"},
        ),
        (
            "multi depth with duplicates",
            '{"app":"bar","namespace":"prod","pod":{"uuid":"bar","deployment":{"ref":"foobar"}}}',
            {"app": "foo", "pod_uuid": "foo"},
            {"app": "foo", "app_extracted": "bar", "namespace": "prod", "pod_uuid": "foo",
             "pod_uuid_extracted": "bar", "pod_deployment_ref": "foobar"},
        ),
        ("numeric", '{"counter":1, "price": {"_net_":5.56909}}', {},
         {"counter": "1", "price__net_": "5.56909"}),
        ("whitespace key value", '{" ": {"foo":"bar"}}', {}, {"foo": "bar"}),
        ("whitespace key and whitespace subkey values", '{" ": {" ":"bar"}}', {}, {"": "bar"}),
        ("empty key and empty subkey values", '{"": {"":"bar"}}', {}, {"": "bar"}),
        ("escaped", '{"counter":1,"foo":"foo\\\\\\"bar", "price": {"_net_":5.56909}}', {},
         {"counter": "1", "price__net_": "5.56909", "foo": 'foo\\"bar'}),
        ("utf8 error rune", '{"counter":1,"foo":"\ufffd", "price": {"_net_":5.56909}}', {},
         {"counter": "1", "price__net_": "5.56909", "foo": " "}),
        ("skip arrays", '{"counter":1, "price": {"net_":["10","20"]}}', {}, {"counter": "1"}),
        ("bad key replaced", '{"cou-nter":1}', {}, {"cou_nter": "1"}),
        ("nested bad key replaced", '{"foo":{"cou-nter":1}}"', {}, {"foo_cou_nter": "1"}),
        ("errors", "{n}", {}, {"__error__": "JSONParserErr", "__error_details__": MALFORMED_OBJECT}),
        (
            "duplicate extraction",
            '{"app":"foo","namespace":"prod","pod":{"uuid":"foo","deployment":{"ref":"foobar"}},'
            '"next":{"err":false}}',
            {"app": "bar"},
            {"app": "bar", "app_extracted": "foo", "namespace": "prod", "pod_uuid": "foo",
             "next_err": "false", "pod_deployment_ref": "foobar"},
        ),
    ],
)  # fmt: skip
def test_json_parser(name, line, base, want):
    _, got = run(JSONParser(), line, base)
    assert got == labels_of(want), name


def test_json_parser_error_with_preserve_hint():
    # parser_test.go Test_jsonParser_Parse "errors hints"
    hints = new_hints(["__error__"], [], False, True, "", [])
    _, got = run(JSONParser(), "{n}", {}, hints)
    assert got == labels_of(
        {"__error__": "JSONParserErr", "__error_details__": MALFORMED_OBJECT,
         "__preserve_error__": "true"}
    )  # fmt: skip


def test_json_parser_keeps_labels_found_before_an_error():
    # jsonparser stops at the first problem after calling back for earlier keys (vendored
    # github.com/grafana/jsonparser ObjectEach); "Unknown value type" for `}` as a value
    _, got = run(JSONParser(), '{"a":"1","b":}', {})
    assert got == labels_of(
        {"a": "1", "__error__": "JSONParserErr", "__error_details__": "Unknown value type"}
    )


TEST_LINE = (
    '{"app":"foo","field with space":"value","field with ÜFT8👌":"value","null_field":null,'
    '"bool_field":false,"namespace":"prod","pod":{"uuid":"foo","deployment":{"ref":"foobar", '
    '"params": [1,2,3,"string_value"]}}}'
)


def _expressions(*pairs: tuple[str, str]):
    return _json_expressions(
        ast.JSONExpressionParserExpr(tuple(ast.LabelExtractionExpr(i, e) for i, e in pairs))
    )


# parser_test.go TestJSONExpressionParser (name, line, expressions, stream labels, want)
@pytest.mark.parametrize(
    ("name", "line", "exprs", "base", "want"),
    [
        ("single field", TEST_LINE, [("app", "app")], {}, {"app": "foo"}),
        ("alternate syntax", TEST_LINE, [("test", '["field with space"]')], {}, {"test": "value"}),
        ("multiple fields", TEST_LINE, [("app", "app"), ("namespace", "namespace")], {},
         {"app": "foo", "namespace": "prod"}),
        ("utf8", TEST_LINE, [("utf8", '["field with ÜFT8👌"]')], {}, {"utf8": "value"}),
        ("nested field", TEST_LINE, [("uuid", "pod.uuid")], {}, {"uuid": "foo"}),
        ("nested field alternate syntax", TEST_LINE, [("uuid", 'pod["uuid"]')], {}, {"uuid": "foo"}),
        ("nested field alternate syntax 2", TEST_LINE, [("uuid", '["pod"]["uuid"]')], {},
         {"uuid": "foo"}),
        ("nested field alternate syntax 3", TEST_LINE, [("uuid", '["pod"].uuid')], {},
         {"uuid": "foo"}),
        ("array element", TEST_LINE, [("param", "pod.deployment.params[0]")], {}, {"param": "1"}),
        ("object element not present", TEST_LINE, [("undefined", 'pod[""]')], {},
         {"undefined": ""}),
        ("accessing invalid array index", TEST_LINE, [("param", 'pod.deployment.params[""]')],
         {}, {"param": ""}),
        ("array string element", TEST_LINE, [("param", "pod.deployment.params[3]")], {},
         {"param": "string_value"}),
        ("full array", TEST_LINE, [("params", "pod.deployment.params")], {},
         {"params": '[1,2,3,"string_value"]'}),
        ("full object", TEST_LINE, [("deployment", "pod.deployment")], {},
         {"deployment": '{"ref":"foobar", "params": [1,2,3,"string_value"]}'}),
        ("expression matching nothing", TEST_LINE, [("nope", "pod.nope")], {}, {"nope": ""}),
        ("null field", TEST_LINE, [("nf", "null_field")], {}, {"nf": ""}),
        ("boolean field", TEST_LINE, [("bool", "bool_field")], {}, {"bool": "false"}),
        ("label override", TEST_LINE, [("uuid", "pod.uuid")], {"uuid": "bar"},
         {"uuid": "bar", "uuid_extracted": "foo"}),
        ("non-matching expression", TEST_LINE, [("request_size", "request.size.invalid")],
         {"uuid": "bar"}, {"uuid": "bar", "request_size": ""}),
        ("empty line", "{}", [("uuid", "pod.uuid")], {}, {"uuid": ""}),
        ("existing labels are not affected", TEST_LINE, [("uuid", "will.not.work")],
         {"foo": "bar"}, {"foo": "bar", "uuid": ""}),
        ("invalid JSON line", "invalid json", [("uuid", "will.not.work")], {"foo": "bar"},
         {"foo": "bar", "__error__": "JSONParserErr"}),
        ("empty line (no bytes)", "", [("uuid", "will.not.work")], {"foo": "bar"}, {"foo": "bar"}),
        ("nested escaped object", '{"app":"{ \\"key\\": \\"value\\", \\"key2\\":\\"value2\\"}"}',
         [("app", "app")], {"foo": "bar"}, {"foo": "bar", "app": '{ "key": "value", "key2":"value2"}'}),
        ("nested object with escaped value", '{"app":{"name":"great \\"loki\\""}', [("app", "app")],
         {"foo": "bar"}, {"foo": "bar", "app": '{"name":"great \\"loki\\""}'}),
        ("field with escaped value inside the json string",
         '{"app":"{\\"name\\":\\"great \\\\\\"loki\\\\\\"\\"}"}', [("app", "app")], {"foo": "bar"},
         {"foo": "bar", "app": '{"name":"great \\"loki\\""}'}),
    ],
)  # fmt: skip
def test_json_expression_parser(name, line, exprs, base, want):
    _, got = run(_expressions(*exprs), line, base)
    assert got == labels_of(want), name


# parser_test.go TestJSONExpressionParserFailures
@pytest.mark.parametrize(
    ("expression", "error"),
    [
        ("field with space", "unexpected FIELD"),
        ('"pod"]', "unexpected STRING, expecting LSB or FIELD"),
        ('["pod"', "unexpected $end, expecting RSB"),
        ('["pod""uuid"]', "unexpected STRING, expecting RSB"),
        ("pod..uuid", "unexpected DOT, expecting FIELD"),
    ],
)
def test_json_expression_parser_failures(expression, error):
    with pytest.raises(PathSyntaxError) as caught:
        _expressions(("app", expression))
    assert str(caught.value) == f"cannot parse expression [{expression}]: syntax error: {error}"


# parser_test.go Test_unpackParser_Parse (name, line, stream labels, want labels, want line)
UNPACK_NOT_OBJECT = {"__error__": "JSONParserErr",
                     "__error_details__": "expecting json object(6), but it is not"}  # fmt: skip
WRONG_JSON = '"app":"foo","namespace":"prod","_entry":"some message","pod":{"uid":"1"}'
PACKED = '{"bar":1,"app":"foo","namespace":"prod","_entry":"some message","pod":{"uid":"1"}}'
UNPACKED = '{"bar":1,"app":"foo","namespace":"prod","pod":{"uid":"1"}}'
KUBELET = (
    'I0303 17:49:45.976518    1526 kubelet_getters.go:178] "Pod status updated" '
    'pod="openshift-etcd/etcd-ip-10-0-150-50.us-east-2.compute.internal" status=Running'
)


@pytest.mark.parametrize(
    ("name", "line", "base", "want", "want_line"),
    [
        ("should extract only map[string]string", PACKED, {"cluster": "us-central1"},
         {"app": "foo", "namespace": "prod", "cluster": "us-central1"}, "some message"),
        ("wrong json", WRONG_JSON, {}, UNPACK_NOT_OBJECT, WRONG_JSON),
        ("empty line", "", {"cluster": "us-central1"}, {"cluster": "us-central1"}, ""),
        ("not a map", '["foo","bar"]', {"cluster": "us-central1"},
         {**UNPACK_NOT_OBJECT, "cluster": "us-central1"}, '["foo","bar"]'),
        ("should rename", PACKED, {"cluster": "us-central1", "app": "bar"},
         {"app": "bar", "app_extracted": "foo", "namespace": "prod", "cluster": "us-central1"},
         "some message"),
        ("should not change log and labels if no packed entry", UNPACKED,
         {"app": "bar", "cluster": "us-central1"}, {"app": "bar", "cluster": "us-central1"},
         UNPACKED),
        ("non json with escaped quotes", '{"_entry":' + __import__("json").dumps(KUBELET) + "}",
         {"app": "bar", "cluster": "us-central1"}, {"app": "bar", "cluster": "us-central1"},
         KUBELET),
        ("invalid key names", '{"foo.bar":"10ms","test-dash":"foo","_entry":"some message"}',
         {"foo": "bar"}, {"foo": "bar", "foo_bar": "10ms", "test_dash": "foo"}, "some message"),
    ],
)  # fmt: skip
def test_unpack(name, line, base, want, want_line):
    out, got = run(UnpackParser(), line, base)
    assert (got, out) == (labels_of(want), want_line.encode()), name


def test_unpack_wrong_json_with_preserve_hint():
    # parser_test.go Test_unpackParser_Parse "wrong json with hints"
    hints = new_hints(["__error__"], [], False, True, "", [])
    _, got = run(UnpackParser(), WRONG_JSON, {}, hints)
    assert got == labels_of({**UNPACK_NOT_OBJECT, "__preserve_error__": "true"})
