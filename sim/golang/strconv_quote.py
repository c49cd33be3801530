"""Go 1.24 strconv: Quote, QuoteRune, CanBackquote, Unquote and the escapes they share.

Strings here may hold invalid UTF-8 the Python way: bytes 0x80-0xFF that are not part of a
valid sequence are the lone surrogates U+DC80-U+DCFF (`errors="surrogateescape"`).
"""

from __future__ import annotations

import unicodedata


class GoSyntaxError(ValueError):
    """strconv.ErrSyntax."""


class UnquoteError(GoSyntaxError):
    """strconv.ErrSyntax as returned by Unquote (the message is just "invalid syntax")."""

    def __init__(self) -> None:
        super().__init__("invalid syntax")


def is_print(r: str) -> bool:
    """strconv.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space."""
    return r == " " or unicodedata.category(r)[0] in "LMNPS"


_ESC = {"\a": r"\a", "\b": r"\b", "\f": r"\f", "\n": r"\n", "\r": r"\r", "\t": r"\t", "\v": r"\v"}


def _quote_char(ch: str, quote_ch: str, ascii_only: bool) -> str:
    if ch == quote_ch or ch == "\\":
        return "\\" + ch
    cp = ord(ch)
    if 0xDC80 <= cp <= 0xDCFF:
        return f"\\x{cp - 0xDC00:02x}"  # an invalid UTF-8 byte kept by surrogateescape
    if 0xD800 <= cp <= 0xDFFF:
        ch, cp = "\ufffd", 0xFFFD  # not a valid rune: Go would have decoded U+FFFD
    if ascii_only:
        if cp < 0x80 and is_print(ch):
            return ch
    elif is_print(ch):
        return ch
    if ch in _ESC:
        return _ESC[ch]
    if cp < 0x20 or cp == 0x7F:
        return f"\\x{cp:02x}"
    if cp > 0xFFFF:
        return f"\\U{cp:08x}"
    return f"\\u{cp:04x}"


def quote(s: str, ascii_only: bool = False) -> str:
    """strconv.Quote (QuoteToASCII when ascii_only)."""
    if s.isascii() and s.isprintable() and '"' not in s and "\\" not in s:
        return f'"{s}"'  # fast path: nothing to escape
    return '"' + "".join(_quote_char(c, '"', ascii_only) for c in s) + '"'


def quote_rune(r: int, ascii_only: bool = False) -> str:
    """strconv.QuoteRune: invalid code points print as the replacement character."""
    if r < 0 or r > 0x10FFFF or 0xD800 <= r <= 0xDFFF:
        r = 0xFFFD
    return "'" + _quote_char(chr(r), "'", ascii_only) + "'"


def can_backquote(s: str) -> bool:
    """strconv.CanBackquote: one line, no backquote, no control character but tab."""
    for c in s:
        if c == "`" or c == "\ufeff" or (ord(c) < 0x20 and c != "\t") or c == "\x7f":
            return False
        if 0xDC80 <= ord(c) <= 0xDCFF:
            return False
    return True


_SIMPLE_ESC = {"a": 7, "b": 8, "f": 12, "n": 10, "r": 13, "t": 9, "v": 11, "\\": 92}
_WIDTH = {"x": 2, "u": 4, "U": 8}


def unquote_escape(
    s: str, i: int, quote_ch: str, out: bytearray, surrogates_ok: bool = False
) -> int:
    """Decode the escape at s[i] (just after the backslash) into out; return the next index.

    surrogates_ok: \\u/\\U naming a surrogate half encodes U+FFFD instead of failing (the
    older copy of UnquoteChar in Prometheus' strutil only rejects runes above U+10FFFF).
    """
    if i >= len(s):
        raise UnquoteError()
    c = s[i]
    if c in _SIMPLE_ESC:
        out.append(_SIMPLE_ESC[c])
        return i + 1
    if c in "'\"":
        if c != quote_ch:
            raise UnquoteError()
        out.append(ord(c))
        return i + 1
    if c in "01234567":
        digits = s[i : i + 3]
        if len(digits) < 3 or any(d not in "01234567" for d in digits) or int(digits, 8) > 255:
            raise UnquoteError()
        out.append(int(digits, 8))
        return i + 3
    width = _WIDTH.get(c)
    if width is None:
        raise UnquoteError()
    digits = s[i + 1 : i + 1 + width]
    if len(digits) < width or any(d not in "0123456789abcdefABCDEF" for d in digits):
        raise UnquoteError()
    v = int(digits, 16)
    if c == "x":
        out.append(v)  # one byte, possibly not UTF-8
    elif v > 0x10FFFF or (0xD800 <= v <= 0xDFFF and not surrogates_ok):
        raise UnquoteError()
    else:  # surrogate halves encode as U+FFFD, as Go's utf8.EncodeRune does
        out.extend((chr(v) if not 0xD800 <= v <= 0xDFFF else "\ufffd").encode())
    return i + 1 + width


def unquote_body(body: str, quote_ch: str, surrogates_ok: bool = False) -> str:
    """The text of an interpreted literal's body (between quote_ch delimiters)."""
    if "\n" in body:
        raise UnquoteError()
    if "\\" not in body and quote_ch not in body:
        return body
    out = bytearray()
    i = 0
    while i < len(body):
        c = body[i]
        if c == quote_ch:
            raise UnquoteError()
        if c == "\\":
            i = unquote_escape(body, i + 1, quote_ch, out, surrogates_ok)
            continue
        out.extend(c.encode("utf-8", "surrogateescape"))
        i += 1
    return out.decode("utf-8", "surrogateescape")


def unquote(s: str) -> str:
    """strconv.Unquote for "..." and `...` literals (raw strings drop carriage returns)."""
    if len(s) < 2 or s[0] != s[-1] or s[0] not in '"`':
        raise UnquoteError()
    body = s[1:-1]
    if s[0] == "`":
        if "`" in body:
            raise UnquoteError()
        return body.replace("\r", "")
    return unquote_body(body, '"')


class MalformedChar(ValueError):
    def __init__(self, text: str) -> None:
        super().__init__(f"malformed character constant: {text}")


def unquote_char_constant(text: str) -> int:
    """The rune of a character constant such as 'a' or '\\n' (strconv.UnquoteChar + tail check)."""
    body = text[1:]
    if not body:
        raise UnquoteError()
    if body[0] == "\\":
        out = bytearray()
        nxt = unquote_escape(body, 1, "'", out)
        tail = body[nxt:]
        value = out[0] if body[1] in "xo01234567" else ord(out.decode("utf-8"))
    else:
        if body[0] == "'":
            raise UnquoteError()
        value = ord(body[0])
        tail = body[1:]
    if tail != "'":
        raise MalformedChar(text)
    return value
