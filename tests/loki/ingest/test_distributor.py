"""The distributor's Push (pkg/distributor/distributor.go, distributor_test.go)."""

from __future__ import annotations

import dataclasses

import pytest

from sim.loki.ingest.distributor import Distributor
from sim.loki.ingest.ingester import IngestError, PushStream
from sim.loki.ingest.outcome import PushOutcome
from sim.loki.ingest.streams import IngesterRing
from sim.loki.limits import Limits
from sim.loki.push.gofmt import rfc3339
from sim.loki.push.model import Entry, PushRequest, Stream

S = 1_000_000_000
MS = 1_000_000
NOW = 1_795_703_941 * S
RF1 = IngesterRing(replication_factor=1)
FOO = '{foo="bar"}'
LINE_TOO_LONG = "max entry size '{}' bytes exceeded for stream '{}' while adding an entry with length '{}' bytes"


class Recorder:
    """distributor_test.go mockIngester: keeps what the distributor sends."""

    def __init__(self) -> None:
        self.pushes: list[list[PushStream]] = []

    def push(
        self, tenant: str, streams: list[PushStream], now: int, out: PushOutcome
    ) -> IngestError | None:
        self.pushes.append(streams)
        return None


def _request(lines: int, size: int, labels: tuple[str, ...] = (FOO,), metadata=()) -> PushRequest:
    """distributor_test.go makeWriteRequestWithLabels: line j is str(j) padded with zeros."""
    streams = []
    for text in labels:
        entries = [
            Entry(NOW + j * MS, (str(j) + "0" * size)[:size].encode(), metadata)
            for j in range(lines)
        ]
        streams.append(Stream(text, entries))
    return PushRequest(streams)


def _limits(**changes) -> Limits:
    return dataclasses.replace(Limits(), **changes)


def _distributor(limits: Limits, recorder: Recorder | None = None) -> Distributor:
    return Distributor(limits, RF1, ingester=recorder)


RATE_400 = {"ingestion_rate_mb": 400 / 1048576, "ingestion_burst_size_mb": 400 / 1048576}


@pytest.mark.parametrize(
    ("lines", "streams", "max_line_size", "mangle", "status", "body"),
    [
        # distributor_test.go TestDistributor, row by row (rate and burst 400 bytes)
        (10, 1, 0, 0, 204, ""),
        (
            100,
            1,
            0,
            0,
            429,
            "ingestion rate limit exceeded for user test (limit: 400 bytes/sec) while attempting to "
            "ingest '100' lines totaling '1000' bytes, reduce log volume or contact your Loki "
            "administrator to see if the limit can be increased",
        ),
        (100, 1, 1, 0, 400, "100 errors like: " + LINE_TOO_LONG.format(1, FOO, 10)),
        (
            100,
            1,
            0,
            1,
            400,
            "error parsing labels '{ab\"' with error: 1:4: parse error: unterminated quoted string",
        ),
        (
            10,
            2,
            1,
            1,
            400,
            "1 errors like: error parsing labels '{ab\"' with error: 1:4: parse error: "
            "unterminated quoted string; 10 errors like: " + LINE_TOO_LONG.format(1, FOO, 10),
        ),
    ],
)
def test_distributor_table(lines, streams, max_line_size, mangle, status, body):
    distributor = _distributor(_limits(max_line_size=max_line_size, **RATE_400))
    request = _request(lines, 10, (FOO,) * streams)
    for stream in request.streams[:mangle]:
        stream.labels = '{ab"'
    out = distributor.push("test", request, NOW)
    assert (out.status, out.body) == (status, body)


def _stamps(recorder: Recorder) -> list[tuple[int, bytes]]:
    return [(entry.timestamp, entry.line) for entry in recorder.pushes[0][0].entries]


