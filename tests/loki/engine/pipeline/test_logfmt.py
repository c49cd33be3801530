"""sim/loki/engine/pipeline/logfmt.py against grafana/loki v3.6.0 pkg/logql/log/parser_test.go
(TestLogfmtParser_parse, TestLogfmtParser_keepEmpty, TestLogfmtConsistentPrecedence,
TestLogfmtExpressionParser, TestXExpressionParserFailures) and logfmt/logfmtexpr_test.go."""

from __future__ import annotations

import pytest

from sim.loki.engine.pipeline.builder import METADATA, PARSED
from sim.loki.engine.pipeline.exprpaths import PathSyntaxError, parse_logfmt_path
from sim.loki.engine.pipeline.hints import new_hints
from sim.loki.engine.pipeline.logfmt import LogfmtExpressionParser, LogfmtParser
from sim.loki.engine.pipeline.stages import build_stages
from sim.loki.logql import ast
from sim.loki.logql.errors import LogQLParseError

from .support import builder, labels_of, run

ERR = "LogfmtParserErr"


def _err(details: str) -> dict[str, str]:
    return {"__error__": ERR, "__error_details__": details}


# TestLogfmtParser_parse: (name, line, stream labels, want, want with --strict or None)
CASES = [
    ("not logfmt", "foobar====wqe=sdad1r", {"foo": "bar"}, {"foo": "bar"},
     {"foo": "bar", **_err("logfmt syntax error at pos 8 : unexpected '='")}),
    ("utf8 error rune", "buzz=foo bar=\ufffdf", {}, {"bar": " f", "buzz": "foo"}, None),
    ("key alone logfmt", "buzz bar=foo", {"foo": "bar"}, {"foo": "bar", "bar": "foo"}, None),
    ("quoted logfmt", 'foobar="foo bar"', {"foo": "bar"}, {"foo": "bar", "foobar": "foo bar"},
     None),
    ("escaped control chars in logfmt", 'foobar="foo\\nbar\\tbaz"', {"a": "b"},
     {"a": "b", "foobar": "foo\nbar\tbaz"}, None),
    ("literal control chars in logfmt", 'foobar="foo\nbar\tbaz"', {"a": "b"},
     {"a": "b", "foobar": "foo\nbar\tbaz"}, None),
    ("escaped slash logfmt", 'foobar="foo ba\\\\r baz"', {"a": "b"},
     {"a": "b", "foobar": "foo ba\\r baz"}, None),
    ("literal newline and escaped slash logfmt", 'foobar="foo bar\nb\\\\az"', {"a": "b"},
     {"a": "b", "foobar": "foo bar\nb\\az"}, None),
    ("double property logfmt", 'foobar="foo bar" latency=10ms', {"foo": "bar"},
     {"foo": "bar", "foobar": "foo bar", "latency": "10ms"}, None),
    ("duplicate from line property", 'foobar="foo bar" foobar=10ms', {"foo": "bar"},
     {"foo": "bar", "foobar": "foo bar"}, None),
    ("duplicate property", 'foo="foo bar" foobar=10ms', {"foo": "bar"},
     {"foo": "bar", "foo_extracted": "foo bar", "foobar": "10ms"}, None),
    ("invalid key names", 'foo="foo bar" foo.bar=10ms test-dash=foo', {"foo": "bar"},
     {"foo": "bar", "foo_extracted": "foo bar", "foo_bar": "10ms", "test_dash": "foo"}, None),
    ("nil", "", {"foo": "bar"}, {"foo": "bar"}, None),
    ("empty key", 'foo="foo bar" =notkey bar=10ms', {"foo": "bar"},
     {"foo": "bar", "foo_extracted": "foo bar", "bar": "10ms"},
     {"foo": "bar", "foo_extracted": "foo bar",
      **_err("logfmt syntax error at pos 15 : unexpected '='")}),
    ("error rune in key", 'foo="foo bar" b\ufffdr=10ms', {"foo": "bar"},
     {"foo": "bar", "foo_extracted": "foo bar"},
     {"foo": "bar", "foo_extracted": "foo bar", **_err("logfmt syntax error at pos 20 : invalid key")}),
    ("double quote in key", 'foo="foo bar" bu"zz=10ms', {"foo": "bar"},
     {"foo": "bar", "foo_extracted": "foo bar"},
     {"foo": "bar", "foo_extracted": "foo bar",
      **_err("logfmt syntax error at pos 17 : unexpected '\"'")}),
    ("= in value", 'bar=bu=zz foo="foo bar"', {"foo": "bar"},
     {"foo": "bar", "foo_extracted": "foo bar"},
     {"foo": "bar", **_err("logfmt syntax error at pos 7 : unexpected '='")}),
]  # fmt: skip


@pytest.mark.parametrize(("name", "line", "base", "want", "strict"), CASES)
def test_logfmt_parser(name, line, base, want, strict):
    _, got = run(LogfmtParser(False, False), line, base)
    assert got == labels_of(want), name


@pytest.mark.parametrize(("name", "line", "base", "want", "strict"), CASES)
def test_logfmt_parser_strict(name, line, base, want, strict):
    _, got = run(LogfmtParser(True, False), line, base)
    assert got == labels_of(strict or want), name


