"""The little languages of `| json a="b.c[0]"` and `| logfmt a="b"` (v3.6.0
pkg/logql/log/jsonexpr and pkg/logql/log/logfmt: a goyacc grammar each, and a lexer).

Both grammars are a handful of states, so the LR automaton goyacc builds is written out by
hand; errors carry goyacc's wording ("syntax error: unexpected DOT, expecting FIELD"). A lexer
error ends the input: when the parser can still accept, the lexer's message is the error,
otherwise yacc's syntax error replaces it, as in Loki.
"""

from __future__ import annotations

from dataclasses import dataclass

_WHITESPACE = " \t\n"
END = "$end"


class PathSyntaxError(ValueError):
    """The expression does not parse; str() is Loki's message."""


@dataclass
class _Token:
    kind: str
    value: str | int = ""


def _rune(ch: str) -> str:
    return "\ufffd" if 0xD800 <= ord(ch) <= 0xDFFF else ch


def _is_start(ch: str) -> bool:
    return ch == "_" or ("a" <= ch <= "z") or ("A" <= ch <= "Z")


def _is_ident(ch: str) -> bool:
    return _is_start(ch) or "0" <= ch <= "9"


class _Lexer:
    def __init__(self, text: str, json: bool) -> None:
        self.text = text
        self.pos = 0
        self.json = json
        self.err: str | None = None

    def _read(self) -> str:
        if self.pos >= len(self.text):
            self.pos += 1
            return "\0"
        ch = self.text[self.pos]
        self.pos += 1
        return _rune(ch)

    def _unread(self) -> None:
        self.pos -= 1

    def next(self) -> _Token:
        while True:
            ch = self._read()
            if ch == "\0":
                return _Token(END)
            if ch in _WHITESPACE:
                continue
            if self.json and "0" <= ch <= "9":
                self._unread()
                return self._int()
            if self.json and ch in "[].":
                return _Token({"[": "LSB", "]": "RSB", ".": "DOT"}[ch])
            if _is_start(ch):
                self._unread()
                start = self.pos
                while self.pos < len(self.text) and _is_ident(self.text[self.pos]):
                    self.pos += 1
                return _Token("FIELD" if self.json else "KEY", self.text[start : self.pos])
            if ch == '"':
                chars = []
                while (c := self._read()) not in ("\0", '"', "]"):
                    chars.append(c)
                return _Token("STRING", "".join(chars))
            self.err = f"unexpected char {ch}"
            return _Token(END)

    def _int(self) -> _Token:
        digits = ""
        while True:
            ch = self._read()
            if ch == "." and digits:
                self.err = "cannot use float as array index"
                return _Token(END)
            if ch in _WHITESPACE or ch in ".]":
                self._unread()
                break
            if not "0" <= ch <= "9":
                self.err = f"non-integer value: {ch}"
                return _Token(END)
            digits += ch
        return _Token("INDEX", int(digits))


def _syntax(token: _Token, expecting: str = "") -> PathSyntaxError:
    tail = f", expecting {expecting}" if expecting else ""
    return PathSyntaxError(f"syntax error: unexpected {token.kind}{tail}")


def parse_json_path(text: str) -> list[str | int]:
    """jsonexpr.Parse: field names and array indexes, `a.b["c d"][0]`."""
    lexer = _Lexer(text, json=True)
    path: list[str | int] = []
    token = lexer.next()
    if token.kind == "FIELD":
        path.append(str(token.value))
    elif token.kind != "LSB":
        raise _syntax(token, "LSB or FIELD")
    else:
        path.append(_bracket(lexer))
    while True:
        token = lexer.next()
        if token.kind == END:
            break
        if token.kind == "DOT":
            token = lexer.next()
            if token.kind != "FIELD":
                raise _syntax(token, "FIELD")
            path.append(str(token.value))
        elif token.kind == "LSB":
            path.append(_bracket(lexer))
        else:
            raise _syntax(token)
    if lexer.err is not None:
        raise PathSyntaxError(lexer.err)
    return path


def _bracket(lexer: _Lexer) -> str | int:
    token = lexer.next()
    if token.kind not in ("STRING", "INDEX"):
        raise _syntax(token, "STRING or INDEX")
    closing = lexer.next()
    if closing.kind != "RSB":
        raise _syntax(closing, "RSB")
    return token.value


def parse_logfmt_path(text: str) -> list[str]:
    """logfmt.Parse: a key, or quoted strings."""
    lexer = _Lexer(text, json=False)
    token = lexer.next()
    if token.kind not in ("KEY", "STRING"):
        raise _syntax(token, "STRING or KEY")
    path = [str(token.value)]
    while (token := lexer.next()).kind == "STRING":
        path.append(str(token.value))
    if token.kind != END:
        raise _syntax(token)
    if lexer.err is not None:
        raise PathSyntaxError(lexer.err)
    return path
