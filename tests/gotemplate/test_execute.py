"""Execution tables ported from Go's text/template/exec_test.go (Go 1.24), with struct data
replaced by maps where Go's result is the same, plus Go's documented error texts."""

from __future__ import annotations

from typing import Any

import pytest

from sim.gotemplate import GoFunc, StrMap, TemplateExecError, compile_template
from sim.gotemplate.errors import GoError
from sim.gotemplate.gotypes import IFACE, Int64, IntList, Uint8

# exec_test.go tVal, as a map
T_VAL: dict[str, Any] = {
    "True": True,
    "I": 17,
    "U16": 16,
    "X": "x",
    "S": "xyz",
    "U": {"V": "v"},
    "SI": IntList([3, 4, 5]),
    "SIEmpty": IntList(),
    "SB": [True, False],
    "MSI": {"one": 1, "two": 2, "three": 3},
    "MSIone": {"one": 1},
    "MSIEmpty": {},
    "SMSI": [{"one": 1, "two": 2}, {"eleven": 11, "twelve": 12}],
    "Empty3": [7, 8],
    "FloatZero": 0.0,
}


def _die() -> bool:
    raise GoError("die")


def _add(*args: int) -> int:
    return sum(args)


# exec_test.go testExecute's FuncMap, with each function's Go signature
FUNCS = {
    "add": GoFunc(_add, (), "int"),
    "dddArg": GoFunc(lambda a, *b: f"{a} [{' '.join(b)}]\n", ("int",), "string"),
    "die": GoFunc(_die),
    "echo": GoFunc(lambda arg: arg, (IFACE,)),
    "makemap": GoFunc(lambda *a: StrMap(zip(a[::2], a[1::2], strict=True)), (), "string"),
    "mapOfThree": GoFunc(lambda: {"three": 3}),
    "oneArg": GoFunc(lambda a: "oneArg=" + a, ("string",)),
    "returnInt": GoFunc(lambda: 7),
    "twoArgs": GoFunc(lambda a, b: "twoArgs=" + a + b, ("string", "string")),
    "valueString": GoFunc(lambda v: "value is ignored", ("string",)),
    "zeroArgs": GoFunc(lambda: "zeroArgs"),
}


def run(text: str, data: Any = None, **kw: Any) -> str:
    return compile_template(text, name="t", funcs=FUNCS, **kw).execute(data)


