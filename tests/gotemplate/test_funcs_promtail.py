"""Promtail's template functions: rows of clients/pkg/logentry/stages/template_test.go and the
template parts of replace_test.go (v3.6.0), rendered with the data those stages build."""

from __future__ import annotations

from typing import Any

import pytest

from sim.gotemplate import (
    PROMTAIL_FUNCS,
    TemplateError,
    TemplateExecError,
    Unsupported,
    UnsupportedTemplateFeature,
    compile_template,
)
from sim.gotemplate.funcs_promtail import SPRIG_UNSUPPORTED


def template_stage(text: str, extracted: dict[str, str], source: str) -> str:
    """template.go Process: every extracted string, plus Value (the source's) and Entry."""
    data: dict[str, Any] = dict(extracted)
    if source in extracted:
        data["Value"] = extracted[source]
    data["Entry"] = "not important for this test"
    tmpl = compile_template(text, name="pipeline_template", funcs=PROMTAIL_FUNCS)
    return tmpl.execute(data)


# template_test.go TestTemplateStage_Process: (row, template, extracted, source, rendered)
STAGE = [
    ("simple template", "{{ .Value }} appended", {"some": "value"}, "some", "value appended"),
    ("add missing", "newval", {"notmissing": "value"}, "missing", "newval"),
    (
        "template with multiple keys",
        "{{.Value}} in module {{.module}}",
        {"level": "warn", "app": "loki", "message": "warn for app loki", "module": "test"},
        "message",
        "warn for app loki in module test",
    ),
    (
        "template with multiple keys with missing source",
        "{{ .level }} for app {{ .app | ToUpper }}",
        {"level": "warn", "app": "loki"},
        "missing",
        "warn for app LOKI",
    ),
    (
        "template with multiple keys with missing key",
        "{{.Value}} in module {{.module}}",
        {"level": "warn", "app": "loki", "message": "warn for app loki"},
        "message",
        "warn for app loki in module <no value>",
    ),
    (
        "template with multiple keys with nil value in extracted key",
        '{{ Replace .Value "Warning" "warn" 1 }}',
        {"level": "Warning"},
        "level",
        "warn",
    ),
    ("ToLower", "{{ .Value | ToLower }}", {"testval": "Value"}, "testval", "value"),
    ("sprig", "{{ add 7 3 }}", {"testval": "Value"}, "testval", "10"),
    ("ToLowerParams", "{{ ToLower .Value }}", {"testval": "Value"}, "testval", "value"),
    (
        "ReplaceAllToLower",
        '{{ Replace .Value " " "_" -1 | ToLower }}',
        {"testval": "Some Silly Value With Lots Of Spaces"},
        "testval",
        "some_silly_value_with_lots_of_spaces",
    ),
    (
        "regexReplaceAll",
        '{{ regexReplaceAll "(Silly)" .Value "${1}foo"  }}',
        {"testval": "Some Silly Value With Lots Of Spaces"},
        "testval",
        "Some Sillyfoo Value With Lots Of Spaces",
    ),
    (
        "regexReplaceAllLiteral",
        '{{ regexReplaceAll "( |Of)" .Value "_"  }}',
        {"testval": "Some Silly Value With Lots Of Spaces"},
        "testval",
        "Some_Silly_Value_With_Lots___Spaces",
    ),
    ("Trim", '{{ Trim .Value "!" }}', {"testval": "!!!!!WOOOOO!!!!!"}, "testval", "WOOOOO"),
    ("Remove label empty value", "", {"testval": "WOOOOO"}, "testval", ""),
    (
        "Sha2Hash",
        '{{ Sha2Hash .Value "salt" }}',
        {"testval": "this is PII data"},
        "testval",
        "5526fd6f8ad457279cf8ff06453c6cb61bf479fa826e3b099caa6c846f9376f2",
    ),
    (
        "Hash",
        '{{ Hash .Value "salt" }}',
        {"testval": "this is PII data"},
        "testval",
        "0807ea24e992127128b38e4930f7155013786a4999c73a25910318a793847658",
    ),
    # template_test.go testTemplateYaml (TestPipeline_Template)
    ("pipeline app", "{{ .Value | ToUpper }} doki", {"app": "loki"}, "app", "LOKI doki"),
    (
        "pipeline level",
        '{{ if eq .Value "WARN" }}{{ Replace .Value "WARN" "OK" -1 }}{{ else }}{{ .Value }}{{ end }}',
        {"level": "WARN"},
        "level",
        "OK",
    ),
    ("pipeline type", "TEST", {}, "nonexistent", "TEST"),
]


