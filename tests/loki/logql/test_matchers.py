"""sim/loki/logql/matchers.py: Prometheus label matchers as Loki uses them.

Facts from prometheus model/labels/matcher.go and regexp.go (vendored in grafana/loki
v3.6.0): regexps match the whole value, and `.` matches newlines (`^(?s:...)$`).
"""

from __future__ import annotations

import pytest

from sim.golang.regexp import GoRegexpError
from sim.loki.logql.matchers import MatchType, new_matcher


@pytest.mark.parametrize(
    ("kind", "pattern", "value", "matches"),
    [
        (MatchType.EQUAL, "api", "api", True),
        (MatchType.NOT_EQUAL, "api", "", True),
        (MatchType.REGEXP, "api", "my-api", False),  # anchored at both ends
        (MatchType.REGEXP, "a.b", "a\nb", True),  # (?s): dot matches a newline
        (MatchType.REGEXP, ".*", "", True),
        (MatchType.NOT_REGEXP, "bar|baz", "baz", False),
    ],
)
def test_matches(kind: MatchType, pattern: str, value: str, matches: bool) -> None:
    assert new_matcher(kind, "app", pattern).matches(value) is matches


def test_invalid_regexp() -> None:
    # labels.NewMatcher fails with regexp/syntax's error, naming the user's pattern.
    with pytest.raises(GoRegexpError, match=r"missing closing \): `\(`$"):
        new_matcher(MatchType.REGEXP, "app", "(")
