"""Label matchers (`app="api"`, `level=~"err.*"`): Prometheus' labels.Matcher as Loki uses it.

A regexp matcher matches the whole value and `.` matches newlines: Prometheus compiles
`^(?s:<regexp>)$` (model/labels/regexp.go, vendored in grafana/loki v3.6.0).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from sim.golang.regexp import compile_go


class MatchType(StrEnum):
    EQUAL = "="
    NOT_EQUAL = "!="
    REGEXP = "=~"
    NOT_REGEXP = "!~"


@dataclass(frozen=True)
class Matcher:
    """`name <type> "value"`; `regex` is the compiled anchored form for =~ and !~."""

    type: MatchType
    name: str
    value: str
    regex: Any = field(default=None, compare=False, repr=False)

    def matches(self, value: str) -> bool:
        """labels.Matcher.Matches."""
        if self.type is MatchType.EQUAL:
            return value == self.value
        if self.type is MatchType.NOT_EQUAL:
            return value != self.value
        found = self.regex.search(value) is not None
        return found if self.type is MatchType.REGEXP else not found


def new_matcher(match_type: MatchType, name: str, value: str) -> Matcher:
    """labels.NewMatcher; raises goregexp.GoRegexpError for an invalid regexp."""
    if match_type in (MatchType.REGEXP, MatchType.NOT_REGEXP):
        compile_go(value)  # the error names the user's pattern, not the anchored one
        return Matcher(match_type, name, value, compile_go("^(?s:" + value + ")$"))
    return Matcher(match_type, name, value)
