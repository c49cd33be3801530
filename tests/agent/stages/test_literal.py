"""The required-literal pre-check: it must never skip a line RE2 would match."""

from __future__ import annotations

import pytest
import re2
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from sim.agent.stages.goregexp import GoRegexp
from sim.agent.stages.literal import required_literal, required_literals
from sim.golang.regexp import GoRegexpError


@pytest.mark.parametrize(
    ("pattern", "literal"),
    [
        ("(postgres://[^:]+:)([^@]+)(@)", "postgres://"),
        ("(Bearer\\s+)(eyJ[A-Za-z0-9_-]+)", "Bearer"),
        ("(AWS_SECRET_ACCESS_KEY=)([A-Za-z0-9+/=]+)", "AWS_SECRET_ACCESS_KEY="),
        ('(api[_-]?key["\\s:=]+)([A-Za-z0-9_-]{20,})', "api"),
        ("\\b(\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.)\\d{1,3}\\b", "."),
        ("^\\d{4}-\\d{2}-\\d{2}", "-"),
        ("ab*c", "a"),
        ("a{,3}", "a{,3}"),
        ("(?i)secret", None),
        ("a|b", None),
        ("\\Qa.b\\E", None),
        ("(?:ab)?cd", "cd"),
        ("x(a|b)y", "x"),
        ("[[:alpha:]]]", "]"),
    ],
)
def test_required_literal(pattern: str, literal: str | None) -> None:
    assert required_literal(pattern) == literal


def test_all_required_literals() -> None:
    # Both "api" and "key" are required by the ADR's API-key pattern.
    assert required_literals('(api[_-]?key["\\s:=]+)([A-Za-z0-9_-]{20,})') == ("api", "key")


_ATOMS = [
    "a",
    "b",
    ".",
    "\\.",
    "(",
    ")",
    "(?:",
    "(?i)",
    "|",
    "*",
    "+",
    "?",
    "{2}",
    "{0,1}",
    "{,2}",
    "[ab]",
    "[^a]",
    "\\d",
    "\\b",
    "^",
    "$",
    "\\Qa\\E",
    "[[:alpha:]]",
    "]",
    "}",
]


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(_ATOMS), min_size=1, max_size=7).map("".join),
    st.lists(st.sampled_from(["a", "b", ".", " ", "1", "{", "}", "]", ",", "2"]), max_size=10).map(
        "".join
    ),
)
def test_literal_is_in_every_match(pattern: str, text: str) -> None:
    try:
        GoRegexp(pattern)
    except GoRegexpError:
        assume(False)
    # Plain RE2 (no pre-check) decides whether the text matches.
    if re2.compile(pattern).search(text) is not None:
        assert all(literal in text for literal in required_literals(pattern))
