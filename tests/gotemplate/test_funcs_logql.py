"""LogQL line_format / label_format templates: rows of pkg/logql/log/fmt_test.go (v3.6.0),
rendered as NewFormatter / NewLabelsFormatter set them up (missingkey=zero, labels as a
map[string]string, __line__ and __timestamp__ of the entry)."""

from __future__ import annotations

import pytest

from sim.gotemplate import LOGQL_FUNCS, TemplateExecError, compile_template
from sim.gotemplate.errors import GoError
from sim.gotemplate.funcs_logql import (
    SPRIG_WHITELIST,
    align_left,
    align_right,
    with_line_and_timestamp,
)
from sim.gotemplate.sprig_time import unix_to_time


def render(text: str, labels: dict[str, str], name: str, line: str = "", ts: int = 0) -> str:
    funcs = with_line_and_timestamp(LOGQL_FUNCS, lambda: line, lambda: ts)
    tmpl = compile_template(
        text, name=name, funcs=funcs, missingkey="zero", data_type="map[string]string"
    )
    return tmpl.execute(labels)


BLIP = {"foo": "blip", "bar": "blop"}
BLIP_CAPS = {"foo": "BLIp", "bar": "blop"}
QUERY = '/loki/api/v1/query?query=sum(count_over_time({stream_filter="some_stream",environment="prod", host=~"someec2.*"}'
QUERY_ESCAPED = (
    "%2Floki%2Fapi%2Fv1%2Fquery%3Fquery%3Dsum%28count_over_time%28%7Bstream_filter%3D%22"
    "some_stream%22%2Cenvironment%3D%22prod%22%2C+host%3D~%22someec2.%2A%22%7D"
)

