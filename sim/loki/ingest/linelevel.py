"""The level a line gives (levels.py's `_from_line`), found for a whole push at a time.

Level discovery runs for every line pushed without structured metadata, and most of those
are logfmt lines whose first pair is keyed by the first allowed field (`level=info ...`):
Loki's decoder stops at that pair. Such a line is answered by one match of that pair and a
memo of what each raw value folds to; `many` maps the match over a stream's lines. Any
other line goes through `_from_line` itself. Both return exactly what `_from_line` returns
(tests/loki/ingest/test_linelevel.py compares them).
"""

from __future__ import annotations

import re
from itertools import repeat
from typing import cast

from sim.loki.ingest import levels as lv

_GENERAL = "general"  # memo mark: the value needs Loki's unquoting, let _from_line decide


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
        """[one(line) for line in lines], by columns."""
        if self._match is None or not lines:
            return list(map(self.one, lines))
        found = list(map(self._match, lines))
        if None in found:
            return list(map(self.one, lines))
        written = [match[1] for match in cast(list[re.Match[bytes]], found)]
        for value in set(written).difference(self._memo):
            self._value_level(value)
        levels = list(map(self._memo.get, written, repeat(_GENERAL)))
        if None in levels or _GENERAL in levels:
            return [
                level if level and level is not _GENERAL else self.one(line)
                for level, line in zip(levels, lines, strict=True)
            ]
        return levels  # type: ignore[return-value]


_last: list[LineLevels] = []


def line_levels(allowed: tuple[str, ...], max_depth: int) -> LineLevels:
    """The finder for these settings (the last one is kept: a push asks again and again)."""
    if _last and _last[0].allowed is allowed and _last[0].max_depth == max_depth:
        return _last[0]
    _last[:] = [LineLevels(allowed, max_depth)]
    return _last[0]
