"""Go's text/scanner as Loki uses it (pkg/logql/syntax/query_scanner.go, mode GoTokens).

It decides what a LogQL token is made of before lex.go looks at it: Go identifiers (Unicode
letters allowed), Go number literals (`0x1F`, `1e3`, `1_000`, `017`), "interpreted",
`raw` and 'char' literals, `//` and `/* */` comments (skipped), and the error texts and
positions Loki reports ("literal not terminated", "invalid char escape", ...).

Positions follow the Go scanner exactly: `line`/`column` are those of the last token that
Scan() returned, and Next() (used by the lexer to glue `|=`, durations, `[5m]`) sets `line`
to 0 while leaving `column` alone. Loki reports errors at that (line, column).
"""

from __future__ import annotations

import copy
import unicodedata
from collections.abc import Callable

from sim.loki.logql.numbers import FLOAT, INT, scan_number

EOF = -1
IDENT, CHAR, STRING, RAW_STRING = "Ident", "Char", "String", "RawString"
__all__ = ["CHAR", "EOF", "FLOAT", "IDENT", "INT", "RAW_STRING", "STRING", "Scanner"]
_WHITESPACE = frozenset("\t\n\r ")
_SIMPLE_ESCAPES = frozenset(b"abfnrtv\\")


def is_letter(ch: int) -> bool:
    return ch >= 0 and chr(ch).isalpha()


def is_unicode_digit(ch: int) -> bool:
    return ch >= 0 and unicodedata.category(chr(ch)) == "Nd"


def is_decimal(ch: int) -> bool:
    return 48 <= ch <= 57


class Scanner:
    """One pass over a query; copy() gives the independent look-ahead copies lex.go makes."""

    def __init__(self, src: str, on_error: Callable[[str], None]) -> None:
        self.src = src
        self.on_error = on_error
        self.pos = 0  # index of the next character to read
        self._line, self._column, self._last_line_len, self.last_char_len = 1, 0, 0, 0
        self.ch = -2  # one character of look-ahead; -2: nothing read yet
        self.tok_start = self.tok_end = -1
        self.line = 0  # position of the most recent token, as Go's Scanner.Position
        self.column = 0

    def copy(self) -> Scanner:
        return copy.copy(self)

    def read_char(self) -> int:
        """Read one character (Go's next())."""
        if self.pos >= len(self.src):
            if self.last_char_len > 0:
                self._column += 1
            self.last_char_len = 0
            return EOF
        ch = ord(self.src[self.pos])
        self.pos += 1
        self.last_char_len = 1
        self._column += 1
        if 0xD800 <= ch <= 0xDFFF:  # an undecodable byte (surrogateescape)
            self.on_error("invalid UTF-8 encoding")
            return 0xFFFD
        if ch == 0:
            self.on_error("invalid character NUL")
        elif ch == 10:
            self._line += 1
            self._last_line_len, self._column = self._column, 0
        return ch

    def peek(self) -> int:
        if self.ch == -2:
            self.ch = self.read_char()
            if self.ch == 0xFEFF:  # a leading byte-order mark is ignored
                self.ch = self.read_char()
        return self.ch

    def next(self) -> int:
        """Go's Next(): consume one character; invalidates the token position's line."""
        self.tok_start = -1
        self.line = 0
        ch = self.peek()
        if ch != EOF:
            self.ch = self.read_char()
        return ch

    def token_text(self) -> str:
        if self.tok_start < 0:
            return ""
        return self.src[self.tok_start : max(self.tok_end, self.tok_start)]

    def scan(self) -> int | str:
        """Go's Scan(): the next token kind (IDENT, INT, ...) or a single character."""
        ch = self.peek()
        self.tok_start = -1
        self.line = 0
        while True:
            while ch >= 0 and chr(ch) in _WHITESPACE:
                ch = self.read_char()
            self.tok_start = self.pos - self.last_char_len
            if self._column > 0:
                self.line, self.column = self._line, self._column
            else:
                self.line, self.column = self._line - 1, self._last_line_len
            tok: int | str = ch
            if ch == 95 or is_letter(ch):
                tok, ch = IDENT, self.read_char()
                while ch == 95 or is_letter(ch) or is_unicode_digit(ch):
                    ch = self.read_char()
            elif is_decimal(ch):
                tok, ch = scan_number(self, ch, seen_dot=False)
            elif ch == 34:  # "
                self._scan_string(34)
                tok, ch = STRING, self.read_char()
            elif ch == 39:  # '
                if self._scan_string(39) != 1:
                    self.error("invalid char literal")
                tok, ch = CHAR, self.read_char()
            elif ch == 96:  # `
                self._scan_raw_string()
                tok, ch = RAW_STRING, self.read_char()
            elif ch == 46:  # .
                ch = self.read_char()
                if is_decimal(ch):
                    tok, ch = scan_number(self, ch, seen_dot=True)
            elif ch == 47:  # /
                ch = self.read_char()
                if ch in (47, 42):
                    self.tok_start = -1
                    ch = self._skip_comment(ch)
                    continue
            elif ch != EOF:
                ch = self.read_char()
            self.tok_end = self.pos - self.last_char_len
            self.ch = ch
            return tok

    def error(self, message: str) -> None:
        self.tok_end = self.pos - self.last_char_len
        self.on_error(message)

    def _skip_comment(self, ch: int) -> int:
        if ch == 47:  # // to end of line
            ch = self.read_char()
            while ch != 10 and ch >= 0:
                ch = self.read_char()
            return ch
        ch = self.read_char()
        while True:
            if ch < 0:
                self.error("comment not terminated")
                return ch
            previous, ch = ch, self.read_char()
            if previous == 42 and ch == 47:
                return self.read_char()

    def _scan_string(self, quote: int) -> int:
        ch, count = self.read_char(), 0
        while ch != quote:
            if ch == 10 or ch < 0:
                self.error("literal not terminated")
                return count
            ch = self._scan_escape(quote) if ch == 92 else self.read_char()
            count += 1
        return count

    def _scan_escape(self, quote: int) -> int:
        ch = self.read_char()
        if ch in _SIMPLE_ESCAPES or ch == quote:
            return self.read_char()
        if 48 <= ch <= 55:
            return self._scan_digits(ch, 8, 3)
        widths = {120: 2, 117: 4, 85: 8}  # x u U
        if ch in widths:
            return self._scan_digits(self.read_char(), 16, widths[ch])
        self.error("invalid char escape")
        return ch

    def _scan_digits(self, ch: int, base: int, count: int) -> int:
        while count > 0 and _digit_value(ch) < base:
            ch = self.read_char()
            count -= 1
        if count > 0:
            self.error("invalid char escape")
        return ch

    def _scan_raw_string(self) -> None:
        ch = self.read_char()
        while ch != 96:
            if ch < 0:
                self.error("literal not terminated")
                return
            ch = self.read_char()


def _digit_value(ch: int) -> int:
    if is_decimal(ch):
        return ch - 48
    if 97 <= ch | 0x20 <= 102:
        return (ch | 0x20) - 97 + 10
    return 16
