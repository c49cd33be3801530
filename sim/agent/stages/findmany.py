"""Go's FindAllStringSubmatchIndex over many lines, one RE2 search per match.

Each RE2 call costs about a microsecond before it reads a byte, so asking about lines one
by one costs that much per line even when most have no match. Here the lines are searched
as one text, joined with "\\n", and each answer is kept only where it provably is the
line's own answer:

- The pattern has no `^`, `$`, `\\A` or `\\z` (see `joinable`): the only other assertions,
  `\\b` and `\\B`, see the "\\n" around a line exactly as they see the edges of a text
  (neither is a word character). So every match of a line alone is also a match of the
  joined text at the same place, and a search of the joined text from a place in a line
  finds a match that starts no later than the line's own next match.
- A match found that lies within the line is one the line alone has too, and the one its
  own search prefers: RE2 picks the leftmost start, then the preferred way to match from
  there, and the line alone offers a subset of the same ways.
- A match that starts in the line but runs past its end decides nothing: that line is
  searched alone. A match that starts in a later line says the lines in between have
  none, and is the first answer for the line it starts in.

Lines that are not ASCII (where RE2's byte offsets are not `str` offsets) are searched
alone. Go's rules for successive matches (an empty match next to the previous one is
skipped; the search moves one character on after an empty match) apply per line as in
GoRegexp.find_all_spans.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from itertools import accumulate
from typing import Any

from .literal import GiveUp, skip_class

Spans = list[tuple[int, int]]
_NO_SPAN = (-1, -1)


def joinable(pattern: str) -> bool:
    """True when no assertion in the pattern can tell a "\\n" from the edge of the text."""
    i = 0
    try:
        while i < len(pattern):
            c = pattern[i]
            if c == "\\":
                if pattern[i + 1 : i + 2] in ("A", "z", "Q", ""):
                    return False  # \Q...\E is read as is: give up rather than parse it
                i += 2
            elif c == "[":
                i = skip_class(pattern, i)
            elif c in "^$":
                return False
            else:
                i += 1
    except GiveUp:
        return False
    return True


def find_all_many(
    raw: Any, anchor: Any, texts: list[str], find_all_one: Callable[[str], list[Spans]]
) -> dict[int, list[Spans]]:
    """{index: find_all_one(texts[index])} for every text with a match; `raw` is the compiled
    RE2 of a `joinable` pattern, `find_all_one` the per-text answer this must equal."""
    found: dict[int, list[Spans]] = {}
    joined: list[int] = []
    for index, text in enumerate(texts):
        if text.isascii():
            joined.append(index)
        else:
            matches = find_all_one(text)
            if matches:
                found[index] = matches
    if not joined:
        return found
    lines = [texts[index] for index in joined]
    data = "\n".join(lines).encode("ascii")
    starts = list(accumulate((len(line) + 1 for line in lines), initial=0))
    end, count, search = len(data), len(lines), raw.Match
    k, pos, prev_end = 0, 0, -1
    current: list[Spans] = []  # line k's matches so far
    spans: Spans | None = None  # an answer already in hand for line k's next search
    while k < count:
        base, stop = starts[k], starts[k + 1] - 1  # line k is data[base:stop]
        if spans is None:
            spans = search(anchor, data, base + pos, end)
        start, finish = spans[0]
        if start > stop or start < 0:
            if current:
                found[joined[k]] = current
                current = []
            if start < 0:
                break  # no match here or in any later line
            k = bisect_right(starts, start) - 1  # the line (or the "\n" after it) it starts in
            pos, prev_end = 0, -1
            continue
        if finish > stop:
            matches = find_all_one(lines[k])
            if matches:
                found[joined[k]] = matches
            k, pos, prev_end, spans, current = k + 1, 0, -1, None, []
            continue
        finish -= base
        if finish == pos:
            accept = start - base != prev_end  # Go skips an empty match next to the last one
            pos += 1  # one ASCII character on
        else:
            accept = True
            pos = finish
        prev_end = finish
        if accept:
            current.append(
                [(s - base, e - base) if s >= 0 else _NO_SPAN for s, e in spans] if base else spans
            )
        spans = None
        if pos > stop - base:
            if current:
                found[joined[k]] = current
                current = []
            k, pos, prev_end = k + 1, 0, -1
    if current:
        found[joined[k]] = current
    return found
