"""Line filters and string label filters as predicates on bytes (pkg/logql/log/filter.go, v3.6.0).

`|= "x"` is a substring test on the raw line; `|~` regexps are first turned into substring
tests when Loki's simplifier can (regexsimplify.simplify), else searched with RE2. Quirks kept:
`!= ""` drops every line, `|= ip("...") or "x"` treats the ip() pattern as plain text, and a
case-insensitive test lowercases the line rune by rune as Go's containsLower does.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable

from sim.loki.engine.pipeline.ipfilter import IPLineFilter
from sim.loki.engine.pipeline.text_parsers import compile_pattern, pattern_test
from sim.loki.engine.pipeline.util import to_bytes
from sim.loki.logql.pattern import parse_line_filter_pattern
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
from sim.loki.logql.stages import LineFilterExpr, LineMatchType

Predicate = Callable[[bytes], bool]


def always(_: bytes) -> bool:
    return True


def never(_: bytes) -> bool:
    return False


def _exists(line: bytes) -> bool:
    return len(line) > 0


def _lower_rune(ch: str) -> str:
    """unicode.ToLower (simple mapping: one rune in, one rune out)."""
    if ch.isascii() or 0xDC80 <= ord(ch) <= 0xDCFF:
        return ch.lower()
    low = ch.lower()
    return low[0] if low else ch


def fold(line: bytes) -> str:
    return "".join(map(_lower_rune, line.decode("utf-8", "surrogateescape")))


# A substring every line the predicate keeps must contain (lets a scan skip lines in bulk).
_REQUIRED: weakref.WeakKeyDictionary[Predicate, bytes] = weakref.WeakKeyDictionary()


_PLAIN: weakref.WeakSet[Predicate] = weakref.WeakSet()  # exactly `needle in line`


def required_substring(pred: Predicate) -> bytes | None:
    return _REQUIRED.get(pred)


def is_plain_contains(pred: Predicate) -> bool:
    return pred in _PLAIN


def all_of(preds: list[Predicate]) -> Predicate:
    """Every predicate must hold; keeps the first required substring among them."""
    combined = _and(preds)
    for pred in preds:
        needle = _REQUIRED.get(pred)
        if needle is not None and combined is not always:
            _REQUIRED[combined] = needle
            break
    return combined


def contains(needle: bytes, folded: bool) -> Predicate:
    if not folded:
        pred: Predicate = lambda line: needle in line  # noqa: E731 - registered below
        _REQUIRED[pred] = needle
        _PLAIN.add(pred)
        return pred
    if needle.isascii():
        return lambda line: needle in (line.lower() if line.isascii() else to_bytes(fold(line)))
    text = needle.decode("utf-8", "surrogateescape")
    return lambda line: text in fold(line)


def equal(needle: bytes, folded: bool) -> Predicate:
    inner = contains(needle, folded)
    return lambda line: len(line) == len(needle) and inner(line)


def _not(pred: Predicate) -> Predicate:
    return lambda line: not pred(line)


def _or(left: Predicate, right: Predicate) -> Predicate:
    return lambda line: left(line) or right(line)


def _and(preds: list[Predicate]) -> Predicate:
    preds = [p for p in preds if p is not always]
    if not preds:
        return always
    if len(preds) == 1:
        return preds[0]
    if len(preds) == 2:
        first, second = preds
        return lambda line: first(line) and second(line)
    return lambda line: all(p(line) for p in preds)


def from_simplified(found: StringFilter) -> Predicate:
    if found == TRUE:
        return always
    if found == EXISTS:
        return _exists
    if isinstance(found, OrFilter):
        return _or(from_simplified(found.left), from_simplified(found.right))
    assert isinstance(found, TextFilter)
    make = contains if found.kind == "contains" else equal
    return make(to_bytes(found.text), found.fold)


def regexp_predicate(pattern: str, is_label: bool) -> Predicate:
    """parseRegexpFilter: simplified string tests, else the RE2 search.

    Raises goregexp.GoRegexpError, which Loki reports as a stage error.
    """
    compiled = label_regexp(pattern) if is_label else line_regexp(pattern)
    found = simplify(pattern, is_label)
    if found is not None:
        return from_simplified(found)
    search = compiled.search
    return lambda line: search(line) is not None


def pattern_predicate(pattern: str) -> Predicate:
    """`|>`: raises pattern.PatternError for a bad pattern."""
    parts = compile_pattern(parse_line_filter_pattern(pattern))
    return lambda line: pattern_test(parts, line)


def new_filter(match: str, ty: LineMatchType) -> Predicate:
    """log.NewFilter."""
    if ty in (LineMatchType.REGEXP, LineMatchType.NOT_REGEXP):
        pred = regexp_predicate(match, is_label=False)
    elif ty in (LineMatchType.PATTERN, LineMatchType.NOT_PATTERN):
        pred = pattern_predicate(match)
    else:
        pred = contains(to_bytes(match), False) if match else always
    if ty.is_positive:
        return pred
    return never if pred is always else _not(pred)


def _or_chain(expr: LineFilterExpr) -> Predicate:
    """newOrFilter: alternatives use NewFilter, whatever their op (so ip() is plain text)."""
    pred = new_filter(expr.match, expr.ty)
    node = expr.or_
    while node is not None:
        right = new_filter(node.match, node.ty)
        if pred is always:
            pred = right
        elif right is not always:
            pred = _or(pred, right)
        node = node.or_
    return pred


def line_filter(expr: LineFilterExpr) -> Predicate:
    """LineFilterExpr.Filter: this filter and every one chained before it, all must hold."""
    preds: list[Predicate] = []
    node: LineFilterExpr | None = expr
    while node is not None:
        if node.or_ is not None:
            preds.append(_or_chain(node))
        elif node.op == "ip":
            preds.append(IPLineFilter(node.match, node.ty))
        else:
            preds.append(new_filter(node.match, node.ty))
        node = node.left
    preds.reverse()
    return all_of(preds)
