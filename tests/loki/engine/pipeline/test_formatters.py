"""sim/loki/engine/pipeline/formatters.py against grafana/loki v3.6.0
pkg/logql/log/fmt_test.go (Test_lineFormatter_Format, Test_labelsFormatter_Format,
Test_validate, TestLineFormatter_RequiredLabelNames, TestLabelFormatter_RequiredLabelNames,
TestDecolorizer), drop_labels_test.go and keep_labels_test.go."""

from __future__ import annotations

import pytest

from sim.loki.engine.pipeline.formatters import (
    Decolorizer,
    DropLabels,
    KeepLabels,
    LabelsFormatter,
    LineFormatter,
    StageBuildError,
)
from sim.loki.logql import ast, parse_expr

from .support import builder, labels_of

TFE = "TemplateFormatErr"


# Test_lineFormatter_Format: (name, template, labels, ts, line in, line out, labels out)
@pytest.mark.parametrize(
    ("name", "template", "base", "ts", "line", "want", "want_labels"),
    [
        ("count", '{{.foo | count "abc" }}', {"foo": "abc abc abc", "bar": "blop"}, 0, "", "3", None),
        ("count regex", '{{.foo | count "a|b|c" }}', {"foo": "abc abc abc", "bar": "blop"}, 0, "",
         "9", None),
        ("combining", "foo{{.foo}}buzz{{  .bar  }}", {"foo": "blip", "bar": "blop"}, 0, "",
         "fooblipbuzzblop", None),
        ("Replace", 'foo{{.foo}}buzz{{ Replace .bar "blop" "bar" -1 }}',
         {"foo": "blip", "bar": "blop"}, 0, "", "fooblipbuzzbar", None),
        ("replace", 'foo{{.foo}}buzz{{ .bar | replace "blop" "bar" }}',
         {"foo": "blip", "bar": "blop"}, 0, "", "fooblipbuzzbar", None),
        ("title", "{{.foo | title }}", {"foo": "blip", "bar": "blop"}, 0, "", "Blip", None),
        ("substr and trunc", "{{.foo | substr 1 3 }} {{ .bar  | trunc 1 }} {{ .bar  | trunc 3 }}",
         {"foo": "blip", "bar": "blop"}, 0, "", "li b blo", None),
        ("lower and upper", "{{.foo | lower }} {{ .bar  | upper }}", {"foo": "BLIp", "bar": "blop"},
         0, "", "blip BLOP", None),
        ("err", '{{.foo Replace "foo"}}', {"foo": "blip", "bar": "blop"}, 0, "", "",
         {"foo": "blip", "bar": "blop", "__error__": TFE,
          "__error_details__": 'template: line:1:2: executing "line" at <.foo>: foo is not a '
                               "method but has arguments"}),
        ("missing", "foo {{.foo}}buzz{{  .bar  }}", {"bar": "blop"}, 0, "", "foo buzzblop", None),
        ("function", "foo {{.foo | ToUpper }} buzz{{  .bar  }}", {"foo": "blip", "bar": "blop"}, 0,
         "", "foo BLIP buzzblop", None),
        ("mathint", "{{ add .foo 1 | sub .bar | mul .baz | div .bazz}}",
         {"foo": "1", "bar": "3", "baz": "10", "bazz": "20"}, 0, "", "2", None),
        ("mathfloat", "{{ addf .foo 1.5 | subf .bar 1.5 | mulf .baz | divf .bazz }}",
         {"foo": "1.5", "bar": "5", "baz": "10.5", "bazz": "20.2"}, 0, "", "3.8476190476190477", None),
        ("min", "min is {{ min .foo .bar .baz }} and max is {{ max .foo .bar .baz }}",
         {"foo": "5", "bar": "10", "baz": "15"}, 0, "", "min is 5 and max is 15", None),
        ("line", "{{ __line__ }} bar {{ .bar }}", {"bar": "2"}, 0, "1", "1 bar 2", None),
        ("default", '{{.foo | default "-" }}{{.bar | default "-"}}{{.unknown | default "-"}}',
         {"foo": "blip", "bar": ""}, 0, "", "blip--", None),
        ("timestamp", '{{ __timestamp__ | date "2006-01-02" }} bar {{ .bar }}', {"bar": "2"},
         1656353124120000000, "1", "2022-06-27 bar 2", None),
        ("timestamp_unix", "{{ __timestamp__ | unixEpoch }} bar {{ .bar }}", {"bar": "2"},
         1656353124120000000, "1", "1656353124 bar 2", None),
        ("template_error", "{{.foo | now}}", {"foo": "blip", "bar": "blop"}, 0, "", "",
         {"foo": "blip", "bar": "blop", "__error__": TFE,
          "__error_details__": 'template: line:1:9: executing "line" at <now>: wrong number of '
                               "args for now: want 0 got 1"}),
    ],
)  # fmt: skip
def test_line_formatter(name, template, base, ts, line, want, want_labels):
    lbs = builder(base)
    out = LineFormatter(template).process(ts, line.encode(), lbs)
    assert out == want.encode(), name
    assert lbs.labels_result().labels == labels_of(want_labels or base)


