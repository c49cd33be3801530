"""The JSON scanner Loki's json/unpack parsers use: grafana/jsonparser (vendored in v3.6.0).

It is not a validating parser: it walks the bytes lazily, accepts some malformed input, stops
at the first problem it meets (after the callback has already seen the keys before it) and
reports its own error texts ("Value looks like object, but can't find closing '}' symbol").
Loki copies those texts into `__error_details__`, so they are reproduced here.
"""

from __future__ import annotations

import re
from collections.abc import Callable

KEY_PATH_NOT_FOUND = "Key path not found"
UNKNOWN_VALUE_TYPE = "Unknown value type"
MALFORMED_JSON = "Malformed JSON error"
MALFORMED_STRING = "Value is string, but can't find closing '\"' symbol"
MALFORMED_ARRAY = "Value is array, but can't find closing ']' symbol"
MALFORMED_OBJECT = "Value looks like object, but can't find closing '}' symbol"
MALFORMED_STRING_ESCAPE = "Encountered an invalid escape sequence in a string"

NOT_EXIST, STRING, NUMBER, OBJECT, ARRAY, BOOLEAN, NULL, UNKNOWN = range(8)
_SPACE = b" \n\r\t"
_TOKEN_END = frozenset(b" \n\r\t,}]")


class JSONScanError(Exception):
    """A jsonparser error; str() is its message."""


def next_token(data: bytes, start: int = 0) -> int:
    """Offset (from start) of the first non-space byte, -1 if none."""
    n = len(data)
    i = start
    while i < n and data[i] in _SPACE:
        i += 1
    return i - start if i < n else -1


def token_end(data: bytes, start: int) -> int:
    n = len(data)
    i = start
    while i < n and data[i] not in _TOKEN_END:
        i += 1
    return i - start


def string_end(data: bytes, start: int) -> tuple[int, bool]:
    """stringEnd: offset just after the closing quote (from start), and whether escaped."""
    i = start
    escaped = False
    while True:
        quote = data.find(b'"', i)
        if quote < 0:
            return -1, escaped or data.find(b"\\", i) >= 0
        if not escaped:
            escaped = data.find(b"\\", i, quote) >= 0
            if not escaped:
                return quote - start + 1, False
        j = quote - 1
        while j >= start and data[j] == 0x5C:
            j -= 1
        if (quote - 1 - j) % 2 == 0:  # an even number of backslashes: the string ends here
            return quote - start + 1, True
        i = quote + 1


_BLOCK_BYTES = {
    (0x7B, 0x7D): re.compile(rb'["{}]'),
    (0x5B, 0x5D): re.compile(rb'["\[\]]'),
}


def block_end(data: bytes, start: int, open_sym: int, close_sym: int) -> int:
    """blockEnd: offset just after the matching close symbol (from start), -1 if none."""
    level = 0
    i = start
    search = _BLOCK_BYTES[(open_sym, close_sym)].search
    while (found := search(data, i)) is not None:
        i = found.start()
        c = data[i]
        if c == 0x22:
            end, _ = string_end(data, i + 1)
            if end == -1:
                return -1
            i += end + 1
            continue
        level += 1 if c == open_sym else -1
        if level == 0:
            return i - start + 1
        i += 1
    return -1


def get_type(data: bytes, offset: int) -> tuple[int, int, int]:
    """getType: (value type, value start, value end); raises JSONScanError."""
    c = data[offset]
    if c == 0x22:
        end, _ = string_end(data, offset + 1)
        if end == -1:
            raise JSONScanError(MALFORMED_STRING)
        return STRING, offset, offset + end + 1
    if c == 0x5B:
        end = block_end(data, offset, 0x5B, 0x5D)
        if end == -1:
            raise JSONScanError(MALFORMED_ARRAY)
        return ARRAY, offset, offset + end
    if c == 0x7B:
        end = block_end(data, offset, 0x7B, 0x7D)
        if end == -1:
            raise JSONScanError(MALFORMED_OBJECT)
        return OBJECT, offset, offset + end
    end = offset + token_end(data, offset)
    value = data[offset:end]
    if c in b"tf":
        if value not in (b"true", b"false"):
            raise JSONScanError(UNKNOWN_VALUE_TYPE)
        return BOOLEAN, offset, end
    if c in b"un":
        if value != b"null":
            raise JSONScanError(UNKNOWN_VALUE_TYPE)
        return NULL, offset, end
    if c in b"0123456789-":
        return NUMBER, offset, end
    raise JSONScanError(UNKNOWN_VALUE_TYPE)