@pytest.mark.parametrize(
    ("name", "text", "extracted", "source", "want"), STAGE, ids=[s[0] for s in STAGE]
)
def test_template_stage(
    name: str, text: str, extracted: dict[str, str], source: str, want: str
) -> None:
    assert template_stage(text, extracted, source) == want


# template_test.go rows whose template fails to execute (the stage leaves the value as it was)
STAGE_ERRORS = [
    # ToLowerEmptyValue: no source value, so .Value is missing and ToLower gets no string
    ("{{ .Value | ToLower }}", {}, "testval", "invalid value; expected string"),
    # regexReplaceAllerr: Promtail compiles with MustCompile, whose panic becomes the error
    (
        '{{ regexReplaceAll "\\\\K" .Value "${1}foo"  }}',
        {"testval": "Some Silly Value With Lots Of Spaces"},
        "testval",
        "error calling regexReplaceAll: regexp: Compile(`\\K`): error parsing regexp: "
        "invalid escape sequence: `\\K`",
    ),
]


@pytest.mark.parametrize(("text", "extracted", "source", "want"), STAGE_ERRORS)
def test_template_stage_errors(
    text: str, extracted: dict[str, str], source: str, want: str
) -> None:
    with pytest.raises(TemplateExecError) as err:
        template_stage(text, extracted, source)
    assert want in str(err.value)


REPLACE_TEMPLATE = (
    '{{ if eq .Value "200" }}{{ Replace .Value "200" "HttpStatusOk" -1 }}'
    "{{ else }}{{ .Value | ToUpper }}{{ end }}"
)


# replace_test.go testReplaceYamlWithTemplate: the replace stage renders its template once
# per captured group, with Value set to the capture (map[string]string data)
@pytest.mark.parametrize(
    ("capture", "want"),
    [
        ("11.11.11.11", "11.11.11.11"),
        ("-", "-"),
        ("frank", "FRANK"),
        ("25/Jan/2000:14:00:01 -0500", "25/JAN/2000:14:00:01 -0500"),
        ("GET", "GET"),
        ("/1986.js", "/1986.JS"),
        ("HTTP/1.1", "HTTP/1.1"),
        ("200", "HttpStatusOk"),
        ("932", "932"),
        (
            "Mozilla/5.0 (Windows; U; Windows NT 5.1; de; rv:1.9.1.7) Gecko/20091221 Firefox/3.5.7 GTB6",
            "MOZILLA/5.0 (WINDOWS; U; WINDOWS NT 5.1; DE; RV:1.9.1.7) GECKO/20091221 FIREFOX/3.5.7 GTB6",
        ),
    ],
)
def test_replace_stage_template(capture: str, want: str) -> None:
    tmpl = compile_template(
        REPLACE_TEMPLATE,
        name="pipeline_template",
        funcs=PROMTAIL_FUNCS,
        data_type="map[string]string",
    )
    assert tmpl.execute({"Value": capture}) == want


def test_replace_stage_literal_and_empty_templates() -> None:
    # replace_test.go: replace "dummy" and replace '' render to themselves
    for text in ("dummy", "/loki/api/v1/push/", ""):
        tmpl = compile_template(text, name="pipeline_template", funcs=PROMTAIL_FUNCS)
        assert tmpl.execute({"Value": "frank"}) == text


