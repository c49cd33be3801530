"""Go's regexp package, as Promtail uses it, on top of RE2 (google-re2).

Go's regexp is RE2, so matching is RE2's; compiling and Go's error texts are sim.golang.regexp.
This module adds the byte-level matching around it: Go's rule for successive empty matches
in FindAll, and "" for groups that did not take part. Lines are `str`; they are matched as
UTF-8 (lone surrogates from undecodable input map back to their original bytes) and offsets
come back as `str` indices.

Speed: a required literal (text every match must contain, see literal.py) is checked with
`in` before RE2 runs, which skips most lines for the redaction patterns.
"""

from __future__ import annotations

from typing import Any

import re2

from sim.golang.regexp import (
    OPTIONS,
    GoRegexpError,
    go_message,
    re2_error_text,
    reject_any_byte,
)

from .literal import required_literals

_UNANCHORED: Any = re2._Anchor.UNANCHORED
_NO_SPAN = (-1, -1)


def _encode(text: str) -> tuple[bytes, str]:
    try:
        return text.encode(), "strict"
    except UnicodeEncodeError:
        try:
            return text.encode("utf-8", "surrogateescape"), "surrogateescape"
        except UnicodeEncodeError:
            return text.encode("utf-8", "surrogatepass"), "surrogatepass"


class _Offsets:
    """Byte offsets of one encoded line back to `str` offsets."""

    __slots__ = ("_ascii", "_data", "_errors", "_memo")

    def __init__(self, data: bytes, text: str, errors: str) -> None:
        self._ascii = len(data) == len(text)
        self._data = data
        self._errors = errors
        self._memo: dict[int, int] = {}

    def __call__(self, offset: int) -> int:
        if self._ascii or offset <= 0:
            return offset
        known = self._memo.get(offset)
        if known is None:
            known = len(self._data[:offset].decode("utf-8", self._errors))
            self._memo[offset] = known
        return known


class GoRegexp:
    """A compiled Go regexp: the subset of *regexp.Regexp Promtail's stages call."""

    __slots__ = ("_literal", "_others", "_raw", "num_groups", "pattern", "subexp_names")

    @property
    def literals(self) -> tuple[str, ...]:
        """Texts every match contains, longest first; () when unknown."""
        return (self._literal, *self._others) if self._literal is not None else ()

    def cannot_match(self, text: str) -> bool:
        """True when a required literal is missing: no match is possible (cheap `in` checks)."""
        literal = self._literal
        if literal is None:
            return False
        if literal not in text:
            return True
        return any(other not in text for other in self._others)

    def __init__(self, pattern: str) -> None:
        reject_any_byte(pattern)
        try:
            compiled = re2.compile(pattern.encode("utf-8", "surrogateescape"), OPTIONS)
        except re2.error as err:
            raise GoRegexpError(go_message(re2_error_text(err), pattern)) from None
        self.pattern = pattern
        self._raw: Any = compiled._regexp
        self.num_groups: int = self._raw.NumberOfCapturingGroups()
        names = [""] * (self.num_groups + 1)
        for name, index in self._raw.NamedCapturingGroups():
            names[index] = name.decode()
        self.subexp_names: list[str] = names
        literals = required_literals(pattern)
        self._literal: str | None = literals[0] if literals else None
        self._others = literals[1:]

    def _spans(self, data: bytes, pos: int) -> list[tuple[int, int]]:
        spans: list[tuple[int, int]] = self._raw.Match(_UNANCHORED, data, pos, len(data))
        return spans

    def match_string(self, text: str) -> bool:
        """regexp.MatchString."""
        literal = self._literal
        if literal is not None and (
            literal not in text or (self._others and self.cannot_match(text))
        ):
            return False
        data, _ = _encode(text)
        return bool(self._spans(data, 0)[0] != _NO_SPAN)

    def find_submatch(self, text: str) -> list[str] | None:
        """regexp.FindStringSubmatch: "" for groups that did not take part."""
        literal = self._literal
        if literal is not None and (
            literal not in text or (self._others and self.cannot_match(text))
        ):
            return None
        data, errors = _encode(text)
        spans = self._spans(data, 0)
        if spans[0] == _NO_SPAN:
            return None
        if len(data) == len(text):
            return [text[s:e] if s >= 0 else "" for s, e in spans]
        return [data[s:e].decode("utf-8", errors) if s >= 0 else "" for s, e in spans]

    def find_all_submatch_index(self, text: str) -> list[list[int]]:
        """regexp.FindAllStringSubmatchIndex(text, -1), offsets as `str` indices."""
        literal = self._literal
        if literal is not None and (
            literal not in text or (self._others and self.cannot_match(text))
        ):
            return []
        return self.find_all_unchecked(text)

    def find_all_unchecked(self, text: str) -> list[list[int]]:
        """find_all_submatch_index for a caller that already ran cannot_match."""
        data, errors = _encode(text)
        end = len(data)
        spans = self._raw.Match(_UNANCHORED, data, 0, end)
        if spans[0] == _NO_SPAN:
            return []
        to_str = _Offsets(data, text, errors)
        found: list[list[int]] = []
        pos, prev_end = 0, -1
        while True:
            start, stop = spans[0]
            accept = True
            if stop == pos:
                # Go ignores an empty match that abuts the previous match.
                accept = start != prev_end
                pos += _rune_width(data, pos) if pos < end else 1
            else:
                pos = stop
            prev_end = stop
            if accept:
                found.append([to_str(o) if o >= 0 else -1 for span in spans for o in span])
            if pos > end:
                return found
            spans = self._raw.Match(_UNANCHORED, data, pos, end)
            if spans[0] == _NO_SPAN:
                return found


def _rune_width(data: bytes, pos: int) -> int:
    lead = data[pos]
    if lead < 0x80:
        return 1
    width = 2 if lead >= 0xC0 else 1
    width = 3 if lead >= 0xE0 else width
    width = 4 if lead >= 0xF0 else width
    tail = data[pos + 1 : pos + width]
    return width if all(0x80 <= b < 0xC0 for b in tail) and len(tail) == width - 1 else 1
