"""sim/loki/logql/regexsimplify.py: which regexps Loki turns into string checks.

Line-filter rows are grafana/loki v3.6.0 pkg/logql/log/filter_test.go Test_SimplifiedRegex
(expected filters written with this module's types; a `nil` expectation there, meaning "the
regexp is kept", is None here). Label-filter rows follow filter.go NewLabelFilter.
"""

from __future__ import annotations

import pytest

from sim.golang.regexp import GoRegexpError
from sim.loki.logql.regexsimplify import (
    EXISTS,
    TRUE,
    OrFilter,
    StringFilter,
    TextFilter,
    label_regexp,
    line_regexp,
    simplify,
)


def c(text: str, fold: bool = False) -> TextFilter:
    return TextFilter("contains", text, fold)


def e(text: str, fold: bool = False) -> TextFilter:
    return TextFilter("equal", text, fold)


def o(left: StringFilter, right: StringFilter) -> OrFilter:
    return OrFilter(left, right)


LINE_FILTER_CASES: list[tuple[str, StringFilter | None]] = [
    ("foo", c("foo")),
    ("not", c("not")),
    ("(foo)", c("foo")),
    ("(foo|ba)", o(c("foo"), c("ba"))),
    ("(foo|ba|ar)", o(o(c("foo"), c("ba")), c("ar"))),
    ("(foo|(ba|ar))", o(c("foo"), o(c("ba"), c("ar")))),
    ("foo.*", c("foo")),
    (".*foo", c("foo")),
    (".*foo.*", c("foo")),
    ("(.*)(foo).*", c("foo")),
    ("(foo.*|.*ba)", o(c("foo"), c("ba"))),
    ("(foo.*|.*bar.*)", o(c("foo"), c("bar"))),
    (".*foo.*|bar", o(c("foo"), c("bar"))),
    (".*foo|bar", o(c("foo"), c("bar"))),
    ("(?:.*foo.*|bar)", o(c("foo"), c("bar"))),
    ("(?P<foo>.*foo.*|bar)", o(c("foo"), c("bar"))),
    (".*foo.*|bar|buzz", o(c("foo"), o(c("bar"), c("buzz")))),
    (".*foo.*|bar|uzz", o(o(c("foo"), c("bar")), c("uzz"))),
    ("foo|bar|b|buzz|zz", o(o(c("foo"), o(o(c("bar"), c("b")), c("buzz"))), c("zz"))),
    ("f|foo|foobar", o(c("f"), o(c("foo"), c("foobar")))),
    ("f.*|foobar.*|.*buzz", o(o(c("f"), c("foobar")), c("buzz"))),
    ("((f.*)|foobar.*)|.*buzz", o(o(c("f"), c("foobar")), c("buzz"))),
    (".*", TRUE),
    (".*|.*", TRUE),
    (".*||||", TRUE),
    ("", TRUE),
    ("(?i)foo", c("foo", True)),
    ("(?i)界", c("界", True)),
    ("(?i)ïB", c("ïb", True)),
    ("(?:)foo|fatal|exception", o(o(c("foo"), c("fatal")), c("exception"))),
    ("(?i)foo|fatal|exception", o(o(c("foo", True), c("fatal", True)), c("exception", True))),
    ("(?i)f|foo|foobar", o(c("f", True), o(c("foo", True), c("foobar", True)))),
    ("(?i)f|fatal|e.*", o(o(c("f", True), c("fatal", True)), c("e", True))),
    ("(?i).*foo.*", c("foo", True)),
    (".+", EXISTS),
    ("[a-z]+foo", None),
    (".+foo", None),
    (".*fo.*o", None),
    (r"\d", None),
    (r"\sfoo", None),
    ("foo?", None),
    ("foo{1,2}bar{2,3}", None),
    (r"foo|\d*bar", None),
    ("foo|fo{1,2}", None),
    (r"foo|fo\d*", None),
    (r"foo|fo\d+", None),
    (r"(\w\d+)", None),
    (".*f.*oo|fo{1,2}", None),
    ("f|f(?i)oo", None),
    (".foo+", None),
]


@pytest.mark.parametrize(("pattern", "expected"), LINE_FILTER_CASES)
def test_line_filter_simplification(pattern: str, expected: StringFilter | None) -> None:
    assert simplify(pattern, is_label=False) == expected


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        # filter.go RegexSimplifier.Simplify: a bare literal is an exact match for labels...
        ("error", e("error")),
        ("error|fatal", o(e("error"), e("fatal"))),
        # ...but a concatenation is a `contains` check, so `foo.*` also matches "xfoo".
        ("foo.*", c("foo")),
        # newOrFilter drops an always-true alternative: `foo|` behaves as `foo`.
        ("foo|", e("foo")),
        # go regexp/syntax factors `foo|foobar` into foo(?:|bar): concatenation, so `contains`.
        ("foo|foobar", o(c("foo"), c("foobar"))),
        # ...and merges one-character alternatives into a class, which is never simplified.
        ("a|b", None),
        ("ab|ac", None),
        (r"\w.*", None),
    ],
)
def test_label_filter_simplification(pattern: str, expected: StringFilter | None) -> None:
    assert simplify(pattern, is_label=True) == expected


def test_unsimplified_regexps() -> None:
    # filter.go parseRegexpFilter: a line filter searches the regexp; a label filter anchors it
    # as ^(?:...)$ and, unlike a stream matcher, does not let `.` match a newline.
    assert line_regexp(r"\d+ms").search("took 12ms") is not None
    assert label_regexp(r"\d+ms").search("took 12ms") is None
    assert label_regexp("a.b").search("a\nb") is None
    with pytest.raises(GoRegexpError, match=r"missing closing \): `\(`"):
        line_regexp("(")
