"""sim/golang/regexp.py (moved from tests/loki/logql/test_goregexp.py): Go's regexp error messages on RE2.

Rows from Go's src/regexp/all_test.go (badRe), Go regexp/syntax's parse errors and
grafana/loki v3.6.0 parser_test.go (L381, label_replace).
"""

from __future__ import annotations

import pytest

from sim.golang.regexp import GoRegexpError, capture_names, compile_go


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        # regexp/all_test.go badRe
        ("*", "missing argument to repetition operator: `*`"),
        ("+", "missing argument to repetition operator: `+`"),
        ("?", "missing argument to repetition operator: `?`"),
        ("(abc", "missing closing ): `(abc`"),
        ("abc)", "unexpected ): `abc)`"),
        ("x[a-z", "missing closing ]: `[a-z`"),
        ("[z-a]", "invalid character class range: `z-a`"),
        ("abc\\", "trailing backslash at end of expression: ``"),
        ("a**", "invalid nested repetition operator: `**`"),
        ("a*+", "invalid nested repetition operator: `*+`"),
        ("\\x", "invalid escape sequence: `\\x`"),
        # regexp/syntax: Go has no \C (any byte), which C++ RE2 accepts
        ("a\\C", "invalid escape sequence: `\\C`"),
        # parser_test.go L381
        ("^^^^x43\\q", "invalid escape sequence: `\\q`"),
    ],
)
def test_go_error_messages(pattern: str, message: str) -> None:
    with pytest.raises(GoRegexpError) as caught:
        compile_go(pattern)
    assert str(caught.value) == "error parsing regexp: " + message


def test_capture_names() -> None:
    # regexp.SubexpNames()[1:]: one entry per group, in order; ( in classes and \Q..\E is literal.
    pattern = r"(?P<method>\w+) (a)(?:b)(?<c>[(])\(\Q(\E"
    assert capture_names(pattern) == ["method", "", "c"]
