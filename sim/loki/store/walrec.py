"""What Loki's WAL records hold (pkg/ingester/wal/encoding.go, checkpoint.go at v3.6.0).

Per push request and tenant the ingester logs a *series* record for each stream it created
(fingerprint and labels), then one *entries* record (type WALRecordEntriesV3): for each
stream its fingerprint, the stream's entry counter after the push, and the stored entries
(timestamps as deltas to the record's first one, lines, structured metadata). A checkpoint
record carries a whole stream: labels, chunks with their flush state, last line, entry
counter and highest timestamp. The layouts below follow Loki's field order; the series and
checkpoint bodies are this project's own (Loki uses Prometheus' series encoding and protobuf).
"""

from __future__ import annotations

import operator
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import repeat

from sim.loki.store.head import Entry, Metadata
from sim.loki.store.varint import (
    Reader,
    be64,
    encode_str,
    interleave,
    uvarint,
    uvarint_columns,
    uvarint_str,
    varint,
)

RECORD_SERIES = 1
RECORD_ENTRIES_V1 = 2
RECORD_CHECKPOINT = 3
RECORD_ENTRIES_V2 = 4
RECORD_ENTRIES_V3 = 5
_NO_METADATA = b"\x00"
_TS, _LINE, _METADATA = (operator.itemgetter(i) for i in range(3))


class RecordError(ValueError):
    """A WAL record that does not decode (Loki logs it and carries on with the next)."""


@dataclass(slots=True)
class RefEntries:
    ref: int
    counter: int
    entries: list[Entry]


@dataclass(slots=True)
class RefColumns:
    """RefEntries with the entries as columns (what the push path has at hand)."""

    ref: int
    counter: int
    stamps: list[int]
    lines: list[bytes]
    metas: list[Metadata]
    line_lengths: list[int]


@dataclass(slots=True)
class WALRecord:
    tenant: str
    series: list[tuple[int, str]] = field(default_factory=list)  # (fingerprint, labels)
    entries: list[RefEntries] = field(default_factory=list)


def encode_series(tenant: str, series: list[tuple[int, str]]) -> bytes:
    parts = [bytes([RECORD_SERIES]), uvarint_str(encode_str(tenant)), uvarint(len(series))]
    for ref, labels in series:
        parts += [be64(ref), uvarint_str(encode_str(labels))]
    return b"".join(parts)


def _metadata(metadata: Metadata) -> bytes:
    parts = [uvarint(len(metadata))]
    for name, value in metadata:
        parts += [uvarint_str(encode_str(name)), uvarint_str(encode_str(value))]
    return b"".join(parts)


class _Encoded(dict[Metadata, bytes]):
    """Metadata as an entries record writes it, each distinct one encoded once (pushes
    repeat a few: discovery adds one shared pair per level)."""

    def __missing__(self, metadata: Metadata) -> bytes:
        if len(self) >= 4096:
            self.clear()
        encoded = self[metadata] = _metadata(metadata) if metadata else _NO_METADATA
        return encoded


_ENCODED = _Encoded()


def encode_entries(tenant: str, refs: Sequence[RefEntries | RefColumns]) -> bytes:
    """Record.EncodeEntries(WALRecordEntriesV3): the hot path of every push.

    Per entry: zig-zag varint of the timestamp's delta to the first, varint line length,
    line, metadata; built column by column (varint columns, one encoding per distinct
    metadata object).
    """
    columns = [_columns(ref) for ref in refs]
    first = next((stamps[0] for _, _, stamps, _, _, _ in columns if stamps), 0)
    parts = [bytes([RECORD_ENTRIES_V3]), uvarint_str(encode_str(tenant)), be64(first)]
    for ref, counter, stamps, lines, metas, lengths in columns:
        if not stamps:
            continue
        parts += (be64(ref), be64(counter), uvarint(len(stamps)))
        deltas = list(map(operator.sub, stamps, repeat(first)))
        if min(deltas) >= 0:  # zig-zag of a delta >= 0 is delta << 1
            encoded = uvarint_columns(list(map(operator.lshift, deltas, repeat(1))))
        else:
            encoded = [list(map(varint, deltas))]
        sections = list(map(_ENCODED.__getitem__, metas))
        parts += interleave([*encoded, *uvarint_columns(lengths), lines, sections])
    return b"".join(parts)


Columns = tuple[int, int, list[int], list[bytes], list[Metadata], list[int]]


def _columns(ref: RefEntries | RefColumns) -> Columns:
    if isinstance(ref, RefColumns):
        return ref.ref, ref.counter, ref.stamps, ref.lines, ref.metas, ref.line_lengths
    entries = ref.entries
    lines = list(map(_LINE, entries))
    stamps, metas = list(map(_TS, entries)), list(map(_METADATA, entries))
    return ref.ref, ref.counter, stamps, lines, metas, list(map(len, lines))


def decode_record(data: bytes) -> WALRecord:
    """wal.DecodeRecord: a series or entries record."""
    try:
        reader = Reader(data)
        kind = reader.byte()
        if kind == RECORD_SERIES:
            record = WALRecord(reader.uvarint_str())
            for _ in range(reader.uvarint()):
                record.series.append((reader.be64(), reader.uvarint_str()))
            return record
        if kind == RECORD_ENTRIES_V3:
            record = WALRecord(reader.uvarint_str())
            record.entries = list(_decode_entries(reader))
            return record
    except ValueError as error:  # DecodeError, UnicodeError
        raise RecordError(str(error)) from error
    raise RecordError("unknown record type")


def _decode_entries(reader: Reader) -> Iterator[RefEntries]:
    first = reader.be64_signed()
    while reader.remaining():
        ref, counter = reader.be64(), reader.be64_signed()
        entries: list[Entry] = []
        for _ in range(reader.uvarint()):
            ts = first + reader.varint()
            line = reader.take(reader.uvarint())
            count = reader.uvarint()
            metadata: Metadata = ()
            if count:
                metadata = tuple((reader.uvarint_str(), reader.uvarint_str()) for _ in range(count))
            entries.append((ts, line, metadata))
        yield RefEntries(ref, counter, entries)
