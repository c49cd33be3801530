"""compile_template / Template: the behaviours callers rely on, from Go's text/template docs
and Loki's fmt.go (simple-key shortcut)."""

from __future__ import annotations

from typing import Any

import pytest

from sim.gotemplate import (
    LOGQL_FUNCS,
    PROMTAIL_FUNCS,
    GoFunc,
    TemplateError,
    TemplateExecError,
    UnsupportedTemplateFeature,
    compile_template,
)
from sim.gotemplate.errors import GoError


def render(text: str, data: Any = None, funcs: Any = PROMTAIL_FUNCS) -> str:
    return compile_template(text, name="t", funcs=funcs).execute(data)


@pytest.mark.parametrize(
    ("text", "data", "want"),
    [
        # Go text/template docs: trim markers eat all trailing/leading white space
        ("{{23 -}} < {{- 45}}", None, "23<45"),
        ("a  {{- /* a comment */ -}}  b", None, "ab"),
        ("{{-3}}", None, "-3"),  # no space: a negative number, not a trim marker
        # raw strings keep backslashes; interpreted strings use Go escapes
        ("{{ `a\\tb` }}", None, "a\\tb"),
        ('{{ "a\\tb\\u00e9\\x41" }}', None, "a\tbéA"),
        # pipelines pass the previous result as the last argument
        ('{{ .Value | ToUpper | printf "%s!" }}', {"Value": "hi"}, "HI!"),
        ('{{ "x" | printf "%s-%s" "a" }}', None, "a-x"),
        # variables, $ root, nested fields
        ("{{ $v := .a.b }}{{ $v }} {{ $.a.b }}", {"a": {"b": "deep"}}, "deep deep"),
        ("{{ range $k, $v := . }}{{ $k }}={{ $v }};{{ end }}", {"b": "2", "a": "1"}, "a=1;b=2;"),
        # comparisons with several arguments, and/or returning operands
        ('{{ eq .l "a" "b" "c" }}', {"l": "c"}, "true"),
        ("{{ or .missing .fallback }}", {"fallback": "fb"}, "fb"),
        ('{{ ne .l "x" }} {{ lt 1 2 }} {{ ge "b" "a" }}', {"l": "x"}, "false true true"),
        # a missing key fails quietly in comparisons: eq with nil is false
        ('{{ if eq .level "error" }}E{{ else }}other{{ end }}', {}, "other"),
        # time values: methods and printing
        ('{{ (toDate "2006-01-02" "2021-11-02").Unix }}', None, "1635811200"),
        ('{{ (toDate "2006-01-02" "2021-11-02").Format "Jan 2" }}', None, "Nov 2"),
        ('{{ (toDate "2006-01-02" "2021-11-02").Month }}', None, "November"),
        ('{{ toDate "2006-01-02" "2021-11-02" }}', None, "2021-11-02 00:00:00 +0000 UTC"),
        # len counts bytes; index of a string is a byte
        ("{{ len . }} {{ index . 1 }}", "héllo", "6 195"),
        # sprig's slice replaces the builtin in Promtail's map, and takes lists only
        ("{{ slice (list 1 2 3) 1 }}", None, "[2 3]"),
    ],
)
def test_render(text: str, data: Any, want: str) -> None:
    assert render(text, data) == want


def test_invalid_utf8_leaves_as_replacement_character() -> None:
    # the builtin slice cuts bytes; a cut UTF-8 sequence cannot leave as a Python str
    assert render("{{ slice . 0 2 }}", "héllo", funcs=LOGQL_FUNCS) == "h\ufffd"


def test_simple_key() -> None:
    # fmt.go NewFormatter: one action, one command, one single-name field (declarations too)
    cases = {
        "{{.foo}}": "foo",
        "{{ .foo }}": "foo",
        "{{$x := .foo}}": "foo",
        "{{.foo}}  ": None,
        "{{.foo.bar}}": None,
        "{{.foo | ToUpper}}": None,
        "x": None,
    }
    for text, key in cases.items():
        assert compile_template(text, name="line", funcs=LOGQL_FUNCS).simple_key == key


def test_python_callables_take_interface_arguments() -> None:
    # a FuncMap entry without a Go signature is func(...interface{}) interface{}
    funcs = dict(PROMTAIL_FUNCS, shout=lambda *a: "!".join(str(x) for x in a))
    assert render('{{ shout 1 "a" }}', funcs=funcs) == "1!a"


def test_go_errors_from_functions() -> None:
    # FuncMap docs: a non-nil error result stops execution with that error
    def boom() -> str:
        raise GoError("kaboom")

    with pytest.raises(TemplateExecError) as err:
        render("{{ boom }}", funcs={"boom": GoFunc(boom)})
    assert str(err.value) == 'template: t:1:3: executing "t" at <boom>: error calling boom: kaboom'


def test_refused_time_methods() -> None:
    # time.Time has methods lokisim does not run: refuse rather than misread them as keys
    with pytest.raises(UnsupportedTemplateFeature, match=r"time\.Time method Add"):
        render('{{ (toDate "2006-01-02" "2021-11-02").Add 5 }}')


def test_parse_errors_are_user_errors() -> None:
    with pytest.raises(TemplateError) as err:
        compile_template("{{ .a ", name="pipeline_template", funcs=PROMTAIL_FUNCS)
    assert err.value.line == 1
    assert str(err.value) == "template: pipeline_template:1: unclosed action"


def test_execute_is_repeatable() -> None:
    # compile once, execute per line: no state leaks between executions
    tmpl = compile_template("{{ $x := .v }}{{ $x }}", name="t", funcs=PROMTAIL_FUNCS)
    assert [tmpl.execute({"v": str(i)}) for i in range(3)] == ["0", "1", "2"]
