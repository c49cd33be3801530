"""Parser tables ported from Go's text/template/parse/parse_test.go (Go 1.24): the tree each
template parses to (as Go prints it, text quoted) and the error each broken one reports."""

from __future__ import annotations

import pytest

from sim.golang.strconv_quote import quote
from sim.gotemplate import nodes as n
from sim.gotemplate.errors import TemplateError, UnsupportedTemplateFeature
from sim.gotemplate.parser import parse

FUNCS = {"printf", "contains"}  # parse_test.go's builtins map


def tree(node: n.Node) -> str:
    """Go's Node.String() with textFormat = "%q", as parse_test.go compares trees."""
    if isinstance(node, n.TextNode):
        return quote(node.value)
    if isinstance(node, n.ListNode):
        return "".join(tree(c) for c in node.nodes)
    if isinstance(node, n.BranchNode):
        out = "{{" + node.keyword + " " + node.pipe.text() + "}}" + tree(node.body)
        if node.else_body is not None:
            out += "{{else}}" + tree(node.else_body)
        return out + "{{end}}"
    return node.text()


# parse_test.go parseTests (noError rows; define/template/block rows are refused by lokisim)
PARSES = [
    ("empty", "", ""),
    ("comment", "{{/*\n\n\n*/}}", ""),
    ("spaces", " \t\n", '" \\t\\n"'),
    ("text", "some text", '"some text"'),
    ("field", "{{.X}}", "{{.X}}"),
    ("simple command", "{{printf}}", "{{printf}}"),
    ("$ invocation", "{{$}}", "{{$}}"),
    ("variable invocation", "{{with $x := 3}}{{$x 23}}{{end}}", "{{with $x := 3}}{{$x 23}}{{end}}"),
    ("variable with fields", "{{$.I}}", "{{$.I}}"),
    ("multi-word command", "{{printf `%d` 23}}", "{{printf `%d` 23}}"),
    ("pipeline", "{{.X|.Y}}", "{{.X | .Y}}"),
    ("pipeline with decl", "{{$x := .X|.Y}}", "{{$x := .X | .Y}}"),
    ("nested pipeline", "{{.X (.Y .Z) (.A | .B .C) (.E)}}", "{{.X (.Y .Z) (.A | .B .C) (.E)}}"),
    ("field applied to parentheses", "{{(.Y .Z).Field}}", "{{(.Y .Z).Field}}"),
    ("simple if", "{{if .X}}hello{{end}}", '{{if .X}}"hello"{{end}}'),
    ("if with else", "{{if .X}}true{{else}}false{{end}}", '{{if .X}}"true"{{else}}"false"{{end}}'),
    (
        "if with else if",
        "{{if .X}}true{{else if .Y}}false{{end}}",
        '{{if .X}}"true"{{else}}{{if .Y}}"false"{{end}}{{end}}',
    ),
    (
        "if else chain",
        "+{{if .X}}X{{else if .Y}}Y{{else if .Z}}Z{{end}}+",
        '"+"{{if .X}}"X"{{else}}{{if .Y}}"Y"{{else}}{{if .Z}}"Z"{{end}}{{end}}{{end}}"+"',
    ),
    ("simple range", "{{range .X}}hello{{end}}", '{{range .X}}"hello"{{end}}'),
    ("chained field range", "{{range .X.Y.Z}}hello{{end}}", '{{range .X.Y.Z}}"hello"{{end}}'),
    (
        "nested range",
        "{{range .X}}hello{{range .Y}}goodbye{{end}}{{end}}",
        '{{range .X}}"hello"{{range .Y}}"goodbye"{{end}}{{end}}',
    ),
    (
        "range with else",
        "{{range .X}}true{{else}}false{{end}}",
        '{{range .X}}"true"{{else}}"false"{{end}}',
    ),
    (
        "range over pipeline",
        "{{range .X|.M}}true{{else}}false{{end}}",
        '{{range .X | .M}}"true"{{else}}"false"{{end}}',
    ),
    ("range 1 var", "{{range $x := .SI}}{{.}}{{end}}", "{{range $x := .SI}}{{.}}{{end}}"),
    ("range 2 vars", "{{range $x, $y := .SI}}{{.}}{{end}}", "{{range $x, $y := .SI}}{{.}}{{end}}"),
    (
        "range with break",
        "{{range .SI}}{{.}}{{break}}{{end}}",
        "{{range .SI}}{{.}}{{break}}{{end}}",
    ),
    (
        "range with continue",
        "{{range .SI}}{{.}}{{continue}}{{end}}",
        "{{range .SI}}{{.}}{{continue}}{{end}}",
    ),
    ("with", "{{with .X}}hello{{end}}", '{{with .X}}"hello"{{end}}'),
    (
        "with with else",
        "{{with .X}}hello{{else}}goodbye{{end}}",
        '{{with .X}}"hello"{{else}}"goodbye"{{end}}',
    ),
    (
        "with with else with",
        "{{with .X}}hello{{else with .Y}}goodbye{{end}}",
        '{{with .X}}"hello"{{else}}{{with .Y}}"goodbye"{{end}}{{end}}',
    ),
    ("trim left", "x \r\n\t{{- 3}}", '"x"{{3}}'),
    ("trim right", "{{3 -}}\n\n\ty", '{{3}}"y"'),
    ("trim left and right", "x \r\n\t{{- 3 -}}\n\n\ty", '"x"{{3}}"y"'),
    ("trim with extra spaces", "x\n{{-  3   -}}\ny", '"x"{{3}}"y"'),
    ("comment trim left", "x \r\n\t{{- /* hi */}}", '"x"'),
    ("comment trim right", "{{/* hi */ -}}\n\n\ty", '"y"'),
    ("comment trim left and right", "x \r\n\t{{- /* */ -}}\n\n\ty", '"x""y"'),
    ("newline in assignment", "{{ $x \n := \n 1 \n }}", "{{$x := 1}}"),
    ("newline in pipeline", '{{\n"x"\n|\nprintf\n}}', '{{"x" | printf}}'),
    ("newline in comment", "{{/*\nhello\n*/}}", ""),
    ("newline in comment, trimmed", "{{-\n/*\nhello\n*/\n-}}", ""),
    (
        "spaces around break",
        "{{range .SI}}{{.}}{{ break }}{{end}}",
        "{{range .SI}}{{.}}{{break}}{{end}}",
    ),
    ("bug0a", "{{$x := 0}}{{$x}}", "{{$x := 0}}{{$x}}"),
    ("bug1c", "{{$x:=.}}{{$x +2}}", "{{$x := .}}{{$x +2}}"),
    ("bug2a", "{{range $x := 0}}{{$x}}{{end}}", "{{range $x := 0}}{{$x}}{{end}}"),
    ("bug2b", "{{range $x = 0}}{{$x}}{{end}}", "{{range $x = 0}}{{$x}}{{end}}"),
    ("paren nesting normal", "{{ (( 1 )) }}", "{{((1))}}"),
]


