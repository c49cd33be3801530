"""`-config.expand-env=true`: github.com/drone/envsubst as Loki 3.6 vendors it.

The whole file is expanded before YAML parsing. Only `${...}` is a reference (a bare
`$VAR` stays as written); outside references `$$` becomes `$` and a backslash before `\\`
or `/` is dropped. `${VAR}` is the variable or ""; `${VAR:-x}`, `${VAR:=x}`, `${VAR=x}`,
`${VAR:?x}` and `${VAR:+x}` all give x when VAR is empty or unset (envsubst implements
them alike); `${VAR-x}` is a "missing closing brace". Also `${#VAR}`, `${VAR:2:3}`,
`${VAR^^}`, `${VAR,}`, `${VAR/a/b}` (and `//`, `/#`, `/%`), `${VAR#glob}` (and `##`, `%`, `%%`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

BAD_SUBSTITUTION = "bad substitution"
MISSING_CLOSING_BRACE = "missing closing brace"
BAD_VARIABLE_NAME = "unable to parse variable name"
BAD_FUNC_SUBSTITUTION = "unable to parse substitution within function"
BAD_DEFAULT_FUNCTION = "unable to parse default function"


class ExpandError(ValueError):
    """envsubst could not parse the file; str() is its error text."""


def expand_env(text: str, environ: Mapping[str, str]) -> str:
    """envsubst.EvalEnv(text) with `environ` as the environment."""
    return _Parser(text, environ).document()


class _Parser:
    def __init__(self, text: str, environ: Mapping[str, str]) -> None:
        self.text, self.pos, self.env = text, 0, environ

    def peek(self, offset: int = 0) -> str:
        index = self.pos + offset
        return self.text[index] if index < len(self.text) else ""

    def at_reference(self) -> bool:
        return self.text.startswith("${", self.pos)

    def document(self) -> str:
        out: list[str] = []
        while self.pos < len(self.text):
            if self.at_reference():
                self.pos += 2
                out.append(self.reference())
            else:
                out.append(self.text_run(lambda _: True, escapes=True))
        return "".join(out)

    def text_run(self, accept: Callable[[str], bool], *, escapes: bool) -> str:
        """scanner.scanIdent: characters up to the next `${` or a rejected one."""
        out: list[str] = []
        while self.pos < len(self.text) and not self.at_reference():
            char = self.peek()
            if escapes and (
                char == "$" == self.peek(1) or (char == "\\" and self.peek(1) in "/\\")
            ):
                out.append(self.peek(1) if self.peek(1) else char)
                self.pos += 2
                continue
            if not accept(char):
                break
            out.append(char)
            self.pos += 1
        return "".join(out)

    def param(self, accept: Callable[[str], bool], *, escapes: bool = False) -> str:
        """parseParam: a nested reference or a run of accepted text."""
        if self.at_reference():
            self.pos += 2
            return self.reference()
        start = self.pos
        value = self.text_run(accept, escapes=escapes)
        if self.pos == start:
            raise ExpandError(BAD_FUNC_SUBSTITUTION)
        return value

    def close(self) -> None:
        if self.peek() != "}":
            raise ExpandError(BAD_SUBSTITUTION)
        self.pos += 1

    def reference(self) -> str:
        """parseFunc, after `${`: evaluate the reference and return its text."""
        if self.peek() == "#":
            self.pos += 1
            name = self.name(BAD_SUBSTITUTION)
            self.close()
            return str(len(self.value(name).encode()))
        name = self.name(BAD_VARIABLE_NAME)
        value, char = self.value(name), self.peek()
        if (char == ":" and self.peek(1) in ("=", "-", "?", "+")) or char == "=":
            return self.default(value)
        if char == ":":
            return self.substring(value)
        if char in (",", "^"):
            return self.casing(value)
        if char == "/":
            return self.replace(value)
        if char in ("#", "%"):
            return self.trim(value, char)
        if char != "}":
            raise ExpandError(MISSING_CLOSING_BRACE)
        self.pos += 1
        return value

    def name(self, error: str) -> str:
        match = re.compile(r"[^\W]+").match(self.text, self.pos)
        if not match:
            raise ExpandError(error)
        self.pos = match.end()
        return match.group(0)

    def value(self, name: str) -> str:
        return self.env.get(name, "")

    def default(self, value: str) -> str:
        self.pos += 1 if self.peek() == "=" else 2
        args: list[str] = []
        while self.peek() != "}":
            if not self.peek():
                raise ExpandError(BAD_FUNC_SUBSTITUTION)
            args.append(self.param(lambda c: c != "}"))
        self.pos += 1
        return value if value or not args else "".join(args)

    def substring(self, value: str) -> str:
        self.pos += 1
        args = [self.param(lambda c: c not in ":}")]
        if self.peek() == ":":
            self.pos += 1
            args.append(self.param(lambda c: c != "}"))
        self.close()
        return _substring(value, args)

    def casing(self, value: str) -> str:
        op = self.peek()
        count = 2 if self.peek(1) == op else 1
        self.pos += count
        self.close()
        if op == ",":
            return value.lower() if count == 2 else value[:1].lower() + value[1:]
        return value.upper() if count == 2 else value[:1].upper() + value[1:]

    def replace(self, value: str) -> str:
        self.pos += 1
        mode = self.peek() if self.peek() in "/#%" else ""
        self.pos += len(mode)
        pattern = self.param(lambda c: c != "/", escapes=True)
        if self.peek() != "/":
            raise ExpandError(BAD_SUBSTITUTION)
        self.pos += 1
        replacement = None
        if self.peek() != "}":
            replacement = self.param(lambda c: c != "}", escapes=True)
        self.close()
        return _replace(value, mode, pattern, replacement)

    def trim(self, value: str, op: str) -> str:
        longest = self.peek(1) == op
        self.pos += 2 if longest else 1
        pattern = self.param(lambda c: c != "}")
        self.close()
        return _trim(value, pattern, prefix=op == "#", longest=longest)


def _substring(value: str, args: list[str]) -> str:
    """toSubstr: bash-like offsets; an unparsable number returns the string whole."""
    try:
        pos = int(args[0])
    except ValueError:
        return value
    if pos < 0:
        pos = max(len(value) + pos, 0)
    if len(args) == 1:
        return value[pos:]
    try:
        length = int(args[1])
    except ValueError:
        return value
    return value[pos:] if pos + length >= len(value) else value[pos : pos + length]


def _replace(value: str, mode: str, pattern: str, replacement: str | None) -> str:
    if mode in ("#", "%"):  # replacePrefix / replaceSuffix need both arguments
        if replacement is None:
            return value
        if mode == "#" and value.startswith(pattern):
            return value.replace(pattern, replacement, 1)
        if mode == "%" and value.endswith(pattern):
            return value[: len(value) - len(pattern)] + replacement
        return value
    return value.replace(pattern, replacement or "", -1 if mode == "/" else 1)


def _glob(pattern: str) -> re.Pattern[str]:
    """path.Match: `*` and `?` never match `/`; `[...]` classes; `\\` escapes."""
    out, i = [], 0
    while i < len(pattern):
        char = pattern[i]
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "\\" and i + 1 < len(pattern):
            i += 1
            out.append(re.escape(pattern[i]))
        elif char == "[" and "]" in pattern[i + 1 :]:
            end = pattern.index("]", i + 1)
            body = pattern[i + 1 : end]
            out.append("[" + ("^" + body[1:] if body.startswith("^") else body) + "]")
            i = end
        else:
            out.append(re.escape(char))
        i += 1
    return re.compile("".join(out), re.S)


def _trim(value: str, pattern: str, *, prefix: bool, longest: bool) -> str:
    """trimShortest/LongestPrefix/Suffix (suffixes match on the reversed strings)."""
    subject = value if prefix else value[::-1]
    glob = _glob(pattern if prefix else pattern[::-1])
    matches = [i for i in range(len(subject), 0, -1) if glob.fullmatch(subject[:i])]
    if matches:
        cut = matches[0] if longest else matches[-1]
        subject = subject[cut:]
    return subject if prefix else subject[::-1]
