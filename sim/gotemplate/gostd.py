"""Go standard-library behaviour the template functions rely on: strings, unicode, path,
encoding/base64 and base32, with Go's (not Python's) rules."""

from __future__ import annotations

import base64
import binascii
from typing import Final

from sim.gotemplate.errors import GoError, UnsupportedAtRuntime
from sim.gotemplate.gotypes import from_bytes, to_bytes

# unicode.IsSpace: Latin-1 spaces plus the White_Space property (not Python's isspace)
GO_SPACE: Final = (
    "\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
    "\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
MAX_RESULT_BYTES: Final = 64 << 20  # refuse results Go would build but a simulation should not


def is_space(c: str) -> bool:
    return c in GO_SPACE and c != ""


def _invalid(c: str) -> bool:
    return 0xDC80 <= ord(c) <= 0xDCFF  # an invalid UTF-8 byte held by surrogateescape


def _upper_rune(c: str) -> str:
    if _invalid(c):
        return "\ufffd"
    u = c.upper()
    if len(u) == 1:
        return u
    t = c.title()  # simple uppercase of e.g. U+1F80 is its titlecase form
    return t if len(t) == 1 else c


def _lower_rune(c: str) -> str:
    if _invalid(c):
        return "\ufffd"
    low = c.lower()
    if len(low) == 1:
        return low
    return "i" if c == "\u0130" else c


def _title_rune(c: str) -> str:
    if _invalid(c):
        return "\ufffd"
    t = c.title()
    return t if len(t) == 1 else c


def to_upper(s: str) -> str:
    """strings.ToUpper: rune by rune with the simple (one-rune) case mapping."""
    if s.isascii():
        return s.upper()
    return "".join(_upper_rune(c) for c in s)


def to_lower(s: str) -> str:
    """strings.ToLower: rune by rune (no final-sigma rule, unlike str.lower)."""
    if s.isascii():
        return s.lower()
    return "".join(_lower_rune(c) for c in s)


def _is_separator(c: str) -> bool:
    if ord(c) <= 0x7F:
        return not (c.isalnum() or c == "_")
    if c.isalpha() or c.isdecimal():
        return False
    return is_space(c)


def title(s: str) -> str:
    """strings.Title (deprecated in Go, used by sprig's `title`)."""
    out = []
    prev = " "
    for c in s:
        out.append(_title_rune(c) if _is_separator(prev) else c)
        prev = c
    return "".join(out)


def trim_space(s: str) -> str:
    return s.strip(GO_SPACE)


def replace(s: str, old: str, new: str, n: int) -> str:
    """strings.Replace: n < 0 means every occurrence."""
    result = s.replace(old, new, n if n >= 0 else -1)
    check_size(result)
    return result


def repeat(s: str, count: int) -> str:
    """strings.Repeat; a negative count panics."""
    if count < 0:
        raise GoError("strings: negative Repeat count")
    check_size(s, count)
    return s * count


def check_size(s: str, times: int = 1) -> None:
    if len(s) * times > MAX_RESULT_BYTES:
        raise UnsupportedAtRuntime("Go text/template", "a template result larger than 64 MiB")


def split(s: str, sep: str, n: int = -1) -> list[str]:
    """strings.SplitN: an empty separator splits after each UTF-8 sequence."""
    if n == 0:
        return []
    if sep == "":
        chars = list(s)
        if 0 < n < len(chars):
            return [*chars[: n - 1], "".join(chars[n - 1 :])]
        return chars
    if n < 0:
        return s.split(sep)
    return s.split(sep, n - 1)


def hex_bytes(data: bytes) -> str:
    return binascii.hexlify(data).decode()


_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def b64encode(s: str) -> str:
    return base64.b64encode(to_bytes(s)).decode()


def b32encode(s: str) -> str:
    return base64.b32encode(to_bytes(s)).decode()


def _b64_corrupt(src: bytes) -> int | None:
    """Offset Go's StdEncoding decoder reports (CorruptInputError), None if the input is valid."""
    si, n = 0, len(src)
    while True:
        j = 0
        while j < 4:
            if si == n:
                return None if j == 0 else si - j
            c = chr(src[si])
            si += 1
            if c in _B64:
                j += 1
                continue
            if c in "\r\n":
                continue
            if c != "=" or j < 2:
                return si - 1
            if j == 2:
                while si < n and chr(src[si]) in "\r\n":
                    si += 1
                if si == n:
                    return n
                if chr(src[si]) != "=":
                    return si - 1
                si += 1
            while si < n and chr(src[si]) in "\r\n":
                si += 1
            return si if si < n else None


def b64decode(s: str) -> str:
    """sprig b64dec: the decoded text, or Go's error text in its place."""
    data = to_bytes(s)
    bad = _b64_corrupt(data)
    if bad is not None:
        return f"illegal base64 data at input byte {bad}"
    return from_bytes(base64.b64decode(data.replace(b"\r", b"").replace(b"\n", b"")))


def b32decode(s: str) -> str:
    """sprig b32dec: the decoded text (Go reports a malformed input's byte offset: refused)."""
    clean = to_bytes(s).replace(b"\r", b"").replace(b"\n", b"")
    try:
        return from_bytes(base64.b32decode(clean))
    except binascii.Error:
        raise UnsupportedAtRuntime("sprig", "b32dec of malformed base32") from None


def path_clean(p: str) -> str:
    """path.Clean (slash-separated, lexical)."""
    if p == "":
        return "."
    rooted = p.startswith("/")
    parts: list[str] = []
    for part in p.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if parts and parts[-1] != "..":
                parts.pop()
            elif not rooted:
                parts.append("..")
            continue
        parts.append(part)
    out = "/".join(parts)
    if rooted:
        return "/" + out
    return out or "."


def path_base(p: str) -> str:
    if p == "":
        return "."
    p = p.rstrip("/")
    if p == "":
        return "/"
    return p[p.rfind("/") + 1 :]


def path_dir(p: str) -> str:
    return path_clean(p[: p.rfind("/") + 1])


def path_ext(p: str) -> str:
    i = len(p) - 1
    while i >= 0 and p[i] != "/":
        if p[i] == ".":
            return p[i:]
        i -= 1
    return ""