@pytest.mark.parametrize(("name", "text", "want"), PARSES, ids=[p[0] for p in PARSES])
def test_parse_tree(name: str, text: str, want: str) -> None:
    # parse_test.go TestParse: the tree, printed back
    assert tree(parse(name, text, FUNCS)) == want


# parse_test.go parseTests (hasError rows) and errorTests: the text Go's error must contain
ERRORS = [
    ("emptyAction", "{{}}", "missing value for command"),
    ("newline in empty action", "{{\n}}", "missing value for command"),
    ("unclosed action", "hello{{range", "unclosed action"),
    ("unmatched end", "{{end}}", "unexpected {{end}}"),
    ("unmatched else", "{{else}}", "unexpected {{else}}"),
    ("unmatched else after if", "{{if .X}}hello{{end}}{{else}}", "unexpected {{else}}"),
    ("multiple else", "{{if .X}}1{{else}}2{{else}}3{{end}}", "expected end; found {{else}}"),
    ("missing end", "hello{{range .x}}", "unexpected EOF"),
    ("missing end after else", "hello{{range .x}}{{else}}", "unexpected EOF"),
    ("undefined function", "hello{{undefined}}", 'function "undefined" not defined'),
    ("undefined variable", "{{$x}}", 'undefined variable "$x"'),
    ("variable undefined after end", "{{with $x := 4}}{{end}}{{$x}}", 'undefined variable "$x"'),
    ("declare with field", "{{with $x.Y := 4}}{{end}}", 'undefined variable "$x"'),
    ("invalid punctuation", "{{printf 3, 4}}", 'unexpected "," in operand'),
    ("multidecl outside range", "{{with $v, $u := 3}}{{end}}", "too many declarations in with"),
    (
        "too many decls in range",
        "{{range $u, $v, $w := 3}}{{end}}",
        "too many declarations in range",
    ),
    ("dot applied to parentheses", "{{printf (printf .).}}", "unexpected <.> in operand"),
    ("adjacent args", "{{printf 3`x`}}", 'unexpected "`x`" in operand'),
    ("adjacent args with .", "{{printf `x`.}}", "unexpected <.> in operand"),
    ("extra end after if", "{{if .X}}a{{else if .Y}}b{{end}}{{end}}", "unexpected {{end}}"),
    ("break outside range", "{{range .}}{{end}} {{break}}", "{{break}} outside {{range}}"),
    ("continue outside range", "{{range .}}{{end}} {{continue}}", "{{continue}} outside {{range}}"),
    ("break in range else", "{{range .}}{{else}}{{break}}{{end}}", "{{break}} outside {{range}}"),
    ("continue in range else", "{{range .}}{{else}}{{continue}}{{end}}", "{{continue}} outside"),
    ("bug0b", "{{$x += 1}}{{$x}}", 'undefined variable "$x"'),
    ("bug0c", "{{$x ! 2}}{{$x}}", 'undefined variable "$x"'),
    ("bug0e", "{{range $x := $y := 3}}{{end}}", 'undefined variable "$y"'),
    ("bug1a", "{{$x:=.}}{{$x!2}}", "bad character U+0021 '!'"),
    ("bug1b", "{{$x:=.}}{{$x+2}}", "bad character U+002B '+'"),
    ("dot after integer", "{{1.E}}", 'illegal number syntax: "1.E"'),
    ("dot after float", "{{0.1.E}}", 'unexpected . after term "0.1"'),
    ("dot after boolean", "{{true.E}}", 'unexpected . after term "true"'),
    ("dot after char", "{{'a'.any}}", "unexpected . after term \"'a'\""),
    ("dot after string", '{{"hello".guys}}', 'unexpected . after term "\\"hello\\""'),
    ("dot after dot", "{{..E}}", 'unexpected . after term "."'),
    ("dot after nil", "{{nil.E}}", 'unexpected . after term "nil"'),
    ("wrong pipeline dot", "{{12|.}}", "non executable command in pipeline stage 2"),
    ("wrong pipeline number", "{{.|12|printf}}", "non executable command in pipeline stage 2"),
    ("wrong pipeline string", '{{.|printf|"error"}}', "non executable command in pipeline stage 3"),
    ("wrong pipeline char", "{{12|printf|'e'}}", "non executable command in pipeline stage 3"),
    ("wrong pipeline boolean", "{{.|true}}", "non executable command in pipeline stage 2"),
    ("wrong pipeline nil", "{{'c'|nil}}", "non executable command in pipeline stage 2"),
    ("empty pipeline", '{{printf "%d" ( ) }}', "missing value for parenthesized pipeline"),
    # errorTests: line numbers and specific messages
    ("unclosed1", "line1\n{{", "unclosed1:2: unclosed action"),
    ("unclosed3", 'line1\n{{"x"\n"y"\n', "unclosed3:4: unclosed action started at unclosed3:2"),
    ("unclosed4", "{{\n\n\n\n\n", "unclosed4:6: unclosed action started at unclosed4:1"),
    ("var1", "line1\n{{\nx\n}}", 'var1:3: function "x" not defined'),
    ("function", "{{foo}}", 'function "foo" not defined'),
    ("comment1", "{{/*}}", "comment1:1: unclosed comment"),
    ("comment2", "{{/*\nhello\n}}", "comment2:1: unclosed comment"),
    ("lparen", "{{.X (1 2 3}}", "unclosed left paren"),
    ("rparen", "{{.X 1 2 3 ) }}", "unexpected right paren"),
    ("rparen2", "{{(.X 1 2 3", "unclosed action"),
    ("space", "{{`x`3}}", "in operand"),
    ("idchar", "{{a#}}", "'#'"),
    ("charconst", "{{'a}}", "unterminated character constant"),
    ("stringconst", '{{"a}}', "unterminated quoted string"),
    ("rawstringconst", "{{`a}}", "unterminated raw quoted string"),
    ("number", "{{0xi}}", "number syntax"),
    ("eof", "{{range .X}}", "unexpected EOF"),
    ("variable", "{{$x := 23}}{{with $x.y := 3}}{{$x 23}}{{end}}", 'unexpected ":="'),
    ("multidecl", "{{$a,$b,$c := 23}}", "too many declarations"),
    ("undefvar", "{{$a}}", "undefined variable"),
    ("wrongdot", "{{true.any}}", "unexpected . after term"),
    ("wrongpipeline", "{{12|false}}", "non executable command in pipeline"),
    ("emptypipeline", "{{ ( ) }}", "missing value for parenthesized pipeline"),
    ("multilinerawstring", "{{ $v := `\n` }} {{", "multilinerawstring:2: unclosed action"),
    ("rangeundefvar", "{{range $k}}{{end}}", "undefined variable"),
    ("rangeundefvars", "{{range $k, $v}}{{end}}", "undefined variable"),
    ("rangemissingvalue1", "{{range $k,}}{{end}}", "missing value for range"),
    ("rangemissingvalue2", "{{range $k, $v := }}{{end}}", "missing value for range"),
    ("rangenotvariable1", "{{range $k, .}}{{end}}", "range can only initialize variables"),
    ("rangenotvariable2", "{{range $k, 123 := .}}{{end}}", "range can only initialize variables"),
]


