"""The shape Go's regexp/syntax gives a (valid) pattern: Parse(Perl) followed by Simplify().

Only what Loki's regexp simplifier looks at is modelled (grafana/regexp = Go 1.2x
regexp/syntax): literal strings and their case folding, `.`, `.*`/`.+`, empty matches,
captures, concatenations and alternations, including Go's parse-time rewrites: adjacent
literals merge, `a|b` becomes the class `[ab]`, common literal prefixes are factored out of
alternations (`foo|foobar` -> `foo(?:|bar)`). Classes, anchors and other operators are kept
as opaque nodes. Patterns must already be valid (compile them with goregexp first).
"""

from __future__ import annotations

from dataclasses import dataclass, field

_PSEUDO = ("lparen", "vbar")


@dataclass(eq=False)
class Re:
    """A node: op is lit, anynl, any, class, empty, nomatch, star, plus, quest, repeat, cap,
    concat, alt or other (plus the parser's lparen/vbar markers)."""

    op: str
    runes: str = ""
    fold: bool = False  # FoldCase
    subs: list[Re] = field(default_factory=list)
    min: int = 0
    max: int = 0
    non_greedy: bool = False
    cap: int = 0  # lparen: capture number, 0 for (?:...)
    saved: tuple[bool, bool, bool] = (False, False, False)  # lparen: flags to restore


def _is_char_class(r: Re) -> bool:
    return (r.op == "lit" and len(r.runes) == 1) or r.op in ("class", "anynl", "any")


class Parser:
    """Go's parser stack: literals merge as they are pushed, `|` and `(` are markers."""

    def __init__(self) -> None:
        self.stack: list[Re] = []
        self.fold = self.dot_nl = self.ungreedy = False

    def flags(self) -> tuple[bool, bool, bool]:
        return self.fold, self.dot_nl, self.ungreedy

    def maybe_concat(self) -> None:
        if len(self.stack) >= 2:
            top, below = self.stack[-1], self.stack[-2]
            if top.op == below.op == "lit" and top.fold == below.fold:
                below.runes += top.runes
                self.stack.pop()

    def push(self, node: Re) -> None:
        self.maybe_concat()
        self.stack.append(node)

    def literal(self, rune: str) -> None:
        self.push(Re("lit", rune, self.fold))

    def concat(self) -> None:
        self.maybe_concat()
        i = len(self.stack)
        while i > 0 and self.stack[i - 1].op not in _PSEUDO:
            i -= 1
        subs = self.stack[i:]
        del self.stack[i:]
        self.push(collapse(subs, "concat") if subs else Re("empty"))

    def alternate(self) -> None:
        i = len(self.stack)
        while i > 0 and self.stack[i - 1].op not in _PSEUDO:
            i -= 1
        subs = self.stack[i:]
        del self.stack[i:]
        self.push(collapse(subs, "alt") if subs else Re("nomatch"))

    def swap_vertical_bar(self) -> bool:
        s = self.stack
        if len(s) >= 3 and s[-2].op == "vbar" and _is_char_class(s[-1]) and _is_char_class(s[-3]):
            s[-3] = Re("class")  # two one-character alternatives merge into a class
            s.pop()
            return True
        if len(s) >= 2 and s[-2].op == "vbar":
            s[-2], s[-1] = s[-1], s[-2]
            return True
        return False

    def end_group(self) -> Re:
        self.concat()
        if self.swap_vertical_bar():
            self.stack.pop()
        self.alternate()
        return self.stack.pop()

    def repeat(self, op: str, lo: int, hi: int, lazy: bool) -> None:
        node = Re(op, subs=[self.stack[-1]], min=lo, max=hi, fold=self.fold)
        node.non_greedy = self.ungreedy != lazy
        self.stack[-1] = node


def collapse(subs: list[Re], op: str) -> Re:
    if len(subs) == 1:
        return subs[0]
    node = Re(op)
    for sub in subs:
        node.subs += sub.subs if sub.op == op else [sub]
    if op == "alt":
        node.subs = _factor(node.subs)
        if len(node.subs) == 1:
            return node.subs[0]
    return node


def _leading_string(r: Re) -> tuple[str, bool]:
    if r.op == "concat" and r.subs:
        r = r.subs[0]
    return (r.runes, r.fold) if r.op == "lit" else ("", False)


def _remove_leading_string(r: Re, n: int) -> Re:
    if r.op == "concat" and r.subs:
        first = r.subs[0] = _remove_leading_string(r.subs[0], n)
        if first.op == "empty":
            if len(r.subs) <= 1:
                return Re("empty")
            if len(r.subs) == 2:
                return r.subs[1]
            del r.subs[0]
        return r
    if r.op == "lit":
        r.runes = r.runes[n:]
        if not r.runes:
            r.op = "empty"  # keeps its case-folding flag, as Go's does
    return r


def _factor(subs: list[Re]) -> list[Re]:
    """Go's parser.factor, rounds 1, 3 and 4 (round 2 only touches legs Loki cannot simplify)."""
    out: list[Re] = []
    start, prefix, prefix_fold = 0, "", False
    for i in range(len(subs) + 1):
        text, fold = ("", False)
        if i < len(subs):
            text, fold = _leading_string(subs[i])
            if fold == prefix_fold:
                same = 0
                while same < min(len(prefix), len(text)) and prefix[same] == text[same]:
                    same += 1
                if same > 0:
                    prefix = prefix[:same]
                    continue
        if i == start + 1:
            out.append(subs[start])
        elif i > start + 1:
            rest = [_remove_leading_string(s, len(prefix)) for s in subs[start:i]]
            out.append(Re("concat", subs=[Re("lit", prefix, prefix_fold), collapse(rest, "alt")]))
        start, prefix, prefix_fold = i, text, fold
    merged: list[Re] = []
    start = 0
    for i in range(len(out) + 1):
        if i < len(out) and _is_char_class(out[i]):
            continue
        if i == start + 1:
            merged.append(out[start])
        elif i > start + 1:
            merged.append(Re("class"))
        if i < len(out):
            merged.append(out[i])
        start = i + 1
    return [
        s
        for i, s in enumerate(merged)
        if not (s.op == "empty" and i + 1 < len(merged) and merged[i + 1].op == "empty")
    ]