# vendor/github.com/Masterminds/sprig/v3/functions.go genericMap (sprig v3.3.0) at Loki v3.6.0
# fmt: off
SPRIG_NAMES = (
    "hello", "ago", "date", "date_in_zone", "date_modify", "dateInZone", "dateModify",
    "duration", "durationRound", "htmlDate", "htmlDateInZone", "must_date_modify",
    "mustDateModify", "mustToDate", "now", "toDate", "unixEpoch", "abbrev", "abbrevboth",
    "trunc", "trim", "upper", "lower", "title", "untitle", "substr", "repeat", "trimall",
    "trimAll", "trimSuffix", "trimPrefix", "nospace", "initials", "randAlphaNum", "randAlpha",
    "randAscii", "randNumeric", "swapcase", "shuffle", "snakecase", "camelcase", "kebabcase",
    "wrap", "wrapWith", "contains", "hasPrefix", "hasSuffix", "quote", "squote", "cat",
    "indent", "nindent", "replace", "plural", "sha1sum", "sha256sum", "sha512sum",
    "adler32sum", "toString", "atoi", "int64", "int", "float64", "seq", "toDecimal", "split",
    "splitList", "splitn", "toStrings", "until", "untilStep", "add1", "add", "sub", "div",
    "mod", "mul", "randInt", "add1f", "addf", "subf", "divf", "mulf", "biggest", "max", "min",
    "maxf", "minf", "ceil", "floor", "round", "join", "sortAlpha", "default", "empty",
    "coalesce", "all", "any", "compact", "mustCompact", "fromJson", "toJson", "toPrettyJson",
    "toRawJson", "mustFromJson", "mustToJson", "mustToPrettyJson", "mustToRawJson", "ternary",
    "deepCopy", "mustDeepCopy", "typeOf", "typeIs", "typeIsLike", "kindOf", "kindIs",
    "deepEqual", "env", "expandenv", "getHostByName", "base", "dir", "clean", "ext", "isAbs",
    "osBase", "osClean", "osDir", "osExt", "osIsAbs", "b64enc", "b64dec", "b32enc", "b32dec",
    "tuple", "list", "dict", "get", "set", "unset", "hasKey", "pluck", "keys", "pick", "omit",
    "merge", "mergeOverwrite", "mustMerge", "mustMergeOverwrite", "values", "append", "push",
    "mustAppend", "mustPush", "prepend", "mustPrepend", "first", "mustFirst", "rest",
    "mustRest", "last", "mustLast", "initial", "mustInitial", "reverse", "mustReverse", "uniq",
    "mustUniq", "without", "mustWithout", "has", "mustHas", "slice", "mustSlice", "concat",
    "dig", "chunk", "mustChunk", "bcrypt", "htpasswd", "genPrivateKey", "derivePassword",
    "buildCustomCert", "genCA", "genCAWithKey", "genSelfSignedCert",
    "genSelfSignedCertWithKey", "genSignedCert", "genSignedCertWithKey", "encryptAES",
    "decryptAES", "randBytes", "uuidv4", "semver", "semverCompare", "fail", "regexMatch",
    "mustRegexMatch", "regexFindAll", "mustRegexFindAll", "regexFind", "mustRegexFind",
    "regexReplaceAll", "mustRegexReplaceAll", "regexReplaceAllLiteral",
    "mustRegexReplaceAllLiteral", "regexSplit", "mustRegexSplit", "regexQuoteMeta", "urlParse",
    "urlJoin",
)
# fmt: on
# template.go extraFunctionMap
# fmt: off
PROMTAIL_OWN = (
    "ToLower", "ToUpper", "Replace", "Trim", "TrimLeft", "TrimRight", "TrimPrefix",
    "TrimSuffix", "TrimSpace", "Hash", "Sha2Hash", "regexReplaceAll", "regexReplaceAllLiteral",
)
# fmt: on


def test_function_names_are_sprig_plus_promtail() -> None:
    # template.go: functionMap = sprig.TxtFuncMap() + extraFunctionMap
    assert set(PROMTAIL_FUNCS) == set(SPRIG_NAMES) | set(PROMTAIL_OWN)


@pytest.mark.parametrize("name", SPRIG_UNSUPPORTED)
def test_unimplemented_sprig_functions_are_refused(name: str) -> None:
    # lokisim's rule: a real function it cannot reproduce fails at compile time, by name
    assert isinstance(PROMTAIL_FUNCS[name], Unsupported)
    with pytest.raises(UnsupportedTemplateFeature, match=f'sprig function "{name}"'):
        compile_template(f"{{{{ {name} }}}}", name="pipeline_template", funcs=PROMTAIL_FUNCS)


def test_undefined_function_message() -> None:
    # Go parse.go: `function %q not defined`, via template.go's Parse error
    with pytest.raises(TemplateError) as err:
        compile_template("{{ Foo .Value }}", name="pipeline_template", funcs=PROMTAIL_FUNCS)
    assert str(err.value) == 'template: pipeline_template:1: function "Foo" not defined'
