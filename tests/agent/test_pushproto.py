"""The hand-written PushRequest must be the protobuf library's bytes, exactly."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sim.agent.pushproto import EntryWriter, encode_request, metadata_fields
from sim.loki.push.model import Entry, PushRequest, Stream
from sim.loki.push.proto import encode_push_request
from sim.protowire import varint

NS = 1_000_000_000
_TIMES = st.one_of(
    st.sampled_from([0, 1, -1, NS, -NS, NS - 1, 16383, 16384, 1 << 28, (1 << 30) + 5 * NS]),
    st.integers(-(1 << 63), (1 << 63) - 1),
    st.integers(1_700_000_000 * NS, 1_700_000_002 * NS),  # runs of one second
)
_TEXT = st.sampled_from(["", "a", "é", "\udc80\udcff", "k" * 200])
_ENTRIES = st.lists(
    st.tuples(
        _TIMES,
        st.one_of(st.binary(max_size=300), st.sampled_from([b"x" * 16384, b"y" * 70_000])),
        st.lists(st.tuples(_TEXT, _TEXT), max_size=2),
    ),
    max_size=5,
)


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(st.sampled_from(["", '{a="b"}', '{x="\udcff"}', '{app="é"}']), _ENTRIES))
def test_bytes_equal_the_protobuf_librarys(
    streams: dict[str, list[tuple[int, bytes, list[tuple[str, str]]]]],
) -> None:
    # sim/loki/push/proto.py encode_push_request (protobuf's upb) is the reference.
    writer = EntryWriter()
    pieces: dict[str, list[bytes]] = {}
    for labels, entries in streams.items():
        out = pieces[labels] = []
        for timestamp, line, metadata in entries:
            tail = metadata_fields(metadata)
            out += [writer.head(timestamp, len(line), len(tail)), line, tail]
    model = PushRequest(
        [
            Stream(labels, [Entry(t, line, tuple(meta)) for t, line, meta in entries])
            for labels, entries in streams.items()
        ]
    )
    assert encode_request(pieces) == encode_push_request(model)


def test_varint() -> None:
    # protobuf encoding: 7 bits a byte, low first; an int64 below 0 takes ten bytes.
    assert [varint(v) for v in (0, 127, 128, 300, 16384)] == [
        b"\x00",
        b"\x7f",
        b"\x80\x01",
        b"\xac\x02",
        b"\x80\x80\x01",
    ]
    assert varint(-1) == b"\xff" * 9 + b"\x01"