@pytest.mark.parametrize(
    ("increment", "entries", "expected"),
    [
        # distributor_test.go Test_IncrementTimestamp, row by row (seconds, nanoseconds)
        (False, [(123456, 0, "heyooooooo"), (123457, 0, "heyiiiiiii")], [(123456, 0), (123457, 0)]),
        (False, [(123456, 0, "heyooooooo"), (123456, 0, "heyiiiiiii")], [(123456, 0), (123456, 0)]),
        (False, [(123456, 0, "heyooooooo"), (123456, 0, "heyooooooo")], [(123456, 0), (123456, 0)]),
        (True, [(123456, 0, "heyooooooo"), (123457, 0, "heyiiiiiii")], [(123456, 0), (123457, 0)]),
        (True, [(123456, 0, "heyooooooo"), (123456, 0, "heyiiiiiii")], [(123456, 0), (123456, 1)]),
        (True, [(123456, 0, "heyooooooo"), (123456, 0, "heyooooooo")], [(123456, 0), (123456, 0)]),
        (
            True,
            [(123456, 0, "heyooooooo"), (123456, 0, "hi"), (123456, 0, "hey there")],
            [(123456, 0), (123456, 1), (123456, 2)],
        ),
        (
            True,
            [(123456, 0, "heyooooooo"), (123456, 0, "hi"), (123456, 1, "hey there")],
            [(123456, 0), (123456, 1), (123456, 2)],
        ),
        (
            True,
            [(123456, 0, "hey1"), (123458, 0, "hey3"), (123457, 0, "hey2")],
            [(123456, 0), (123458, 0), (123457, 0)],
        ),
    ],
)
def test_increment_timestamp(increment, entries, expected):
    limits = _limits(
        reject_old_samples=False, discover_log_levels=False, increment_duplicate_timestamp=increment
    )
    recorder = Recorder()
    request = PushRequest(
        [Stream('{job="foo"}', [Entry(s * S + n, line.encode()) for s, n, line in entries])]
    )
    assert _distributor(limits, recorder).push("test", request, NOW).status == 204
    assert [stamp for stamp, _ in _stamps(recorder)] == [s * S + n for s, n in expected]


def test_labels_are_sorted_on_push():
    # distributor_test.go Test_SortLabelsOnPush
    recorder = Recorder()
    request = _request(10, 10, ('{buzz="f", service_name="foo", a="b"}',))
    _distributor(Limits(), recorder).push("test", request, NOW)
    assert recorder.pushes[0][0].labels == '{a="b", buzz="f", service_name="foo"}'


def test_truncated_lines_are_sent():
    # distributor_test.go Test_TruncateLogLines "adds suffix if configured"
    recorder = Recorder()
    limits = _limits(
        max_line_size=8, max_line_size_truncate=True, max_line_size_truncate_identifier="[...]"
    )
    out = _distributor(limits, recorder).push("test", _request(1, 10), NOW)
    assert out.status == 204 and _stamps(recorder)[0][1] == b"000[...]"
    assert (out.truncated.samples, out.truncated.bytes) == (1, 7)


def test_streams_emptied_by_validation_are_not_sent():
    # distributor_test.go Test_DiscardEmptyStreamsAfterValidation
    recorder = Recorder()
    out = _distributor(_limits(max_line_size=5), recorder).push("test", _request(1, 10), NOW)
    assert (out.status, out.body) == (400, LINE_TOO_LONG.format(5, FOO, 10))
    assert recorder.pushes == []
    out = _distributor(_limits(max_line_size=5), recorder).push("test", PushRequest(), NOW)
    assert (out.status, out.body) == (
        422,
        "error at least one valid stream is required for ingestion",
    )


def test_valid_entries_of_a_refused_push_are_still_stored():
    # Push: validation errors are grouped into a 400, the rest continues to the ingester
    request = _request(3, 10)
    request.streams[0].entries[1].timestamp = NOW - 30 * 86400 * S
    out = Distributor(Limits(), RF1).push("fake", request, NOW)
    assert out.status == 400
    assert out.body.startswith(
        f"entry for stream '{FOO}' has timestamp too old: {rfc3339(NOW - 30 * 86400 * S)}"
    )
    assert out.stored_entries == 2


def test_invalid_labels_are_counted_twice():
    # parseStreamLabels reports the specific reason, then Push adds invalid_labels
    limits = _limits(max_label_name_length=3)
    out = Distributor(limits, RF1).push("fake", _request(2, 10, ('{long="x"}',)), NOW)
    reasons = out.discarded_by_reason()
    assert (reasons["label_name_too_long"].samples, reasons["invalid_labels"].samples) == (2, 2)
    assert reasons["invalid_labels"].bytes == 20