# (name from exec_test.go execTests, template, expected output, data); all execute cleanly
OK = [
    ("empty", "", "", None),
    ("text", "some text", "some text", None),
    ("nil action", "{{nil}}", None, None),
    ("dot int", "<{{.}}>", "<13>", 13),
    ("dot float", "<{{.}}>", "<15.1>", 15.1),
    ("dot bool", "<{{.}}>", "<true>", True),
    ("dot string", "<{{.}}>", "<hello>", "hello"),
    ("dot slice", "<{{.}}>", "<[-1 -2 -3]>", [-1, -2, -3]),
    ("dot map", "<{{.}}>", "<map[two:22]>", {"two": 22}),
    ("$ int", "{{$}}", "123", 123),
    ("$.I", "{{$.I}}", "17", T_VAL),
    ("$.U.V", "{{$.U.V}}", "v", T_VAL),
    ("declare in action", "{{$x := $.U.V}}{{$x}}", "v", T_VAL),
    ("simple assignment", "{{$x := 2}}{{$x = 3}}{{$x}}", "3", T_VAL),
    ("nested assignment", "{{$x := 2}}{{if true}}{{$x = 3}}{{end}}{{$x}}", "3", T_VAL),
    (
        "nested assignment changes the last declaration",
        "{{$x := 1}}{{if true}}{{$x := 2}}{{if true}}{{$x = 3}}{{end}}{{end}}{{$x}}",
        "1",
        T_VAL,
    ),
    ("V{6666}.String()", "-{{.U.V}}-", "-v-", T_VAL),
    ("map .one", "{{.MSI.one}}", "1", T_VAL),
    ("map .two", "{{.MSI.two}}", "2", T_VAL),
    ("map .NO", "{{.MSI.NO}}", "<no value>", T_VAL),
    ("map .one interface", "{{.MSIone.one}}", "1", T_VAL),
    ("field on interface", "{{.foo}}", "<no value>", None),
    ("field on parenthesized interface", "{{(.).foo}}", "<no value>", None),
    ("parenthesized non-function with no args", "{{(1)}}", "1", None),
    (
        "parens in pipeline",
        "{{printf `%d %d %d` (1) (2 | add 3) (add 4 (add 5 6))}}",
        "1 5 15",
        T_VAL,
    ),
    ("parens: $ in paren", "{{($).X}}", "x", T_VAL),
    ("parens: $ in paren in pipe", "{{($ | echo).X}}", "x", T_VAL),
    ("parens: spaces and args", '{{(makemap "up" "down" "left" "right").left}}', "right", T_VAL),
    ("if true", "{{if true}}TRUE{{end}}", "TRUE", T_VAL),
    ("if false", "{{if false}}TRUE{{else}}FALSE{{end}}", "FALSE", T_VAL),
    ("if 1", "{{if 1}}NON-ZERO{{else}}ZERO{{end}}", "NON-ZERO", T_VAL),
    ("if 0", "{{if 0}}NON-ZERO{{else}}ZERO{{end}}", "ZERO", T_VAL),
    ("if 1.5", "{{if 1.5}}NON-ZERO{{else}}ZERO{{end}}", "NON-ZERO", T_VAL),
    ("if 0.0", "{{if .FloatZero}}NON-ZERO{{else}}ZERO{{end}}", "ZERO", T_VAL),
    ("if emptystring", "{{if ``}}NON-EMPTY{{else}}EMPTY{{end}}", "EMPTY", T_VAL),
    ("if string", "{{if `notempty`}}NON-EMPTY{{else}}EMPTY{{end}}", "NON-EMPTY", T_VAL),
    ("if emptyslice", "{{if .SIEmpty}}NON-EMPTY{{else}}EMPTY{{end}}", "EMPTY", T_VAL),
    ("if slice", "{{if .SI}}NON-EMPTY{{else}}EMPTY{{end}}", "NON-EMPTY", T_VAL),
    ("if emptymap", "{{if .MSIEmpty}}NON-EMPTY{{else}}EMPTY{{end}}", "EMPTY", T_VAL),
    ("if map", "{{if .MSI}}NON-EMPTY{{else}}EMPTY{{end}}", "NON-EMPTY", T_VAL),
    ("if map unset", "{{if .MSI.none}}NON-ZERO{{else}}ZERO{{end}}", "ZERO", T_VAL),
    ("if map not unset", "{{if not .MSI.none}}ZERO{{else}}NON-ZERO{{end}}", "ZERO", T_VAL),
    (
        "if $x with $y int",
        "{{if $x := true}}{{with $y := .I}}{{$x}},{{$y}}{{end}}{{end}}",
        "true,17",
        T_VAL,
    ),
    (
        "if $x with $x int",
        "{{if $x := true}}{{with $x := .I}}{{$x}},{{end}}{{$x}}{{end}}",
        "17,true",
        T_VAL,
    ),
    ("if else if", "{{if false}}FALSE{{else if true}}TRUE{{end}}", "TRUE", T_VAL),
    ("if else chain", "{{if eq 1 3}}1{{else if eq 2 3}}2{{else if eq 3 3}}3{{end}}", "3", T_VAL),
    ("print", '{{print "hello, print"}}', "hello, print", T_VAL),
    ("print 123", "{{print 1 2 3}}", "1 2 3", T_VAL),
    ("print nil", "{{print nil}}", "<nil>", T_VAL),
    ("println", "{{println 1 2 3}}", "1 2 3\n", T_VAL),
    ("printf int", '{{printf "%04x" 127}}', "007f", T_VAL),
    ("printf float", '{{printf "%g" 3.5}}', "3.5", T_VAL),
    ("printf string", '{{printf "%s" "hello"}}', "hello", T_VAL),
    ("printf function", '{{printf "%#q" zeroArgs}}', "`zeroArgs`", T_VAL),
    ("printf field", '{{printf "%s" .U.V}}', "v", T_VAL),
    ("printf dot", '{{with .I}}{{printf "%d" .}}{{end}}', "17", T_VAL),
    ("printf var", '{{with $x := .I}}{{printf "%d" $x}}{{end}}', "17", T_VAL),
    (
        "html",
        '{{html "<script>alert(\\"XSS\\");</script>"}}',
        "&lt;script&gt;alert(&#34;XSS&#34;);&lt;/script&gt;",
        None,
    ),
    (
        "html pipeline",
        '{{printf "<script>alert(\\"XSS\\");</script>" | html}}',
        "&lt;script&gt;alert(&#34;XSS&#34;);&lt;/script&gt;",
        None,
    ),
    ("html untyped nil", "{{html .Empty0}}", "&lt;no value&gt;", T_VAL),
    ("js", "{{js .}}", "It\\'d be nice.", "It'd be nice."),
    ("urlquery", '{{"http://www.example.org/"|urlquery}}', "http%3A%2F%2Fwww.example.org%2F", None),
    ("not", "{{not true}} {{not false}}", "false true", None),
    ("and", "{{and false 0}} {{and 1 0}} {{and 0 true}} {{and 1 1}}", "false 0 0 1", None),
    ("or", "{{or 0 0}} {{or 1 0}} {{or 0 true}} {{or 1 1}}", "0 1 true 1", None),
    ("or short-circuit", "{{or 0 1 (die)}}", "1", None),
    ("and short-circuit", "{{and 1 0 (die)}}", "0", None),
    ("and pipe-true", "{{1 | and 1}}", "1", None),
    ("and pipe-false", "{{0 | and 1}}", "0", None),
    ("or pipe-true", "{{1 | or 0}}", "1", None),
    ("or pipe-false", "{{0 | or 0}}", "0", None),
    ("and undef", "{{and 1 .Unknown}}", "<no value>", None),
    ("or undef", "{{or 0 .Unknown}}", "<no value>", None),
    ("boolean if", "{{if and true 1 `hi`}}TRUE{{else}}FALSE{{end}}", "TRUE", T_VAL),
    ("boolean if not", "{{if and true 1 `hi` | not}}TRUE{{else}}FALSE{{end}}", "FALSE", None),
    ("boolean if pipe", "{{if true | not | and 1}}TRUE{{else}}FALSE{{end}}", "FALSE", None),
    ("slice[0]", "{{index .SI 0}}", "3", T_VAL),
    ("slice[1]", "{{index .SI 1}}", "4", T_VAL),
    ("map[one]", "{{index .MSI `one`}}", "1", T_VAL),
    ("double index", "{{index .SMSI 1 `eleven`}}", "11", T_VAL),
    ("index of an interface field", "{{index .Empty3 0}}", "7", T_VAL),
    ("slice[:]", "{{slice .SI}}", "[3 4 5]", T_VAL),
    ("slice[1:]", "{{slice .SI 1}}", "[4 5]", T_VAL),
    ("slice[1:2]", "{{slice .SI 1 2}}", "[4]", T_VAL),
    ("string[:]", "{{slice .S}}", "xyz", T_VAL),
    ("string[0:1]", "{{slice .S 0 1}}", "x", T_VAL),
    ("string[1:]", "{{slice .S 1}}", "yz", T_VAL),
    ("string[1:2]", "{{slice .S 1 2}}", "y", T_VAL),
    ("slice of an interface field", "{{slice .Empty3 0 1}}", "[7]", T_VAL),
    ("len slice", "{{len .SI}}", "3", T_VAL),
    ("len map", "{{len .MSI }}", "3", T_VAL),
    ("len of an interface field", "{{len .Empty3}}", "2", T_VAL),
    ("with true", "{{with true}}{{.}}{{end}}", "true", T_VAL),
    ("with false", "{{with false}}{{.}}{{else}}FALSE{{end}}", "FALSE", T_VAL),
    ("with 1", "{{with 1}}{{.}}{{else}}ZERO{{end}}", "1", T_VAL),
    ("with 0", "{{with 0}}{{.}}{{else}}ZERO{{end}}", "ZERO", T_VAL),
    ("with 1.5", "{{with 1.5}}{{.}}{{else}}ZERO{{end}}", "1.5", T_VAL),
    ("with emptystring", "{{with ``}}{{.}}{{else}}EMPTY{{end}}", "EMPTY", T_VAL),
    ("with string", "{{with `notempty`}}{{.}}{{else}}EMPTY{{end}}", "notempty", T_VAL),
    ("with slice", "{{with .SI}}{{.}}{{else}}EMPTY{{end}}", "[3 4 5]", T_VAL),
    ("with map", "{{with .MSIone}}{{.}}{{else}}EMPTY{{end}}", "map[one:1]", T_VAL),
    ("with $x int", "{{with $x := .I}}{{$x}}{{end}}", "17", T_VAL),
    ("with $x struct.U.V", "{{with $x := $}}{{$x.U.V}}{{end}}", "v", T_VAL),
    ("with variable and action", "{{with $x := $}}{{$y := $.U.V}}{{$y}}{{end}}", "v", T_VAL),
    ("with else with", "{{with 0}}{{.}}{{else with true}}{{.}}{{end}}", "true", T_VAL),
    (
        "with else with chain",
        "{{with 0}}{{.}}{{else with false}}{{.}}{{else with `notempty`}}{{.}}{{end}}",
        "notempty",
        T_VAL,
    ),
    ("range []int", "{{range .SI}}-{{.}}-{{end}}", "-3--4--5-", T_VAL),
    ("range empty no else", "{{range .SIEmpty}}-{{.}}-{{end}}", "", T_VAL),
    ("range []int else", "{{range .SI}}-{{.}}-{{else}}EMPTY{{end}}", "-3--4--5-", T_VAL),
    ("range empty else", "{{range .SIEmpty}}-{{.}}-{{else}}EMPTY{{end}}", "EMPTY", T_VAL),
    (
        "range []int break else",
        "{{range .SI}}-{{.}}-{{break}}NOTREACHED{{else}}EMPTY{{end}}",
        "-3-",
        T_VAL,
    ),
    (
        "range []int continue else",
        "{{range .SI}}-{{.}}-{{continue}}NOTREACHED{{else}}EMPTY{{end}}",
        "-3--4--5-",
        T_VAL,
    ),
    ("range []bool", "{{range .SB}}-{{.}}-{{end}}", "-true--false-", T_VAL),
    ("range map", "{{range .MSI}}-{{.}}-{{end}}", "-1--3--2-", T_VAL),
    ("range empty map no else", "{{range .MSIEmpty}}-{{.}}-{{end}}", "", T_VAL),
    ("range empty map else", "{{range .MSIEmpty}}-{{.}}-{{else}}EMPTY{{end}}", "EMPTY", T_VAL),
    ("range empty interface", "{{range .Empty3}}-{{.}}-{{else}}EMPTY{{end}}", "-7--8-", T_VAL),
    ("range empty nil", "{{range .Empty0}}-{{.}}-{{end}}", "", T_VAL),
    ("range $x SI", "{{range $x := .SI}}<{{$x}}>{{end}}", "<3><4><5>", T_VAL),
    ("range $x $y SI", "{{range $x, $y := .SI}}<{{$x}}={{$y}}>{{end}}", "<0=3><1=4><2=5>", T_VAL),
    ("range $x MSIone", "{{range $x := .MSIone}}<{{$x}}>{{end}}", "<1>", T_VAL),
    ("range $x $y MSIone", "{{range $x, $y := .MSIone}}<{{$x}}={{$y}}>{{end}}", "<one=1>", T_VAL),
    ("declare in range", "{{range $x := .SI}}<{{$foo:=$x}}{{$x}}>{{end}}", "<3><4><5>", T_VAL),
    ("range 5", '{{range $v := 5}}{{printf "%T%d" $v $v}}{{end}}', "int0int1int2int3int4", None),
    ("range int64", '{{range $v := .}}{{printf "%T%d" $v $v}}{{end}}', "int640int641", Int64(2)),
    ("range uint8", '{{range $v := .}}{{printf "%T%d" $v $v}}{{end}}', "uint80uint81", Uint8(2)),
    ("or as if true", '{{or .SI "slice is empty"}}', "[3 4 5]", T_VAL),
    ("or as if false", '{{or .SIEmpty "slice is empty"}}', "slice is empty", T_VAL),
    ("decimal", "{{print 1234}}", "1234", T_VAL),
    ("decimal _", "{{print 12_34}}", "1234", T_VAL),
    ("binary", "{{print 0b101}}", "5", T_VAL),
    ("binary _", "{{print 0b_1_0_1}}", "5", T_VAL),
    ("octal0", "{{print 0377}}", "255", T_VAL),
    ("octal", "{{print 0o377}}", "255", T_VAL),
    ("hex", "{{print 0x123}}", "291", T_VAL),
    ("hex _", "{{print 0x1_23}}", "291", T_VAL),
    ("HEX", "{{print 0X123ABC}}", "1194684", T_VAL),
    ("float", "{{print 123.4}}", "123.4", T_VAL),
    ("float _", "{{print 0_0_1_2_3.4}}", "123.4", T_VAL),
    ("hex float", "{{print +0x1.ep+2}}", "7.5", T_VAL),
    ("hex float _", "{{print +0x_1.e_0p+0_2}}", "7.5", T_VAL),
    ("HEX float", "{{print +0X1.EP+2}}", "7.5", T_VAL),
    ("print multi", "{{print 1_2_3_4 7.5_00_00_00}}", "1234 7.5", T_VAL),
    ("print multi2", "{{print 1234 0x0_1.e_0p+02}}", "1234 7.5", T_VAL),
    ("bug4", "{{if .Empty0}}non-nil{{else}}nil{{end}}", "nil", T_VAL),
    ("bug9", "{{.cause}}", "neglect", StrMap({"cause": "neglect"})),
    ("bug10", "{{mapOfThree.three}}-{{(mapOfThree).three}}", "3-3", 0),
    ("bug12xe", "{{printf `%T` 0xef}}", "int", None),
    ("bug12XE", "{{printf `%T` 0XEE}}", "int", None),
    ("bug16g", '{{"aaa" |twoArgs "bbb"}}', "twoArgs=bbbaaa", T_VAL),
    ("bug16i", '{{"aaa"|oneArg}}', "oneArg=aaa", T_VAL),
    ("bug16k", '{{"aaa"|printf }}', "aaa", T_VAL),
    ("bug18a", "{{eq . '.'}}", "true", ord(".")),
    ("bug18b", "{{eq . 'e'}}", "true", ord("e")),
    ("issue56490", "{{$i := 0}}{{$x := 0}}{{range $i = .SI}}{{end}}{{$i}}", "5", T_VAL),
    (
        "issue60801",
        "{{$k := 0}}{{$v := 0}}{{range $k, $v = .SI}}{{$k}}={{$v}} {{end}}",
        "0=3 1=4 2=5 ",
        T_VAL,
    ),
]


