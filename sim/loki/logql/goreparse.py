"""Reads a valid Go regexp into goresyntax nodes (Parse with Perl flags, then Simplify()).

Character classes are reduced to what matters here: a class of one character becomes that
literal and `[Aa]` a case-insensitive literal, as Go's parser does; any other class is
opaque. Perl classes (`\\d`), Unicode classes (`\\pL`), anchors and `\\b` are opaque too.

Approximations: case-folding orbits come from Python's case tables rather than Go's
unicode.SimpleFold (this matters only for one-character classes such as `(?i)[k]`), and
`x{n,m}` other than {0}, {1}, {0,} and {1,} is opaque (Go expands it into copies, which
Loki's simplifier never accepts either).
"""

from __future__ import annotations

import functools
import re

from sim.loki.logql.goresyntax import Parser, Re

_REPEAT = re.compile(r"\{(\d+)(,(\d*))?\}")
_SIMPLE_ESCAPES = {"a": "\a", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}


@functools.cache
def _fold_orbits() -> dict[str, frozenset[str]]:
    """Characters that differ only by case, from Python's case mappings (≈ unicode.SimpleFold)."""
    groups: dict[str, set[str]] = {}
    for code in range(0x30000):
        c = chr(code)
        low = c.lower()
        if len(low) == 1 and (low != c or c.upper() != c):
            groups.setdefault(low, {low}).add(c)
    return {c: frozenset(g) for g in groups.values() for c in g}


def _escape(t: str) -> tuple[str, str]:
    """One escaped character (t starts after the backslash): (rune, rest)."""
    c, rest = t[0], t[1:]
    if c in _SIMPLE_ESCAPES:
        return _SIMPLE_ESCAPES[c], rest
    if c == "x":
        if rest.startswith("{"):
            end = rest.index("}")
            return chr(int(rest[1:end], 16)), rest[end + 1 :]
        return chr(int(rest[:2], 16)), rest[2:]
    if "0" <= c <= "7":
        digits = c + "".join(rest[:2][: len(rest[:2]) - len(rest[:2].lstrip("01234567"))])
        return chr(int(digits, 8)), t[len(digits) :]
    return c, rest


def _class(t: str, fold: bool) -> tuple[Re, str]:
    """`[...]` (t starts after '['): a literal when it holds one character, else a class."""
    runes: set[str] = set()
    opaque = t.startswith("^")
    t = t[1:] if opaque else t
    first = True
    while first or not t.startswith("]"):
        first = False
        if t.startswith("[:"):
            opaque, t = True, t[t.index(":]", 2) + 2 :]
            continue
        if t[:2] in ("\\p", "\\P"):
            opaque = True
            t = t[t.index("}") + 1 :] if t[2:3] == "{" else t[3:]
            continue
        if t[:2] in {"\\" + c for c in "dDsSwW"}:
            opaque, t = True, t[2:]
            continue
        lo, t = _escape(t[1:]) if t.startswith("\\") else (t[0], t[1:])
        hi = lo
        if len(t) >= 2 and t[0] == "-" and t[1] != "]":
            hi, t = _escape(t[2:]) if t[1] == "\\" else (t[1], t[2:])
        if ord(hi) - ord(lo) > 4:
            opaque = True
        else:
            runes.update(chr(r) for r in range(ord(lo), ord(hi) + 1))
    rest = t[1:]
    if fold and not opaque:
        runes = {f for r in runes for f in _fold_orbits().get(r, {r})}
    if not opaque and len(runes) == 1:
        return Re("lit", next(iter(runes))), rest
    if not opaque and len(runes) == 2:
        a = min(runes)
        if _fold_orbits().get(a) == frozenset(runes):
            return Re("lit", a, fold=True), rest
    return Re("class"), rest


