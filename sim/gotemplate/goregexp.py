"""Go's regexp package on top of RE2 (google-re2): Go's error texts, $-expansion and
the way Go walks successive matches (empty matches, ReplaceAll, FindAll, Split)."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

from sim.golang.regexp import GoRegexpError
from sim.golang.regexp import compile_go as compile_re2
from sim.golang.strconv_quote import can_backquote, quote
from sim.gotemplate.errors import GoError


class GoRegexp:
    """A compiled expression: the RE2 program and its subexpression names."""

    __slots__ = ("expr", "names", "prog")

    def __init__(self, expr: str, prog: Any) -> None:
        self.expr = expr
        self.prog = prog
        names = [""] * (prog.groups + 1)
        for name, idx in prog.groupindex.items():
            names[idx] = name
        self.names = names

    def search(self, s: str, pos: int) -> list[int] | None:
        """Leftmost-first match at or after `pos` (context before pos is honoured, as in Go)."""
        m = self.prog.search(s, pos)
        if m is None:
            return None
        spans: list[int] = []
        for g in range(len(self.names)):
            a, b = m.span(g)
            spans += (a, b)
        return spans


class CompileError(GoError):
    """regexp.Compile's error: `error parsing regexp: <code>: `<expr>``."""


@lru_cache(maxsize=512)
def compile_go(expr: str) -> GoRegexp:
    """regexp.Compile; raises CompileError with Go's message."""
    try:
        prog = compile_re2(expr)
    except GoRegexpError as err:
        raise CompileError(str(err)) from None
    return GoRegexp(expr, prog)


def must_compile(expr: str) -> GoRegexp:
    """regexp.MustCompile: a compile error is a panic, which the template call reports."""
    try:
        return compile_go(expr)
    except CompileError as err:
        shown = "`" + expr + "`" if can_backquote(expr) else quote(expr)
        raise GoError(f"regexp: Compile({shown}): {err.message}") from None


def all_matches(re: GoRegexp, s: str, n: int) -> list[list[int]]:
    """Go's allMatches: successive non-overlapping matches, no empty match right after one."""
    if n < 0:
        n = len(s) + 1
    out: list[list[int]] = []
    pos, prev_end, end = 0, -1, len(s)
    while len(out) < n and pos <= end:
        m = re.search(s, pos)
        if m is None:
            break
        accept = True
        if m[1] == pos:
            if m[0] == prev_end:
                accept = False
            pos = pos + 1 if pos < end else end + 1
        else:
            pos = m[1]
        prev_end = m[1]
        if accept:
            out.append(m)
    return out


def _extract(template: str) -> tuple[str, int, str] | None:
    """Go's extract: the name after '$' (`1`, `name`, `{1x}`), its number, and the rest."""
    if not template:
        return None
    brace = template[0] == "{"
    if brace:
        template = template[1:]
    i = 0
    while i < len(template) and (
        template[i] == "_" or template[i].isalpha() or template[i].isdecimal()
    ):
        i += 1
    if i == 0:
        return None
    name = template[:i]
    if brace:
        if i >= len(template) or template[i] != "}":
            return None
        i += 1
    num = -1
    if name.isascii() and name.isdigit() and len(name) <= 9:
        num = int(name)
    if name[0] == "0" and len(name) > 1:
        num = -1
    return name, num, template[i:]


def expand(re: GoRegexp, template: str, src: str, match: list[int]) -> str:
    """Regexp.Expand: $1, ${1}, $name, ${name}, $$ — `$1x` names the group `1x`."""
    out: list[str] = []
    while template:
        before, dollar, after = template.partition("$")
        if not dollar:
            break
        out.append(before)
        template = after
        if template.startswith("$"):
            out.append("$")
            template = template[1:]
            continue
        found = _extract(template)
        if found is None:
            out.append("$")
            continue
        name, num, template = found
        if num >= 0:
            if 2 * num + 1 < len(match) and match[2 * num] >= 0:
                out.append(src[match[2 * num] : match[2 * num + 1]])
        else:
            for i, sub in enumerate(re.names):
                if name == sub and 2 * i + 1 < len(match) and match[2 * i] >= 0:
                    out.append(src[match[2 * i] : match[2 * i + 1]])
                    break
    out.append(template)
    return "".join(out)


def _replace(re: GoRegexp, src: str, repl: Callable[[list[int]], str]) -> str:
    out: list[str] = []
    last, pos, end = 0, 0, len(src)
    while pos <= end:
        m = re.search(src, pos)
        if m is None:
            break
        out.append(src[last : m[0]])
        if m[1] > last or m[0] == 0:
            out.append(repl(m))
        last = m[1]
        width = 1 if pos < end else 0
        if pos + width > m[1]:
            pos += width
        elif pos + 1 > m[1]:
            pos += 1
        else:
            pos = m[1]
    out.append(src[last:])
    return "".join(out)


def replace_all_string(re: GoRegexp, src: str, repl: str) -> str:
    """Regexp.ReplaceAllString (with $-expansion)."""
    if "$" not in repl:
        return _replace(re, src, lambda m: repl)
    return _replace(re, src, lambda m: expand(re, repl, src, m))


def replace_all_literal(re: GoRegexp, src: str, repl: str) -> str:
    """Regexp.ReplaceAllLiteralString."""
    return _replace(re, src, lambda m: repl)


def split(re: GoRegexp, s: str, n: int) -> list[str]:
    """Regexp.Split."""
    if n == 0:
        return []
    if re.expr and not s:
        return [""]
    parts: list[str] = []
    beg = end = 0
    for m in all_matches(re, s, n):
        if n > 0 and len(parts) == n - 1:
            break
        end = m[0]
        if m[1] != 0:
            parts.append(s[beg:end])
        beg = m[1]
    if end != len(s):
        parts.append(s[beg:])
    return parts
