"""Bulk line filtering: the hot path of `{...} |= "needle"`.

Entries are read in chunks; when every kept line must contain some substring, the chunk's
lines are joined and searched at C speed, and only the lines around a hit are tested with
the full predicate. Answers are exactly those of testing each line (the separator never
occurs in the substring, so a hit never spans two lines).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Sequence
from itertools import accumulate, islice

from sim.loki.engine.pipeline.linefilter import (
    Predicate,
    always,
    is_plain_contains,
    required_substring,
)
from sim.loki.engine.source import Entry

CHUNK = 4096
_SEP = b"\n"


def chunks(entries: Iterator[Entry]) -> Iterator[list[Entry]]:
    while chunk := list(islice(entries, CHUNK)):
        yield chunk


def kept(lines: Sequence[bytes], predicate: Predicate) -> list[int]:
    """Indexes of the lines the predicate keeps, in order."""
    if predicate is always:
        return list(range(len(lines)))
    needle = required_substring(predicate)
    if needle is None or _SEP in needle:
        return [i for i, line in enumerate(lines) if predicate(line)]
    blob = _SEP.join(lines)
    at = blob.find(needle)
    if at < 0:
        return []
    starts = [end + i for i, end in enumerate(accumulate(map(len, lines), initial=0))]
    plain = is_plain_contains(predicate)  # then a hit is the answer, no re-check
    out: list[int] = []
    while at >= 0:
        i = bisect_right(starts, at) - 1
        line = lines[i]
        if plain or predicate(line):
            out.append(i)
        at = blob.find(needle, starts[i] + len(line) + 1)
    return out
