"""Loki's regexp simplifier (pkg/logql/log/filter.go RegexSimplifier, grafana/loki v3.6.0).

Loki turns many regexps into plain string checks before running them: `foo|bar` becomes
"contains foo or contains bar", `(?i)error` a case-insensitive contains, `.*` "always true".
The checks are not always the regexp's meaning, and Loki's answers are what count:

* line filters (`|~`) use "contains"; label filters (`| name=~"..."`) use "equals" for a
  bare literal but "contains" for `foo.*` or `.*foo` (so `name=~"foo.*"` matches "xfoo");
* an alternative that matches everything is dropped (`foo|` behaves as `foo`);
* `.` in a simplified pattern does not care about newlines.

`simplify()` returns the checks, or None when Loki keeps the regexp (then the label filter
prints in backticks and matches `^(?:regexp)$`, and the line filter searches the regexp).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from sim.golang.regexp import compile_go
from sim.loki.logql.goreparse import parse
from sim.loki.logql.goresyntax import Re


@dataclass(frozen=True)
class TextFilter:
    """`equal` (the whole value) or `contains`; `text` is lower-cased when `fold`."""

    kind: str
    text: str
    fold: bool


@dataclass(frozen=True)
class OrFilter:
    left: StringFilter
    right: StringFilter


TRUE = "true"  # matches everything
EXISTS = "exists"  # matches any non-empty value
StringFilter = TextFilter | OrFilter | str


def _contains(text: str, fold: bool) -> StringFilter:
    return TRUE if not text else TextFilter("contains", text.lower() if fold else text, fold)


def _equal(text: str, fold: bool) -> StringFilter:
    return TextFilter("equal", text.lower() if fold else text, fold)


def _or(left: StringFilter | None, right: StringFilter) -> StringFilter:
    if left is None or left == TRUE:
        return right
    if right == TRUE:
        return left
    return OrFilter(left, right)


def _uncapture(nodes: list[Re]) -> None:
    """util.ClearCapture: one level of capture removed, in place."""
    for i, node in enumerate(nodes):
        if node.op == "cap":
            nodes[i] = node.subs[0]


def _simplify(node: Re, is_label: bool) -> StringFilter | None:
    if node.op == "alt":
        _uncapture(node.subs)
        result: StringFilter | None = None
        for sub in node.subs:
            leg = _simplify(sub, is_label)
            if leg is None:
                return None
            result = leg if result is None else _or(result, leg)
        return result
    if node.op == "concat":
        return _concat(node, None)
    if node.op == "cap":
        return _simplify(node.subs[0], is_label)
    if node.op == "lit":
        return (_equal if is_label else _contains)(node.runes, node.fold)
    if node.op == "star" and node.subs[0].op == "anynl":
        return TRUE
    if node.op == "plus" and node.subs[0].op == "anynl":
        return EXISTS
    if node.op == "empty":
        return TRUE
    return None


def _concat(node: Re, base: str | None) -> StringFilter | None:
    _uncapture(node.subs)
    subs = [s for s in node.subs if s.op != "empty"]
    if len(subs) > 3:
        return None
    current: StringFilter | None = None
    literals, base_fold = 0, False
    for sub in subs:
        if sub.op == "lit":
            if literals:
                return None
            literals += 1
            base, base_fold = (base or "") + sub.runes, sub.fold
        elif sub.op == "alt" and base is not None:
            current = _concat_alternate(sub, base, current, base_fold)
            if current is None:
                return None
        elif not (sub.op == "star" and sub.subs[0].op == "anynl"):
            return None
    if current is not None:
        return current
    return _contains(base, base_fold) if base is not None else None


def _concat_alternate(
    node: Re, base: str, current: StringFilter | None, fold: bool
) -> StringFilter | None:
    for alt in node.subs:
        if not fold and alt.fold:
            return None
        if alt.op == "empty" or (alt.op == "star" and alt.subs[0].op == "anynl"):
            leg: StringFilter | None = _contains(base, fold)
        elif alt.op == "lit":
            leg = _contains(base + alt.runes, fold)
        elif alt.op == "concat":
            leg = _concat(alt, base)
        else:
            return None
        if leg is None:
            return None
        current = leg if current is None else _or(current, leg)
    return current


def simplify(pattern: str, is_label: bool) -> StringFilter | None:
    """The string checks Loki runs instead of `pattern`, or None if it runs the regexp."""
    return _simplify(parse(pattern), is_label)


@functools.lru_cache(maxsize=1024)
def line_regexp(pattern: str) -> Any:
    """The regexp a `|~`/`!~` filter searches when not simplified (unanchored, no (?s)).

    Raises goregexp.GoRegexpError: Loki reports that when it builds the pipeline, as
    `stage '<filter>' : error parsing regexp: ...`, not while parsing the query.
    """
    return compile_go(pattern)


@functools.lru_cache(maxsize=1024)
def label_regexp(pattern: str) -> Any:
    """The regexp a label filter `name=~"..."` matches when not simplified: `^(?:...)$`."""
    compile_go(pattern)  # errors name the user's pattern, as syntax.Parse(re) does in Loki
    return compile_go("^(?:" + pattern + ")$")
