"""Go's regexp package, as Promtail uses it, on top of RE2 (google-re2).

Go's regexp is RE2, so matching is RE2's; compiling and Go's error texts are sim.golang.regexp.
This module adds the byte-level matching around it: Go's rule for successive empty matches
in FindAll, and "" for groups that did not take part. Lines are `str`; they are matched as
UTF-8 (lone surrogates from undecodable input map back to their original bytes) and offsets
come back as `str` indices.

Speed (each RE2 call costs about a microsecond however short the line): a required literal
(text every match must contain, see literal.py) is checked with `in` before RE2 runs, which
skips most lines for the redaction patterns; a start-anchored pattern of bounded length
answers MatchString from the line's first characters, remembered (matchlen.py); FindAll
over many lines searches them together, one RE2 call per match (findmany.py).
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

from .findmany import Spans, find_all_many, joinable
from .literal import required_literals
from .matchlen import anchored_reach

_UNANCHORED: Any = re2._Anchor.UNANCHORED
_NO_SPAN = (-1, -1)
_MEMO_SIZE = 4096  # distinct line beginnings remembered per anchored pattern


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

    __slots__ = (
        "_literal",
        "_memo",
        "_others",
        "_raw",
        "_reach",
        "joinable",
        "num_groups",
        "pattern",
        "subexp_names",
    )

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
        self._reach = anchored_reach(pattern)
        self.joinable = joinable(pattern)  # find_all_many may search lines together
        self._memo: dict[str, bool] = {}

    def _spans(self, data: bytes, pos: int) -> list[tuple[int, int]]:
        spans: list[tuple[int, int]] = self._raw.Match(_UNANCHORED, data, pos, len(data))
        return spans

    def match_string(self, text: str) -> bool:
        """regexp.MatchString."""
        reach = self._reach
        if reach is not None:
            head = text[:reach]
            # ASCII: one character is one byte is one RE2 character (see matchlen.py).
            if head.isascii():
                known = self._memo.get(head)
                if known is None:
                    if len(self._memo) >= _MEMO_SIZE:
                        self._memo.clear()
                    known = self._memo[head] = self._matches(head)
                return known
        return self._matches(text)

    def _matches(self, text: str) -> bool:
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
        return [[o for span in spans for o in span] for spans in self.find_all_spans(text)]

    def find_all_many(self, texts: list[str]) -> dict[int, list[Spans]]:
        """{index: find_all_spans(texts[index])} for the texts with a match (see findmany.py)."""
        if not self.joinable:
            found = {index: self.find_all_spans(text) for index, text in enumerate(texts)}
            return {index: matches for index, matches in found.items() if matches}
        return find_all_many(self._raw, _UNANCHORED, texts, self.find_all_spans)

    def find_all_spans(self, text: str) -> list[Spans]:
        """find_all_unchecked with each match as (start, end) pairs, (-1, -1) for a group
        that took no part: what a caller that walks the groups wants, without flattening."""
        try:
            data, errors = text.encode(), "strict"
        except UnicodeEncodeError:
            data, errors = _encode(text)
        end = len(data)
        match = self._raw.Match
        spans: list[tuple[int, int]] = match(_UNANCHORED, data, 0, end)
        if spans[0] == _NO_SPAN:
            return []
        to_str = None if end == len(text) else _Offsets(data, text, errors)
        found: list[Spans] = []
        pos, prev_end = 0, -1
        while True:
            start, stop = spans[0]
            if start == stop and to_str is not None:
                boundary = _rune_start(data, pos, start)
                if boundary != start:  # RE2 stopped inside a UTF-8 sequence; Go steps by rune
                    pos = boundary
                    spans = match(_UNANCHORED, data, pos, end) if pos <= end else [_NO_SPAN]
                    if spans[0] == _NO_SPAN:
                        return found
                    continue
            accept = True
            if stop == pos:
                # Go ignores an empty match that abuts the previous match.
                accept = start != prev_end
                pos += _rune_width(data, pos) if pos < end else 1
            else:
                pos = stop
            prev_end = stop
            if accept:
                if to_str is not None:
                    spans = [(to_str(s), to_str(e)) if s >= 0 else _NO_SPAN for s, e in spans]
                found.append(spans)
            if pos > end:
                return found
            spans = match(_UNANCHORED, data, pos, end)
            if spans[0] == _NO_SPAN:
                return found


def _rune_start(data: bytes, pos: int, offset: int) -> int:
    """The first rune boundary at or after `offset`, walking from the boundary `pos`."""
    while pos < offset:
        pos += _rune_width(data, pos)
    return pos


def _rune_width(data: bytes, pos: int) -> int:
    lead = data[pos]
    if lead < 0x80:
        return 1
    width = 2 if lead >= 0xC0 else 1
    width = 3 if lead >= 0xE0 else width
    width = 4 if lead >= 0xF0 else width
    tail = data[pos + 1 : pos + width]
    return width if all(0x80 <= b < 0xC0 for b in tail) and len(tail) == width - 1 else 1
