"""Go's regexp semantics on RE2: the examples of Go's regexp package documentation."""

from __future__ import annotations

import pytest

from sim.gotemplate.errors import GoError
from sim.gotemplate.goregexp import (
    CompileError,
    all_matches,
    compile_go,
    must_compile,
    replace_all_literal,
    replace_all_string,
    split,
)


@pytest.mark.parametrize(
    ("expr", "src", "repl", "want"),
    [
        # regexp docs, Example (Regexp) ReplaceAllString
        ("a(x*)b", "-ab-axxb-", "T", "-T-T-"),
        ("a(x*)b", "-ab-axxb-", "$1", "--xx-"),
        ("a(x*)b", "-ab-axxb-", "$1W", "---"),  # $1W names the group "1W"
        ("a(x*)b", "-ab-axxb-", "${1}W", "-W-xxW-"),
        ("a(?P<1W>x*)b", "-ab-axxb-", "$1W", "--xx-"),  # the group named 1W
        # regexp docs, Expand: $$ is a literal $, a bad name leaves the $
        ("(?P<key>\\w+)", "abc", "$$${key}", "$abc"),
        ("(a)", "a", "$", "$"),
        ("(a)", "a", "${1", "${1"),
        # "If 'All' is present, ... Empty matches abutting a preceding match are ignored."
        ("x*", "abc", "-", "-a-b-c-"),
        ("a*", "baaac", "-", "-b-c-"),
        # promtail template_test.go regexReplaceAll rows
        ("(Silly)", "Some Silly Value", "${1}foo", "Some Sillyfoo Value"),
        ("( |Of)", "Lots Of Spaces", "_", "Lots___Spaces"),
    ],
)
def test_replace_all_string(expr: str, src: str, repl: str, want: str) -> None:
    assert replace_all_string(compile_go(expr), src, repl) == want


@pytest.mark.parametrize(
    ("repl", "want"),
    # regexp docs, Example (Regexp) ReplaceAllLiteralString
    [("T", "-T-T-"), ("$1", "-$1-$1-"), ("${1}", "-${1}-${1}-")],
)
def test_replace_all_literal(repl: str, want: str) -> None:
    assert replace_all_literal(compile_go("a(x*)b"), "-ab-axxb-", repl) == want


@pytest.mark.parametrize(
    ("expr", "s", "n", "want"),
    [
        # regexp docs, Example (Regexp) Split
        ("a", "banana", -1, ["b", "n", "n", ""]),
        ("a", "banana", 0, []),
        ("a", "banana", 1, ["banana"]),
        ("a", "banana", 2, ["b", "nana"]),
        ("z+", "pizza", -1, ["pi", "a"]),
        ("z+", "pizza", 2, ["pi", "a"]),
        ("a*", "abaabaccadaaae", 5, ["", "b", "b", "c", "cadaaae"]),
        ("", "abc", -1, ["a", "b", "c"]),
    ],
)
def test_split(expr: str, s: str, n: int, want: list[str]) -> None:
    assert split(compile_go(expr), s, n) == want


@pytest.mark.parametrize(
    ("s", "n", "want"),
    # regexp docs, Example (Regexp) FindAllString with `a.`
    [
        ("paranormal", -1, ["ar", "an", "al"]),
        ("paranormal", 2, ["ar", "an"]),
        ("graal", -1, ["aa"]),
        ("none", -1, []),
    ],
)
def test_find_all(s: str, n: int, want: list[str]) -> None:
    found = all_matches(compile_go("a."), s, n)
    assert [s[m[0] : m[1]] for m in found] == want


def test_compile_errors_read_like_go() -> None:
    # regexp/syntax error texts: `error parsing regexp: <code>: `<expr>``
    with pytest.raises(
        CompileError, match=r"^error parsing regexp: invalid escape sequence: `\\K`$"
    ):
        compile_go("\\K")
    with pytest.raises(CompileError, match=r"^error parsing regexp: missing closing \): `a\(`$"):
        compile_go("a(")
    # regexp.MustCompile's panic text, which text/template reports as the call's error
    with pytest.raises(GoError, match=r"^regexp: Compile\(`\\K`\): error parsing regexp"):
        must_compile("\\K")