# fmt_test.go Test_lineFormatter_Format: (row, template, labels, ts, line, output)
LINE = [
    ("count", '{{.foo | count "abc" }}', {"foo": "abc abc abc", "bar": "blop"}, 0, "", "3"),
    ("count regex", '{{.foo | count "a|b|c" }}', {"foo": "abc abc abc", "bar": "blop"}, 0, "", "9"),
    ("combining", "foo{{.foo}}buzz{{  .bar  }}", BLIP, 0, "", "fooblipbuzzblop"),
    ("Replace", 'foo{{.foo}}buzz{{ Replace .bar "blop" "bar" -1 }}', BLIP, 0, "", "fooblipbuzzbar"),
    ("replace", 'foo{{.foo}}buzz{{ .bar | replace "blop" "bar" }}', BLIP, 0, "", "fooblipbuzzbar"),
    ("title", "{{.foo | title }}", BLIP, 0, "", "Blip"),
    ("substr and trunc", "{{.foo | substr 1 3 }} {{ .bar  | trunc 1 }} {{ .bar  | trunc 3 }}", BLIP, 0, "", "li b blo"),
    (
        "trim",
        '{{.foo | trim }} {{ .bar  | trimAll "op" }} {{ .bar  | trimPrefix "b" }} {{ .bar  | trimSuffix "p" }}',
        {"foo": "  blip ", "bar": "blop"}, 0, "", "blip bl lop blo",
    ),
    ("lower and upper", "{{.foo | lower }} {{ .bar  | upper }}", BLIP_CAPS, 0, "", "blip BLOP"),
    ("urlencode", "{{.foo | urlencode }} {{ urlencode .foo }}", {"foo": QUERY}, 0, "", QUERY_ESCAPED + " " + QUERY_ESCAPED),
    ("urldecode", "{{.foo | urldecode }} {{ urldecode .foo }}", {"foo": QUERY_ESCAPED}, 0, "", QUERY + " " + QUERY),
    ("repeat", '{{ "foo" | repeat 3 }}', BLIP_CAPS, 0, "", "foofoofoo"),
    ("indent", '{{ "foo\\n bar" | indent 4 }}', BLIP_CAPS, 0, "", "    foo\n     bar"),
    ("nindent", '{{ "foo" | nindent 2 }}', BLIP_CAPS, 0, "", "\n  foo"),
    ("contains", '{{ if  .foo | contains "p"}}yes{{end}}-{{ if  .foo | contains "z"}}no{{end}}', BLIP_CAPS, 0, "", "yes-"),
    ("hasPrefix", '{{ if  .foo | hasPrefix "BL" }}yes{{end}}-{{ if  .foo | hasPrefix "p"}}no{{end}}', BLIP_CAPS, 0, "", "yes-"),
    ("hasSuffix", '{{ if  .foo | hasSuffix "Ip" }}yes{{end}}-{{ if  .foo | hasSuffix "pw"}}no{{end}}', BLIP_CAPS, 0, "", "yes-"),
    ("regexReplaceAll", '{{ regexReplaceAll "(p)" .foo "t" }}', BLIP_CAPS, 0, "", "BLIt"),
    ("regexReplaceAllLiteral", '{{ regexReplaceAllLiteral "(p)" .foo "${1}" }}', BLIP_CAPS, 0, "", "BLI${1}"),
    ("missing", "foo {{.foo}}buzz{{  .bar  }}", {"bar": "blop"}, 0, "", "foo buzzblop"),
    ("function", "foo {{.foo | ToUpper }} buzz{{  .bar  }}", BLIP, 0, "", "foo BLIP buzzblop"),
    ("mathint", "{{ add .foo 1 | sub .bar | mul .baz | div .bazz}}", {"foo": "1", "bar": "3", "baz": "10", "bazz": "20"}, 0, "", "2"),
    ("mathfloat", "{{ addf .foo 1.5 | subf .bar 1.5 | mulf .baz | divf .bazz }}", {"foo": "1.5", "bar": "5", "baz": "10.5", "bazz": "20.2"}, 0, "", "3.8476190476190477"),
    ("mathfloatround", "{{ round (addf .foo 1.5 | subf .bar | mulf .baz | divf .bazz) 5 .2}}", {"foo": "1.5", "bar": "3.5", "baz": "10.5", "bazz": "20.4"}, 0, "", "3.88572"),
    ("min", "min is {{ min .foo .bar .baz }} and max is {{ max .foo .bar .baz }}", {"foo": "5", "bar": "10", "baz": "15"}, 0, "", "min is 5 and max is 15"),
    ("max", "minf is {{ minf .foo .bar .baz }} and maxf is {{maxf .foo .bar .baz}}", {"foo": "5.3", "bar": "10.5", "baz": "15.2"}, 0, "", "minf is 5.3 and maxf is 15.2"),
    ("ceilfloor", "ceil is {{ ceil .foo }} and floor is {{floor .foo }}", {"foo": "5.3"}, 0, "", "ceil is 6 and floor is 5"),
    ("mod", "mod is {{ mod .foo 3 }}", {"foo": "20"}, 0, "", "mod is 2"),
    ("float64int", '{{ "2.5" | float64 | int | add 10}}', {"foo": "2.5"}, 0, "", "12"),
    ("datetime", '{{ sub (unixEpoch (toDate "2006-01-02" "2021-11-02")) (unixEpoch (toDate "2006-01-02" "2021-11-01")) }}', {}, 0, "", "86400"),
    ("dateformat", '{{ date "2006-01-02" (toDate "2006-01-02" "2021-11-02") }}', {}, 0, "", "2021-11-02"),
    ("now", "{{ div (unixEpoch now) (unixEpoch now) }}", {}, 0, "", "1"),
    ("line", "{{ __line__ }} bar {{ .bar }}", {"bar": "2"}, 0, "1", "1 bar 2"),
    ("default", '{{.foo | default "-" }}{{.bar | default "-"}}{{.unknown | default "-"}}', {"foo": "blip", "bar": ""}, 0, "", "blip--"),
    ("timestamp", '{{ __timestamp__ | date "2006-01-02" }} bar {{ .bar }}', {"bar": "2"}, 1656353124120000000, "1", "2022-06-27 bar 2"),
    ("timestamp_unix", "{{ __timestamp__ | unixEpoch }} bar {{ .bar }}", {"bar": "2"}, 1656353124120000000, "1", "1656353124 bar 2"),
    ("bytes 1", "{{ .foo | bytes }}", {"foo": "3 kB"}, 0, "", "3000"),
    ("bytes 2", "{{ .foo | bytes }}", {"foo": "3MB"}, 0, "", "3e+06"),
    ("duration 1", "{{ .foo | duration }}", {"foo": "3ms"}, 0, "", "0.003"),
    ("duration 2", "{{ .foo | duration_seconds }}", {"foo": "3m10s"}, 0, "", "190"),
    ("toDateInZone", '{{ .foo | toDateInZone "2006-01-02T15:04:05.999999999Z" "UTC" | unixEpochMillis }}', {"foo": "2023-03-10T01:32:40.340485723Z"}, 0, "", "1678411960340"),
    ("unixEpochNanos", '{{ .foo | toDateInZone "2006-01-02T15:04:05.999999999Z" "UTC" | unixEpochNanos }}', {"foo": "2023-03-10T01:32:40.340485723Z"}, 0, "", "1678411960340485723"),
    ("base64encode", "{{ .foo | b64enc }}", {"foo": "i'm a string, encode me!"}, 0, "", "aSdtIGEgc3RyaW5nLCBlbmNvZGUgbWUh"),
    ("base64decode", "{{ .foo | b64dec }}", {"foo": "aSdtIGEgc3RyaW5nLCBlbmNvZGUgbWUh"}, 0, "", "i'm a string, encode me!"),
    ("alignLeft", "{{ alignLeft 4 .foo }}", {"foo": "hello"}, 0, "", "hell"),
    ("alignRight", "{{ alignRight 4 .foo }}", {"foo": "hello"}, 0, "", "ello"),
    ("simple key template", "{{.foo}}", {"foo": "bar"}, 0, "", "bar"),
    ("simple key template with space", "{{.foo}}  ", {"foo": "bar"}, 0, "", "bar  "),
    ("simple key template with missing key", "{{.missing}}", {"foo": "bar"}, 0, "", ""),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "text", "labels", "ts", "line", "want"), LINE, ids=[r[0] for r in LINE]
)
def test_line_format(
    name: str, text: str, labels: dict[str, str], ts: int, line: str, want: str
) -> None:
    assert render(text, labels, "line", line, ts) == want


