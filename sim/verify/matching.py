"""Where each written line ended up in Loki: its own entry, merged into another, or nowhere.

A stored entry is traced to the line it starts with by its timestamp (Promtail's cri stage
sets it from the CRI line; a joined partial line keeps its last chunk's) and the labels
that name the container, the text choosing between lines that share a nanosecond. A
multiline merge holds several written lines joined by '\\n' from its first one on: its
k-th segment is the k-th next line of the same container (of the same stream when the
entry carries a `stream` label, as the cri stage sets it and multiline groups by labels).
Entries that match no written line are of unknown origin (a deleted pod's lines, a load
generator's pushes).

Promtail's multiline stage keeps a block's first entry after flushing it (max_lines, or
max_wait_time), so the lines that follow form blocks stamped with that old first line's
timestamp (multiline.go; sim/agent/stages/multiline.py). Such an entry's text does not
start with the line its timestamp names: it is realigned onto the written lines by the
lines it holds, and counted as `retimed`.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sim.verify.inputs import StoredEntry
from sim.verify.original import ContainerKey, OriginalLine, Originals

_STREAMS = ("stdout", "stderr")
# The fleet's markers: `lsm` and 11 lowercase letters (sim/fleet/source.py). Overlapping
# search, so a marker glued to other letters is still found.
_MARKER = re.compile(r"(?=(lsm[a-z]{11}))")
_LABEL_FIELDS = (("namespace", 0), ("pod", 1), ("container", 3))
_PROBE = 8  # lines of an entry compared when realigning it
_TRIES = 4  # positions tried per probed line with that text


@dataclass(frozen=True, slots=True)
class Placement:
    entry: int  # index into `stored`
    segment: int  # 0: the entry is this line; k > 0: the line is the entry's k-th merged line


@dataclass(slots=True)
class Matching:
    placements: dict[int, list[Placement]] = field(default_factory=lambda: defaultdict(list))
    unknown: list[int] = field(default_factory=list)  # entries of unknown origin
    merged_entries: int = 0  # entries that hold more than one written line
    retimed_entries: int = 0  # entries stamped with an earlier line's timestamp


def _common_ends(a: str, b: str) -> int:
    prefix = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        prefix += 1
    suffix = 0
    for x, y in zip(reversed(a), reversed(b), strict=False):
        if x != y:
            break
        suffix += 1
    return prefix + suffix


def _narrow(candidates: list[OriginalLine], entry: StoredEntry) -> list[OriginalLine]:
    """Keeps the candidates whose container the entry's labels name (when they name one)."""
    labels = entry.labels
    for name, slot in _LABEL_FIELDS:
        value = labels.get(name)
        if value is None:
            continue
        kept = [c for c in candidates if c.key[slot] == value]
        if kept:
            candidates = kept
    stream = labels.get("stream")
    if stream in _STREAMS:
        kept = [c for c in candidates if c.stream == stream]
        if kept:
            candidates = kept
    return candidates


def _choose(candidates: list[OriginalLine], first: str) -> OriginalLine:
    for candidate in candidates:
        if candidate.text == first:
            return candidate
    if len(candidates) == 1:
        return candidates[0]
    return max(candidates, key=lambda c: _common_ends(c.text, first))


Lines = list[OriginalLine]


def _realign(seq: Lines, position: int, segments: list[str], index: dict[str, list[int]]) -> int:
    """Where in `seq` the lines of an entry stamped with seq[position]'s time really start."""
    probe = min(len(segments), _PROBE)

    def score(start: int) -> int:
        end = min(probe, len(seq) - start)
        return sum(1 for j in range(end) if seq[start + j].text == segments[j])

    best, best_score = position, score(position)
    if best_score == probe:
        return best
    for j in range(probe):
        places = index.get(segments[j])
        if not places:
            continue
        first = bisect.bisect_right(places, position + j)
        for q in places[first : first + _TRIES]:
            candidate = q - j
            found = score(candidate)
            if found > best_score:
                best, best_score = candidate, found
    return best


def _text_index(seq: Lines) -> dict[str, list[int]]:
    index: dict[str, list[int]] = defaultdict(list)
    for position, line in enumerate(seq):
        index[line.text].append(position)
    return index


def match(stored: Sequence[StoredEntry], originals: Originals) -> Matching:
    by_ns: dict[int, list[OriginalLine]] = defaultdict(list)
    for line in originals.lines:
        by_ns[line.first_ns].append(line)
        if line.last_ns != line.first_ns:
            by_ns[line.last_ns].append(line)
    by_text: dict[str, list[OriginalLine]] | None = None
    indexes: dict[tuple[ContainerKey, str], dict[str, list[int]]] = {}
    out = Matching()
    for index, entry in enumerate(stored):
        segments = entry.line.split("\n")
        candidates = by_ns.get(entry.timestamp_ns)
        if not candidates:
            if by_text is None:  # built only when a timestamp fails: a rare path
                by_text = defaultdict(list)
                for line in originals.lines:
                    by_text[line.text].append(line)
            candidates = by_text.get(segments[0])
        if not candidates:
            out.unknown.append(index)
            continue
        head = _choose(_narrow(candidates, entry), segments[0])
        per_stream = entry.labels.get("stream") in _STREAMS
        seq, position = originals.position(head, per_stream)
        if head.text != segments[0]:
            key = (head.key, head.stream if per_stream else "")
            index_of = indexes.get(key)
            if index_of is None:
                index_of = indexes[key] = _text_index(seq)
            start = _realign(seq, position, segments, index_of)
            if start != position:
                out.retimed_entries += 1
                position, head = start, seq[start]
        out.placements[head.id].append(Placement(index, 0))
        if len(segments) > 1:
            out.merged_entries += 1
            for k in range(1, min(len(segments), len(seq) - position)):
                out.placements[seq[position + k].id].append(Placement(index, k))
    return out


def marker_index(stored: Sequence[StoredEntry], markers: Iterable[str]) -> dict[str, list[int]]:
    """For each of `markers`, the stored entries whose line holds it."""
    wanted = set(markers)
    found: dict[str, list[int]] = defaultdict(list)
    for index, entry in enumerate(stored):
        line = entry.line
        if "lsm" not in line:
            continue
        for hit in _MARKER.finditer(line):
            marker = hit.group(1)
            if marker in wanted and (not found[marker] or found[marker][-1] != index):
                found[marker].append(index)
    return dict(found)
