"""net/url's QueryEscape and QueryUnescape."""

from __future__ import annotations

from sim.golang.strconv_quote import quote
from sim.gotemplate.errors import GoError
from sim.gotemplate.gotypes import from_bytes, to_bytes

_UNRESERVED = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~")
_HEX = frozenset(b"0123456789abcdefABCDEF")


def query_escape(s: str) -> str:
    """url.QueryEscape: space becomes '+', everything but A-Za-z0-9-_.~ becomes %XX."""
    out = []
    for b in to_bytes(s):
        if b in _UNRESERVED:
            out.append(chr(b))
        elif b == 0x20:
            out.append("+")
        else:
            out.append(f"%{b:02X}")
    return "".join(out)


def query_unescape(s: str) -> str:
    """url.QueryUnescape; raises GoError(`invalid URL escape "%zz"`)."""
    data = to_bytes(s)
    out = bytearray()
    i = 0
    while i < len(data):
        b = data[i]
        if b == 0x25:  # '%'
            if i + 2 >= len(data) or data[i + 1] not in _HEX or data[i + 2] not in _HEX:
                bad = from_bytes(data[i : i + 3])
                raise GoError("invalid URL escape " + quote(bad))
            out.append(int(data[i + 1 : i + 3], 16))
            i += 3
        elif b == 0x2B:  # '+'
            out.append(0x20)
            i += 1
        else:
            out.append(b)
            i += 1
    return from_bytes(bytes(out))