# fmt_test.go rows whose template fails: Loki puts this text in __error_details__
LINE_ERRORS = [
    ("err", "{{.foo Replace \"foo\"}}", "line", 'template: line:1:2: executing "line" at <.foo>: foo is not a method but has arguments'),
    ("template_error", "{{.foo | now}}", "line", 'template: line:1:9: executing "line" at <now>: wrong number of args for now: want 0 got 1'),
    ("label template error", '{{replace "test" .foo}}', "label", 'template: label:1:2: executing "label" at <replace>: wrong number of args for replace: want 3 got 2'),
]  # fmt: skip


@pytest.mark.parametrize(
    ("row", "text", "name", "want"), LINE_ERRORS, ids=[r[0] for r in LINE_ERRORS]
)
def test_format_errors(row: str, text: str, name: str, want: str) -> None:
    with pytest.raises(TemplateExecError) as err:
        render(text, BLIP, name)
    assert str(err.value) == want


# fmt_test.go Test_labelsFormatter_Format: entry line "test line", ts 1661518453244672570
LABEL = [
    ("combined with template", "{{.foo}} and {{.bar}}", BLIP, "blip and blop"),
    ("fn", "{{.foo | ToUpper }} and {{.bar}}", BLIP, "BLIP and blop"),
    ("math", "{{div .status 100 }}", {"status": "200"}, "2"),
    ("default", '{{.foo | default "-" }} and {{.bar}}', {"bar": "blop"}, "- and blop"),
    ("line", "{{ __line__ }}", BLIP, "test line"),
    ("timestamp", '{{ __timestamp__ | date "2006-01-02" }}', BLIP, "2022-08-26"),
    ("timestamp_unix", "{{ __timestamp__ | unixEpoch }}", BLIP, "1661518453"),
    ("count", '{{ __line__ | count "test" }}', BLIP, "1"),
    ("count regex no matches", '{{ __line__ | count "notmatching.*" }}', {}, "0"),
    ("unixToTime days", "{{ .bar | unixToTime }}", {"foo": "", "bar": "19503"}, "2023-05-26 00:00:00 +0000 UTC"),
    ("unixToTime seconds", "{{ .bar | unixToTime }}", {"foo": "", "bar": "1679577215"}, "2023-03-23 13:13:35 +0000 UTC"),
    ("unixToTime milliseconds", "{{ .bar | unixToTime }}", {"foo": "", "bar": "1257894000000"}, "2009-11-10 23:00:00 +0000 UTC"),
    ("unixToTime microseconds", "{{ .bar | unixToTime }}", {"foo": "", "bar": "1673798889902000"}, "2023-01-15 16:08:09.902 +0000 UTC"),
    ("unixToTime nanoseconds", "{{ .bar | unixToTime }}", {"foo": "", "bar": "1000000000000000000"}, "2001-09-09 01:46:40 +0000 UTC"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "text", "labels", "want"), LABEL, ids=[r[0] for r in LABEL])
def test_label_format(name: str, text: str, labels: dict[str, str], want: str) -> None:
    # the unixToTime rows print time.Time in the Local zone, which is UTC in Loki's image
    assert render(text, labels, "label", "test line", 1661518453244672570) == want


