"""Push bodies from sim/load/client.py, decoded with the project's own push.proto codecs."""

from __future__ import annotations

import pytest

from sim.load.client import (
    MAX_SUFFIXES,
    SLOT,
    PushTemplate,
    StreamLines,
    index_groups,
    outcome,
    pod_suffix,
    timestamp_bytes,
)
from sim.loki.push import proto, wire
from sim.loki.push.model import Entry, PushRequest, Stream

S = 1_000_000_000
NOW = 1_700_000_000 * S + 123_456_789
STREAMS = [
    StreamLines('{app="api", pod="api-7d9f-' + SLOT + 'b"}', [b"first line", b"x" * 300]),
    StreamLines('{app="web", job="prod/web-' + SLOT + 'c", pod="web-' + SLOT + 'c"}', [b"{}"]),
]


def _floor_nanos(within: int, groups: int = 0) -> int:
    """The documented mapping of sub-second time into [2**28, 1e9), rounded down to a
    multiple of 2**(7*groups) (sim/load/client.py)."""
    step = 1 << (7 * groups)
    return (1 << 28) + within * ((S - (1 << 28)) // step) // S * step


def test_a_template_decodes_to_its_streams_with_the_stamp_and_suffix():
    body = PushTemplate(STREAMS).body(NOW, 1)
    decoded = proto.decode_push_request(proto.snappy_decode(body))
    stamp = 1_700_000_000 * S + _floor_nanos(123_456_789, groups=1)  # 2 lines: one group
    assert decoded == PushRequest(
        [
            Stream(
                '{app="api", pod="api-7d9f-bbbcb"}',
                [Entry(stamp, b"first line"), Entry(stamp + 1, b"x" * 300)],
            ),
            Stream('{app="web", job="prod/web-bbbcc", pod="web-bbbcc"}', [Entry(stamp, b"{}")]),
        ]
    )


def test_the_bytes_are_what_the_projects_encoder_writes_for_the_same_request():
    # Promtail's gogo encoder and sim/loki/push/proto.py agree on field order and minimal
    # varints; a stamped template must be byte-for-byte that encoding.
    raw = PushTemplate(STREAMS).raw(NOW, 2)
    request = wire.decode_push_request(raw)  # gogo-faithful decoder: raises on any flaw
    assert proto.encode_push_request(request) == raw
    assert wire.encode_push_request(request) == raw


@pytest.mark.parametrize(("lines", "groups"), [(1, 1), (128, 1), (129, 2), (16_385, 3)])
def test_entries_of_a_stream_are_one_nanosecond_apart_in_order(lines, groups):
    # Promtail stamps each line when it reads it: a push's entries are distinct and ordered
    stream = StreamLines('{app="a", pod="p-' + SLOT + 'x"}', [b"%d" % i for i in range(lines)])
    template = PushTemplate([stream])
    decoded = proto.decode_push_request(template.raw(NOW, 0)).streams[0]
    stamps = [entry.timestamp for entry in decoded.entries]
    first = 1_700_000_000 * S + _floor_nanos(123_456_789, groups)
    assert stamps == list(range(first, first + lines))
    assert [entry.line for entry in decoded.entries] == stream.lines


def test_a_stream_longer_than_three_groups_count_is_refused():
    with pytest.raises(ValueError, match="expected at most 2097152 lines per stream"):
        index_groups((1 << 21) + 1)


def test_each_push_of_one_template_differs_only_in_stamp_and_suffix():
    template = PushTemplate(STREAMS)
    first, second = template.raw(NOW, 0), template.raw(NOW + 10**6, 5)
    assert len(first) == len(second)
    assert first != second
    assert template.line_bytes == 10 + 300 + 2
    assert (template.streams, template.entries) == (2, 3)


@pytest.mark.parametrize(
    ("unix_ns", "seconds", "nanos"),
    [
        (1_700_000_000 * S, 1_700_000_000, 1 << 28),
        (1_700_000_000 * S + S - 1, 1_700_000_000, _floor_nanos(S - 1)),
        (NOW, 1_700_000_000, _floor_nanos(123_456_789)),
    ],
)
def test_timestamps_are_twelve_bytes_and_decode_as_documented(unix_ns, seconds, nanos):
    stamp = timestamp_bytes(unix_ns)
    assert len(stamp) == 12
    assert wire._decode_timestamp(stamp, 0, len(stamp)) == seconds * S + nanos


def test_timestamps_keep_their_order():
    stamps = [timestamp_bytes(NOW + step * 1_000) for step in range(5)]
    decoded = [wire._decode_timestamp(s, 0, 12) for s in stamps]
    assert decoded == sorted(decoded)
    assert len(set(decoded)) == 5


@pytest.mark.parametrize("unix_ns", [0, (1 << 28) * S - 1, (1 << 35) * S])
def test_times_outside_the_fixed_width_are_refused(unix_ns):
    with pytest.raises(ValueError, match="expected a time between 1978 and 3058"):
        timestamp_bytes(unix_ns)


@pytest.mark.parametrize(
    ("index", "suffix"),
    [
        (0, b"bbbb"),
        (1, b"bbbc"),
        (26, b"bbb9"),
        (27, b"bbcb"),
        (MAX_SUFFIXES - 1, b"9999"),
        (MAX_SUFFIXES, b"bbbb"),
    ],
)
def test_pod_suffixes_count_in_kubernetes_alphabet(index, suffix):
    assert pod_suffix(index) == suffix


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (204, "ok"),  # Loki's push answer (pkg/distributor/http.go)
        (200, "ok"),
        (429, "rate_limited"),  # pkg/validation: RateLimited reason -> 429
        (400, "failed"),
        (500, "failed"),
        (0, "failed"),
    ],
)
def test_outcomes(status, expected):
    assert outcome(status) == expected
