"""The level a line gives (levels.py's `_from_line`), found for a whole push at a time.

Level discovery runs for every line pushed without structured metadata. `many` sorts a
stream's lines by what `_from_line` would do with them, with passes over the list:

- a logfmt line whose first pair is keyed by the first allowed field (`level=info ...`),
  or whose pairs before that key's are plain (no escapes, spaces between): Loki's decoder
  stops at that pair; one match of the pattern and a memo of what each raw value folds to;
- a line that may be JSON (it ends with `}`): `_from_line` itself;
- a logfmt line that holds none of the allowed fields, even as text: no key can match, so
  the plain-text markers decide, as for a line without `=`;
- any other line: `_from_line`.

Each answers exactly what `_from_line` returns (tests/loki/ingest/test_linelevel.py).
"""

from __future__ import annotations

import operator
import re
from bisect import bisect_right
from itertools import repeat
from typing import cast

from sim.loki.ingest import levels as lv
from sim.loki.ingest.jsonlevel import FIRST_PAIR, json_level_value
from sim.loki.ingest.markers import line_starts, lines_holding, markers_many

_GROUP_1 = operator.itemgetter(1)
_FIRST_BYTE, _LAST_BYTE = operator.itemgetter(0), operator.itemgetter(-1)
_OPEN, _CLOSE = {ord("{")}, {ord("}")}
# a line that may be JSON: `}` last, but for spaces (levels._SPACE_BYTES, but the newline
# that joins lines)
_JSON_END = re.compile(rb"\}[ \t\v\f\r\x85\xa0]*+(?:\n|\Z)")
# jsonlevel.FIRST_PAIR with no spaces, at a line's start: where it matches, FIRST_PAIR does
_TIGHT_FIRST_PAIRS = re.compile(rb'\n\{"([^"\\\n]*+)":"([^"\\\n]*+)"')  # after a newline
_GENERAL = "general"  # memo mark: the value needs Loki's unquoting, let _from_line decide


_VALUE = rb'("(?:[^"\\]|\\.)*"|[^\x00-\x20="]*+(?![^\x00-\x20]))'
# a pair the decoder reads as written: a key, then `=` and a bare or escape-free quoted value
_PLAIN_PAIR = rb'[^\x00-\x20="]++(?:=(?:"[^"\\]*+"|[^\x00-\x20="]*+))?'


def keyed_pair(key: bytes) -> re.Pattern[bytes]:
    """first_pair after any number of plain pairs, each followed by spaces, none keyed by
    `key` (a bare `key` is a pair with an empty value: the scan stops there). Group 1: the
    value of the first pair keyed by `key`."""
    not_key = rb"(?!(?i:" + re.escape(key) + rb")(?:[\x00-\x20=]|\Z))"
    return re.compile(
        rb"[\x00-\x20]*+(?:" + not_key + _PLAIN_PAIR + rb"[\x00-\x20]++)*?"
        rb"(?i:" + re.escape(key) + rb")=" + _VALUE,
        re.S,
    )


def first_pair(key: bytes) -> re.Pattern[bytes]:
    """levels._PAIR with its key spelled out (ASCII case folding, as bytes.lower() folds)
    and `=` required. Group 1: the value as written (quoted: with its quotes). No match
    where a bare value is followed by `=` or `"`: a syntax error, left to _from_line."""
    return re.compile(
        rb"[\x00-\x20]*(?i:" + re.escape(key) + rb')(?![^\x00-\x20="])='
        rb'("(?:[^"\\]|\\.)*"|[^\x00-\x20="]*+(?![^\x00-\x20]))',
        re.S,
    )


