"""The logfmt decoder of Loki's `| logfmt` (pkg/logql/log/logfmt/decode.go and jsonstring.go,
grafana/loki v3.6.0): a fork of go-logfmt that reports `logfmt syntax error at pos N : ...`.

A malformed pair is skipped up to the next space; a key without `=` has no value; quoted
values take JSON-style escapes (plus `\\'`), and bytes that are not UTF-8 inside an escaped
value become U+FFFD, as Go re-encodes each rune.
"""

from __future__ import annotations

_QUOTE, _BACKSLASH, _EQUAL = 0x22, 0x5C, 0x3D
_ESCAPES = {0x22: 0x22, 0x5C: 0x5C, 0x2F: 0x2F, 0x27: 0x27, 0x62: 8, 0x66: 12, 0x6E: 10}
_ESCAPES |= {0x72: 13, 0x74: 9}


class Decoder:
    """logfmt.Decoder: scan_keyval() -> True when a pair (key, maybe value) was read."""

    def __init__(self, line: bytes) -> None:
        self.line = line
        self.pos = 0
        self.key: bytes | None = None
        self.value: bytes | None = None
        self.err: str | None = None

    def eol(self) -> bool:
        return self.pos >= len(self.line)

    def _error(self, message: str) -> None:
        self.err = f"logfmt syntax error at pos {self.pos + 1} : {message}"

    def _unexpected(self, byte: int) -> None:
        self._error(f"unexpected {_go_quote_byte(byte)}")

    def _skip_value(self) -> bool:
        line, n = self.line, len(self.line)
        while self.pos < n and line[self.pos] > 0x20:
            self.pos += 1
        return False

    def _invalid_key(self, key: bytes, multibyte: bool) -> bool:
        return multibyte and "\ufffd" in key.decode("utf-8", "replace")

    def scan_keyval(self) -> bool:
        self.key = self.value = None
        line, n = self.line, len(self.line)
        while self.pos < n and line[self.pos] <= 0x20:
            self.pos += 1
        if self.pos >= n:
            return False
        start, multibyte = self.pos, False
        while self.pos < n:
            c = line[self.pos]
            if c == _EQUAL:
                if self.pos > start:
                    self.key = line[start : self.pos]
                    if self._invalid_key(self.key, multibyte):
                        self._error("invalid key")
                        return self._skip_value()
                if self.key is None:
                    self._unexpected(c)
                    return self._skip_value()
                return self._after_equal()
            if c == _QUOTE:
                self._unexpected(c)
                return self._skip_value()
            if c <= 0x20:
                return self._bare_key(start, multibyte)
            if c >= 0x80:
                multibyte = True
            self.pos += 1
        return self._bare_key(start, multibyte)

    def _bare_key(self, start: int, multibyte: bool) -> bool:
        if self.pos > start:
            self.key = self.line[start : self.pos]
            if self._invalid_key(self.key, multibyte):
                self._error("invalid key")
                return False
        return True

    def _after_equal(self) -> bool:
        line, n = self.line, len(self.line)
        self.pos += 1
        if self.pos >= n or line[self.pos] <= 0x20:
            return True
        if line[self.pos] == _QUOTE:
            return self._quoted()
        start = self.pos
        while self.pos < n:
            c = line[self.pos]
            if c in (_EQUAL, _QUOTE):
                self._unexpected(c)
                return self._skip_value()
            if c <= 0x20:
                break
            self.pos += 1
        if self.pos > start:
            self.value = line[start : self.pos]
        return True

    def _quoted(self) -> bool:
        line, n = self.line, len(self.line)
        start = self.pos
        has_escape = escaped = False
        i = self.pos + 1
        while i < n:
            c = line[i]
            if escaped:
                escaped = False
            elif c == _BACKSLASH:
                has_escape = escaped = True
            elif c == _QUOTE:
                self.pos = i + 1
                if has_escape:
                    value = unquote(line[start : self.pos])
                    if value is None:
                        self._error("invalid quoted value")
                        return False
                    self.value = value
                elif self.pos - 1 > start + 1:
                    self.value = line[start + 1 : self.pos - 1]
                return True
            i += 1
        self.pos = n
        self._error("unterminated quoted value")
        return False


def _go_quote_byte(byte: int) -> str:
    """%q of a byte (a rune below 0x80 here)."""
    ch = chr(byte)
    return "'\\''" if ch == "'" else repr(ch) if ch != '"' else "'\"'"


def _hex4(body: bytes, i: int) -> int:
    """getu4: the rune of `\\uXXXX` at body[i:], -1 when there is none."""
    text = body[i + 2 : i + 6]
    if body[i : i + 2] != b"\\u" or len(text) < 4 or not all(c in _HEX for c in text):
        return -1
    return int(text, 16)


_HEX = frozenset(b"0123456789abcdefABCDEF")


def decode_rune(data: bytes, i: int) -> tuple[str, int]:
    """utf8.DecodeRune at data[i]: (U+FFFD, 1) for a byte that starts no valid sequence."""
    lead = data[i]
    size = 1
    if 0xC2 <= lead <= 0xDF:
        size = 2
    elif 0xE0 <= lead <= 0xEF:
        size = 3
    elif 0xF0 <= lead <= 0xF4:
        size = 4
    try:
        return data[i : i + size].decode("utf-8"), size
    except UnicodeDecodeError:
        return "\ufffd", 1


def unquote(quoted: bytes) -> bytes | None:
    """unquoteBytes: JSON-style escapes plus `\\'`; None when invalid. Bytes that are not
    UTF-8 become U+FFFD, as Go re-encodes each rune."""
    body = quoted[1:-1]
    out = bytearray()
    i, n = 0, len(body)
    while i < n:
        c = body[i]
        if c == _QUOTE:
            return None
        if c >= 0x80:
            decoded, size = decode_rune(body, i)
            out += decoded.encode("utf-8")
            i += size
            continue
        if c != _BACKSLASH:
            out.append(c)
            i += 1
            continue
        i += 1
        if i >= n:
            return None
        esc = body[i]
        if esc in _ESCAPES:
            out.append(_ESCAPES[esc])
            i += 1
            continue
        if esc != 0x75:
            return None
        rune: int = _hex4(body, i - 1)
        if rune < 0:
            return None
        i += 5
        if 0xD800 <= rune < 0xE000:
            low = _hex4(body, i)
            if 0xD800 <= rune < 0xDC00 and 0xDC00 <= low < 0xE000:
                rune = 0x10000 + ((rune - 0xD800) << 10) + (low - 0xDC00)
                i += 6
            else:
                rune = 0xFFFD
        out += chr(rune).encode("utf-8")
    return bytes(out)