@pytest.mark.parametrize(("name", "text", "want", "data"), OK, ids=[c[0] for c in OK])
def test_execute(name: str, text: str, want: str | None, data: Any) -> None:
    if want is None:  # exec_test.go "nil action": executing fails
        with pytest.raises(TemplateExecError):
            run(text, data)
        return
    assert run(text, data) == want


# exec_test.go execTests rows with ok=false: executing must fail
FAILS = [
    ("unparenthesized non-function", "{{1 2}}", None),
    ("parenthesized non-function", "{{(1) 2}}", None),
    ("if nil", "{{if nil}}TRUE{{end}}", T_VAL),
    ("or short-circuit2", "{{or 0 0 (die)}}", None),
    ("and short-circuit2", "{{and 1 1 (die)}}", None),
    ("slice[HUGE]", "{{index .SI 10}}", T_VAL),
    ("slice[WRONG]", "{{index .SI `hello`}}", T_VAL),
    ("slice[nil]", "{{index .SI nil}}", T_VAL),
    ("map[nil]", "{{index .MSI nil}}", T_VAL),
    ("map[WRONG]", "{{index .MSI 10}}", T_VAL),
    ("nil[1]", "{{index nil 1}}", T_VAL),
    ("slice[-1:]", "{{slice .SI -1}}", T_VAL),
    ("slice[1:-2]", "{{slice .SI 1 -2}}", T_VAL),
    ("slice[1:2:-1]", "{{slice .SI 1 2 -1}}", T_VAL),
    ("slice[2:1]", "{{slice .SI 2 1}}", T_VAL),
    ("slice[2:2:1]", "{{slice .SI 2 2 1}}", T_VAL),
    ("out of range", "{{slice .SI 4 5}}", T_VAL),
    ("out of range string", "{{slice .S 1 5}}", T_VAL),
    ("3-index slice of string", "{{slice .S 1 2 2}}", T_VAL),
    ("len of int", "{{len 3}}", T_VAL),
    ("len of nothing", "{{len .Empty0}}", T_VAL),
    ("range iter over two vars", "{{range $i, $c := 2}}{{$c}}{{end}}", None),
    ("bug7a", "{{3 2}}", T_VAL),
    ("bug7b", "{{$x := 1}}{{$x 2}}", T_VAL),
    ("bug7c", "{{$x := 1}}{{3 | $x}}", T_VAL),
    ("bug8a", "{{3|oneArg}}", T_VAL),
    ("bug8b", "{{4|dddArg 3}}", T_VAL),
    ("bug14a", "{{(nil).True}}", T_VAL),
    ("bug14b", "{{$x := nil}}{{$x.anything}}", T_VAL),
    ("bug14c", '{{$x := (1.0)}}{{$y := ("hello")}}{{$x.anything}}{{$y.true}}', T_VAL),
    ("bug15", "{{valueString returnInt}}", T_VAL),
    ("bug16a", "{{true|printf}}", T_VAL),
    ("bug16b", "{{1|printf}}", T_VAL),
    ("bug16c", "{{1.1|printf}}", T_VAL),
    ("bug16d", "{{'x'|printf}}", T_VAL),
    ("bug16f", '{{true|twoArgs "xxx"}}', T_VAL),
    ("bug16h", "{{1|oneArg}}", T_VAL),
]


