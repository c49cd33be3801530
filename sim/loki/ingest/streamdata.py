"""A stream's entries on their way from the distributor to the store: as Entry objects, or
as columns (timestamps, lines, metadata) from which the objects are made only if asked for.

The push path hands columns on when it had them (a clean push); what reads `entries` gets
the same entries either way, and equality compares entries, so the two are interchangeable.
"""

from __future__ import annotations

from sim.loki.push.model import Entry, Metadata

Columns = tuple[list[int], list[bytes], list[Metadata]]


def column_entries(columns: Columns | None) -> list[Entry]:
    """Entry objects from (timestamps, lines, metadata) columns."""
    return list(map(Entry, *columns)) if columns is not None else []


class PushStream:
    """One stream as the distributor sends it: identity, base (unsharded) identity, entries.

    When the distributor had the entries as columns, `columns` holds them (and `size` their
    total size), and `entries` is made from them when first read."""

    __slots__ = ("_entries", "base_labels", "columns", "labels", "size")

    def __init__(
        self,
        labels: str,
        base_labels: str,
        entries: list[Entry] | None,
        columns: Columns | None = None,
        size: int | None = None,
    ) -> None:
        self.labels = labels
        self.base_labels = base_labels
        self._entries = entries if entries is not None or columns is not None else []
        self.columns = columns
        self.size = size

    @property
    def entries(self) -> list[Entry]:
        if self._entries is None:
            self._entries = column_entries(self.columns)
        return self._entries

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, PushStream):
            return NotImplemented
        mine = (self.labels, self.base_labels, self.entries)
        return mine == (other.labels, other.base_labels, other.entries)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        shown = f"labels={self.labels!r}, base_labels={self.base_labels!r}"
        return f"PushStream({shown}, entries={self.entries!r})"


class StoredStream:
    """Entries the ingester accepted for one stream, in arrival order.

    `labels` is the stream's identity in the ingester (a shard stream carries its
    `__stream_shard__` label). Entries identical in timestamp and line to one already held by
    the stream are included here (the ingester counts them as written); chunk storage keeps
    one copy of such an entry. When the push path had the entries as columns (timestamps,
    lines, metadata), `columns` holds them and `entries` is made from them when first read.
    """

    __slots__ = ("_entries", "columns", "labels")

    def __init__(
        self, labels: str, entries: list[Entry] | None, columns: Columns | None = None
    ) -> None:
        self.labels = labels
        self._entries = entries if entries is not None or columns is not None else []
        self.columns = columns

    @property
    def entries(self) -> list[Entry]:
        if self._entries is None:
            self._entries = column_entries(self.columns)
        return self._entries

    def entry_count(self) -> int:
        if self._entries is None and self.columns is not None:
            return len(self.columns[0])
        return len(self.entries)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, StoredStream):
            return NotImplemented
        return (self.labels, self.entries) == (other.labels, other.entries)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"StoredStream(labels={self.labels!r}, entries={self.entries!r})"
