"""Reading a block's entries back: head.decode_block's answer, built faster.

This is the query path's inner loop. Two things make it cheaper than a varint loop per
byte: a timestamp of any time from 1971 to 2116 is a 9-byte varint, decoded by one 8-byte
read and three mask-and-shift steps; and an entry's symbols section is looked up by its
bytes (entries of a block share a few), so each distinct one is decoded once.
"""

from __future__ import annotations

import struct

from sim.loki.store.head import NO_METADATA_SECTION, Entry, Metadata, Symbolizer
from sim.loki.store.varint import Reader

_U64 = struct.Struct("<Q")
_CONTINUED = 0x8080808080808080  # the continuation bit of eight varint bytes


def decode_entries(raw: bytes, symbolizer: Symbolizer) -> list[Entry]:
    """list(decode_block(raw, symbolizer))."""
    out: list[Entry] = []
    append = out.append
    unpack = _U64.unpack_from
    sections: dict[bytes, Metadata] = {NO_METADATA_SECTION: ()}
    pos, end = 0, len(raw)
    while pos < end:
        bits = unpack(raw, pos)[0] if pos + 9 <= end else 0
        if bits & _CONTINUED == _CONTINUED and raw[pos + 8] < 0x80:
            bits = ((bits & 0x7F007F007F007F00) >> 1) | (bits & 0x007F007F007F007F)
            bits = ((bits & 0x3FFF00003FFF0000) >> 2) | (bits & 0x00003FFF00003FFF)
            value = ((bits & 0x0FFFFFFF00000000) >> 4) | (bits & 0x0FFFFFFF) | raw[pos + 8] << 56
            pos += 9
        else:
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
            byte = raw[pos]
            pos += 1
            length = (length & 0x7F) | (byte & 0x7F) << 7
            shift = 14
            while byte >= 0x80:
                byte = raw[pos]
                pos += 1
                length |= (byte & 0x7F) << shift
                shift += 7
        line = raw[pos : pos + length]
        pos += length
        size = raw[pos]
        if size < 0x80:  # a short section: known by its bytes once read
            after = pos + 1 + size
            metadata = sections.get(raw[pos:after])
            if metadata is not None:
                pos = after
                append((ts, line, metadata))
                continue
        section_end, metadata, exact = _section(raw, pos, symbolizer)
        if size < 0x80 and exact:  # read from its own bytes only: the same bytes read the same
            sections[raw[pos:section_end]] = metadata
        pos = section_end
        append((ts, line, metadata))
    return out


def _section(raw: bytes, pos: int, symbolizer: Symbolizer) -> tuple[int, Metadata, bool]:
    """decode_block's reading of a symbols section at `pos`: where it ends, the pairs, and
    whether reading them stopped at its end."""
    reader = Reader(raw, pos)
    section_end = reader.uvarint()
    section_end += reader.pos
    symbols = [reader.uvarint() for _ in range(2 * reader.uvarint())]
    return section_end, symbolizer.lookup(symbols), reader.pos == section_end