def _fmt(*formats: tuple[str, str, bool]) -> LabelsFormatter:
    return LabelsFormatter([ast.LabelFmt(name, value, rename) for name, value, rename in formats])


# Test_labelsFormatter_Format: (name, formats, labels, want) at ts 1661518453244672570
@pytest.mark.parametrize(
    ("name", "formats", "base", "want"),
    [
        ("rename label", [("baz", "foo", True)], {"foo": "blip", "bar": "blop"},
         {"bar": "blop", "baz": "blip"}),
        ("rename and overwrite existing label", [("bar", "foo", True)],
         {"foo": "blip", "bar": "blop"}, {"bar": "blip"}),
        ("combined with template", [("foo", "{{.foo}} and {{.bar}}", False)],
         {"foo": "blip", "bar": "blop"}, {"foo": "blip and blop", "bar": "blop"}),
        ("combined with template and rename",
         [("blip", "{{.foo}} and {{.bar}}", False), ("bar", "foo", True)],
         {"foo": "blip", "bar": "blop"}, {"blip": "blip and blop", "bar": "blip"}),
        ("math", [("status", "{{div .status 100 }}", False)], {"status": "200"}, {"status": "2"}),
        ("default", [("blip", '{{.foo | default "-" }} and {{.bar}}', False)], {"bar": "blop"},
         {"blip": "- and blop", "bar": "blop"}),
        ("template error", [("bar", '{{replace "test" .foo}}', False)],
         {"foo": "blip", "bar": "blop"},
         {"foo": "blip", "bar": "blop", "__error__": TFE,
          "__error_details__": 'template: label:1:2: executing "label" at <replace>: wrong number '
                               "of args for replace: want 3 got 2"}),
        ("line", [("line", "{{ __line__ }}", False)], {"foo": "blip", "bar": "blop"},
         {"foo": "blip", "bar": "blop", "line": "test line"}),
        ("timestamp", [("ts", '{{ __timestamp__ | date "2006-01-02" }}', False)],
         {"foo": "blip", "bar": "blop"}, {"foo": "blip", "bar": "blop", "ts": "2022-08-26"}),
        ("count", [("count", '{{ __line__ | count "test" }}', False)],
         {"foo": "blip", "bar": "blop"}, {"foo": "blip", "bar": "blop", "count": "1"}),
        ("bytes 2", [("bar", "{{ .foo | bytes }}", False)], {"foo": "3MB", "bar": "blop"},
         {"foo": "3MB", "bar": "3e+06"}),
        ("duration 1", [("bar", "{{ .foo | duration }}", False)], {"foo": "3ms", "bar": "blop"},
         {"foo": "3ms", "bar": "0.003"}),
        ("base64encode", [("bar", "{{ .foo | b64enc }}", False)],
         {"foo": "i'm a string, encode me!", "bar": "blop"},
         {"foo": "i'm a string, encode me!", "bar": "aSdtIGEgc3RyaW5nLCBlbmNvZGUgbWUh"}),
    ],
)  # fmt: skip
def test_labels_formatter(name, formats, base, want):
    lbs = builder(base)
    _fmt(*formats).process(1661518453244672570, b"test line", lbs)
    assert lbs.labels_result().labels == labels_of(want), name


# Test_validate
@pytest.mark.parametrize(
    ("formats", "error"),
    [
        ([("foo", "bar", True), ("bar", "foo", True)], None),
        ([("foo", "bar", True), ("foo", "blip", True)],
         "multiple label name 'foo' not allowed in a single format operation"),
        ([("__error__", "bar", True)], "__error__ cannot be formatted"),
    ],
)  # fmt: skip
def test_validate(formats, error):
    if error is None:
        _fmt(*formats)
    else:
        with pytest.raises(StageBuildError, match=error):
            _fmt(*formats)


