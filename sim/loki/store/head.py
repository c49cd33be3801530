"""A chunk's head block and symbolizer (pkg/chunkenc/unordered.go, symbols.go at v3.6.0).

Loki 3.x chunks use the unordered head block with structured metadata (schema v13, chunk
format V4). Facts it follows:

- An entry equal in timestamp *and* line to one already in this head block is a duplicate:
  not stored, and reported so (Append returns true). Entries sharing a timestamp keep their
  write order.
- The uncompressed size counts each line's bytes plus 8 per structured-metadata pair (two
  uint32 symbol references); the symbolizer counts each distinct name/value string once.
- A head block whose size is 0 is *empty*: it is neither cut into a block nor read, even if
  it holds entries with empty lines and no metadata (IsEmpty is `size == 0`).
- mint/maxt start at 0 and are updated with the size *before* the entry is added.
"""

from __future__ import annotations

import operator
from collections.abc import Iterator
from itertools import repeat

from sim.loki.store.varint import (
    Reader,
    byte_len,
    encode_str,
    interleave,
    uvarint,
    uvarint_columns,
    uvarint_columns_sorted,
    varint,
)

Metadata = tuple[tuple[str, str], ...]
Entry = tuple[int, bytes, Metadata]
NO_METADATA_SECTION = b"\x01\x00"  # uvarint(section length 1) + uvarint(0 symbols)


class Symbolizer:
    """Distinct structured-metadata strings of one chunk, numbered in first-seen order."""

    __slots__ = ("index", "labels", "size")

    def __init__(self) -> None:
        self.index: dict[str, int] = {}
        self.labels: list[str] = []
        self.size = 0

    def add(self, metadata: Metadata) -> None:
        index = self.index
        for name, value in metadata:
            for text in (name, value):
                if text not in index:
                    index[text] = len(self.labels)
                    self.labels.append(text)
                    self.size += byte_len(text)

    def section(self, metadata: Metadata) -> bytes:
        """An entry's symbols section as a block stores it: length, count, (name, value)s."""
        if not metadata:
            return NO_METADATA_SECTION
        index = self.index
        body = uvarint(len(metadata)) + b"".join(
            uvarint(index[name]) + uvarint(index[value]) for name, value in metadata
        )
        return uvarint(len(body)) + body

    def lookup(self, symbols: list[int]) -> Metadata:
        labels = self.labels
        count = len(labels)
        return tuple(
            (
                labels[symbols[i]] if symbols[i] < count else "",
                labels[symbols[i + 1]] if symbols[i + 1] < count else "",
            )
            for i in range(0, len(symbols), 2)
        )

    def plain_bytes(self) -> bytes:
        """The labels as uvarint-length-prefixed strings (CheckpointTo's body)."""
        return b"".join(uvarint(len(raw)) + raw for raw in map(encode_str, self.labels))

    @classmethod
    def from_plain(cls, count: int, reader: Reader) -> Symbolizer:
        symbolizer = cls()
        for _ in range(count):
            text = reader.uvarint_str()
            symbolizer.index.setdefault(text, len(symbolizer.labels))
            symbolizer.labels.append(text)
            symbolizer.size += byte_len(text)
        return symbolizer


class _Sections(dict[Metadata, bytes]):
    """A symbolizer's sections by metadata, each encoded once (a block's entries repeat a
    few)."""

    def __init__(self, symbolizer: Symbolizer) -> None:
        super().__init__()
        self.symbolizer = symbolizer

    def __missing__(self, metadata: Metadata) -> bytes:
        section = NO_METADATA_SECTION
        if metadata:
            section = self.symbolizer.section(metadata)
        self[metadata] = section
        return section


def section_column(symbolizer: Symbolizer, metas: list[Metadata]) -> Iterator[bytes]:
    """Each entry's symbols section (every symbol must have been added)."""
    return map(_Sections(symbolizer).__getitem__, metas)


def metadata_len(metadata: Metadata) -> int:
    """metaLabelsLen: name and value bytes, what SpaceFor adds for an entry's metadata."""
    return sum(byte_len(name) + byte_len(value) for name, value in metadata)


