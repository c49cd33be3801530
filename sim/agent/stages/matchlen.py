"""How much of a line a start-anchored regexp can see, so that its answers can be memoised.

A pattern that starts with `^` and has no unbounded repeat matches at most M characters,
always from the start of the text. Whether it matches depends only on the first M + 1
characters: a match ends at M at the latest, and the assertions inside it (`\\b`, `$`, ...)
look no further than the character just after it. Lines that begin alike (a date, a log
level) therefore share the answer. Conservative like literal.py: flags, `\\Q`, `\\p`,
numeric escapes and anything else outside a small part of RE2's syntax give None.
"""

from __future__ import annotations

from .literal import GiveUp, skip_class

_ONE_CHAR_ESCAPES = set("dDwWsStnrfva")
_ZERO_WIDTH_ESCAPES = set("bB")


def anchored_reach(pattern: str) -> int | None:
    """M + 1 for a pattern anchored at the start whose matches are at most M characters
    long; None when that cannot be shown."""
    if not pattern.startswith("^"):
        return None
    try:
        longest, end = _sequence(pattern, 1)
    except GiveUp:
        return None
    if end != len(pattern):
        return None  # a top-level `|` (`^a|b` is not anchored) or a stray `)`
    return longest + 1


def _repeat(p: str, i: int) -> tuple[int | None, int]:
    """(max count, index after) of a `{n}` / `{n,m}` at p[i]; (None, i) if it is none.

    An unbounded `{n,}` gives up; a `{` that is no repeat is a literal, as in Go.
    """
    close = p.find("}", i)
    if close < 0:
        return None, i
    body = p[i + 1 : close]
    low, comma, high = body.partition(",")
    if not low.isascii() or not low.isdigit():
        return None, i
    if not comma:
        return int(low), close + 1
    if high == "":
        raise GiveUp
    if not high.isascii() or not high.isdigit():
        return None, i
    return int(high), close + 1


def _quantified(p: str, i: int, width: int) -> tuple[int, int]:
    """The atom's width times its quantifier's maximum, and the index after it."""
    if i < len(p):
        c = p[i]
        if c in "*+":
            raise GiveUp
        if c == "?":
            i += 1
        elif c == "{":
            count, after = _repeat(p, i)
            if count is not None:
                width *= count
                i = after
            else:
                return width, i
        else:
            return width, i
        if i < len(p) and p[i] == "?":
            i += 1  # non-greedy: the same reach
        if i < len(p) and p[i] in "*+?{":
            raise GiveUp  # a repeated repeat: not worth understanding
    return width, i


def _group_body(p: str, i: int) -> int:
    """Index of the body of the group opening at p[i] == '('."""
    if not p.startswith("(?", i):
        return i + 1
    if p.startswith("(?:", i):
        return i + 3
    if p.startswith("(?P<", i) or p.startswith("(?<", i):
        close = p.find(">", i)
        if close < 0:
            raise GiveUp
        return close + 1
    raise GiveUp  # flags change what characters match (and `(?m)` un-anchors `^`)


def _sequence(p: str, i: int) -> tuple[int, int]:
    """Longest match of the sequence at p[i:], and the index of the `|`, `)` or end."""
    total = 0
    while i < len(p):
        c = p[i]
        if c in "|)":
            break
        if c == "(":
            i = _group_body(p, i)
            width = 0
            while True:
                branch, i = _sequence(p, i)
                width = max(width, branch)
                if i >= len(p):
                    raise GiveUp
                if p[i] == ")":
                    break
                i += 1  # past `|`
            i += 1
        elif c == "\\":
            nxt = p[i + 1 : i + 2]
            if nxt in _ONE_CHAR_ESCAPES or (nxt.isascii() and nxt != "" and not nxt.isalnum()):
                width = 1
            elif nxt in _ZERO_WIDTH_ESCAPES:
                width = 0
            else:
                raise GiveUp
            i += 2
        elif c == "[":
            i = skip_class(p, i)
            width = 1
        elif c in "^$":
            width, i = 0, i + 1
        elif c in "*+?" or (c == "{" and _repeat(p, i)[0] is not None):
            raise GiveUp
        else:
            width, i = 1, i + 1  # `.`, a literal `{` or any other character
        width, i = _quantified(p, i, width)
        total += width
    return total, i
