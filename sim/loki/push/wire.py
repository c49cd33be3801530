"""A hand-written protobuf wire codec for pkg/push/push.proto, with gogo-protobuf's errors.

Decoding follows the Unmarshal methods of pkg/push/types.go (Stream, Entry, LabelsAdapter)
and push.pb.go (PushRequest): unknown fields are skipped, nothing is UTF-8 validated, and a
malformed message fails with the text Go returns (including types.go's copy-paste quirk of
naming field 1 of StreamAdapter `StructuredMetadata`). Timestamps are checked as
pkg/push/timestamp.go validateTimestamp does.
"""

from __future__ import annotations

from sim.loki import messages as msg
from sim.loki.push.model import Entry, PushRequest, Stream
from sim.protowire import length_delimited, varint

_MIN_VALID_SECONDS = -62135596800  # 0001-01-01
_MAX_VALID_SECONDS = 253402300800  # 10000-01-01
_NS = 1_000_000_000


class ProtoDecodeError(ValueError):
    """The body is not a valid push.proto PushRequest; str() is Go's error text."""


def _signed64(value: int) -> int:
    return value - (1 << 64) if value >= 1 << 63 else value


class _Reader:
    __slots__ = ("data", "end", "pos")

    def __init__(self, data: bytes, pos: int, end: int) -> None:
        self.data = data
        self.pos = pos
        self.end = end

    def varint(self) -> int:
        data, pos, end = self.data, self.pos, self.end
        result = 0
        shift = 0
        while True:
            if shift >= 64:
                raise ProtoDecodeError(msg.ERR_INT_OVERFLOW_PUSH)
            if pos >= end:
                raise ProtoDecodeError(msg.ERR_UNEXPECTED_EOF)
            byte = data[pos]
            pos += 1
            result |= (byte & 0x7F) << shift
            if byte < 0x80:
                break
            shift += 7
        self.pos = pos
        return result & 0xFFFFFFFFFFFFFFFF

    def tag(self, message: str) -> tuple[int, int, int]:
        wire = self.varint()
        field = wire >> 3 & 0xFFFFFFFF
        field = field - (1 << 32) if field >= 1 << 31 else field
        wire_type = wire & 7
        if wire_type == 4:
            raise ProtoDecodeError(msg.go_format(msg.PROTO_WIRETYPE_END_GROUP, message))
        if field <= 0:
            raise ProtoDecodeError(msg.go_format(msg.PROTO_ILLEGAL_TAG, message, field, wire))
        return field, wire_type, wire

    def length_delimited(self) -> tuple[int, int]:
        length = _signed64(self.varint())
        if length < 0:
            raise ProtoDecodeError(msg.ERR_INVALID_LENGTH_PUSH)
        start = self.pos
        stop = start + length
        if stop > self.end:
            raise ProtoDecodeError(msg.ERR_UNEXPECTED_EOF)
        self.pos = stop
        return start, stop

    def skip(self, wire_type: int) -> None:
        if wire_type == 0:
            self.varint()
        elif wire_type == 1:
            self.pos += 8
        elif wire_type == 5:
            self.pos += 4
        elif wire_type == 2:
            self.length_delimited()
        elif wire_type == 3:
            self._skip_group()
        else:
            raise ProtoDecodeError(f"proto: illegal wireType {wire_type}")
        if self.pos > self.end:
            raise ProtoDecodeError(msg.ERR_UNEXPECTED_EOF)

    def _skip_group(self) -> None:
        while True:
            inner = self.varint() & 7
            if inner == 4:
                return
            self.skip(inner)


def _expect(wire_type: int, wanted: int, field: str) -> None:
    if wire_type != wanted:
        raise ProtoDecodeError(msg.go_format(msg.PROTO_WRONG_WIRE_TYPE, wire_type, field))


def _text(raw: bytes) -> str:
    return raw.decode("utf-8", "surrogateescape")


def decode_push_request(data: bytes) -> PushRequest:
    """Decode an uncompressed PushRequest exactly as Loki's gogo code does."""
    reader = _Reader(data, 0, len(data))
    request = PushRequest()
    while reader.pos < reader.end:
        field, wire_type, _ = reader.tag("PushRequest")
        if field == 1:
            _expect(wire_type, 2, "Streams")
            start, stop = reader.length_delimited()
            request.streams.append(_decode_stream(data, start, stop))
        elif field == 2:
            _expect(wire_type, 2, "Format")
            start, stop = reader.length_delimited()
            request.format = _text(data[start:stop])
        else:
            reader.skip(wire_type)
    return request


