"""A literal every match of a regexp must contain, for a cheap `in` pre-check.

Conservative by construction: it understands a small part of RE2's syntax (plain and
escaped characters, classes, groups, quantifiers) and gives up (None) on anything else:
case-insensitive flags, `\\Q...\\E`, numeric escapes, alternation at the top. A literal is
only reported when no match can exist without it, so skipping a line that lacks it never
changes a result.
"""

from __future__ import annotations

_BREAKING_ESCAPES = set("dDwWsSbBAz")
_GIVE_UP_ESCAPES = set("QCxaefnrtv0123456789")


class GiveUp(Exception):
    pass


def skip_class(p: str, i: int) -> int:
    """Index just past the character class that starts at p[i] == '['."""
    i += 1
    if i < len(p) and p[i] == "^":
        i += 1
    if i < len(p) and p[i] == "]":
        i += 1
    while i < len(p):
        if p[i] == "]":
            return i + 1
        if p[i] == "\\":
            if p[i + 1 : i + 2] in ("p", "P") and p[i + 2 : i + 3] == "{":
                close = p.find("}", i)
                if close < 0:
                    raise GiveUp
                i = close + 1
            else:
                i += 2
        elif p.startswith("[:", i):
            close = p.find(":]", i + 2)
            i = close + 2 if close >= 0 else i + 1
        else:
            i += 1
    raise GiveUp


def _quantifier(p: str, i: int) -> tuple[int | None, int]:
    """(minimum count, index after) of a quantifier at p[i], or (None, i) if there is none."""
    if i >= len(p):
        return None, i
    c = p[i]
    if c in "*?+":
        minimum = 1 if c == "+" else 0
        i += 1
    elif c == "{":
        close = p.find("}", i)
        body = p[i + 1 : close] if close > 0 else ""
        low = body.split(",", 1)[0]
        if not low.isdigit() or not all(part.isdigit() for part in body.split(",", 1)[1:] if part):
            return None, i
        minimum = int(low)
        i = close + 1
    else:
        return None, i
    if i < len(p) and p[i] == "?":
        i += 1
    return minimum, i


def _group_start(p: str, i: int) -> tuple[int, bool]:
    """Index of the group body after '(' at p[i], and whether it is a group at all."""
    if not p.startswith("(?", i):
        return i + 1, True
    if p.startswith("(?:", i):
        return i + 3, True
    if p.startswith("(?P<", i) or p.startswith("(?<", i):
        close = p.find(">", i)
        if close < 0:
            raise GiveUp
        return close + 1, True
    j = i + 2
    while j < len(p) and p[j] in "imsU-":
        if p[j] == "i":
            raise GiveUp
        j += 1
    if j < len(p) and p[j] == ")":
        return j + 1, False
    if j < len(p) and p[j] == ":":
        return j + 1, True
    raise GiveUp


def _sequence(p: str, i: int) -> tuple[list[str], int, bool]:
    """Required literal runs of the sequence at p[i:], the index where it ends, and `|`."""
    runs: list[str] = []
    run: list[str] = []
    alternation = False

    def cut() -> None:
        if run:
            runs.append("".join(run))
            run.clear()

    while i < len(p):
        c = p[i]
        if c == ")":
            break
        if c == "|":
            alternation = True
            cut()
            i += 1
            continue
        if c == "(":
            body, is_group = _group_start(p, i)
            cut()
            if not is_group:
                i = body
                continue
            inner, i, inner_alt = _sequence(p, body)
            if i >= len(p):
                raise GiveUp
            minimum, i = _quantifier(p, i + 1)
            if not inner_alt and (minimum is None or minimum > 0):
                runs.extend(inner)
            continue
        literal: str | None = None
        if c == "\\":
            nxt = p[i + 1 : i + 2]
            if not nxt or nxt in _GIVE_UP_ESCAPES:
                raise GiveUp
            if nxt in _BREAKING_ESCAPES:
                i += 2
            elif nxt in ("p", "P"):
                close = p.find("}", i) if p[i + 2 : i + 3] == "{" else i + 2
                if close < 0:
                    raise GiveUp
                i = close + 1
            elif nxt.isascii() and not nxt.isalnum():
                literal, i = nxt, i + 2
            else:
                raise GiveUp
        elif c == "[":
            i = skip_class(p, i)
        elif c == "{" and _quantifier(p, i)[0] is None:
            # Go reads a `{` that does not start a valid repeat as a literal.
            literal, i = c, i + 1
        elif c == "{":
            raise GiveUp
        elif c in ".^$":
            i += 1
        elif c in "*+?":
            raise GiveUp
        else:
            literal, i = c, i + 1
        minimum, i = _quantifier(p, i)
        if literal is not None and (minimum is None or minimum > 0):
            run.append(literal)
        if literal is None or minimum is not None:
            cut()
    cut()
    return runs, i, alternation


def required_literals(pattern: str) -> tuple[str, ...]:
    """Literals every match of `pattern` contains, longest first (at most three)."""
    try:
        runs, end, alternation = _sequence(pattern, 0)
    except GiveUp:
        return ()
    if end != len(pattern) or alternation:
        return ()
    return tuple(sorted(dict.fromkeys(runs), key=len, reverse=True)[:3])


def required_literal(pattern: str) -> str | None:
    """The longest literal every match of `pattern` contains, or None."""
    literals = required_literals(pattern)
    return literals[0] if literals else None