@pytest.mark.parametrize(("name", "text", "want"), ERRORS, ids=[e[0] for e in ERRORS])
def test_parse_error(name: str, text: str, want: str) -> None:
    # parse_test.go TestParse (hasError) / TestErrors: Go's message contains `want`
    with pytest.raises(TemplateError) as err:
        parse(name, text, FUNCS)
    assert str(err.value).startswith(f"template: {name}:")
    assert want in str(err.value)


# parse_test.go numberTests: which Go types a constant can take, and its values
NUMBERS = [
    ("0", (True, True, True), (0, 0, 0.0)),
    ("-0", (True, True, True), (0, 0, 0.0)),
    ("73", (True, True, True), (73, 73, 73.0)),
    ("7_3", (True, True, True), (73, 73, 73.0)),
    ("0b10_010_01", (True, True, True), (73, 73, 73.0)),
    ("073", (True, True, True), (0o73, 0o73, 59.0)),
    ("0o73", (True, True, True), (0o73, 0o73, 59.0)),
    ("0x73", (True, True, True), (0x73, 0x73, 115.0)),
    ("0x7_3", (True, True, True), (0x73, 0x73, 115.0)),
    ("-73", (True, False, True), (-73, 0, -73.0)),
    ("+73", (True, False, True), (73, 0, 73.0)),
    ("1e9", (True, True, True), (10**9, 10**9, 1e9)),
    ("-1e9", (True, False, True), (-(10**9), 0, -1e9)),
    ("-1.2", (False, False, True), (0, 0, -1.2)),
    ("1e19", (False, True, True), (0, 10**19, 1e19)),
    ("1e1_9", (False, True, True), (0, 10**19, 1e19)),
    ("-1e19", (False, False, True), (0, 0, -1e19)),
    ("0x_1p4", (True, True, True), (16, 16, 16.0)),
    ("0x_1p-4", (False, False, True), (0, 0, 1 / 16)),
    ("0123", (True, True, True), (0o123, 0o123, 83.0)),
    ("0xdeadbeef", (True, True, True), (0xDEADBEEF, 0xDEADBEEF, float(0xDEADBEEF))),
    ("'a'", (True, True, True), (97, 97, 97.0)),
    ("'\\n'", (True, True, True), (10, 10, 10.0)),
    ("'\\\\'", (True, True, True), (92, 92, 92.0)),
    ("'\\''", (True, True, True), (39, 39, 39.0)),
    ("'\\xFF'", (True, True, True), (255, 255, 255.0)),
    ("'パ'", (True, True, True), (0x30D1, 0x30D1, float(0x30D1))),
    ("'\\u30d1'", (True, True, True), (0x30D1, 0x30D1, float(0x30D1))),
    ("'\\U000030d1'", (True, True, True), (0x30D1, 0x30D1, float(0x30D1))),
    ("0xef", (True, True, True), (0xEF, 0xEF, 239.0)),
]