@pytest.mark.parametrize(("name", "text", "data"), FAILS, ids=[c[0] for c in FAILS])
def test_execute_fails(name: str, text: str, data: Any) -> None:
    with pytest.raises(TemplateExecError):
        run(text, data)


# Go's exact ExecError texts: `template: name:line:col: executing "name" at <node>: msg`
MESSAGES = [
    # exec_test.go TestExecError (without the nested templates lokisim refuses)
    (
        'line 1\nline 2\n{{index "hi" $}}',
        5,
        'template: t:3:2: executing "t" at <index "hi" $>: error calling index: index out of range: 5',
    ),
    ("{{nil}}", None, 'template: t:1:2: executing "t" at <nil>: nil is not a command'),
    (
        "{{1 2}}",
        None,
        'template: t:1:2: executing "t" at <1>: can\'t give argument to non-function 1',
    ),
    (
        "{{3|oneArg}}",
        None,
        'template: t:1:4: executing "t" at <oneArg>: wrong type for value; expected string; got int',
    ),
    (
        "{{oneArg}}",
        None,
        'template: t:1:2: executing "t" at <oneArg>: wrong number of args for oneArg: want 1 got 0',
    ),
    (
        "{{dddArg}}",
        None,
        'template: t:1:2: executing "t" at <dddArg>: wrong number of args for dddArg: want at least 1 got 0',
    ),
    ("{{oneArg 3}}", None, 'template: t:1:9: executing "t" at <3>: expected string; found 3'),
    (
        "{{oneArg .missing}}",
        {},
        'template: t:1:9: executing "t" at <.missing>: invalid value; expected string',
    ),
    (
        "{{.x.y}}",
        {"x": "s"},
        'template: t:1:4: executing "t" at <.x.y>: can\'t evaluate field y in type string',
    ),
    (
        "{{.x.y}}",
        {"x": None},
        'template: t:1:4: executing "t" at <.x.y>: nil pointer evaluating interface {}.y',
    ),
    (
        "{{.x 1}}",
        {"x": "s"},
        'template: t:1:2: executing "t" at <.x>: x is not a method but has arguments',
    ),
    (
        "{{range .}}{{end}}",
        "abc",
        'template: t:1:8: executing "t" at <.>: range can\'t iterate over abc',
    ),
    (
        "{{range $i, $e := 3}}{{end}}",
        None,
        'template: t:1:18: executing "t" at <3>: can\'t use 3 to iterate over more than one variable',
    ),
    (
        "{{eq 1 `a`}}",
        None,
        'template: t:1:2: executing "t" at <eq 1 `a`>: error calling eq: incompatible types for comparison: int and string',
    ),
    (
        "{{lt true false}}",
        None,
        'template: t:1:2: executing "t" at <lt true false>: error calling lt: invalid type for comparison',
    ),
    (
        "{{eq 1}}",
        None,
        'template: t:1:2: executing "t" at <eq 1>: error calling eq: missing argument for comparison',
    ),
    (
        "{{len .}}",
        3,
        'template: t:1:2: executing "t" at <len .>: error calling len: len of type int',
    ),
    ("{{(nil).True}}", None, 'template: t:1:3: executing "t" at <nil>: nil is not a command'),
]