def _decode_stream(data: bytes, pos: int, end: int) -> Stream:
    reader = _Reader(data, pos, end)
    stream = Stream(labels="")
    entries = stream.entries
    while reader.pos < end:
        field, wire_type, _ = reader.tag("StreamAdapter")
        if field == 1:
            _expect(wire_type, 2, "StructuredMetadata")  # sic: pkg/push/types.go
            start, stop = reader.length_delimited()
            stream.labels = _text(data[start:stop])
        elif field == 2:
            _expect(wire_type, 2, "Entries")
            start, stop = reader.length_delimited()
            entries.append(_decode_entry(data, start, stop))
        elif field == 3:
            _expect(wire_type, 0, "Hash")
            stream.hash = reader.varint()
        else:
            reader.skip(wire_type)
    return stream


def _decode_entry(data: bytes, pos: int, end: int) -> Entry:
    reader = _Reader(data, pos, end)
    timestamp = 0
    line = b""
    metadata: list[tuple[str, str]] = []
    while reader.pos < end:
        field, wire_type, _ = reader.tag("EntryAdapter")
        if field == 1:
            _expect(wire_type, 2, "Timestamp")
            start, stop = reader.length_delimited()
            timestamp = _decode_timestamp(data, start, stop)
        elif field == 2:
            _expect(wire_type, 2, "Line")
            start, stop = reader.length_delimited()
            line = data[start:stop]
        elif field == 3:
            _expect(wire_type, 2, "StructuredMetadata")
            start, stop = reader.length_delimited()
            metadata.append(_decode_label_pair(data, start, stop))
        elif field == 4:
            _expect(wire_type, 2, "Parsed")
            reader.length_delimited()  # query-side only; the write path never keeps it
        else:
            reader.skip(wire_type)
    return Entry(timestamp, line, tuple(metadata))


def _decode_label_pair(data: bytes, pos: int, end: int) -> tuple[str, str]:
    reader = _Reader(data, pos, end)
    name = value = ""
    while reader.pos < end:
        field, wire_type, _ = reader.tag("LabelPairAdapter")
        if field == 1:
            _expect(wire_type, 2, "Name")
            start, stop = reader.length_delimited()
            name = _text(data[start:stop])
        elif field == 2:
            _expect(wire_type, 2, "Value")
            start, stop = reader.length_delimited()
            value = _text(data[start:stop])
        else:
            reader.skip(wire_type)
    return name, value


def _decode_timestamp(data: bytes, pos: int, end: int) -> int:
    reader = _Reader(data, pos, end)
    seconds = nanos = 0
    while reader.pos < end:
        field, wire_type, _ = reader.tag("Timestamp")
        if field == 1:
            _expect(wire_type, 0, "Seconds")
            seconds = _signed64(reader.varint())
        elif field == 2:
            _expect(wire_type, 0, "Nanos")
            raw = reader.varint() & 0xFFFFFFFF
            nanos = raw - (1 << 32) if raw >= 1 << 31 else raw
        else:
            reader.skip(wire_type)
    check_timestamp(seconds, nanos)
    return seconds * _NS + nanos


def check_timestamp(seconds: int, nanos: int) -> None:
    """pkg/push/timestamp.go validateTimestamp."""
    shown = f"&types.Timestamp{{Seconds: {seconds},\nNanos: {nanos},\n}}"
    if seconds < _MIN_VALID_SECONDS:
        raise ProtoDecodeError(msg.go_format(msg.TIMESTAMP_BEFORE_MIN, shown))
    if seconds >= _MAX_VALID_SECONDS:
        raise ProtoDecodeError(msg.go_format(msg.TIMESTAMP_AFTER_MAX, shown))
    if nanos < 0 or nanos >= _NS:
        raise ProtoDecodeError(msg.go_format(msg.TIMESTAMP_NANOS_RANGE, shown))


# --- encoding ------------------------------------------------------------------------


def _encode_entry(entry: Entry) -> bytes:
    seconds, nanos = divmod(entry.timestamp, _NS)
    stamp = b""
    if seconds:
        stamp += b"\x08" + varint(seconds)
    if nanos:
        stamp += b"\x10" + varint(nanos)
    out = length_delimited(1, stamp)
    if entry.line:
        out += length_delimited(2, entry.line)
    for name, value in entry.metadata:
        pair = b""
        if name:
            pair += length_delimited(1, name.encode("utf-8", "surrogateescape"))
        if value:
            pair += length_delimited(2, value.encode("utf-8", "surrogateescape"))
        out += length_delimited(3, pair)
    return out


def encode_push_request(request: PushRequest) -> bytes:
    """Serialize a PushRequest as Promtail's client does (no compression)."""
    parts: list[bytes] = []
    for stream in request.streams:
        body = b""
        if stream.labels:
            body += length_delimited(1, stream.labels.encode("utf-8", "surrogateescape"))
        body += b"".join(length_delimited(2, _encode_entry(entry)) for entry in stream.entries)
        if stream.hash:
            body += b"\x18" + varint(stream.hash)
        parts.append(length_delimited(1, body))
    if request.format:
        parts.append(length_delimited(2, request.format.encode()))
    return b"".join(parts)