def _perl_group(p: Parser, t: str) -> str:
    """`(?...`: a named capture, a flag group `(?i:`, or flags for the rest `(?i)`."""
    for opener in ("(?P<", "(?<"):
        if t.startswith(opener):
            p.push(Re("lparen", cap=1, saved=p.flags()))
            return t[t.index(">") + 1 :]
    fold, dot_nl, ungreedy = p.flags()
    negate, i = False, 2
    while t[i] not in ":)":
        flag = t[i]
        if flag == "-":
            negate = True
        elif flag == "i":
            fold = not negate
        elif flag == "s":
            dot_nl = not negate
        elif flag == "U":
            ungreedy = not negate
        i += 1
    if t[i] == ":":
        p.push(Re("lparen", saved=p.flags()))
    p.fold, p.dot_nl, p.ungreedy = fold, dot_nl, ungreedy
    return t[i + 1 :]


def parse(pattern: str) -> Re:
    """syntax.Parse(pattern, syntax.Perl).Simplify(), as far as Loki's simplifier can tell."""
    p, t = Parser(), pattern
    while t:
        c = t[0]
        if t.startswith("(?"):
            t = _perl_group(p, t)
        elif c == "(":
            p.push(Re("lparen", cap=1, saved=p.flags()))
            t = t[1:]
        elif c == "|":
            p.concat()
            if not p.swap_vertical_bar():
                p.push(Re("vbar"))
            t = t[1:]
        elif c == ")":
            inner = p.end_group()
            group = p.stack.pop()
            p.fold, p.dot_nl, p.ungreedy = group.saved
            p.push(Re("cap", subs=[inner]) if group.cap else inner)
            t = t[1:]
        elif c in "^$":
            p.push(Re("other"))
            t = t[1:]
        elif c == ".":
            p.push(Re("any" if p.dot_nl else "anynl"))
            t = t[1:]
        elif c == "[":
            node, t = _class(t[1:], p.fold)
            p.push(node)
        elif c in "*+?":
            lazy = t[1:2] == "?"
            p.repeat({"*": "star", "+": "plus", "?": "quest"}[c], 0, 0, lazy)
            t = t[2 if lazy else 1 :]
        elif c == "{" and (m := _REPEAT.match(t)) is not None:
            hi = int(m.group(1)) if m.group(2) is None else int(m.group(3) or -1)
            lazy = t[m.end() : m.end() + 1] == "?"
            p.repeat("repeat", int(m.group(1)), hi, lazy)
            t = t[m.end() + (1 if lazy else 0) :]
        elif c == "\\":
            t = _backslash(p, t)
        else:
            p.literal(c)
            t = t[1:]
    return simplify(p.end_group())


def _backslash(p: Parser, t: str) -> str:
    nxt = t[1]
    if nxt in "AbBz":
        p.push(Re("other"))
        return t[2:]
    if nxt == "Q":
        body, _, rest = t[2:].partition("\\E")
        for c in body:
            p.literal(c)
        return rest
    if nxt in "pP":
        p.push(Re("class"))
        return t[t.index("}") + 1 :] if t[2:3] == "{" else t[3:]
    if nxt in "dDsSwW":
        p.push(Re("class"))
        return t[2:]
    rune, rest = _escape(t[1:])
    p.literal(rune)
    return rest


def simplify(r: Re) -> Re:
    """Go's Regexp.Simplify for the operators that matter here."""
    if r.op in ("cap", "concat", "alt"):
        return Re(r.op, subs=[simplify(s) for s in r.subs])
    if r.op in ("star", "plus", "quest"):
        return _simplify1(r.op, r, simplify(r.subs[0]))
    if r.op != "repeat":
        return r
    if r.min == 0 and r.max == 0:
        return Re("empty")
    sub = simplify(r.subs[0])
    if r.max == -1 and r.min <= 1:
        return _simplify1("star" if r.min == 0 else "plus", r, sub)
    if r.min == 1 and r.max == 1:
        return sub
    return Re("other")  # copies of sub with ?-suffixes: nothing Loki's simplifier accepts


def _simplify1(op: str, r: Re, sub: Re) -> Re:
    if sub.op == "empty":
        return sub
    if op == sub.op and r.non_greedy == sub.non_greedy:
        return sub
    return Re(op, subs=[sub], fold=r.fold, non_greedy=r.non_greedy)
