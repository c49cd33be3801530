"""A request's form as Go's Request.ParseForm builds it (net/http, net/url at Go 1.24).

Values of an `application/x-www-form-urlencoded` POST body come first, then the URL query's;
`Form.get` is Go's `r.Form.Get` (the first value). Parsing follows url.ParseQuery: pairs
split on "&", a pair containing ";" is an error ("invalid semicolon separator in query"),
"+" is a space, and a bad "%" escape is an error (`invalid URL escape "%zz"`). Go keeps
parsing after an error; Loki's middleware then answers 400 with the first error.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sim.loki.http import messages as m
from sim.loki.push.gofmt import go_quote

_HEX = "0123456789abcdefABCDEF"


class FormError(ValueError):
    """The first error url.ParseQuery met; str() is Go's text."""


def query_unescape(text: str) -> str:
    """url.QueryUnescape; raises FormError on a bad escape."""
    raw = text.encode("utf-8", "surrogateescape")
    out = bytearray()
    i = 0
    while i < len(raw):
        byte = raw[i]
        if byte == 0x25:  # "%"
            if i + 2 >= len(raw) or chr(raw[i + 1]) not in _HEX or chr(raw[i + 2]) not in _HEX:
                bad = raw[i : i + 3].decode("utf-8", "surrogateescape")
                raise FormError(m.ERR_INVALID_URL_ESCAPE % go_quote(bad))
            out.append(int(raw[i + 1 : i + 3], 16))
            i += 3
            continue
        out.append(0x20 if byte == 0x2B else byte)  # "+" is a space in a query
        i += 1
    return out.decode("utf-8", "surrogateescape")


def parse_query(query: str) -> tuple[list[tuple[str, str]], FormError | None]:
    """url.ParseQuery: every pair that parses, and the first error (if any)."""
    pairs: list[tuple[str, str]] = []
    error: FormError | None = None
    for part in query.split("&") if query else []:
        if ";" in part:
            error = error or FormError(m.ERR_INVALID_SEMICOLON)
            continue
        if not part:
            continue
        key, _, value = part.partition("=")
        try:
            pairs.append((query_unescape(key), query_unescape(value)))
        except FormError as err:
            error = error or err
    return pairs, error


@dataclass
class Form:
    """r.Form: values per key, body values before URL values."""

    pairs: list[tuple[str, str]] = field(default_factory=list)

    def get(self, key: str) -> str:
        for name, value in self.pairs:
            if name == key:
                return value
        return ""

    def get_all(self, key: str) -> list[str]:
        return [value for name, value in self.pairs if name == key]

    def has(self, key: str) -> bool:
        return any(name == key for name, _ in self.pairs)


def build_form(raw_query: str, body: bytes | None) -> Form:
    """Request.ParseForm: the body's pairs (if a form body), then the query's; raises the
    first error as FormError."""
    pairs: list[tuple[str, str]] = []
    first: FormError | None = None
    if body is not None:
        body_pairs, first = parse_query(body.decode("utf-8", "surrogateescape"))
        pairs += body_pairs
    query_pairs, error = parse_query(raw_query)
    pairs += query_pairs
    first = first or error
    if first is not None:
        raise first
    return Form(pairs)