def get_value(data: bytes, start: int) -> tuple[bytes, int, int]:
    """Get(data[start:]) without keys: (value, type, absolute end offset)."""
    skip = next_token(data, start)
    if skip == -1:
        raise JSONScanError(MALFORMED_JSON)
    kind, begin, end = get_type(data, start + skip)
    if kind == STRING:
        return data[begin + 1 : end - 1], kind, end
    return data[begin:end], kind, end


ObjectCallback = Callable[[bytes, bytes, int], None]


def object_each(data: bytes, callback: ObjectCallback) -> None:
    """ObjectEach: calls back (key, value, type) per member; raises JSONScanError.

    The callback may raise its own exception to stop the walk, as Loki's parsers do.
    """
    skip = next_token(data, 0)
    if skip == -1 or data[skip] != 0x7B:
        raise JSONScanError(MALFORMED_OBJECT)
    offset = skip + 1
    skip = next_token(data, offset)
    if skip == -1:
        raise JSONScanError(MALFORMED_JSON)
    offset += skip
    if data[offset] == 0x7D:
        return
    n = len(data)
    while offset < n:
        c = data[offset]
        if c == 0x7D:
            return
        if c != 0x22:
            raise JSONScanError(MALFORMED_OBJECT)
        offset += 1
        end, escaped = string_end(data, offset)
        if end == -1:
            raise JSONScanError(MALFORMED_JSON)
        key = data[offset : offset + end - 1]
        offset += end
        if escaped:
            try:
                key = unescape(key)
            except JSONScanError:
                raise JSONScanError(MALFORMED_STRING_ESCAPE) from None
        skip = next_token(data, offset)
        if skip == -1 or data[offset + skip] != 0x3A:
            raise JSONScanError(MALFORMED_JSON)
        offset += skip + 1
        value, kind, offset = get_value(data, offset)
        callback(key, value, kind)
        skip = next_token(data, offset)
        if skip == -1:
            raise JSONScanError(MALFORMED_ARRAY)
        offset += skip
        if data[offset] == 0x7D:
            return
        if data[offset] != 0x2C:
            raise JSONScanError(MALFORMED_OBJECT)
        offset += 1
        skip = next_token(data, offset)
        if skip == -1:
            raise JSONScanError(MALFORMED_ARRAY)
        offset += skip
    raise JSONScanError(MALFORMED_OBJECT)


def _hex4(data: bytes, i: int) -> int:
    """decodeSingleUnicodeEscape on data[i:] (which starts with \\u); -1 when invalid."""
    if len(data) - i < 6:
        return -1
    try:
        text = data[i + 2 : i + 6].decode("ascii")
        return int(text, 16) if all(c in "0123456789abcdefABCDEF" for c in text) else -1
    except UnicodeDecodeError:
        return -1


_SIMPLE = {0x22: b'"', 0x5C: b"\\", 0x2F: b"/", 0x62: b"\b", 0x66: b"\f", 0x6E: b"\n"}
_SIMPLE |= {0x72: b"\r", 0x74: b"\t"}


def _encode_rune(rune: int) -> bytes:
    """utf8.EncodeRune: surrogates and out-of-range runes become U+FFFD."""
    if 0xD800 <= rune <= 0xDFFF or rune > 0x10FFFF:
        rune = 0xFFFD
    return chr(rune).encode("utf-8")


def unescape(data: bytes) -> bytes:
    """Unescape: JSON string escapes; raises JSONScanError on a bad one."""
    if 0x5C not in data:
        return data
    out = bytearray()
    i, n = 0, len(data)
    while i < n:
        j = data.find(b"\\", i)
        if j == -1:
            out += data[i:]
            break
        out += data[i:j]
        if j + 1 >= n:
            raise JSONScanError(MALFORMED_STRING_ESCAPE)
        esc = data[j + 1]
        if esc in _SIMPLE:
            out += _SIMPLE[esc]
            i = j + 2
            continue
        if esc != 0x75:
            raise JSONScanError(MALFORMED_STRING_ESCAPE)
        rune = _hex4(data, j)
        if rune < 0:
            raise JSONScanError(MALFORMED_STRING_ESCAPE)
        if rune <= 0xFFFF and not 0xD800 <= rune <= 0xDFFF:
            out += _encode_rune(rune)
            i = j + 6
            continue
        low = _hex4(data, j + 6)  # Go checks the hex digits only, not the "\\u"
        if low < 0xDC00:
            raise JSONScanError(MALFORMED_STRING_ESCAPE)
        out += _encode_rune(0x10000 + ((rune - 0xD800) << 10) + (low - 0xDC00))
        i = j + 12
    return bytes(out)
