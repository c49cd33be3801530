"""Tokens of a Go text/template, scanned with the rules of text/template/parse/lex.go (Go 1.24).

Positions are character offsets into the template text; lines count from 1.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass

from sim.golang.strconv_quote import quote


class T(enum.IntEnum):
    ERROR = 0
    BOOL = 1
    CHAR = 2
    CHAR_CONSTANT = 3
    COMPLEX = 4
    ASSIGN = 5
    DECLARE = 6
    EOF = 7
    FIELD = 8
    IDENTIFIER = 9
    LEFT_DELIM = 10
    LEFT_PAREN = 11
    NUMBER = 12
    PIPE = 13
    RAW_STRING = 14
    RIGHT_DELIM = 15
    RIGHT_PAREN = 16
    SPACE = 17
    STRING = 18
    TEXT = 19
    VARIABLE = 20
    KEYWORD = 21  # everything above is a keyword
    BLOCK = 22
    BREAK = 23
    CONTINUE = 24
    DOT = 25
    DEFINE = 26
    ELSE = 27
    END = 28
    IF = 29
    NIL = 30
    RANGE = 31
    TEMPLATE = 32
    WITH = 33


KEYWORDS = {
    ".": T.DOT,
    "block": T.BLOCK,
    "break": T.BREAK,
    "continue": T.CONTINUE,
    "define": T.DEFINE,
    "else": T.ELSE,
    "end": T.END,
    "if": T.IF,
    "range": T.RANGE,
    "nil": T.NIL,
    "template": T.TEMPLATE,
    "with": T.WITH,
}

StateFn = Callable[[], "StateFn | None"]

LEFT = "{{"
RIGHT = "}}"
SPACE_CHARS = " \t\r\n"


@dataclass(frozen=True, slots=True)
class Item:
    typ: T
    pos: int
    val: str
    line: int

    def __str__(self) -> str:
        if self.typ == T.EOF:
            return "EOF"
        if self.typ == T.ERROR:
            return self.val
        if self.typ > T.KEYWORD:
            return f"<{self.val}>"
        if len(self.val.encode("utf-8", "surrogateescape")) > 10:
            return quote(self.val[:10]) + "..."  # Go's %.10q: ten runes, then quoted
        return quote(self.val)


def is_space(c: str) -> bool:
    return c in SPACE_CHARS and c != ""


def is_alnum(c: str) -> bool:
    return c == "_" or c.isalpha() or c.isdecimal()


def rune_desc(c: str) -> str:
    """fmt's %#U: U+0023 '#' (the quoted form only for printable runes)."""
    cp = ord(c)
    head = f"U+{cp:04X}"
    if c.isprintable():
        return f"{head} '{c}'"
    return head


def has_left_trim(s: str, i: int) -> bool:
    return len(s) >= i + 2 and s[i] == "-" and is_space(s[i + 1])


def has_right_trim(s: str, i: int) -> bool:
    return len(s) >= i + 2 and is_space(s[i]) and s[i + 1] == "-"


