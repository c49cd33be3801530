"""sim/loki/engine/pipeline/linefilter.py against grafana/loki v3.6.0
pkg/logql/log/filter_test.go (Test_SimplifiedRegex, Test_containsLower) and the line filter
rules of pkg/logql/syntax/ast.go (LineFilterExpr.Filter)."""

from __future__ import annotations

import pytest

from sim.loki.engine.pipeline.linefilter import (
    always,
    contains,
    line_filter,
    new_filter,
    regexp_predicate,
)
from sim.loki.logql import parse_expr
from sim.loki.logql.goregexp import compile_go
from sim.loki.logql.regexsimplify import simplify
from sim.loki.logql.stages import LineMatchType

ALL_BYTES = bytes(i & 0xFF for i in range(0x10FFFF))  # filter_test.go allunicode()
FIXTURES = [
    "foo", "foobar", "bar", "foobuzz", "buzz", "f", "  ", "fba", "foofoofoo", "b", "foob",
    "bfoo", "FoO", "foo, 世界", "fooÏbar",
]  # fmt: skip

# Test_SimplifiedRegex: (regexp, turned into string tests)
SIMPLIFIED = [
    ("foo", True), ("not", True), ("(foo)", True), ("(foo|ba)", True), ("(foo|ba|ar)", True),
    ("(foo|(ba|ar))", True), ("foo.*", True), (".*foo", True), (".*foo.*", True),
    ("(.*)(foo).*", True), ("(foo.*|.*ba)", True), ("(foo.*|.*bar.*)", True),
    (".*foo.*|bar", True), (".*foo|bar", True), ("(?:.*foo.*|bar)", True),
    ("(?P<foo>.*foo.*|bar)", True), (".*foo.*|bar|buzz", True), (".*foo.*|bar|uzz", True),
    ("foo|bar|b|buzz|zz", True), ("f|foo|foobar", True), ("f.*|foobar.*|.*buzz", True),
    ("((f.*)|foobar.*)|.*buzz", True), (".*", True), (".*|.*", True), (".*||||", True),
    ("", True), ("(?i)foo", True), ("(?i)界", True), ("(?i)ïB", True),
    ("(?:)foo|fatal|exception", True), ("(?i)foo|fatal|exception", True),
    ("(?i)f|foo|foobar", True), ("(?i)f|fatal|e.*", True), ("(?i).*foo.*", True), (".+", True),
    ("[a-z]+foo", False), (".+foo", False), (".*fo.*o", False), ("\\d", False),
    ("\\sfoo", False), ("foo?", False), ("foo{1,2}bar{2,3}", False), ("foo|\\d*bar", False),
    ("foo|fo{1,2}", False), ("foo|fo\\d*", False), ("foo|fo\\d+", False), ("(\\w\\d+)", False),
    (".*f.*oo|fo{1,2}", False), ("f|f(?i)oo", False), (".foo+", False),
]  # fmt: skip


@pytest.mark.parametrize(("regexp", "simplified"), SIMPLIFIED)
def test_simplified_regexp_answers_as_the_regexp(regexp, simplified):
    assert (simplify(regexp, False) is not None) is simplified
    positive = regexp_predicate(regexp, is_label=False)
    negative = new_filter(regexp, LineMatchType.NOT_REGEXP)
    compiled = compile_go(regexp)
    for line in [*(f.encode() for f in FIXTURES), ALL_BYTES]:
        expected = compiled.search(line) is not None
        assert positive(line) is expected, (regexp, line[:20])
        assert negative(line) is (not expected), (regexp, line[:20])


# filter_test.go cases / Test_containsLower: (line, lower-case needle, found)
CONTAINS_LOWER = [
    ("this is a short log line", "missing", False),
    ("this contains a \\ character", "|", False),
    ("this contains a | character", "|", True),
    ("this is a shorT log line", "short", True),
    ("2023-06-14T12:34:56.789Z INFO  [service_name] This is a much longer log line with "
     "timestamps, leVelS and other information", "levels", True),
    ("🌟 Unicode line with emojis 🎉 and special chars ñ é ß", "missing", False),
    ("🌟 Unicode line with eMojiS 🎉 and special chars ñ é ß", "emojis", True),
    ("2023-06-14T12:34:56.789Z 🚀[МИКРОСервис] Длинное сообщение", "микросервис", True),
    ("2023-06-14T12:34:56.789Z 🚀 [микросервис] ... 🎯 τέλος", "τέλος", True),
    ("ΣΑΣ ΓΕΙΑ ΚΟΣΜΕ", "γεια", True),
    ("ΣΑΣ ΚΟΣΜΕ", "γεια", False),
    ("any line", "", True),
    ("", "something", False),
    ("", "", True),
    ("short", "longer than line", False),
    (b"\xff\xfe\xfd", "test", False),
    ("Hello 世界", "世", True),
]  # fmt: skip


@pytest.mark.parametrize(("line", "needle", "found"), CONTAINS_LOWER)
def test_contains_case_insensitive(line, needle, found):
    data = line if isinstance(line, bytes) else line.encode()
    assert contains(needle.encode(), folded=True)(data) is found


def _filter(query: str):
    return line_filter(parse_expr(query).stages[0])


# ast.go LineFilterExpr.Filter / filter.go NewFilter: (query, line, kept)
@pytest.mark.parametrize(
    ("query", "line", "kept"),
    [
        ('{a="b"} |= "foo" |= "bar"', "foo bar", True),
        ('{a="b"} |= "foo" |= "bar"', "foo", False),
        ('{a="b"} |= "foo" or "bar"', "bar", True),
        ('{a="b"} |= "foo" or "bar" |= "baz"', "bar", False),
        ('{a="b"} != "foo" or "bar"', "bar", False),
        ('{a="b"} != "foo" or "bar"', "buzz", True),
        ('{a="b"} != ""', "anything", False),  # a negated empty match drops every line
        ('{a="b"} |~ "fo+" !~ "bar"', "fooo", True),
        ('{a="b"} |> "<_> foo <_>"', "a foo b", True),
        ('{a="b"} !> "<_> foo <_>"', "a foo b", False),
        ('{a="b"} |= ip("10.0.0.0/8")', "from 10.1.2.3 ok", True),
        ('{a="b"} |= ip("10.0.0.0/8") or "x"', "from 10.1.2.3 ok", False),  # or: plain text
        ('{a="b"} |= ip("10.0.0.0/8") or "x"', "10.0.0.0/8", True),
    ],
)
def test_line_filter_chains(query, line, kept):
    assert _filter(query)(line.encode()) is kept


def test_empty_contains_is_no_filter():
    # filter.go newContainsFilter: an empty match is the TrueFilter (no stage at all)
    assert _filter('{a="b"} |= ""') is always