class HeadBlock:
    """unorderedHeadBlock: entries in arrival order, read back sorted by timestamp."""

    __slots__ = ("indexed", "lines", "maxt", "metas", "mint", "ordered", "seen", "size", "ts")

    def __init__(self) -> None:
        self.ts: list[int] = []
        self.lines: list[bytes] = []
        self.metas: list[Metadata] = []
        self.size = 0
        self.mint = 0
        self.maxt = 0
        self.ordered = True
        self.seen: dict[int, bytes | list[bytes]] = {}  # lines by timestamp, for duplicates
        # entries [0, indexed) are in `seen`; runs appended in bulk (bulk.py) are indexed
        # only when a duplicate check needs them: in time order, none can be a duplicate
        self.indexed = 0

    def index(self) -> dict[int, bytes | list[bytes]]:
        """`seen`, with every entry in it (the bulk-appended ones have timestamps after all
        others and distinct, so each is new to it)."""
        if self.indexed < len(self.ts):
            start = self.indexed
            self.seen.update(zip(self.ts[start:], self.lines[start:], strict=True))
            self.indexed = len(self.ts)
        return self.seen

    def __len__(self) -> int:
        return len(self.ts)

    def is_empty(self) -> bool:
        return self.size == 0

    def append(self, ts: int, line: bytes, metadata: Metadata, symbolizer: Symbolizer) -> bool:
        """Append; True when (ts, line) is already in this head block (nothing stored)."""
        seen = self.index()
        previous = seen.get(ts)
        if previous is None:
            seen[ts] = line
        elif isinstance(previous, bytes):
            if previous == line:
                return True
            seen[ts] = [previous, line]
        else:
            if line in previous:
                return True
            previous.append(line)
        if metadata:
            symbolizer.add(metadata)
        if self.size == 0 or self.mint > ts:
            self.mint = ts
        if self.maxt < ts:
            self.maxt = ts
        timestamps = self.ts
        if timestamps and ts < timestamps[-1]:
            self.ordered = False
        timestamps.append(ts)
        self.lines.append(line)
        self.metas.append(metadata)
        self.size += len(line) + 8 * len(metadata)
        self.indexed = len(timestamps)
        return False

    def order(self) -> list[int] | range:
        """Indexes in timestamp order, write order kept among equal timestamps."""
        if self.ordered:
            return range(len(self.ts))
        return sorted(range(len(self.ts)), key=self.ts.__getitem__)

    def entries(self, mint: int, maxt: int) -> list[Entry]:
        """Entries with mint <= ts < maxt in timestamp order; none while the block is empty."""
        if self.size == 0 or maxt < self.mint or self.maxt < mint:
            return []
        ts, lines, metas = self.ts, self.lines, self.metas
        return [(ts[i], lines[i], metas[i]) for i in self.order() if mint <= ts[i] < maxt]

    def serialise(self, symbolizer: Symbolizer) -> bytes:
        """The uncompressed bytes of a block cut from this head block (Serialise).

        Per entry: zig-zag varint timestamp, varint line length, line, symbols section;
        built column by column (varint columns, one section per distinct metadata).
        """
        ts, lines, metas = self.ts, self.lines, self.metas
        if not self.ordered:
            order = self.order()
            ts = [ts[i] for i in order]
            lines = [lines[i] for i in order]
            metas = [metas[i] for i in order]
        if ts and ts[0] >= 0:  # zig-zag of a timestamp >= 0 is ts << 1 (ts is in order here)
            stamps = uvarint_columns_sorted(list(map(operator.lshift, ts, repeat(1))))
        else:
            stamps = [list(map(varint, ts))]
        sections = list(section_column(symbolizer, metas))
        lengths = uvarint_columns(list(map(len, lines)))
        return b"".join(interleave([*stamps, *lengths, lines, sections]))

    def checkpoint_bytes(self, symbolizer: Symbolizer, head_format: int) -> bytes:
        """CheckpointTo: format byte, entry count, then sorted entries with their symbols."""
        if self.size == 0:
            return bytes([head_format]) + uvarint(len(self.ts))
        index = symbolizer.index
        parts = [bytes([head_format]), uvarint(len(self.ts))]
        for i in self.order():
            line = self.lines[i]
            parts += [varint(self.ts[i]), uvarint(len(line)), line, uvarint(len(self.metas[i]))]
            parts += [uvarint(index[n]) + uvarint(index[v]) for n, v in self.metas[i]]
        return b"".join(parts)

    def load_checkpoint(self, data: bytes, symbolizer: Symbolizer) -> None:
        """LoadBytes: re-append each entry, so sizes and duplicates are recomputed."""
        if not data:
            return
        reader = Reader(data)
        reader.byte()
        for _ in range(reader.uvarint()):
            if not reader.remaining():
                break  # an all-empty head wrote its count but no entries
            ts = reader.varint()
            line = reader.take(reader.uvarint())
            symbols = [reader.uvarint() for _ in range(2 * reader.uvarint())]
            self.append(ts, line, symbolizer.lookup(symbols), symbolizer)


def decode_block(raw: bytes, symbolizer: Symbolizer) -> Iterator[Entry]:
    """A block's entries (the V4 block layout written by `HeadBlock.serialise`)."""
    pos, end = 0, len(raw)
    while pos < end:
        # zig-zag varint timestamp, inlined: this loop is the scan path
        shift = value = 0
        while True:
            byte = raw[pos]
            pos += 1
            value |= (byte & 0x7F) << shift
            if byte < 0x80:
                break
            shift += 7
        ts = (value >> 1) ^ -(value & 1)
        length = raw[pos]
        pos += 1
        if length >= 0x80:
            length &= 0x7F
            shift = 7
            while True:
                byte = raw[pos]
                pos += 1
                length |= (byte & 0x7F) << shift
                if byte < 0x80:
                    break
                shift += 7
        line = raw[pos : pos + length]
        pos += length
        if raw[pos] == 1 and raw[pos + 1] == 0:
            pos += 2
            yield ts, line, ()
            continue
        reader = Reader(raw, pos)
        section_end = reader.uvarint()
        section_end += reader.pos
        symbols = [reader.uvarint() for _ in range(2 * reader.uvarint())]
        pos = section_end
        yield ts, line, symbolizer.lookup(symbols)