class LineLevels:
    """_from_line for one list of allowed fields and one JSON depth.

    A line the pattern matches is not JSON (its first non-space byte is the key's) and
    holds `=`, so _from_line would read its logfmt pairs and stop at the first.
    """

    def __init__(self, allowed: tuple[str, ...], max_depth: int) -> None:
        self.allowed = allowed
        self.max_depth = max_depth
        self._memo: dict[bytes, str | None] = {}
        key = allowed[0].lower().encode() if allowed else b""
        # a plain ASCII key: then a matching line's first non-space byte is not `{`
        usable = re.fullmatch(rb"[a-z0-9_.\-]+", key) is not None
        self._match = first_pair(key).match if usable else None
        self._keyed = keyed_pair(key).match if usable else None
        self._key = key
        # every key that could match, as text (none that holds another)
        hints = set(lv._hint_ranks(allowed))
        self._hints = tuple(h for h in hints if not any(o != h and o in h for o in hints))
        self._allowed_bytes = lv.allowed_bytes(allowed)
        self._json_memo: dict[bytes, str] = {}  # a raw JSON value -> its level, "" for none

    def _value_level(self, written: bytes) -> str | None:
        """What a first-pair value folds to (None: to nothing, the markers decide; _GENERAL:
        the value needs Loki's unquoting, _from_line decides)."""
        if written in self._memo:
            return self._memo[written]
        if len(self._memo) >= 4096:
            self._memo.clear()
        quoted = written[:1] == b'"'
        if quoted and b"\\" in written:
            level: str | None = _GENERAL
        else:
            value = written[1:-1] if quoted else written
            level = lv._FOLDS.get(value.decode("utf-8", "replace").lower())
        self._memo[written] = level
        return level

    def one(self, line: bytes) -> str:
        found = self._match(line) if self._match is not None else None
        if found is None:
            return lv._from_line(line, self.allowed, self.max_depth)
        level = self._value_level(found.group(1))
        if level is _GENERAL:
            return lv._from_line(line, self.allowed, self.max_depth)
        return level or lv._from_markers(line)

    def many(self, lines: list[bytes]) -> list[str]:
        """[one(line) for line in lines]: a push's lines, most often all of one kind."""
        if self._match is None or not lines:
            return list(map(self.one, lines))
        joined = None
        if lines[0][:1] == b"{":  # perhaps `{...}` lines, none starting with the key
            joined = b"\n".join(lines)
            if _objects_only(lines, joined):
                return self._json_objects(lines, joined)
        found = list(map(self._match, lines))
        if None not in found:  # every line starts with the key's pair: by value
            written: list[bytes] = list(map(_GROUP_1, cast(list[re.Match[bytes]], found)))
            for value in set(written).difference(self._memo):
                self._value_level(value)
            levels = list(map(self._memo.get, written, repeat(_GENERAL)))
            if None not in levels and _GENERAL not in levels:
                return cast(list[str], levels)
        if found.count(None) == len(found):  # no line starts with the key's pair
            return self._others(lines, joined)
        return list(map(self._from_match, lines, found))

    def _from_match(self, line: bytes, found: re.Match[bytes] | None) -> str:
        """one(line), given the first pair's match."""
        if found is None:
            return self._other(line)
        level = self._value_level(found.group(1))
        if level is _GENERAL:
            return lv._from_line(line, self.allowed, self.max_depth)
        return level or lv._from_markers(line)

    def _others(self, lines: list[bytes], joined: bytes | None = None) -> list[str]:
        """list(map(self._other, lines)), where the lines that can only go to the markers
        are found, and their markers searched, in the whole push's text at once (`joined`:
        the lines joined by newlines, when the caller has them)."""
        if joined is None:
            joined = b"\n".join(lines)
        count = len(lines)
        if joined.count(b"\n") != count - 1:  # lines holding a newline go one by one
            return self._split(lines, [i for i, line in enumerate(lines) if b"\n" in line])
        if _objects_only(lines, joined):
            return self._json_objects(lines, joined)
        starts = line_starts(lines)
        lowered = joined.lower()
        # perhaps JSON (ends with `}`), or holding a key that may be an allowed field
        own: set[int] = {bisect_right(starts, m.start()) - 1 for m in _JSON_END.finditer(joined)}
        for needle in (self._key, *self._hints) if self._key else self._hints:
            own.update(lines_holding(lowered, needle, starts))
        if not own:
            return markers_many(joined, lowered, starts)
        return self._split(lines, sorted(own))

    def _split(self, lines: list[bytes], own: list[int]) -> list[str]:
        """_others of the lines not in `own` (ascending indexes), _other of those in it."""
        levels: list[str] = [""] * len(lines)
        taken = set(own)
        rest = [index for index in range(len(lines)) if index not in taken]
        if rest:
            found = self._others([lines[index] for index in rest])
            for index, level in zip(rest, found, strict=True):
                levels[index] = level
        for index in own:
            levels[index] = self._other(lines[index])
        return levels

    def _other(self, line: bytes) -> str:
        """one(line) for a line whose first pair is not the key's (see the module text)."""
        last = line[-1:]
        if (
            last == b"}"
            or (  # perhaps JSON
                last and last in lv._SPACE_BYTES and line.rstrip(lv._SPACE_BYTES)[-1:] == b"}"
            )
        ):
            if line[:1] == b"{" and line[-1:] == b"}":
                return self._json_line(line)
            return lv._from_line(line, self.allowed, self.max_depth)
        if b"=" not in line:
            return lv._from_markers(line)
        lowered = line.lower()
        if self._key in lowered and self._keyed is not None:
            found = self._keyed(line)
            level = _GENERAL if found is None else self._value_level(found.group(1))
            if level is not _GENERAL:
                return level or lv._from_markers(line)
            return lv._from_line(line, self.allowed, self.max_depth)
        if any(map(lowered.__contains__, self._hints)):
            return lv._from_line(line, self.allowed, self.max_depth)
        return lv._from_markers(line)  # no key can be an allowed field

    def _json_objects(self, lines: list[bytes], joined: bytes) -> list[str]:
        """_json_line of each line (each starts with `{` and ends with `}`; `joined`: them
        joined by newlines, which none holds): the usual first pair, an allowed key with a
        plain string, read for all lines by one search when every line starts so, else by
        one pattern per line."""
        memo, allowed = self._json_memo, self._allowed_bytes
        pairs = _TIGHT_FIRST_PAIRS.findall(b"\n" + joined)
        if len(pairs) == len(lines):  # each match begins a line: one per line, in order
            keys, values = zip(*pairs, strict=True)
            if allowed.issuperset(keys):
                found = list(map(memo.get, values))
                if None not in found and "" not in found:
                    return cast(list[str], found)
        levels: list[str] = []
        append = levels.append
        for line, first in zip(lines, map(FIRST_PAIR.match, lines), strict=True):
            if first is not None and first.group(1) in allowed:
                level = memo.get(first.group(2))
                if level:
                    append(level)
                    continue
            append(self._json_line(line))
        return levels

    def _json_line(self, line: bytes) -> str:
        """_from_line of a line that starts with `{` and ends with `}`."""
        value = json_level_value(line, self._allowed_bytes, self.max_depth)
        if value is None:
            return lv._from_markers(line)
        folded = self._json_memo.get(value)
        if folded is None:
            if len(self._json_memo) >= 4096:
                self._json_memo.clear()
            folded = self._json_memo[value] = (
                lv._FOLDS.get(value.decode("utf-8", "replace").lower()) or ""
            )
        return folded or lv._from_markers(line)


_last: list[LineLevels] = []


def _objects_only(lines: list[bytes], joined: bytes) -> bool:
    """Whether each of `lines` is `{...}`, with no space around and no newline within
    (`joined`: them joined by newlines)."""
    if joined.count(b"\n") != len(lines) - 1 or b"" in lines:
        return False
    return set(map(_FIRST_BYTE, lines)) == _OPEN and set(map(_LAST_BYTE, lines)) == _CLOSE


def line_levels(allowed: tuple[str, ...], max_depth: int) -> LineLevels:
    """The finder for these settings (the last one is kept: a push asks again and again)."""
    if _last and _last[0].allowed is allowed and _last[0].max_depth == max_depth:
        return _last[0]
    _last[:] = [LineLevels(allowed, max_depth)]
    return _last[0]
