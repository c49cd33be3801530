"""PushRequest bodies read as columns (sim/loki/push/protocols.py) give what reading them
entry by entry gives (proto.py's entry path, itself checked against the gogo-faithful
wire.py in test_proto.py), on any body: canonical ones, and bodies with repeated, missing,
unknown, mistyped or out-of-range fields, which must be read (or refused) exactly as before.
Field layout: pkg/push/push.proto (v3.6.0)."""

from __future__ import annotations

import pytest
from google.protobuf import message
from hypothesis import given, settings
from hypothesis import strategies as st

from sim.loki.push import proto, wire
from sim.loki.push.model import Entry, PushRequest, Stream
from sim.loki.push.wire import ProtoDecodeError
from sim.protowire import varint

S = 1_000_000_000
_varint = varint


def _reference(data: bytes) -> PushRequest:
    """decode_push_request as it was: every stream entry by entry."""
    try:
        parsed = proto._PushRequestMessage.FromString(data)
    except message.DecodeError:
        return wire.decode_push_request(data)
    return proto._by_entry(data, parsed)


def _outcome(decode: object, data: bytes) -> object:
    try:
        request = decode(data)  # type: ignore[operator]
    except ProtoDecodeError as err:
        return ("error", str(err))
    return [(s.labels, s.entries, s.hash) for s in request.streams], request.format


def _tag(number: int, wire_type: int) -> bytes:
    return _varint(number << 3 | wire_type)


def _delimited(number: int, payload: bytes) -> bytes:
    return _tag(number, 2) + _varint(len(payload)) + payload


def _int32(value: int) -> bytes:
    """A negative int32 as some encoders send it: 5 bytes instead of 10."""
    return _varint(value & 0xFFFFFFFF)


# pieces of a Timestamp message: seconds (1), nanos (2), canonical or not
_ts_fields = st.sampled_from(
    [
        _tag(1, 0) + _varint(1_700_000_000),
        _tag(1, 0) + _varint(1_700_000_001),
        _tag(1, 0) + _varint(0),  # an explicit zero
        _tag(1, 0) + _varint(-62135596801),  # before year 1
        _tag(1, 0) + _varint(253402300800),  # year 10000
        _tag(2, 0) + _varint(5),
        _tag(2, 0) + _varint(999_999_999),
        _tag(2, 0) + _varint(1_000_000_000),  # nanos out of range
        _tag(2, 0) + _varint(-1),  # negative nanos, 10 bytes
        _tag(2, 0) + _int32(-1),  # negative nanos, 5 bytes: grows when re-encoded
        _tag(2, 0) + _int32(-3),
        _delimited(1, _varint(7)),  # seconds sent packed: unknown to the real classes
        _delimited(2, _varint(9)),
        _tag(9, 0) + _varint(3),  # unknown field
    ]
)
_timestamps = st.lists(_ts_fields, max_size=3).map(b"".join)
_pairs = st.sampled_from([b"", _delimited(1, b"k"), _delimited(1, b"k") + _delimited(2, b"v")])
_entry_fields = st.one_of(
    _timestamps.map(lambda ts: _delimited(1, ts)),
    st.binary(max_size=6).map(lambda line: _delimited(2, line)),  # may be an explicit ""
    _pairs.map(lambda pair: _delimited(3, pair)),
    _pairs.map(lambda pair: _delimited(4, pair)),
    st.sampled_from([_tag(2, 0) + b"\x01", _tag(1, 0) + b"\x01", _tag(7, 5) + b"abcd"]),
)
# the usual entry: one timestamp (seconds, nanos) and one line
_plain_entry = st.tuples(
    st.integers(1_600_000_000, 1_800_000_000), st.integers(1, S - 1), st.binary(min_size=1)
).map(
    lambda t: (
        _delimited(1, _tag(1, 0) + _varint(t[0]) + _tag(2, 0) + _varint(t[1])) + _delimited(2, t[2])
    )
)
_entries = st.one_of(_plain_entry, st.lists(_entry_fields, max_size=5).map(b"".join))
_stream_fields = st.one_of(
    st.lists(_entries, max_size=6).map(lambda es: b"".join(_delimited(2, e) for e in es)),
    st.sampled_from([_delimited(1, b'{a="1"}'), _delimited(1, b'{b="2"}'), b""]),
    st.sampled_from([_tag(3, 0) + _varint(42), _tag(5, 0) + b"\x01", _tag(1, 0) + b"\x01"]),
)
_streams = st.lists(_stream_fields, max_size=4).map(b"".join)
_bodies = st.lists(
    st.one_of(
        _streams.map(lambda body: _delimited(1, body)),
        st.sampled_from([_delimited(2, b"fmt"), _tag(4, 0) + b"\x02"]),
    ),
    max_size=4,
).map(b"".join)


