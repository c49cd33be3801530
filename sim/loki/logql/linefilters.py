"""How Loki chains line filters while parsing (ast.go newOrLineFilterExpr and
newNestedLineFilterExpr, grafana/loki v3.6.0), mutations and all.

`|= "a" |= "b"` nests: the last filter holds the earlier ones in `left`. `|= "a" or "b"`
chains alternatives in `or_`. A negative filter with alternatives, `!= "a" or "b"`, is
rewritten as `!= "a" != "b"` (not a, and not b). Loki builds these by mutating shared nodes;
this module does the same so that the resulting trees (quirks included) are Loki's.
"""

from __future__ import annotations

from sim.loki.logql.stages import LineFilterExpr, LineMatchType

LINE_MATCH_TYPES = {
    "PIPE_MATCH": LineMatchType.REGEXP,
    "PIPE_EXACT": LineMatchType.EQUAL,
    "PIPE_PATTERN": LineMatchType.PATTERN,
    "NRE": LineMatchType.NOT_REGEXP,
    "NEQ": LineMatchType.NOT_EQUAL,
    "NPA": LineMatchType.NOT_PATTERN,
}


def or_filter(left: LineFilterExpr, right: LineFilterExpr) -> LineFilterExpr:
    """`left or right`: the alternatives take the type of the filter they follow."""
    right.ty = left.ty
    node = right
    while node.or_ is not None:
        node.or_.ty = left.ty
        node = node.or_
    if left.ty.is_positive:
        left.or_ = right  # replaces an earlier alternative, as Loki does
        right.is_or_child = True
        return left
    return nested_filter(left, right)


def nested_filter(left: LineFilterExpr, right: LineFilterExpr) -> LineFilterExpr:
    """`left` then `right`: a new node for `right` with everything before it in `left`."""
    if right.or_ is not None and not right.ty.is_positive:
        right.or_.is_or_child = False
        alternative, right.or_ = right.or_, None
        right = nested_filter(right, alternative)
    if right.left is not None:
        left = nested_filter(left, right.left)
    return LineFilterExpr(right.ty, right.match, right.op, left, right.or_, right.is_or_child)
