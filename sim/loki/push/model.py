"""What a push request carries once decoded: pkg/push/types.go's Stream and Entry.

A line is `bytes`, exactly as Go holds it: lengths are byte lengths, truncation cuts bytes,
and no UTF-8 validation happens on the way in (Loki performs none). Label and structured
metadata strings are `str`; bytes that are not UTF-8 survive as lone surrogates
("surrogateescape"), so they can be re-encoded unchanged.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass, field

from sim.loki.push.gofmt import go_byte_len

# time.Time{} (year 1) as Unix nanoseconds: what Go holds when a JSON entry has no timestamp
GO_ZERO_TIME_NS = -62135596800 * 1_000_000_000

Metadata = tuple[tuple[str, str], ...]


@dataclass(slots=True)
class Entry:
    """One log entry: Unix-nanosecond timestamp, raw line, structured metadata pairs."""

    timestamp: int
    line: bytes
    metadata: Metadata = ()


@dataclass(slots=True)
class Stream:
    """A label set as text (`{a="b"}`) and its entries; `hash` is wire field 3."""

    labels: str
    entries: list[Entry] = field(default_factory=list)
    hash: int = 0


@dataclass(slots=True)
class PushRequest:
    """pkg/push PushRequest: the streams, and the `format` field Loki sets internally."""

    streams: list[Stream] = field(default_factory=list)
    format: str = ""


def metadata_size(metadata: Metadata) -> int:
    """util.StructuredMetadataSize: name+value bytes, `detected_level` excluded."""
    size = 0
    for name, value in metadata:
        if name == "detected_level":
            continue
        size += go_byte_len(name) + go_byte_len(value)
    return size


def entry_size(entry: Entry) -> int:
    """util.EntryTotalSize: line bytes plus structured metadata bytes."""
    if not entry.metadata:
        return len(entry.line)
    return len(entry.line) + metadata_size(entry.metadata)


def entries_size(entries: list[Entry]) -> int:
    """util.EntriesTotalSize (by column: entries share their metadata tuples, so each
    distinct one is measured once)."""
    total = sum(map(len, map(_LINE, entries)))
    metas = list(map(_METADATA, entries))
    distinct = dict(zip(map(id, metas), metas, strict=True))
    if len(distinct) == 1:
        return total + len(metas) * metadata_size(metas[0]) if metas else total
    sizes = {key: metadata_size(meta) for key, meta in distinct.items()}
    return total + sum(map(sizes.__getitem__, map(id, metas)))


_LINE, _METADATA = map(operator.attrgetter, ("line", "metadata"))
