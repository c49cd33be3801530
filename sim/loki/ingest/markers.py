"""Loki's plain-text level markers (levels._from_markers) for a whole push at once.

The lines are joined by newlines, which no marker holds, so a marker found in the joined
text lies within one line; each marker is searched in the whole text (at C speed) and a hit
located by bisection, then the search resumes at the next line.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from itertools import accumulate

from sim.loki.ingest.levels import MARKERS, UNKNOWN_LEVEL


def line_starts(lines: list[bytes]) -> list[int]:
    """Where each line begins in the lines joined by single bytes, then one past the end."""
    return list(accumulate(map((1).__add__, map(len, lines)), initial=0))


def lines_holding(text: bytes, needle: bytes, starts: list[int]) -> Iterator[int]:
    """The indexes of the lines (beginning at `starts`) of `text` that hold `needle`."""
    pos = text.find(needle)
    while pos != -1:
        index = bisect_right(starts, pos) - 1
        yield index
        pos = text.find(needle, starts[index + 1])


def markers_many(joined: bytes, lowered: bytes, starts: list[int]) -> list[str]:
    """levels._from_markers of each line of `joined` (lines beginning at `starts`, joined
    by newlines, which no marker holds): each marker is searched in the whole text."""
    found: list[str | None] = [None] * (len(starts) - 1)
    for level, word, markers in MARKERS:
        if word not in lowered:
            continue
        for marker in markers:
            for index in lines_holding(joined, marker, starts):
                if found[index] is None:  # an earlier level's marker wins
                    found[index] = level
    return [level or UNKNOWN_LEVEL for level in found]
