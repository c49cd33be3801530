"""push.proto bodies through protobuf's upb backend, checked against the gogo-faithful codec.

Throughput measured while choosing the decoder (1 MiB of line bytes, 4351 entries of ~240
bytes in 20 streams, snappy-compressed, best of 20 on one core): upb-based ~210 MB/s of
line bytes, hand-written `wire.py` ~45 MB/s. No timing is asserted here.
"""

from __future__ import annotations

import random

import cramjam
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sim.loki.push import proto, wire
from sim.loki.push.model import Entry, PushRequest, Stream
from sim.loki.push.wire import ProtoDecodeError

S = 1_000_000_000
_text = st.text(max_size=20).map(
    lambda t: t.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
)
_entries = st.builds(
    Entry,
    st.integers(-62135596800 * S, 253402300799 * S),
    st.binary(max_size=50),
    st.lists(st.tuples(_text, _text), max_size=3).map(tuple),
)
_requests = st.builds(
    PushRequest,
    st.lists(
        st.builds(Stream, _text, st.lists(_entries, max_size=5), st.integers(0, 2**64 - 1)),
        max_size=4,
    ),
    _text,
)


@settings(max_examples=150, deadline=None)
@given(_requests)
def test_upb_and_gogo_codec_agree(request):
    body = proto.encode_push_request(request)
    assert body == wire.encode_push_request(request)
    assert proto.decode_push_request(body) == request == wire.decode_push_request(body)


def _batch(target: int = 1 << 20) -> tuple[PushRequest, int]:
    rnd = random.Random(7)
    words = b"GET POST /api/v1/users 200 500 level=info msg= duration=12ms error timeout".split()
    streams = [Stream(f'{{app="app{i}", namespace="ns{i % 4}"}}') for i in range(20)]
    stamp, total = 1_700_000_000 * S, 0
    while total < target:
        line = b" ".join(rnd.choice(words) for _ in range(rnd.randint(10, 60)))
        stamp += rnd.randint(1000, 1_000_000)
        rnd.choice(streams).entries.append(Entry(stamp, line))
        total += len(line)
    return PushRequest(streams), total


def test_one_mebibyte_snappy_batch_decodes_exactly():
    request, _ = _batch()
    body = proto.encode_snappy(request)
    assert proto.decode_push_request(proto.snappy_decode(body)) == request


def test_malformed_body_gets_the_gogo_text():
    # upb refuses, wire.py names the failure as Go does (io.ErrUnexpectedEOF)
    with pytest.raises(ProtoDecodeError, match=r"^unexpected EOF$"):
        proto.decode_push_request(b"\x0a\x05ab")


def test_timestamp_out_of_range_is_refused_on_the_fast_path():
    stamp = b"\x08\x01\x10" + b"\xff" * 9 + b"\x01"  # seconds 1, nanos -1 (int32 varint)
    entry = b"\x0a" + bytes([len(stamp)]) + stamp
    body = b"\x0a" + bytes([len(entry) + 2]) + b"\x12" + bytes([len(entry)]) + entry
    with pytest.raises(ProtoDecodeError, match="nanos not in range"):
        proto.decode_push_request(body)


@pytest.mark.parametrize(
    ("prefix", "expected"),
    # golang/snappy DecodedLen: a uvarint prefix; > 0xffffffff or unterminated is corrupt
    [(b"\x05abc", 5), (b"\x80\x01", 128), (b"\x00", 0)],
)
def test_snappy_declared_length(prefix, expected):
    assert proto.snappy_decoded_length(prefix) == expected


@pytest.mark.parametrize("body", [b"", b"\xff\xff\xff\xff\xff\xff", b"\xff\xff\xff\xff\x7f"])
def test_snappy_declared_length_corrupt(body):
    with pytest.raises(ProtoDecodeError, match=r"^snappy: corrupt input$"):
        proto.snappy_decoded_length(body)


def test_snappy_decode_error_text():
    with pytest.raises(ProtoDecodeError, match=r"^snappy: corrupt input$"):
        proto.snappy_decode(b"\x05abc")
    assert proto.snappy_decode(bytes(cramjam.snappy.compress_raw(b"hello"))) == b"hello"