@pytest.mark.parametrize(
    ("count", "want"),
    [(-1, "Hello, 世界"), (0, ""), (1, "H"), (8, "Hello, 世"), (20, "Hello, 世界           ")],
)
def test_align_left(count: int, want: str) -> None:
    # fmt_test.go Test_AlignLeft
    assert align_left(count, "Hello, 世界") == want


@pytest.mark.parametrize(
    ("count", "want"),
    [(-1, "Hello, 世界"), (0, ""), (1, "界"), (2, "世界"), (20, "           Hello, 世界")],
)
def test_align_right(count: int, want: str) -> None:
    # fmt_test.go Test_AlignRight
    assert align_right(count, "Hello, 世界") == want


@pytest.mark.parametrize(("name", "args"), [
    ("regexReplaceAll", ("a|b|\\q", "input", "replacement")),
    ("regexReplaceAllLiteral", ("\\h", "input", "replacement")),
    ("count", ("a|b|\\K", "input")),
])  # fmt: skip
def test_invalid_regex_is_an_error(name: str, args: tuple[str, ...]) -> None:
    # fmt_test.go Test_InvalidRegex: Loki compiles with regexp.Compile and returns the error
    func = LOGQL_FUNCS[name]
    with pytest.raises(GoError, match="error parsing regexp: invalid escape sequence"):
        func(*args)


@pytest.mark.parametrize("epoch", ["abc", "464"])
def test_invalid_unix_times(epoch: str) -> None:
    # fmt_test.go TestInvalidUnixTimes
    with pytest.raises(GoError, match=f"unable to parse time '{epoch}'"):
        unix_to_time(epoch)


# fmt_test.go TestLineFormatter_RequiredLabelNames
@pytest.mark.parametrize(("text", "want"), [
    ("{{.foo}} and {{.bar}}", ["foo", "bar"]),
    ("{{ .foo | ToUpper | .buzz }} and {{.bar}}", ["foo", "buzz", "bar"]),
    ('{{ regexReplaceAllLiteral "(p)" .foo "${1}" }}', ["foo"]),
    ('{{ if  .foo | hasSuffix "Ip" }} {{.bar}} {{end}}-{{ if  .foo | hasSuffix "pw"}}no{{end}}', ["foo", "bar"]),
    ('{{with .foo}}{{printf "%q" .}} {{end}}', ["foo"]),
    ('{{with .foo}}{{printf "%q" .}} {{else}} {{ .buzz | lower }} {{end}}', ["foo", "buzz"]),
])  # fmt: skip
def test_required_label_names(text: str, want: list[str]) -> None:
    assert compile_template(text, name="line", funcs=LOGQL_FUNCS).field_names() == want


def test_function_names() -> None:
    # fmt.go: functionMap, the whitelisted sprig functions, then __line__/__timestamp__ per formatter
    own = {
        "ToLower", "ToUpper", "Replace", "Trim", "TrimLeft", "TrimRight", "TrimPrefix", "TrimSuffix",
        "TrimSpace", "regexReplaceAll", "regexReplaceAllLiteral", "count", "urldecode", "urlencode",
        "bytes", "duration", "duration_seconds", "unixEpochMillis", "unixEpochNanos",
        "toDateInZone", "unixToTime", "alignLeft", "alignRight",
    }  # fmt: skip
    assert set(LOGQL_FUNCS) == own | set(SPRIG_WHITELIST)
    assert len(SPRIG_WHITELIST) == 42
    funcs = with_line_and_timestamp(LOGQL_FUNCS, lambda: "", lambda: 0)
    assert set(funcs) - set(LOGQL_FUNCS) == {"__line__", "__timestamp__"}


def test_sprig_not_whitelisted_is_undefined() -> None:
    # fmt.go only copies the listed sprig functions: others are `not defined` in LogQL
    with pytest.raises(Exception, match='function "sha256sum" not defined'):
        compile_template("{{ sha256sum .foo }}", name="line", funcs=LOGQL_FUNCS)


def test_sprig_trunc_and_substr_count_bytes() -> None:
    # fmt.go takes trunc/substr from sprig (strings.go), which slice bytes, not fmt.go's own
    # rune-based trunc/substring (only fmt_test.go's Test_trunc and Test_substring call those)
    assert render("{{ trunc 8 .s }}", {"s": "Hello, 世界"}, "line") == "Hello, \ufffd"
    with pytest.raises(
        TemplateExecError, match=r"slice bounds out of range \[:20\] with length 13"
    ):
        render("{{ substr -1 20 .s }}", {"s": "Hello, 世界"}, "line")
