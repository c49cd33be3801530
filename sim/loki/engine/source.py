"""Where the engine reads logs from: one seam, a Protocol, and an in-memory implementation.

    source = MemorySource()
    source.push("tenant", {"app": "api"}, [(ts_ns, b"line", (("trace_id", "abc"),))])
    for labels, entries in source.select("tenant", matchers, start_ns, end_ns, "backward"):
        ...

`select` yields every stream whose labels match all `matchers` (a missing label matches as
"") and that has entries in [start_ns, end_ns); its entries are (timestamp ns, line bytes,
structured metadata pairs) within that range, in `direction` order. Entries of one stream
with the same timestamp keep the order they were pushed in (reversed when backward).

A source may also offer `select_columns` (ColumnSource): the same streams and entries, forward,
as columns (EntryColumns) for metric queries that read no line content.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator, Mapping, Sequence
from typing import Literal, Protocol, runtime_checkable

from sim.loki.logql.matchers import Matcher

Metadata = tuple[tuple[str, str], ...]
Entry = tuple[int, bytes, Metadata]
Direction = Literal["forward", "backward"]
StreamEntries = tuple[Mapping[str, str], Iterator[Entry]]


class LogSource(Protocol):
    def select(
        self,
        tenant: str,
        matchers: Sequence[Matcher],
        start_ns: int,
        end_ns: int,
        direction: Direction,
    ) -> Iterator[StreamEntries]: ...


class EntryColumns(Protocol):
    """Entries as columns (sim/loki/store/blockcols.py): timestamps, line lengths, and per
    entry the index of its structured metadata in `metas`."""

    @property
    def stamps(self) -> Sequence[int]: ...
    @property
    def lengths(self) -> Sequence[int]: ...
    @property
    def ids(self) -> Sequence[int]: ...
    @property
    def metas(self) -> tuple[Metadata, ...]: ...


# a stream's entries as runs of columns whose timestamps, end to end, strictly increase;
# or, where they do not, as entries
StreamColumns = tuple[Mapping[str, str], Sequence[EntryColumns] | Iterator[Entry]]


@runtime_checkable
class ColumnSource(Protocol):
    """A LogSource that can also hand over entries as columns, for metric queries that
    read no line content: `select_columns` selects what `select` selects, forward."""

    def select_columns(
        self, tenant: str, matchers: Sequence[Matcher], start_ns: int, end_ns: int
    ) -> Iterator[StreamColumns]: ...


def matches_all(matchers: Sequence[Matcher], labels: Mapping[str, str]) -> bool:
    return all(m.matches(labels.get(m.name, "")) for m in matchers)


class _Stream:
    def __init__(self, labels: Mapping[str, str]) -> None:
        self.labels = dict(labels)
        self.timestamps: list[int] = []
        self.entries: list[Entry] = []
        self.sorted = True

    def add(self, entries: Sequence[Entry]) -> None:
        for entry in entries:
            if self.timestamps and entry[0] < self.timestamps[-1]:
                self.sorted = False
            self.timestamps.append(entry[0])
            self.entries.append(entry)

    def window(self, start: int, end: int, direction: Direction) -> list[Entry]:
        if not self.sorted:
            order = sorted(range(len(self.entries)), key=lambda i: self.entries[i][0])
            self.entries = [self.entries[i] for i in order]
            self.timestamps = [self.timestamps[i] for i in order]
            self.sorted = True
        lo = bisect.bisect_left(self.timestamps, start)
        hi = bisect.bisect_left(self.timestamps, end)
        chosen = self.entries[lo:hi]
        if direction == "backward":
            chosen.reverse()
        return chosen


class MemorySource:
    """Streams kept in memory per tenant; for tests and small embedded datasets."""

    def __init__(self) -> None:
        self.tenants: dict[str, dict[tuple[tuple[str, str], ...], _Stream]] = {}

    def push(
        self,
        tenant: str,
        labels: Mapping[str, str],
        entries: Sequence[tuple[int, bytes] | Entry],
    ) -> None:
        """Append entries to a stream (out of order entries are sorted when read)."""
        key = tuple(sorted(labels.items()))
        streams = self.tenants.setdefault(tenant, {})
        stream = streams.get(key)
        if stream is None:
            stream = streams[key] = _Stream(labels)
        stream.add([entry if len(entry) == 3 else (entry[0], entry[1], ()) for entry in entries])

    def select(
        self,
        tenant: str,
        matchers: Sequence[Matcher],
        start_ns: int,
        end_ns: int,
        direction: Direction,
    ) -> Iterator[StreamEntries]:
        for stream in self.tenants.get(tenant, {}).values():
            if not matches_all(matchers, stream.labels):
                continue
            chosen = stream.window(start_ns, end_ns, direction)
            if chosen:
                yield stream.labels, iter(chosen)
