"""Searching many lines at once must give every line exactly its own FindAll answer."""

from __future__ import annotations

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from sim.agent.stages.findmany import joinable
from sim.agent.stages.goregexp import GoRegexp
from sim.golang.regexp import GoRegexpError

from .conftest import secret_lines

# ADR-loki.md section 5, the replace stages' expressions.
ADR_EXPRESSIONS = [
    "(postgres://[^:]+:)([^@]+)(@)",
    "(Bearer\\s+)(eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+)",
    "(AWS_SECRET_ACCESS_KEY=)([A-Za-z0-9+/=]+)",
    '(api[_-]?key["\\s:=]+)([A-Za-z0-9_-]{20,})',
    "\\b\\d{4}[\\s-]?\\d{4}[\\s-]?\\d{4}[\\s-]?\\d{4}\\b",
    "\\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Z|a-z]{2,}\\b",
    "\\b(\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.)\\d{1,3}\\b",
]


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        # lokisim: only assertions that see the edge of the text differ from a "\n".
        *((expression, True) for expression in ADR_EXPRESSIONS),
        ("[^^$]\\b", True),  # inside a class, ^ and $ are characters
        ("\\^\\$", True),
        ("^a", False),
        ("a$", False),
        ("\\Aa", False),
        ("a\\z", False),
        ("\\Q^\\E", False),  # not parsed: given up
        ("[a", False),
    ],
)
def test_joinable(pattern: str, expected: bool) -> None:
    assert joinable(pattern) == expected


@pytest.mark.parametrize("expression", ADR_EXPRESSIONS)
def test_adr_expressions_on_secret_lines(expression: str) -> None:
    regexp = GoRegexp(expression)
    lines = secret_lines(len(expression), 1000)
    expected = {i: m for i, line in enumerate(lines) if (m := regexp.find_all_spans(line))}
    assert regexp.find_all_many(lines) == expected
    assert expected  # the lines do hold matches


_ATOMS = [
    "a",
    "b",
    ".",
    "(",
    ")",
    "(?:",
    "|",
    "*",
    "+",
    "?",
    "*?",
    "{2}",
    "[ab]",
    "[^a]",
    "\\d",
    "\\s",
    "\\S",
    "\\b",
    "\\B",
    "(?s)",
    "\\n",
]
_LINE = st.lists(
    st.sampled_from(["a", "b", "1", " ", "\n", ".", "ab", "ba", "é", "\udcff", "a\n"]), max_size=8
).map("".join)


@settings(max_examples=250, deadline=None)
@given(
    st.lists(st.sampled_from(_ATOMS), min_size=1, max_size=6).map("".join),
    st.lists(_LINE, max_size=6),
)
def test_many_lines_equal_one_by_one(pattern: str, lines: list[str]) -> None:
    # lokisim: find_all_spans on each line (Go's FindAll on the line alone) is the reference.
    try:
        regexp = GoRegexp(pattern)
    except GoRegexpError:
        assume(False)
        return
    expected = {i: m for i, line in enumerate(lines) if (m := regexp.find_all_spans(line))}
    assert regexp.find_all_many(lines) == expected


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(ADR_EXPRESSIONS), st.integers(0, 10_000), st.integers(1, 60))
def test_adr_expressions_on_generated_secret_lines(expression: str, seed: int, count: int) -> None:
    regexp = GoRegexp(expression)
    lines = secret_lines(seed, count)
    expected = {i: m for i, line in enumerate(lines) if (m := regexp.find_all_spans(line))}
    assert regexp.find_all_many(lines) == expected