@pytest.mark.parametrize(("text", "kinds", "values"), NUMBERS, ids=[x[0] for x in NUMBERS])
def test_number(text: str, kinds: tuple[bool, bool, bool], values: tuple[int, int, float]) -> None:
    # parse_test.go TestNumberParse
    action = parse("n", "{{" + text + "}}", FUNCS).nodes[0]
    assert isinstance(action, n.ActionNode)
    num = action.pipe.cmds[0].args[0]
    assert isinstance(num, n.NumberNode)
    assert (num.is_int, num.is_uint, num.is_float) == kinds
    want_int, want_uint, want_float = values
    if num.is_int:
        assert num.int64 == want_int
    if num.is_uint:
        assert num.uint64 == want_uint
    assert num.float64 == want_float


# parse_test.go numberTests "some broken syntax"
@pytest.mark.parametrize("text", ["+-2", "0x123.", "1e.", "0xi.", "1+2.", "'x", "'xx'"])
def test_number_syntax_errors(text: str) -> None:
    with pytest.raises(TemplateError):
        parse("n", "{{" + text + "}}", FUNCS)


def test_break_is_a_function_when_one_is_defined() -> None:
    # parse_test.go TestKeywordsAndFuncs
    parse("k", "{{range .X}}{{break 20}}{{end}}", {"break"})
    with pytest.raises(TemplateError):
        parse("k", "{{range .X}}{{break 20}}{{end}}", set())


@pytest.mark.parametrize(
    "text",
    [
        '{{define "x"}}a{{end}}',  # Go: defines a named template
        '{{template "x"}}',  # Go: invokes one
        '{{block "foo" .}}hello{{end}}',  # Go: defines and invokes
        "{{print 1+2i}}",  # Go: complex constant
    ],
)
def test_refused_features(text: str) -> None:
    # lokisim refuses these valid Go templates rather than guess at them
    with pytest.raises(UnsupportedTemplateFeature):
        parse("t", text, {"print"})


def test_exact_messages() -> None:
    # Go's exact texts (template.go Parse via parse.go errorf: `template: name:line: msg`)
    with pytest.raises(TemplateError) as err:
        parse("pipeline_template", "{{ Foo .Value }}", set())
    assert str(err.value) == 'template: pipeline_template:1: function "Foo" not defined'
    with pytest.raises(TemplateError) as err:
        parse("line", "{{ .foo ", set())
    assert str(err.value) == "template: line:1: unclosed action"
