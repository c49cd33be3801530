"""Go regexp on RE2: Go's error texts and FindAll rules (Go's src/regexp, regexp/syntax)."""

from __future__ import annotations

import pytest

from sim.agent.stages.goregexp import GoRegexp
from sim.golang.regexp import GoRegexpError


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        # regexp/syntax parse.go ErrorCode texts and the expression they quote.
        ("(?P<ts[0-9]+).*", "error parsing regexp: invalid named capture: `(?P<ts[0-9]+).*`"),
        ("a(b", "error parsing regexp: missing closing ): `a(b`"),
        ("a)b", "error parsing regexp: unexpected ): `a)b`"),
        ("[a", "error parsing regexp: missing closing ]: `[a`"),
        ("x**", "error parsing regexp: invalid nested repetition operator: `**`"),
        ("a{1001}", "error parsing regexp: invalid repeat count: `{1001}`"),
        ("\\8", "error parsing regexp: invalid escape sequence: `\\8`"),
        ("[z-a]", "error parsing regexp: invalid character class range: `z-a`"),
        ("\\", "error parsing regexp: trailing backslash at end of expression: ``"),
        # Go refuses \C (any byte); RE2 C++ would accept it.
        ("a\\Cb", "error parsing regexp: invalid escape sequence: `\\C`"),
    ],
)
def test_compile_errors(pattern: str, message: str) -> None:
    with pytest.raises(GoRegexpError) as caught:
        GoRegexp(pattern)
    assert str(caught.value) == message


def test_quoted_backslash_c_is_literal() -> None:
    # \Q...\E quotes everything, \C included.
    assert GoRegexp("\\Qa\\Cb\\E").match_string("a\\Cb")


@pytest.mark.parametrize(
    ("pattern", "text", "spans"),
    [
        # regexp.go allMatches: an empty match right after a match is dropped.
        ("a*", "baaab", [[0, 0], [1, 4], [5, 5]]),
        ("(a|b|c)", "abc", [[0, 1, 0, 1], [1, 2, 1, 2], [2, 3, 2, 3]]),
        ("x(y)?", "xx", [[0, 1, -1, -1], [1, 2, -1, -1]]),
        # Offsets are str indices even after multi-byte characters.
        ("(é+)", "aéé b é", [[1, 3, 1, 3], [6, 7, 6, 7]]),
        # Go's regexp steps rune by rune: \B holds at the end (é|end), not inside é's two
        # bytes, where RE2 C++ (byte by byte) also finds it.
        ("\\B", "aé", [[2, 2]]),
        ("\\B", "éé", [[0, 0], [1, 1], [2, 2]]),
    ],
)
def test_find_all_submatch_index(pattern: str, text: str, spans: list[list[int]]) -> None:
    assert GoRegexp(pattern).find_all_submatch_index(text) == spans


def test_context_is_kept_after_a_match() -> None:
    # Go matches later positions with the text before as context: ^ does not match again.
    assert GoRegexp("^a").find_all_submatch_index("aaa") == [[0, 1]]
    assert GoRegexp("\\ba").find_all_submatch_index("a aa") == [[0, 1], [2, 3]]


def test_perl_classes_are_ascii() -> None:
    # RE2/Go: \d and \s are ASCII-only; \s has no \v.
    assert not GoRegexp("\\d").match_string("٣")
    assert not GoRegexp("\\s").match_string("\v\u00a0")


def test_undecodable_bytes_round_trip() -> None:
    # Lines decoded with surrogateescape keep their original bytes through a match.
    assert GoRegexp("(b+)").find_submatch("a\udcffbb") == ["bb", "bb"]


def test_names() -> None:
    regexp = GoRegexp("(?P<a>x)(y)(?<b>z)")
    assert (regexp.subexp_names, regexp.num_groups) == (["", "a", "", "b"], 3)
