"""The hand-written push.proto codec: gogo-protobuf's decoding and its error texts."""

from __future__ import annotations

import pytest

from sim.loki.push.model import Entry, PushRequest, Stream
from sim.loki.push.wire import ProtoDecodeError, decode_push_request, encode_push_request

S = 1_000_000_000


def _varint(value: int) -> bytes:
    out = bytearray()
    while value >= 0x80:
        out.append(value & 0x7F | 0x80)
        value >>= 7
    out.append(value)
    return bytes(out)


def _field(number: int, payload: bytes) -> bytes:
    return _varint(number << 3 | 2) + _varint(len(payload)) + payload


def _entry(seconds: int, nanos: int, line: bytes) -> bytes:
    stamp = b"\x08" + _varint(seconds & (2**64 - 1)) + b"\x10" + _varint(nanos & (2**64 - 1))
    return _field(1, stamp) + _field(2, line)


def test_round_trip():
    request = PushRequest(
        [Stream('{a="b"}', [Entry(5 * S + 7, b"line", (("trace_id", "x"),)), Entry(0, b"")])]
    )
    assert decode_push_request(encode_push_request(request)) == request


def test_nothing_is_utf8_validated():
    # pkg/push/types.go Unmarshal copies bytes into Go strings without checks
    body = _field(1, _field(1, b'{a="\xff"}') + _field(2, _entry(1, 0, b"\xc3\x28")))
    stream = decode_push_request(body).streams[0]
    assert stream.entries[0].line == b"\xc3\x28"
    assert stream.labels.encode("utf-8", "surrogateescape") == b'{a="\xff"}'


def test_unknown_fields_are_skipped():
    # types.go / push.pb.go: default case calls skipPush
    body = _field(1, _field(1, b"{}") + _field(9, b"junk") + b"\x50\x01") + b"\x28\x07"
    assert decode_push_request(body) == PushRequest([Stream("{}")])


@pytest.mark.parametrize(
    ("body", "error"),
    [
        # io.ErrUnexpectedEOF: a length beyond the buffer
        (b"\x0a\x05ab", "unexpected EOF"),
        (b"\x0a", "unexpected EOF"),
        # push.pb.go PushRequest.Unmarshal: field number 0
        (b"\x00", "proto: PushRequest: illegal tag 0 (wire type 0)"),
        (b"\x0c", "proto: PushRequest: wiretype end group for non-group"),
        (b"\x08\x01", "proto: wrong wireType = 0 for field Streams"),
        # pkg/push/types.go Stream.Unmarshal names field 1 "StructuredMetadata" (sic)
        (_field(1, b"\x08\x01"), "proto: wrong wireType = 0 for field StructuredMetadata"),
        (_field(1, b"\x18" + b"\xff" * 10 + b"\x01"), "proto: integer overflow"),
        (_field(1, _field(2, b"\x10\x01")), "proto: wrong wireType = 0 for field Line"),
        (_field(1, _field(2, b"\x0c")), "proto: EntryAdapter: wiretype end group for non-group"),
        # pkg/push/timestamp.go validateTimestamp, formatTimestamp's %#v-like text
        (
            _field(1, _field(2, _entry(1, -1, b"x"))),
            "timestamp: &types.Timestamp{Seconds: 1,\nNanos: -1,\n}: nanos not in range [0, 1e9)",
        ),
        (
            _field(1, _field(2, _entry(253402300800, 0, b"x"))),
            "timestamp: &types.Timestamp{Seconds: 253402300800,\nNanos: 0,\n} after 10000-01-01",
        ),
        (
            _field(1, _field(2, _entry(-62135596801, 0, b"x"))),
            "timestamp: &types.Timestamp{Seconds: -62135596801,\nNanos: 0,\n} before 0001-01-01",
        ),
    ],
)
def test_errors_are_gogo_texts(body, error):
    with pytest.raises(ProtoDecodeError) as caught:
        decode_push_request(body)
    assert str(caught.value) == error