def test_not_logfmt_with_preserve_hint():
    # TestLogfmtParser_parse "not logfmt with hints" (strict)
    hints = new_hints(["__error__"], [], False, True, "", [])
    _, got = run(LogfmtParser(True, False), "foobar====wqe=sdad1r", {"foo": "bar"}, hints)
    assert got == labels_of(
        {"foo": "bar", **_err("logfmt syntax error at pos 8 : unexpected '='"),
         "__preserve_error__": "true"}
    )  # fmt: skip


# TestLogfmtParser_keepEmpty (same answers with and without --strict)
@pytest.mark.parametrize("strict", [False, True])
@pytest.mark.parametrize(
    ("line", "keep_empty", "want"),
    [
        ("foo bar=buzz", False, {"foo": "bar", "bar": "buzz"}),
        ("foo bar=buzz", True, {"foo": "bar", "foo_extracted": "", "bar": "buzz"}),
        ("foo=b\ufffdr bar=buzz", False, {"foo": "bar", "bar": "buzz", "foo_extracted": "b r"}),
        ("foo=b\ufffdr bar=buzz", True, {"foo": "bar", "foo_extracted": "b r", "bar": "buzz"}),
    ],
)
def test_keep_empty(strict, line, keep_empty, want):
    _, got = run(LogfmtParser(strict, keep_empty), line, {"foo": "bar"})
    assert got == labels_of(want)


def test_parsed_label_beats_structured_metadata():
    # TestLogfmtConsistentPrecedence "sturctured metadata first"
    line = b'app=lowkey level=error ts=2021-02-12T19:18:10.037940878Z msg="hello world"'
    parser = LogfmtParser(True, True)
    with_metadata = builder({"foo": "bar"})
    with_metadata.set(METADATA, "app", "loki")
    plain = builder({"foo": "baz"})
    assert parser.process(0, line, with_metadata) is not None
    assert parser.process(0, line, plain) is not None
    assert with_metadata.get_with_category("app") == ("lowkey", PARSED)
    assert plain.get_with_category("app") == ("lowkey", PARSED)


LINE = 'app=foo level=error spaces="value with ÜFT8👌" ts=2021-02-12T19:18:10.037940878Z'


def _expressions(*pairs: tuple[str, str]) -> LogfmtExpressionParser:
    return LogfmtExpressionParser({i: parse_logfmt_path(e) for i, e in pairs}, strict=False)


# TestLogfmtExpressionParser
@pytest.mark.parametrize(
    ("name", "exprs", "base", "want"),
    [
        ("single field", [("app", "app")], {}, {"app": "foo"}),
        ("multiple fields", [("app", "app"), ("level", "level"), ("ts", "ts")], {},
         {"app": "foo", "level": "error", "ts": "2021-02-12T19:18:10.037940878Z"}),
        ("label renaming", [("test", "level")], {}, {"test": "error"}),
        ("multiple fields with label renaming", [("app", "app"), ("lvl", "level"), ("timestamp", "ts")],
         {}, {"app": "foo", "lvl": "error", "timestamp": "2021-02-12T19:18:10.037940878Z"}),
        ("value with spaces and ÜFT8👌", [("spaces", "spaces")], {}, {"spaces": "value with ÜFT8👌"}),
        ("expression matching nothing", [("nope", "nope")], {}, {"nope": ""}),
        ("double property logfmt", [("app", "app")], {"ap": "bar"}, {"ap": "bar", "app": "foo"}),
        ("label override", [("app", "app")], {"app": "bar"}, {"app": "bar", "app_extracted": "foo"}),
        ("label override 2", [("lvl", "level")], {"level": "debug"}, {"level": "debug", "lvl": "error"}),
    ],
)  # fmt: skip
def test_logfmt_expression_parser(name, exprs, base, want):
    _, got = run(_expressions(*exprs), LINE, base)
    assert got == labels_of(want), name


def test_logfmt_expression_failure_is_a_stage_error():
    # TestXExpressionParserFailures, wrapped as ast.go MultiStageExpr.stages wraps it
    stage = ast.LogfmtExpressionParserExpr((ast.LabelExtractionExpr("app", "field with space"),))
    with pytest.raises(LogQLParseError) as caught:
        build_stages([stage])
    assert str(caught.value) == (
        "parse error : stage '| logfmt app=\"field with space\"' : cannot parse expression "
        "[field with space]: syntax error: unexpected KEY"
    )


# logfmt/logfmtexpr_test.go TestLogfmtExpressionParser
@pytest.mark.parametrize(
    ("expression", "want", "error"),
    [
        ("app", ["app"], None),
        ("fieldwithÜFT8👌", None, "unexpected char Ü"),
        ("field with spaces", None, "syntax error: unexpected KEY"),
        ("id8", ["id8"], None),
    ],
)
def test_logfmt_path(expression, want, error):
    if error is None:
        assert parse_logfmt_path(expression) == want
    else:
        with pytest.raises(PathSyntaxError, match=error):
            parse_logfmt_path(expression)
