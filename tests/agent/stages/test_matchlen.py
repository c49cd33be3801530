"""The anchored-pattern memo: a line's answer depends only on its first `reach` characters."""

from __future__ import annotations

import pytest
import re2
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from sim.agent.stages.goregexp import GoRegexp
from sim.agent.stages.matchlen import anchored_reach
from sim.golang.regexp import OPTIONS, GoRegexpError


@pytest.mark.parametrize(
    ("pattern", "reach"),
    [
        # lokisim's own analysis: the longest match plus the character after it.
        ("^\\d{4}-\\d{2}-\\d{2}", 11),  # the ADR's multiline firstline
        ("^\\[", 2),
        ("^(a|bc)x?", 4),
        ("^(?P<x>ab)(?:c|de){2}", 7),
        ("^[a-z]{3}\\s", 5),
        ("^a{2,3}b\\b$", 5),
        ("^x{a}", 5),  # `{a}` is no repeat: four literal characters
        ("^", 1),
        ("^a*", None),  # unbounded
        ("^\\S+", None),
        ("^a{2,}", None),
        ("^a|b", None),  # only one branch is anchored
        ("^(?i)a", None),  # flags: not understood
        ("^\\pN", None),
        ("^\\x41", None),
        ("\\d{4}", None),  # not anchored
        ("(?m)^a", None),
        ("^a)", None),
    ],
)
def test_anchored_reach(pattern: str, reach: int | None) -> None:
    assert anchored_reach(pattern) == reach


_ATOMS = [
    "a",
    "b",
    ".",
    "\\.",
    "(",
    ")",
    "(?:",
    "(?P<n>",
    "|",
    "*",
    "+",
    "?",
    "??",
    "{2}",
    "{1,3}",
    "{a}",
    "[ab]",
    "[^a]",
    "\\d",
    "\\s",
    "\\b",
    "\\B",
    "$",
    "^",
    "-",
]
_TEXT = st.lists(
    st.sampled_from(["a", "b", "1", "-", " ", "\n", ".", "é", "\udcff", "ab", "a1-"]), max_size=12
).map("".join)


def _re2_matches(pattern: str, text: str) -> bool:
    compiled = re2.compile(pattern.encode(), OPTIONS)
    return compiled.search(text.encode("utf-8", "surrogateescape")) is not None


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_ATOMS), max_size=7).map(lambda atoms: "^" + "".join(atoms)), _TEXT)
def test_memoised_answer_is_re2s(pattern: str, text: str) -> None:
    # lokisim: match_string answers from the line's first `reach` characters, remembered per
    # beginning; RE2 on the whole line is the reference.
    try:
        regexp = GoRegexp(pattern)
    except GoRegexpError:
        assume(False)
        return
    want = _re2_matches(pattern, text)
    assert regexp.match_string(text) == want
    assert regexp.match_string(text) == want  # answered from the memo this time
    if regexp._reach is not None:
        longer = text + "ab1- x"
        assert regexp.match_string(longer) == _re2_matches(pattern, longer)


def test_lines_that_begin_alike_share_an_answer() -> None:
    # The ADR's firstline: only the first 11 characters are read, so one entry per date.
    firstline = GoRegexp("^\\d{4}-\\d{2}-\\d{2}")
    lines = [f"2024-05-01 10:00:0{i} INFO request {i}" for i in range(5)]
    assert all(firstline.match_string(line) for line in lines)
    assert list(firstline._memo) == ["2024-05-01 "]
    assert not firstline.match_string("\tat com.example.Main(Main.java:1)")
