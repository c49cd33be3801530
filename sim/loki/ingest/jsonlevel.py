"""getLevelUsingJSONParser (pkg/distributor/field_detection.go, v3.6.0) over the
buger/jsonparser v1.1.1 calls it makes: ObjectEach, and Get for each value.

Loki walks the line's object depth-first, pair by pair, and stops at the first pair whose
key is an allowed field and whose value is a string: that value, as written between its
quotes (escapes are not decoded), is the level. Nothing past that pair is read, so a line
damaged after it still gives its level; a syntax error met before it ends the walk with no
level. Objects nested `max_depth` deep or deeper are skipped (0 or less: no limit); keys
with escapes are unescaped before the comparison, and a bad escape ends the walk.

The usual line (`{"level":"info",...`) is answered by one pattern; any other by a scan
that follows ObjectEach token by token.
"""

from __future__ import annotations

import re

_WHITE = re.compile(rb"[ \n\r\t]*+")  # nextToken's spaces
_STRING_REST = re.compile(rb'(?:[^"\\]|\\.)*+"', re.S)  # stringEnd: to the closing quote
_TOKEN = re.compile(rb"[^ \n\r\t,}\]]*+")  # tokenEnd
_BLOCK_MARK = re.compile(rb'["{}\[\]]')
FIRST_PAIR = re.compile(rb'[ \n\r\t]*+\{[ \n\r\t]*+"([^"\\]*+)"[ \n\r\t]*+:[ \n\r\t]*+"([^"\\]*+)"')
_ESCAPES = {
    ord('"'): '"', ord("\\"): "\\", ord("/"): "/", ord("b"): "\b", ord("f"): "\f",
    ord("n"): "\n", ord("r"): "\r", ord("t"): "\t",
}  # fmt: skip
_HEX4 = re.compile(rb"[0-9A-Fa-f]{4}")


class _Stop(Exception):
    """A syntax error: ObjectEach returns it, and every enclosing walk ends with it."""


def json_level_value(line: bytes, allowed: frozenset[bytes], max_depth: int) -> bytes | None:
    """The raw value Loki takes as the level of a JSON line, or None."""
    first = FIRST_PAIR.match(line)
    if first is not None and first.group(1) in allowed:
        return first.group(2)
    try:
        return _object_each(line, 0, len(line), allowed, max_depth, 0)
    except _Stop:
        return None


def _next_token(data: bytes, pos: int, end: int) -> int:
    pos = _WHITE.match(data, pos, end).end()  # type: ignore[union-attr]
    if pos >= end:
        raise _Stop
    return pos


def _string_end(data: bytes, pos: int, end: int) -> int:
    """Just past the quote closing a string whose body starts at `pos`."""
    found = _STRING_REST.match(data, pos, end)
    if found is None:
        raise _Stop
    return found.end()


def _block_end(data: bytes, pos: int, end: int, opening: int, closing: int) -> int:
    """blockEnd: just past the bracket closing the one at `pos`; strings are skipped, the
    other kind of bracket is not counted."""
    level = 0
    search = _BLOCK_MARK.search
    while (found := search(data, pos, end)) is not None:
        mark = data[found.start()]
        pos = found.end()
        if mark == 0x22:
            pos = _string_end(data, pos, end)
        elif mark == opening:
            level += 1
        elif mark == closing:
            level -= 1
            if level == 0:
                return pos
    raise _Stop


def _object_each(
    data: bytes, pos: int, end: int, allowed: frozenset[bytes], max_depth: int, depth: int
) -> bytes | None:
    """The walk over the object at `pos` (before `end`): the level, or None at its end."""
    if 0 < max_depth <= depth:
        return None
    pos = _next_token(data, pos, end)
    if data[pos] != 0x7B:  # {
        raise _Stop
    pos = _next_token(data, pos + 1, end)
    while True:
        mark = data[pos]
        if mark == 0x7D:  # }
            return None
        if mark != 0x22:
            raise _Stop
        key_end = _string_end(data, pos + 1, end)
        key = data[pos + 1 : key_end - 1]
        if 0x5C in key:
            key = _unescape(key)
        pos = _next_token(data, key_end, end)
        if data[pos] != 0x3A:  # :
            raise _Stop
        start = _next_token(data, pos + 1, end)
        mark = data[start]
        if mark == 0x22:
            pos = _string_end(data, start + 1, end)
            if key in allowed:
                return data[start + 1 : pos - 1]
        elif mark == 0x7B:
            pos = _block_end(data, start, end, 0x7B, 0x7D)
            found = _object_each(data, start, pos, allowed, max_depth, depth + 1)
            if found is not None:
                return found
        elif mark == 0x5B:
            pos = _block_end(data, start, end, 0x5B, 0x5D)
        else:
            pos = _scalar_end(data, start, end)
        pos = _next_token(data, pos, end)
        if data[pos] == 0x7D:
            return None
        if data[pos] != 0x2C:  # ,
            raise _Stop
        pos = _next_token(data, pos + 1, end)


def _scalar_end(data: bytes, start: int, end: int) -> int:
    """getType's number, boolean or null: where its token ends; anything else stops."""
    stop = _TOKEN.match(data, start, end).end()  # type: ignore[union-attr]
    token, mark = data[start:stop], data[start]
    if mark in b"tf":
        if token not in (b"true", b"false"):
            raise _Stop
    elif mark in b"un":
        if token != b"null":
            raise _Stop
    elif mark not in b"0123456789-":
        raise _Stop
    return stop


def _unescape(raw: bytes) -> bytes:
    """jsonparser.Unescape of a key; a bad escape stops the walk."""
    out: list[str] = []
    pos, size = 0, len(raw)
    while (slash := raw.find(b"\\", pos)) != -1:
        out.append(raw[pos:slash].decode("utf-8", "surrogateescape"))
        kind = raw[slash + 1] if slash + 1 < size else -1
        if kind in _ESCAPES:
            out.append(_ESCAPES[kind])
            pos = slash + 2
            continue
        if kind != 0x75:  # u
            raise _Stop
        rune, pos = _unicode_escape(raw, slash)
        out.append(rune)
    out.append(raw[pos:].decode("utf-8", "surrogateescape"))
    return "".join(out).encode("utf-8", "surrogateescape")


def _unicode_escape(raw: bytes, slash: int) -> tuple[str, int]:
    """decodeUnicodeEscape at `slash`: the character (U+FFFD for what UTF-8 cannot hold,
    as utf8.EncodeRune writes) and where reading resumes. After a surrogate, the next six
    bytes are read as an escape without checking that they start with `\\u`, as it does."""
    high = _hex4(raw, slash + 2)
    if not 0xD800 <= high <= 0xDFFF:
        return chr(high), slash + 6
    low = _hex4(raw, slash + 8)
    if low < 0xDC00:
        raise _Stop
    rune = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
    return (chr(rune) if rune <= 0x10FFFF else "\ufffd"), slash + 12


def _hex4(raw: bytes, pos: int) -> int:
    if _HEX4.fullmatch(raw, pos, pos + 4) is None:
        raise _Stop
    return int(raw[pos : pos + 4], 16)
