"""A block read as columns: what a metric query that needs no line content reads.

`count_over_time`/`rate` need an entry's timestamp, `bytes_*` its line length, every query
its metadata (an entry's series) and the query stats need lengths and metadata sizes. This
reads those as columns, with no tuple or line object per entry: timestamps (stamps.py),
line lengths, and per entry the index (`ids`) of its metadata among the block's distinct
ones (`metas`, in first-seen order). The one Python loop left only hops from entry to
entry. A block it cannot read that way (a timestamp outside 1971-2116, a symbols section
that reads past its own bytes) is read by blockread.decode_entries, so the columns always
equal that reading.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Sequence
from contextlib import suppress
from dataclasses import dataclass
from itertools import islice
from operator import itemgetter, lt

from sim.loki.store.blockread import decode_entries
from sim.loki.store.head import NO_METADATA_SECTION, Entry, Metadata, Symbolizer
from sim.loki.store.stamps import nine_byte_stamps
from sim.loki.store.varint import Reader

_TS = itemgetter(0)
_LINE = itemgetter(1)
_METADATA = itemgetter(2)


@dataclass(frozen=True, slots=True)
class Columns:
    """Entries as columns; `increasing`: every timestamp above the one before it."""

    stamps: Sequence[int]
    lengths: Sequence[int]
    ids: Sequence[int]  # bytes while a block has at most 256 distinct metadata
    metas: tuple[Metadata, ...]
    increasing: bool

    def __len__(self) -> int:
        return len(self.stamps)

    def within(self, mint: int, maxt: int) -> Columns:
        """The entries with mint <= ts < maxt (bisected: only for increasing columns, the
        only ones a query reads as columns)."""
        if not self.increasing:
            return self
        low, high = bisect_left(self.stamps, mint), bisect_left(self.stamps, maxt)
        if low == 0 and high == len(self.stamps):
            return self
        stamps, lengths, ids = self.stamps, self.lengths, self.ids
        return Columns(stamps[low:high], lengths[low:high], ids[low:high], self.metas, True)

    def nbytes(self) -> int:
        """About what the columns hold in memory."""
        total = 200 + 64 * len(self.metas)
        for column in (self.stamps, self.lengths, self.ids):
            itemsize = column.itemsize if isinstance(column, array) else 40
            total += itemsize * len(column) if not isinstance(column, bytes) else len(column)
        return total


class _Numbering(dict[bytes, int]):
    """Distinct sections numbered in first-seen order."""

    def __missing__(self, key: bytes) -> int:
        number = self[key] = len(self)
        return number


def read_columns(raw: bytes, symbolizer: Symbolizer) -> Columns:
    """The columns of decode_entries(raw, symbolizer)."""
    walked = _walk(raw)
    if walked is not None:
        heads, lengths, sections = walked
        stamps = nine_byte_stamps(heads, raw[8])
        numbering = _Numbering()
        numbered = list(map(numbering.__getitem__, sections))
        metas = [_section(key, symbolizer) for key in numbering]
        if stamps is not None and None not in metas:
            return Columns(
                stamps[0],
                array("I", lengths),
                _ids(numbered, len(metas)),
                tuple(m for m in metas if m is not None),
                stamps[1],
            )
    return entry_columns(decode_entries(raw, symbolizer))


def entry_columns(entries: Sequence[Entry]) -> Columns:
    """Columns of entries at hand (a head block's, or a block read entry by entry)."""
    numbering: dict[Metadata, int] = {}
    numbered = [numbering.setdefault(meta, len(numbering)) for meta in map(_METADATA, entries)]
    stamps: Sequence[int] = list(map(_TS, entries))
    with suppress(OverflowError):  # a malformed varint read past 64 bits stays as read
        stamps = array("q", stamps)
    return Columns(
        stamps,
        array("I", map(len, map(_LINE, entries))),
        _ids(numbered, len(numbering)),
        tuple(numbering),
        _increasing(stamps),
    )


def _ids(numbered: list[int], distinct: int) -> Sequence[int]:
    return bytes(numbered) if distinct <= 256 else array("I", numbered)


def _increasing(stamps: Sequence[int]) -> bool:
    return all(map(lt, stamps, islice(stamps, 1, None)))


def _walk(raw: bytes) -> tuple[list[bytes], list[int], list[bytes]] | None:
    """Each entry's first eight timestamp bytes (its varint assumed nine bytes long, the
    ninth the same as the first entry's: stamps.py checks the rest), line length and symbols
    section; None where those assumptions cannot be followed to the block's end."""
    heads: list[bytes] = []
    lengths: list[int] = []
    sections: list[bytes] = []
    add_head, add_length, add_section = heads.append, lengths.append, sections.append
    pos, end = 0, len(raw)
    try:
        ninth = raw[8]
        while pos < end:
            at = pos + 8
            add_head(raw[pos:at])
            if raw[at] != ninth:
                return None
            length = raw[at + 1]
            if length < 0x80:
                at += 2
            elif raw[at + 2] < 0x80:  # lines of 128 bytes to 16 KiB
                length = (length & 0x7F) | raw[at + 2] << 7
                at += 3
            else:
                length, at = _uvarint(raw, at + 1)
            add_length(length)
            at += length
            size = raw[at]
            if size >= 0x80:  # sections of 128 bytes or more are read entry by entry
                return None
            pos = at + 1 + size
            add_section(raw[at:pos])
    except (IndexError, ValueError):
        return None
    return (heads, lengths, sections) if pos == end else None


def _uvarint(raw: bytes, pos: int) -> tuple[int, int]:
    """The uvarint at `pos` and where it ends."""
    reader = Reader(raw, pos)
    return reader.uvarint(), reader.pos


def _section(key: bytes, symbolizer: Symbolizer) -> Metadata | None:
    """The pairs of one symbols section; None unless they are read from its bytes alone."""
    if key == NO_METADATA_SECTION:
        return ()
    reader = Reader(key)
    try:
        reader.uvarint()
        symbols = [reader.uvarint() for _ in range(2 * reader.uvarint())]
    except (IndexError, ValueError):
        return None
    return symbolizer.lookup(symbols) if reader.pos == len(key) else None
