"""One HTTP push end to end, with the ADR's configuration (pkg/distributor/http.go)."""

from __future__ import annotations

import gzip

from sim.loki.ingest.pushpath import PushPath
from sim.loki.ingest.streams import IngesterRing
from sim.loki.limits import Limits
from sim.loki.push import proto
from sim.loki.push.body import RawPush
from sim.loki.push.model import Entry, PushRequest, Stream

S = 1_000_000_000
NOW = 1_795_703_941 * S
V1 = "/loki/api/v1/push"
ADR = Limits.from_mapping(
    {
        "retention_period": "720h",
        "ingestion_rate_mb": 20,
        "ingestion_burst_size_mb": 40,
        "max_streams_per_user": 10000,
        "max_line_size": "256kb",
    }
)


def _path(**kwargs) -> PushPath:
    return PushPath(ADR, ring=IngesterRing(replication_factor=1), **kwargs)


def _proto(request: PushRequest) -> RawPush:
    return RawPush(V1, "application/x-protobuf", None, proto.encode_snappy(request))


def test_promtail_push_is_stored_with_service_name_and_level():
    request = PushRequest(
        [Stream('{namespace="prod", app="api"}', [Entry(NOW, b"level=error boom")])]
    )
    out = _path().handle("fake", _proto(request), NOW)
    assert (out.status, out.body) == (204, "")
    assert [stream.labels for stream in out.stored] == [
        '{app="api", namespace="prod", service_name="api"}'
    ]
    assert out.stored[0].entries[0].metadata == (("detected_level", "error"),)
    assert out.streams_created == ['{app="api", namespace="prod", service_name="api"}']
    assert (out.received.lines, out.received.bytes) == (1, 16)


def test_discards_carry_the_metric_label_values():
    request = PushRequest([Stream('{app="api"}', [Entry(NOW, b"x" * (256 * 1024 + 1))])])
    out = _path().handle("fake", _proto(request), NOW)
    assert out.status == 400
    [(key, count)] = out.discarded.items()
    # loki_discarded_*{reason, tenant, retention_hours, policy, format}
    assert tuple(key) == ("line_too_long", "fake", "720", "", "loki")
    assert (count.samples, count.bytes) == (1, 256 * 1024 + 1)


def test_body_too_large_counts_compressed_bytes():
    # http.go: DiscardedBytes(request_body_too_large, tenant, "", "") += ContentLength
    body = proto.encode_snappy(PushRequest([Stream('{a="b"}', [Entry(NOW, b"x" * 5000)])]))
    out = _path(max_recv_msg_size=1000).handle(
        "fake", RawPush(V1, "application/x-protobuf", None, body), NOW
    )
    assert out.status == 413
    assert out.body.startswith("request body too large: message size too large than max (")
    [(key, count)] = out.discarded.items()
    assert tuple(key) == ("request_body_too_large", "fake", "", "", "loki")
    assert (count.samples, count.bytes) == (0, len(body))


def test_unparsable_body_is_a_400_without_discards():
    out = _path().handle("fake", RawPush(V1, "application/json", "gzip", gzip.compress(b"{")), NOW)
    assert out.status == 400 and not out.discarded


def test_unsupported_request_feature_fails_loudly():
    body = b'{"streams":[{"labels":"{a=\\"b\\"}","entries":[{"ts":"2026-01-01T00:00:00Z","line":"x","structuredMetadata":[]}]}]}'
    out = _path().handle("fake", RawPush("/api/prom/push", "application/json", None, body), NOW)
    assert out.status == 501 and out.stand_in_limit
    assert "not by lokisim's stand-in" in out.body


def test_adr_stream_limit_is_5000():
    path = _path()
    streams = [Stream(f'{{app="a{i}"}}', [Entry(NOW, b"x")]) for i in range(5001)]
    out = path.handle("fake", _proto(PushRequest(streams)), NOW)
    # the 5001st stream is refused; being the last stream, its error is the answer
    assert out.status == 429
    assert out.body.startswith(
        'maximum active stream limit exceeded when trying to create stream {app="a5000"'
    )
    assert out.discarded_by_reason()["stream_limit"].samples == 1
    assert len(out.stored) == 5000