def test_missing_labels_count_one_sample():
    # ValidateLabels: DiscardedSamples(missing_labels).Inc(), then invalid_labels for all
    out = Distributor(Limits(), RF1).push("fake", _request(3, 10, ("{}",)), NOW)
    reasons = out.discarded_by_reason()
    assert (reasons["missing_labels"].samples, reasons["missing_labels"].bytes) == (1, 0)
    assert reasons["invalid_labels"].samples == 3
    assert out.body == "error at least one label pair is required per stream"


@pytest.mark.parametrize(
    ("until_hours", "code", "status"),
    [
        # distributor_test.go TestDistributor_PushIngestionBlocked, row by row
        (None, 260, 204),
        (-1, 260, 204),
        (1, 456, 456),
        (1, 200, 204),
        (1, 260, 260),
    ],
)
def test_ingestion_blocked(until_hours, code, status):
    import datetime as dt

    until = None
    if until_hours is not None:
        until = dt.datetime.fromtimestamp(NOW // S, dt.UTC) + dt.timedelta(hours=until_hours)
    limits = _limits(block_ingestion_until=until, block_ingestion_status_code=code)
    out = Distributor(limits, RF1).push("test", _request(1, 1024), NOW)
    assert out.status == status
    if status not in (204,):
        assert (
            out.body
            == f"ingestion blocked for user test until '{rfc3339(NOW + 3600 * S)}' with status code '{code}'"
        )
        assert out.discarded_by_reason()["blocked_ingestion"].samples == 1


@pytest.mark.parametrize(
    ("name", "value", "count"),
    [
        # distributor_test.go TestDistributor_StructuredMetadataSanitization (10 lines)
        ("valid_name", "valid-value私", 0),
        ("invalid-name", "valid-value私", 10),
        ("valid_name", "valid-value\ufffd", 10),
        ("invalid-name", "valid-value\ufffd", 20),
    ],
)
def test_structured_metadata_sanitization(name, value, count):
    out = Distributor(Limits(), RF1).push("test", _request(10, 10, metadata=((name, value),)), NOW)
    assert out.status == 204 and out.sanitized_metadata == count


def test_unusable_metadata_name_is_a_500():
    # LabelNamer.Build error is returned as a plain error: the handler answers 500
    out = Distributor(Limits(), RF1).push("test", _request(1, 10, metadata=(("...", "v"),)), NOW)
    assert (out.status, out.body) == (
        500,
        'normalization for label name "..." resulted in invalid name "___"',
    )


def test_detected_level_is_added_by_default():
    request = PushRequest([Stream(FOO, [Entry(NOW, b"level=warn msg=x")])])
    out = Distributor(Limits(), RF1).push("fake", request, NOW)
    assert out.stored[0].entries[0].metadata == (("detected_level", "warn"),)
    # shouldDiscoverLogLevels needs allow_structured_metadata
    request = PushRequest([Stream(FOO, [Entry(NOW, b"level=warn msg=y")])])
    out = Distributor(_limits(allow_structured_metadata=False), RF1).push("fake", request, NOW)
    assert out.stored[0].entries[0].metadata == ()


def test_replication_factor_above_the_ingester_count_fails_every_push():
    # dskit ring Filter: RF 3 (Loki's default) needs 2 live ingesters; the single binary has 1
    out = Distributor(Limits()).push("fake", _request(1, 10), NOW)
    assert (out.status, out.body) == (500, "at least 2 live replicas required, could only find 1")


def test_hot_stream_gets_sharded():
    # once the rate store knows the stream's rate, pushes are split over __stream_shard__ copies
    distributor = Distributor(Limits(), RF1)
    labels = []
    for second in range(4):
        for part in range(4):
            now = NOW + second * S + part * 200 * MS
            request = PushRequest([Stream(FOO, [Entry(now + i, b"x" * 10_000) for i in range(50)])])
            out = distributor.push("fake", request, now)
            assert out.status == 204
            labels = [stream.labels for stream in out.stored]
    assert all(text.startswith('{__stream_shard__="') for text in labels)
    assert len(labels) > 1 and out.shardings == 1
