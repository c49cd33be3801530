"""A PushRequest (Loki's pkg/push/push.proto) written by hand, entry by entry as batched.

Setting fields through the protobuf runtime costs more per entry than all the rest of the
client; the few fields Promtail sets are simple to write directly. The bytes are exactly
those of the protobuf library (tests compare them with sim.loki.push.proto): fields in
number order, proto3 defaults (0, empty) left out, an entry's timestamp always present.

An entry is kept as the bytes before its line (`EntryWriter.head`: the stream's field-2
tag and length, the timestamp, the line's tag and length), the line, and for structured
metadata the bytes after it (`metadata_fields`).
"""

from __future__ import annotations

from collections.abc import Iterable

from sim.protowire import varint

_NS = 1_000_000_000
_SMALL = [bytes([n]) if n < 0x80 else bytes([n & 0x7F | 0x80, n >> 7]) for n in range(1 << 14)]
_LOW14 = [bytes([n & 0x7F | 0x80, n >> 7 & 0x7F | 0x80]) for n in range(1 << 14)]  # more follow


def _bytes_field(tag: bytes, data: bytes) -> bytes:
    return tag + varint(len(data)) + data if data else b""


def metadata_fields(metadata: Iterable[tuple[str, str]]) -> bytes:
    """EntryAdapter field 3: one LabelPairAdapter per pair (an empty pair is still one)."""
    out = []
    for name, value in metadata:
        pair = _bytes_field(b"\x0a", name.encode("utf-8", "surrogateescape")) + _bytes_field(
            b"\x12", value.encode("utf-8", "surrogateescape")
        )
        out.append(b"\x1a" + varint(len(pair)) + pair)
    return b"".join(out)


class EntryWriter:
    """Writes entry heads; consecutive entries mostly share their second, kept here."""

    __slots__ = ("_second", "_second_field")

    def __init__(self) -> None:
        self._second = 0
        self._second_field = b""  # Timestamp field 1 of that second (none for 0)

    def head(self, timestamp_ns: int, line_len: int, tail_len: int = 0) -> bytes:
        """StreamAdapter field 2 up to the line: tag, length, timestamp, the line's tag and
        length (none for an empty line); `tail_len` bytes of metadata follow the line."""
        second, nanos = divmod(timestamp_ns, _NS)
        if second != self._second:
            self._second = second
            self._second_field = b"\x08" + varint(second)
        stamp = self._second_field if second else b""
        if nanos:
            if nanos < 1 << 14:
                stamp += b"\x10" + _SMALL[nanos]
            else:  # nanos < 2**30: 14 low bits, then at most 16 more
                high = nanos >> 14
                rest = (
                    _SMALL[high] if high < 1 << 14 else _LOW14[high & 0x3FFF] + _SMALL[high >> 14]
                )
                stamp += b"\x10" + _LOW14[nanos & 0x3FFF] + rest
        line_field = (b"\x12" + varint(line_len)) if line_len else b""
        size = 2 + len(stamp) + len(line_field) + line_len + tail_len
        return b"\x12" + varint(size) + b"\x0a" + _SMALL[len(stamp)] + stamp + line_field


def encode_request(streams: dict[str, list[bytes]]) -> bytes:
    """The PushRequest of these streams (label text -> their entries' pieces, in order)."""
    out: list[bytes] = []
    for labels, pieces in streams.items():
        head = _bytes_field(b"\x0a", labels.encode("utf-8", "surrogateescape"))
        size = len(head) + sum(map(len, pieces))
        out.append(b"\x0a" + varint(size) + head)
        out.extend(pieces)
    return b"".join(out)
