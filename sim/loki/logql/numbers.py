"""Number literals as Go's text/scanner reads them, with Loki's one change (query_scanner.go).

Loki's copy only takes `0b` as a binary prefix when `Peek()` returns '0' or '1'. During a
scan Peek() returns the character that followed the *previous* token, so `0b01` at the very
start of a query is binary, while ` 0B` after a space is a decimal literal with no digits:
that is an error Loki reports, and so do we.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sim.loki.logql.scanner import Scanner

INT, FLOAT = "Int", "Float"
_NAMES = {"": "decimal literal", "x": "hexadecimal literal", "o": "octal literal",
          "0": "octal literal", "b": "binary literal"}  # fmt: skip


def _lower(ch: int) -> int:
    return ch | 0x20  # the lower-case letter when ch is an ASCII letter


def _digits(s: Scanner, ch: int, base: int, invalid: list[int]) -> tuple[int, int]:
    """Read digits and '_'; returns (next char, bit 1: digits seen | bit 2: '_' seen)."""
    seen = 0
    if base <= 10:
        while 48 <= ch <= 57 or ch == 95:
            if ch == 95:
                seen |= 2
            else:
                seen |= 1
                if ch >= 48 + base and not invalid:
                    invalid.append(ch)
            ch = s.read_char()
    else:
        while 48 <= ch <= 57 or 97 <= _lower(ch) <= 102 or ch == 95:
            seen |= 2 if ch == 95 else 1
            ch = s.read_char()
    return ch, seen


def _rune_literal(ch: int) -> str:
    return "'" + chr(ch) + "'"


def scan_number(s: Scanner, ch: int, seen_dot: bool) -> tuple[str, int]:
    """Go's scanNumber: returns the token kind (INT or FLOAT) and the next character."""
    base, prefix, seen = 10, "", 0
    invalid: list[int] = []
    tok = FLOAT
    if not seen_dot:
        tok = INT
        if ch == 48:
            ch = s.read_char()
            if _lower(ch) == ord("x"):
                ch, base, prefix = s.read_char(), 16, "x"
            elif _lower(ch) == ord("o"):
                ch, base, prefix = s.read_char(), 8, "o"
            elif _lower(ch) == ord("b"):
                if s.peek() in (48, 49):
                    ch, base, prefix = s.read_char(), 2, "b"
            else:
                base, prefix, seen = 8, "0", 1
        ch, more = _digits(s, ch, base, invalid)
        seen |= more
        if ch == 46:
            ch, seen_dot = s.read_char(), True
    if seen_dot:
        tok = FLOAT
        if prefix in ("o", "b"):
            s.error("invalid radix point in " + _NAMES[prefix])
        ch, more = _digits(s, ch, base, invalid)
        seen |= more
    if not seen & 1:
        s.error(_NAMES[prefix] + " has no digits")
    if _lower(ch) in (ord("e"), ord("p")):
        if _lower(ch) == ord("e") and prefix not in ("", "0"):
            s.error(f"{_rune_literal(ch)} exponent requires decimal mantissa")
        elif _lower(ch) == ord("p") and prefix != "x":
            s.error(f"{_rune_literal(ch)} exponent requires hexadecimal mantissa")
        ch, tok = s.read_char(), FLOAT
        if ch in (43, 45):
            ch = s.read_char()
        ch, more = _digits(s, ch, 10, [])
        seen |= more
        if not more & 1:
            s.error("exponent has no digits")
    elif prefix == "x" and tok == FLOAT:
        s.error("hexadecimal mantissa requires a 'p' exponent")
    if tok == INT and invalid:
        s.error(f"invalid digit {_rune_literal(invalid[0])} in {_NAMES[prefix]}")
    if seen & 2:
        s.tok_end = s.pos - s.last_char_len
        if _invalid_separator(s.src[s.tok_start : s.tok_end]):
            s.error("'_' must separate successive digits")
    return tok, ch


def _invalid_separator(text: str) -> bool:
    """Go's invalidSep(x) >= 0: a '_' not between two digits."""
    hexa, previous, i = False, ".", 0
    if len(text) >= 2 and text[0] == "0" and text[1].lower() in "xob":
        hexa, previous, i = text[1].lower() == "x", "0", 2
    for c in text[i:]:
        if c == "_":
            if previous != "0":
                return True
        elif (c.isdecimal() and c.isascii()) or (hexa and c.lower() in "abcdef"):
            c = "0"
        elif previous == "_":
            return True
        else:
            c = "."
        previous = c
    return previous == "_"