@pytest.mark.parametrize(("text", "data", "want"), MESSAGES)
def test_exec_error_text(text: str, data: Any, want: str) -> None:
    # exec.go state.errorf + parse.go ErrorContext (line, byte column, node text)
    with pytest.raises(TemplateExecError) as err:
        run(text, data)
    assert str(err.value) == want


MISSING_KEY = [
    # Go text/template docs, Option "missingkey": default/invalid print <no value>, zero gives
    # the map element's zero value ("" for map[string]string; nil, printed <no value>, for
    # map[string]interface{}), error fails
    ("default", "map[string]interface {}", "<no value>"),
    ("default", "map[string]string", "<no value>"),
    ("zero", "map[string]string", ""),
    ("zero", "map[string]interface {}", "<no value>"),
]


@pytest.mark.parametrize(("option", "data_type", "want"), MISSING_KEY)
def test_missing_key(option: Any, data_type: Any, want: str) -> None:
    assert run("{{.missing}}", {"a": "b"}, missingkey=option, data_type=data_type) == want


def test_missing_key_error() -> None:
    # Go text/template docs: missingkey=error stops execution with an error
    with pytest.raises(TemplateExecError, match='map has no entry for key "missing"'):
        run("{{.missing}}", {"a": "b"}, missingkey="error")


def test_index_missing_key_is_the_element_zero_value() -> None:
    # funcs.go index: a missing key gives reflect.Zero of the map's element type
    assert run('{{index . "x"}}', {"a": "b"}, data_type="map[string]string") == ""
    assert run('{{index . "x"}}', {"a": "b"}) == "<no value>"


def test_variables_persist_until_end_of_control() -> None:
    # Go text/template docs: a variable's scope extends to the "end" action of its control
    assert run("{{with $x := 1}}{{$y := 2}}{{$x}}{{$y}}{{end}}") == "12"