@settings(max_examples=600, deadline=None)
@given(_bodies)
def test_any_body_reads_as_entry_by_entry(body: bytes) -> None:
    assert _outcome(proto.decode_push_request, body) == _outcome(_reference, body)


@settings(max_examples=200, deadline=None)
@given(st.lists(_plain_entry, min_size=1, max_size=20), st.binary(min_size=1, max_size=8))
def test_promtail_bodies_are_read_as_columns(entries: list[bytes], labels: bytes) -> None:
    # what Promtail sends: every entry a timestamp and a line; the column path takes it
    body = _delimited(1, _delimited(1, labels) + b"".join(_delimited(2, e) for e in entries))
    request = proto.decode_push_request(body)
    assert request.streams[0].columns is not None
    assert _outcome(proto.decode_push_request, body) == _outcome(_reference, body)


@pytest.mark.parametrize(
    ("entries", "columns"),
    [
        # (what each entry holds, whether the stream is read as columns); push.proto v3.6.0
        ([Entry(S + 1, b"a"), Entry(2 * S + 5, b"b")], True),
        ([Entry(S, b"a"), Entry(2 * S, b"b")], True),  # whole seconds: no nanos field at all
        ([Entry(S + 1, b"a"), Entry(2 * S, b"b")], False),  # one without nanos
        ([Entry(S + 1, b""), Entry(2 * S + 1, b"b")], False),  # an empty line is left out
        ([Entry(S + 1, b"a", (("k", "v"),))], False),  # structured metadata
        ([Entry(5, b"a")], False),  # 1970: no seconds field
    ],
)
def test_which_streams_are_columns(entries: list[Entry], columns: bool) -> None:
    body = proto.encode_push_request(PushRequest([Stream('{a="1"}', entries)]))
    request = proto.decode_push_request(body)
    assert (request.streams[0].columns is not None) is columns
    assert request.streams[0].entries == entries


def test_a_refused_timestamp_is_the_first_one_in_order() -> None:
    # validateTimestamp (pkg/push/timestamp.go): the first bad entry's text, whichever path
    good = Stream('{a="1"}', [Entry(S + 1, b"a")])
    bad = _delimited(
        1,
        _delimited(1, b'{a="2"}')
        + _delimited(2, _delimited(1, _tag(1, 0) + _varint(1) + _tag(2, 0) + _int32(-1))),
    )
    body = proto.encode_push_request(PushRequest([good])) + bad
    with pytest.raises(ProtoDecodeError) as found:
        proto.decode_push_request(body)
    with pytest.raises(ProtoDecodeError) as expected:
        _reference(body)
    assert str(found.value) == str(expected.value)
    assert "nanos" in str(found.value)


def test_a_repeated_line_offset_by_a_grown_nanos_is_still_refused() -> None:
    # the one encoding that grows when re-encoded (a negative nanos in 5 bytes) cannot hide
    # a repeated line from the size check: validateTimestamp refuses that entry anyway
    stamp = _tag(1, 0) + _varint(1_700_000_000) + _tag(2, 0) + _varint(1)
    first = _delimited(1, stamp) + _delimited(2, b"xyz") + _delimited(2, b"b")
    second = _delimited(1, _tag(1, 0) + _varint(1_700_000_000) + _tag(2, 0) + _int32(-1))
    body = _delimited(1, _delimited(1, b'{a="1"}') + _delimited(2, first) + _delimited(2, second))
    parsed = proto._PushRequestMessage.FromString(body)
    assert proto.protocols.canonical(parsed, len(body))  # the sizes do balance
    assert _outcome(proto.decode_push_request, body) == _outcome(_reference, body)
    assert _outcome(proto.decode_push_request, body)[0] == "error"
