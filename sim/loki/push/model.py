"""What a push request carries once decoded: pkg/push/types.go's Stream and Entry.

A line is `bytes`, exactly as Go holds it: lengths are byte lengths, truncation cuts bytes,
and no UTF-8 validation happens on the way in (Loki performs none). Label and structured
metadata strings are `str`; bytes that are not UTF-8 survive as lone surrogates
("surrogateescape"), so they can be re-encoded unchanged.

A decoded stream may hold its entries as columns (timestamps, lines: entries without
metadata) until something asks for `entries`: then the Entry objects are made and the
columns dropped, so code that changes entries never leaves stale columns behind. The push
path's column code reads `columns` while it is set and never needs the objects.
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


PlainColumns = tuple[list[int], list[bytes]]  # timestamps and lines, no metadata


class Stream:
    """A label set as text (`{a="b"}`) and its entries; `hash` is wire field 3.

    `columns`, when set, holds the entries instead of `entries` (see the module text)."""

    __slots__ = ("_entries", "columns", "hash", "labels")

    def __init__(
        self,
        labels: str,
        entries: list[Entry] | None = None,
        hash: int = 0,
        *,
        columns: PlainColumns | None = None,
    ) -> None:
        self.labels = labels
        self.hash = hash
        self.columns = columns if entries is None else None
        self._entries = entries if entries is not None or columns is not None else []

    @property
    def entries(self) -> list[Entry]:
        if self._entries is None:
            self._entries = plain_entries(self.columns)
            self.columns = None
        return self._entries

    @entries.setter
    def entries(self, value: list[Entry]) -> None:
        self._entries, self.columns = value, None

    def entry_count(self) -> int:
        """len(entries), without making them."""
        return len(self.columns[0]) if self.columns is not None else len(self.entries)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Stream):
            return NotImplemented
        mine = (self.labels, self.entries, self.hash)
        return mine == (other.labels, other.entries, other.hash)

    __hash__ = None  # type: ignore[assignment]  # mutable, as the dataclass was

    def __repr__(self) -> str:
        return f"Stream(labels={self.labels!r}, entries={self.entries!r}, hash={self.hash!r})"


def plain_entries(columns: PlainColumns | None) -> list[Entry]:
    """Entry objects from (timestamps, lines) columns."""
    if columns is None:
        return []
    return list(map(Entry, *columns))


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