# TestLineFormatter_RequiredLabelNames
@pytest.mark.parametrize(
    ("template", "want"),
    [
        ("{{.foo}} and {{.bar}}", ["foo", "bar"]),
        ("{{ .foo | ToUpper | .buzz }} and {{.bar}}", ["foo", "buzz", "bar"]),
        ('{{ regexReplaceAllLiteral "(p)" .foo "${1}" }}', ["foo"]),
        ('{{ if  .foo | hasSuffix "Ip" }} {{.bar}} {{end}}-{{ if  .foo | hasSuffix "pw"}}no{{end}}',
         ["foo", "bar"]),
        ('{{with .foo}}{{printf "%q" .}} {{end}}', ["foo"]),
        ('{{with .foo}}{{printf "%q" .}} {{else}} {{ .buzz | lower }} {{end}}', ["foo", "buzz"]),
    ],
)  # fmt: skip
def test_line_formatter_required_labels(template, want):
    assert LineFormatter(template).required_label_names() == want


# TestLabelFormatter_RequiredLabelNames
@pytest.mark.parametrize(
    ("formats", "want"),
    [
        ([("foo", "bar", True)], ["bar"]),
        ([("fuzz", "bar", True), ("1", "{{ .foo | ToUpper | .buzz }} and {{.bar}}", False)],
         ["bar", "foo", "buzz"]),
        ([("1", "{{.blip}}", False), ("2", "{{ .foo | ToUpper | .buzz }} and {{.bar}}", False)],
         ["blip", "foo", "buzz", "bar"]),
    ],
)  # fmt: skip
def test_labels_formatter_required_labels(formats, want):
    assert _fmt(*formats).required_label_names() == want


# TestDecolorizer
@pytest.mark.parametrize(
    ("line", "want"),
    [
        (b"sample text", b"sample text"),
        (b"\033[0;32mgreen\033[0m \033[0;31mred\033[0m", b"green red"),
    ],
)
def test_decolorizer(line, want):
    assert Decolorizer().process(0, line, builder()) == want


def _named(query: str) -> tuple[ast.NamedLabelMatcher, ...]:
    stage = parse_expr('{app="x"} ' + query).stages[0]
    return stage.labels


POD = {"app": "foo", "namespace": "prod", "pod_uuid": "foo"}
JSON_ERR = {"__error__": "JSONParserErr", "__error_details__": "json error"}


# drop_labels_test.go Test_DropLabels: (name, drop list, error, error details, want)
@pytest.mark.parametrize(
    ("name", "query", "err", "details", "want"),
    [
        ("drop by name", "| drop app, namespace", "", "", {"pod_uuid": "foo"}),
        ("drop by __error__", '| drop __error__="JSONParserErr", __error_details__',
         "JSONParserErr", "json error", POD),
        ("drop with wrong __error__ value", '| drop __error__="LogfmtParserErr"', "JSONParserErr",
         "json error", {**POD, **JSON_ERR}),
        ("drop by __error_details__", '| drop __error_details__=~"expecting json.*", __error__',
         "JSONParserErr", "expecting json object but it is not", POD),
        ("drop labels with names and matcher",
         '| drop __error__="JSONParserErr", __error_details__, app, namespace', "JSONParserErr",
         "json error", {"pod_uuid": "foo"}),
    ],
)  # fmt: skip
def test_drop_labels(name, query, err, details, want):
    lbs = builder(POD)
    lbs.err, lbs.err_details = err, details
    DropLabels(_named(query)).process(0, b"", lbs)
    assert lbs.labels_result().labels == labels_of(want), name


FOUR = {"app": "foo", "namespace": "prod", "env": "prod", "pod_uuid": "foo"}


# keep_labels_test.go Test_KeepLabels: (name, keep list or None for none, labels, want)
@pytest.mark.parametrize(
    ("name", "query", "base", "want"),
    [
        ("keep all", None, FOUR, FOUR),
        ("keep by name", "| keep app, namespace", FOUR, {"app": "foo", "namespace": "prod"}),
        ("keep labels with names and matcher", '| keep namespace="prod", app, fizz', FOUR,
         {"app": "foo", "namespace": "prod"}),
        ("preserve special labels", '| keep namespace="prod", app',
         {**FOUR, "__preserve_error__": "true"},
         {"app": "foo", "namespace": "prod", "__preserve_error__": "true"}),
    ],
)  # fmt: skip
def test_keep_labels(name, query, base, want):
    lbs = builder(base)
    KeepLabels(_named(query) if query else ()).process(0, b"", lbs)
    assert lbs.labels_result().labels == labels_of(want), name