class Lexer:
    """Scans the whole text up front; the last item is EOF or an ERROR."""

    def __init__(self, text: str, break_ok: bool = True, continue_ok: bool = True) -> None:
        self.text = text
        self.pos = 0
        self.start = 0
        self.paren_depth = 0
        self.items: list[Item] = []
        self.break_ok = break_ok
        self.continue_ok = continue_ok

    # -- helpers -------------------------------------------------------------
    def _line(self, pos: int) -> int:
        return 1 + self.text.count("\n", 0, pos)

    def _emit(self, typ: T) -> None:
        self.items.append(
            Item(typ, self.start, self.text[self.start : self.pos], self._line(self.start))
        )
        self.start = self.pos

    def _error(self, msg: str) -> None:
        self.items.append(Item(T.ERROR, self.start, msg, self._line(self.start)))

    def _next(self) -> str:
        if self.pos >= len(self.text):
            self.pos += 1  # remember that we read EOF so that _backup stays symmetric
            return ""
        c = self.text[self.pos]
        self.pos += 1
        return c

    def _peek(self) -> str:
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def _accept(self, valid: str) -> bool:
        c = self._peek()
        if c and c in valid:
            self.pos += 1
            return True
        return False

    def _accept_run(self, valid: str) -> None:
        while self._accept(valid):
            pass

    def _at_right_delim(self) -> tuple[bool, bool]:
        t = self.text
        if has_right_trim(t, self.pos) and t.startswith(RIGHT, self.pos + 2):
            return True, True
        return t.startswith(RIGHT, self.pos), False

    def _at_terminator(self) -> bool:
        c = self._peek()
        return c == "" or is_space(c) or c in ".,|:)(" or c == RIGHT[0]

    # -- states ----------------------------------------------------------------
    def run(self) -> list[Item]:
        state: StateFn | None = self._lex_text
        while state is not None:
            state = state()
        return self.items

    def _lex_text(self) -> StateFn | None:
        x = self.text.find(LEFT, self.pos)
        if x >= 0:
            trim = 0
            if has_left_trim(self.text, x + len(LEFT)):
                chunk = self.text[self.start : x]
                trim = len(chunk) - len(chunk.rstrip(SPACE_CHARS))
            self.pos = x - trim
            if self.pos > self.start:
                self._emit(T.TEXT)
            self.pos = x
            self.start = x
            return self._lex_left_delim
        self.pos = len(self.text)
        if self.pos > self.start:
            self._emit(T.TEXT)
        self._emit(T.EOF)
        return None

    def _lex_left_delim(self) -> StateFn | None:
        self.pos += len(LEFT)
        trim = has_left_trim(self.text, self.pos)
        after = 2 if trim else 0
        if self.text.startswith("/*", self.pos + after):
            self.pos += after
            self.start = self.pos
            return self._lex_comment
        self._emit(T.LEFT_DELIM)
        self.pos += after
        self.start = self.pos
        self.paren_depth = 0
        return self._lex_inside_action

    def _lex_comment(self) -> StateFn | None:
        self.pos += 2
        i = self.text.find("*/", self.pos)
        if i < 0:
            self._error("unclosed comment")
            return None
        self.pos = i + 2
        delim, trim = self._at_right_delim()
        if not delim:
            self._error("comment ends before closing delimiter")
            return None
        if trim:
            self.pos += 2
        self.pos += len(RIGHT)
        if trim:
            rest = self.text[self.pos :]
            self.pos += len(rest) - len(rest.lstrip(SPACE_CHARS))
        self.start = self.pos
        return self._lex_text

    def _lex_right_delim(self) -> StateFn | None:
        trim = has_right_trim(self.text, self.pos)
        if trim:
            self.pos += 2
            self.start = self.pos
        self.pos += len(RIGHT)
        self._emit(T.RIGHT_DELIM)
        if trim:
            rest = self.text[self.pos :]
            self.pos += len(rest) - len(rest.lstrip(SPACE_CHARS))
            self.start = self.pos
        return self._lex_text

    def _lex_inside_action(self) -> StateFn | None:
        delim, _ = self._at_right_delim()
        if delim:
            if self.paren_depth == 0:
                return self._lex_right_delim
            self._error("unclosed left paren")
            return None
        c = self._next()
        if c == "":
            self.pos -= 1
            self._error("unclosed action")
            return None
        if is_space(c):
            self.pos -= 1
            return self._lex_space
        if c == "=":
            self._emit(T.ASSIGN)
        elif c == ":":
            if self._next() != "=":
                self._error("expected :=")
                return None
            self._emit(T.DECLARE)
        elif c == "|":
            self._emit(T.PIPE)
        elif c == '"':
            return self._lex_quote
        elif c == "`":
            return self._lex_raw_quote
        elif c == "$":
            return self._lex_variable
        elif c == "'":
            return self._lex_char
        elif c == "." and self.pos < len(self.text) and not ("0" <= self.text[self.pos] <= "9"):
            return self._lex_field
        elif c in ".+-" or "0" <= c <= "9":
            self.pos -= 1
            return self._lex_number
        elif is_alnum(c):
            self.pos -= 1
            return self._lex_identifier
        elif c == "(":
            self._emit(T.LEFT_PAREN)
            self.paren_depth += 1
        elif c == ")":
            self._emit(T.RIGHT_PAREN)
            self.paren_depth -= 1
            if self.paren_depth < 0:
                self.items.pop()
                self._error(f"unexpected right paren {rune_desc(c)}")
                return None
        elif ord(c) <= 0x7F and c.isprintable():
            self._emit(T.CHAR)
        else:
            self._error(f"unrecognized character in action: {rune_desc(c)}")
            return None
        return self._lex_inside_action

    def _lex_space(self) -> StateFn | None:
        n = 0
        while is_space(self._peek()):
            self.pos += 1
            n += 1
        # a single space before "-}}" belongs to the trim marker, not to the action
        if has_right_trim(self.text, self.pos - 1) and self.text.startswith(RIGHT, self.pos + 1):
            self.pos -= 1
            if n == 1:
                return self._lex_right_delim
        self._emit(T.SPACE)
        return self._lex_inside_action

    def _lex_identifier(self) -> StateFn | None:
        while is_alnum(self._peek()):
            self.pos += 1
        word = self.text[self.start : self.pos]
        if not self._at_terminator():
            self._error(f"bad character {rune_desc(self._peek())}")
            return None
        kw = KEYWORDS.get(word)
        if kw is not None and kw > T.KEYWORD:
            if (kw == T.BREAK and not self.break_ok) or (kw == T.CONTINUE and not self.continue_ok):
                self._emit(T.IDENTIFIER)
            else:
                self._emit(kw)
        elif word in ("true", "false"):
            self._emit(T.BOOL)
        else:
            self._emit(T.IDENTIFIER)
        return self._lex_inside_action

    def _lex_field(self) -> StateFn | None:
        return self._lex_field_or_variable(T.FIELD)

    def _lex_variable(self) -> StateFn | None:
        if self._at_terminator():
            self._emit(T.VARIABLE)
            return self._lex_inside_action
        return self._lex_field_or_variable(T.VARIABLE)

    def _lex_field_or_variable(self, typ: T) -> StateFn | None:
        if self._at_terminator():
            self._emit(T.VARIABLE if typ == T.VARIABLE else T.DOT)
            return self._lex_inside_action
        while is_alnum(self._peek()):
            self.pos += 1
        if not self._at_terminator():
            self._error(f"bad character {rune_desc(self._peek())}")
            return None
        self._emit(typ)
        return self._lex_inside_action

    def _lex_char(self) -> StateFn | None:
        while True:
            c = self._next()
            if c == "\\":
                c = self._next()
                if c not in ("", "\n"):
                    continue
            if c in ("", "\n"):
                self._error("unterminated character constant")
                return None
            if c == "'":
                break
        self._emit(T.CHAR_CONSTANT)
        return self._lex_inside_action

    def _scan_number(self) -> bool:
        self._accept("+-")
        digits = "0123456789_"
        if self._accept("0"):
            if self._accept("xX"):
                digits = "0123456789abcdefABCDEF_"
            elif self._accept("oO"):
                digits = "01234567_"
            elif self._accept("bB"):
                digits = "01_"
        self._accept_run(digits)
        if self._accept("."):
            self._accept_run(digits)
        if len(digits) == 11 and self._accept("eE"):
            self._accept("+-")
            self._accept_run("0123456789_")
        if len(digits) == 23 and self._accept("pP"):
            self._accept("+-")
            self._accept_run("0123456789_")
        self._accept("i")
        if is_alnum(self._peek()):
            self.pos += 1
            return False
        return True

    def _lex_number(self) -> StateFn | None:
        if not self._scan_number():
            self._error(f"bad number syntax: {quote(self.text[self.start : self.pos])}")
            return None
        if self._peek() in ("+", "-") and self._peek() != "":
            if not self._scan_number() or self.text[self.pos - 1] != "i":
                self._error(f"bad number syntax: {quote(self.text[self.start : self.pos])}")
                return None
            self._emit(T.COMPLEX)
        else:
            self._emit(T.NUMBER)
        return self._lex_inside_action

    def _lex_quote(self) -> StateFn | None:
        while True:
            c = self._next()
            if c == "\\":
                c = self._next()
                if c not in ("", "\n"):
                    continue
            if c in ("", "\n"):
                self._error("unterminated quoted string")
                return None
            if c == '"':
                break
        self._emit(T.STRING)
        return self._lex_inside_action

    def _lex_raw_quote(self) -> StateFn | None:
        end = self.text.find("`", self.pos)
        if end < 0:
            self._error("unterminated raw quoted string")
            return None
        self.pos = end + 1
        self._emit(T.RAW_STRING)
        return self._lex_inside_action


def lex(text: str, break_ok: bool = True, continue_ok: bool = True) -> list[Item]:
    return Lexer(text, break_ok, continue_ok).run()
