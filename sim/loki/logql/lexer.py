"""LogQL's lexer: grafana/loki v3.6.0 pkg/logql/syntax/lex.go, behaviour for behaviour.

The lexer is not contextual: keywords (`by`, `or`, `json`, ...) are reserved everywhere, so
`| by="x"` is a syntax error in Loki and here. Function names (`rate`, `sum`, `ip`, ...) are
keywords only when `(` (or `by (`/`without (`) follows, so `| rate="x"` works. Numbers glued
to unit letters become DURATION (`5m`, `1h30m`, `1.5s`, `-5m`) or BYTES (`20MB`) tokens;
`[...]` is one RANGE token; `#` starts a comment. Errors are recorded at the scanner's
position (see scanner.py) and end the token stream, as in Loki.
"""

from __future__ import annotations

import unicodedata

from sim.golang.strconv_quote import GoSyntaxError
from sim.golang.strutil import unquote
from sim.loki.logql import scanner as sc
from sim.loki.logql.tokens import FUNCTION_WORDS, KEYWORDS, PARSER_FLAGS, TOKEN_NUMBER
from sim.loki.logql.units import (
    BytesError,
    DurationError,
    parse_bytes,
    parse_lexer_duration,
    parse_prometheus_duration,
)
from sim.loki.logql.yacc import Token

_DURATION_RUNES = frozenset("numµsmhdwy")
_BYTES_RUNES = frozenset("BikKMGTP")
_GO_SPACE = frozenset("\t\n\v\f\r \x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000") | frozenset(
    chr(c) for c in range(0x2000, 0x200B)
)


def _is_number(ch: int) -> bool:
    return ch >= 0 and unicodedata.category(chr(ch))[0] == "N"


def _is_space(ch: int) -> bool:
    return ch >= 0 and chr(ch) in _GO_SPACE


def _char(ch: int) -> str:
    return chr(ch) if ch >= 0 else "\ufffd"  # Go's string(rune(-1))


class Lexer:
    """Feeds the yacc driver; collects errors as (message, line, column)."""

    def __init__(self, query: str) -> None:
        self.errors: list[tuple[str, int, int]] = []
        self.scanner = sc.Scanner(query, self.error)

    def error(self, message: str) -> None:
        self.errors.append((message, self.scanner.line, self.scanner.column))

    def _token(self, kind: str, value: object = None) -> Token:
        return Token(TOKEN_NUMBER[kind], kind, value)

    def lex(self) -> Token:
        s = self.scanner
        while True:
            r = s.scan()
            if r == ord("#"):  # a comment runs to the end of the line
                nxt = s.peek()
                while nxt not in (ord("\n"), sc.EOF):
                    nxt = s.next()
                continue
            break
        if r == sc.EOF:
            return self._token("$end")
        if r in (sc.INT, sc.FLOAT):
            return self._number(s.token_text())
        if r == ord("-"):
            if s.peek() == ord("-") and (flag := self._flag()) is not None:
                return self._token("FUNCTION_FLAG", flag)
            if (duration := self._duration(s.token_text())) is not None:
                return self._token("DURATION", duration)
        if r in (sc.STRING, sc.RAW_STRING):
            text = s.token_text()
            if any(0xD800 <= ord(c) <= 0xDFFF for c in text):
                return self._fail("invalid UTF-8 rune")
            try:
                return self._token("STRING", unquote(text))
            except GoSyntaxError as err:
                return self._fail(str(err))
        if r == ord("["):
            return self._range()
        return self._word(s.token_text())

    def _fail(self, message: str) -> Token:
        self.error(message)
        return self._token("$end")

    def _number(self, text: str) -> Token:
        if (duration := self._duration(text)) is not None:
            return self._token("DURATION", duration)
        if (size := self._bytes(text)) is not None:
            return self._token("BYTES", size)
        return self._token("NUMBER", text)

    def _glued(self, start: str, allowed: frozenset[str]) -> tuple[str, int]:
        """What follows `start` up to a space: the candidate text and its length."""
        probe, text = self.scanner.copy(), start
        while (ch := probe.peek()) != sc.EOF and not _is_space(ch):
            if not (_is_number(ch) or chr(ch) in allowed or ch == ord(".")):
                break
            text += chr(ch)
            probe.next()
        return text, len(text) - len(start)

    def _duration(self, start: str) -> int | None:
        text, consumed = self._glued(start, _DURATION_RUNES)
        if consumed == 0:
            return None
        try:
            value = parse_lexer_duration(text)
        except DurationError:
            return None
        for _ in range(consumed):
            self.scanner.next()
        return value

    def _bytes(self, start: str) -> int | None:
        text, consumed = self._glued(start, _BYTES_RUNES)
        if consumed == 0:
            return None
        try:
            value = parse_bytes(text)
        except BytesError:
            return None
        for _ in range(consumed):
            self.scanner.next()
        return value

    def _flag(self) -> str | None:
        probe, text = self.scanner.copy(), self.scanner.token_text()
        while (ch := probe.peek()) >= 0 and (chr(ch).isalpha() or ch == ord("-")):
            text += chr(ch)
            probe.next()
        if text not in PARSER_FLAGS:
            return None
        for _ in range(len(text) - 1):
            self.scanner.next()
        return text

    def _range(self) -> Token:
        text = ""
        while (ch := self.scanner.next()) != sc.EOF:
            if ch == ord("]"):
                try:
                    return self._token("RANGE", parse_prometheus_duration(text))
                except DurationError as err:
                    return self._fail(str(err))
            text += chr(ch)
        return self._fail("missing closing ']' in duration")

    def _word(self, text: str) -> Token:
        s = self.scanner
        lowered = text.lower()
        glued = (text + _char(s.peek())).lower()
        if glued in FUNCTION_WORDS:
            probe = s.copy()
            probe.next()
            if _is_function(probe):
                s.next()
                return self._token(FUNCTION_WORDS[glued])
        if lowered in FUNCTION_WORDS:
            if not _is_function(s.copy()):
                return self._token("IDENTIFIER", text)
            return self._token(FUNCTION_WORDS[lowered])
        if glued in KEYWORDS:
            s.next()
            return self._token(KEYWORDS[glued])
        if lowered in KEYWORDS:
            return self._token(KEYWORDS[lowered])
        return self._token("IDENTIFIER", text)


def _skip_spaces(probe: sc.Scanner) -> None:
    while (ch := probe.peek()) != sc.EOF and _is_space(ch):
        probe.next()


def _is_function(probe: sc.Scanner) -> bool:
    """lex.go isFunction: is the next thing `(`, or `by`/`without` and then `(`?"""
    _skip_spaces(probe)
    seen = ""
    while (ch := probe.next()) != sc.EOF:
        seen += chr(ch)
        if seen.lower() == "(":
            return True
        if seen.lower() in ("by", "without"):
            _skip_spaces(probe)
            return probe.next() == ord("(")
    return False
