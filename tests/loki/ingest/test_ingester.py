"""The ingester's stream checks (pkg/ingester/stream.go, instance.go, stream_test.go)."""

from __future__ import annotations

import dataclasses

import pytest

from sim.loki.ingest.ingester import Ingester, IngesterConfig, PushStream
from sim.loki.ingest.outcome import PushOutcome
from sim.loki.ingest.sharding import StreamRates
from sim.loki.ingest.streams import IngesterRing
from sim.loki.limits import Limits, ShardStreams
from sim.loki.push.gofmt import go_time_string, rfc3339
from sim.loki.push.model import Entry

S = 1_000_000_000
NOW = 1_795_703_941 * S
FOO = '{foo="bar"}'
PER_ENTRY = dataclasses.replace(Limits(), shard_streams=ShardStreams(enabled=False))


def _ingester(limits: Limits = PER_ENTRY, **config: int) -> Ingester:
    ring = IngesterRing(replication_factor=1)
    return Ingester(limits, ring, IngesterConfig(**config), StreamRates())


def _push(ingester: Ingester, entries: list[Entry], labels: str = FOO, now: int = NOW):
    out = PushOutcome("fake")
    error = ingester.push("fake", [PushStream(labels, labels, entries)], now, out)
    return error, out


def _x(seconds: int, line: bytes = b"x") -> Entry:
    return Entry(seconds * S, line)


@pytest.mark.parametrize(("cap", "listed"), [(10, 10), (0, 100)])
def test_max_returned_stream_errors(cap, listed):
    # stream_test.go TestMaxReturnedStreamsErrors (its config has max_chunk_age 0)
    ingester = _ingester(max_chunk_age=0, max_returned_stream_errors=cap)
    assert _push(ingester, [_x(100, b"log")])[0] is None
    error, _ = _push(ingester, [_x(i, b"log") for i in range(100)])
    expected = "".join(
        f"entry with timestamp {go_time_string(i * S)} ignored, reason: 'entry too far behind, "
        f"entry timestamp is: {rfc3339(i * S)}, oldest acceptable timestamp is: "
        f"{rfc3339(100 * S)}',\n"
        for i in range(listed)
    )
    expected += f"user 'fake', total ignored: 100 out of 100 for stream: {FOO}"
    assert error is not None and (error.status, error.text) == (400, expected)


def test_identical_entry_to_the_last_one_is_dropped_silently():
    # stream_test.go TestPushDeduplication: written = len("test" + "newer, better test")
    error, out = _push(_ingester(), [_x(1, b"test"), _x(1, b"test"), _x(1, b"newer, better test")])
    assert error is None
    assert [entry.line for entry in out.stored[0].entries] == [b"test", b"newer, better test"]
    assert not out.discarded


def test_unordered_push():
    # stream_test.go TestUnorderedPush with max_chunk_age 10s: the window is newest - 5s
    ingester = _ingester(max_chunk_age=10 * S)
    error, out = _push(ingester, [_x(2), _x(1), _x(2), _x(2), _x(10)])
    assert error is None and len(out.stored[0].entries) == 4  # one repeat of the last line
    error, out = _push(ingester, [_x(4), _x(8), _x(9)])
    assert error is not None and error.status == 400
    assert [entry.timestamp for entry in out.stored[0].entries] == [8 * S, 9 * S]
    assert out.discarded_by_reason()["too_far_behind"].samples == 1
    error, out = _push(ingester, [_x(11), _x(7)])
    assert error is None and len(out.stored[0].entries) == 2


def test_too_far_behind_counts_the_entry_bytes():
    # stream_test.go TestEntryErrorCorrectlyReported: 13 bytes of "observability" discarded
    limits = dataclasses.replace(Limits(), per_stream_rate_limit=15, per_stream_rate_limit_burst=15)
    ingester = _ingester(limits, max_chunk_age=60 * S)
    _push(ingester, [Entry(NOW, b"first")])
    year = 365 * 86400 * S
    error, out = _push(ingester, [Entry(NOW - year, b"observability"), Entry(NOW, b"short")])
    assert error is not None and error.status == 400
    assert out.discarded_by_reason()["too_far_behind"].bytes == 13


def test_per_entry_stream_rate_limit():
    # shard_streams disabled: stream.validateEntries checks the limiter entry by entry
    limits = dataclasses.replace(
        PER_ENTRY, per_stream_rate_limit=100, per_stream_rate_limit_burst=250
    )
    error, out = _push(_ingester(limits), [_x(i, b"a" * 100) for i in range(1, 4)])
    assert error is not None and error.status == 429
    assert error.text == (
        f"entry with timestamp {go_time_string(3 * S)} ignored, reason: 'Per stream rate limit "
        f"exceeded (limit: 100B/sec) while attempting to ingest for stream '{FOO}' totaling 100B, "
        "consider splitting a stream via additional labels or contact your Loki administrator "
        "to see if the limit can be increased',\n"
        f"user 'fake', total ignored: 1 out of 3 for stream: {FOO}"
    )
    assert len(out.stored[0].entries) == 2


def test_whole_stream_rate_limit_stores_nothing():
    # shard_streams.enabled (default): one AllowN for the whole stream push
    limits = dataclasses.replace(
        Limits(), per_stream_rate_limit=100, per_stream_rate_limit_burst=250
    )
    error, out = _push(_ingester(limits), [_x(i, b"a" * 100) for i in range(1, 4)])
    assert error is not None and error.status == 429
    assert error.text.count("ignored, reason: 'Per stream rate limit exceeded") == 3
    assert error.text.endswith(f"total ignored: 3 out of 3 for stream: {FOO}")
    assert out.stored == []
    assert out.discarded_by_reason()["per_stream_rate_limit"].bytes == 300


def test_stream_limit():
    limits = Limits.from_mapping({"max_global_streams_per_user": 2})
    ingester = _ingester(limits)
    for name in ("a", "b"):
        assert _push(ingester, [_x(1)], labels=f'{{app="{name}"}}')[0] is None
    error, out = _push(ingester, [_x(1), _x(2, b"yy")], labels='{app="c"}')
    assert error is not None and error.status == 429
    assert error.text.startswith(
        'maximum active stream limit exceeded when trying to create stream {app="c"}'
    )
    count = out.discarded_by_reason()["stream_limit"]
    assert (count.samples, count.bytes) == (2, 3)
    assert ingester.stream_count("fake") == 2
    ingester.forget_stream("fake", '{app="a"}')  # flushed and idle streams leave memory
    assert _push(ingester, [_x(1)], labels='{app="c"}')[0] is None


def test_only_the_last_streams_error_is_answered():
    # instance.go Push overwrites appendErr for every stream
    ingester = _ingester(Limits.from_mapping({"max_global_streams_per_user": 1}))
    _push(ingester, [_x(1)], labels='{app="a"}')
    out = PushOutcome("fake")
    streams = [
        PushStream('{app="new"}', '{app="new"}', [_x(2)]),
        PushStream('{app="a"}', '{app="a"}', [_x(3)]),
    ]
    assert ingester.push("fake", streams, NOW, out) is None
    assert out.discarded_by_reason()["stream_limit"].samples == 1
    assert [stream.labels for stream in out.stored] == ['{app="a"}']
