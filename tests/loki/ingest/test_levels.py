"""detected_level discovery (pkg/distributor/field_detection.go, field_detection_test.go)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sim.loki.ingest.levels import _json_level, detect_level
from sim.loki.limits import DEFAULT_LOG_LEVEL_FIELDS

# field_detection_test.go Test_detectLogLevelFromLogEntry's logLevelFields
FIELDS = ("level", "LEVEL", "Level", "severity", "SEVERITY", "Severity", "lvl", "LVL", "Lvl")


@pytest.mark.parametrize(
    ("line", "metadata", "expected"),
    [
        # field_detection_test.go Test_detectLogLevelFromLogEntry, row by row
        (b"error", (("severity_number", "7"),), "debug"),  # SeverityNumberDebug3
        (b"", (("severity_number", "foo"),), "info"),
        (b"foo", (), "unknown"),
        (b"this is a warning log", (), "warn"),
        (b"this is a debug message", (), "debug"),
        (b"this is a DEBUG message", (), "debug"),
        (b"debug: something happened", (), "debug"),
        (b"DEBUG: something happened", (), "debug"),
        (b"this is a critical message", (), "unknown"),
        (b"this is a CRITICAL message", (), "unknown"),
        (b"critical: something happened", (), "critical"),
        (b"CRITICAL: something happened", (), "critical"),
        (b"[debug] this is a debug message", (), "debug"),
        (b"[DEBUG] this is a debug message", (), "debug"),
        (b"[critical] this is a critical message", (), "critical"),
        (b"[CRITICAL] this is a critical message", (), "critical"),
        (b"[info] this is an info message", (), "info"),
        (b"[INFO] this is an info message", (), "info"),
        (b"[warn] this is a warning message", (), "warn"),
        (b"[WARNING] this is a warning message", (), "warn"),
        (b"[error] this is an error message", (), "error"),
        (b"[ERROR] this is an error message", (), "error"),
        (b"[err] this is an error message", (), "error"),
        (b"[ERR] this is an error message", (), "error"),
        (
            b'{"foo":"bar","msg":"message with keyword error but it should not get picked up","level":"critical"}',
            (),
            "critical",
        ),
        (
            b'{"FOO":"bar","MSG":"message with keyword error but it should not get picked up","LEVEL":"Critical"}',
            (),
            "critical",
        ),
        (
            b'{"foo":"bar","msg":"message with keyword warn but it should not get picked up","level":"warn"}',
            (),
            "warn",
        ),
        (
            b'{"foo":"bar","msg":"message with keyword warn but it should not get picked up","SEVERITY":"FATAL"}',
            (),
            "fatal",
        ),
        (
            b'{"foo":"bar","msg":"message with keyword warn but it should not get picked up","level":"ERR"}',
            (),
            "error",
        ),
        (b'{"foo":"bar","msg":"message with keyword INFO get picked up"}', (), "info"),
        (b'foo=bar msg="message with info and not level should get picked up"', (), "info"),
        (
            b'foo=bar msg="message with keyword error but it should not get picked up" level=warn',
            (),
            "warn",
        ),
        (
            b'foo=bar msg="message with keyword error but it should not get picked up" level=Warn',
            (),
            "warn",
        ),
        (
            b'foo=bar msg="message with keyword error but it should not get picked up" level=Trace',
            (),
            "trace",
        ),
        (
            b'foo=bar msg="message with keyword but it should not get picked up" level=NA',
            (),
            "unknown",
        ),
        (
            b'foo=bar msg="message with keyword but it should not get picked up" severity=critical',
            (),
            "critical",
        ),
        (
            b'Foo=bar MSG="Message with keyword but it should not get picked up" Severity=critical',
            (),
            "critical",
        ),
        (
            b'foo=bar msg="message with keyword error but it should not get picked up" level=inFO',
            (),
            "info",
        ),
        (
            b'FOO=bar MSG="message with keyword error but it should not get picked up" LEVEL=inFO',
            (),
            "info",
        ),
        (
            b'FOO=bar MSG="message that should qualify to unknown when there is no level defined" LEVEL=Inf',
            (),
            "info",
        ),
        (
            b'FOO=bar MSG="message that should qualify to unknown when there is no level defined" LEVEL=Information',
            (),
            "info",
        ),
    ],
)
def test_level_from_entry(line, metadata, expected):
    assert detect_level((), metadata, line, FIELDS, 2) == expected


@pytest.mark.parametrize(
    ("line", "fields", "depth", "expected"),
    [
        # field_detection_test.go TestGetLevelUsingJsonParser, row by row
        (b'{"level": "error"}', {"level"}, 0, "error"),
        (b'{"a": {"level": "info"}}', {"level"}, 0, "info"),
        (b'{"a": {"b": {"c": {"level": "warn"}}}}', {"level"}, 0, "warn"),
        (b'{"severity": "error", "level": "info"}', {"level", "severity"}, 0, "error"),
        (b'{"a": {"level": "error"}, "b": {"level": "info"}}', {"level"}, 0, "error"),
        (b'{"arr": [{"level": "debug"}], "level": "info"}', {"level"}, 0, "info"),
        (b'{"level": 123, "severity": "warn"}', {"level", "severity"}, 0, "warn"),
        (b'{"foo": "bar"}', {"level"}, 0, None),
        (b'{"foo": "bar"', {"level"}, 0, None),
        (
            b'{"custom_level": "error", "log_severity": "warn"}',
            {"custom_level", "log_severity"},
            0,
            "error",
        ),
        (b'{"a": {"level": "debug"}, "level": "info"}', {"level"}, 1, "info"),
        (b'{"a": {"level": "debug"}}', {"level"}, 1, None),
    ],
)
def test_level_from_json(line, fields, depth, expected):
    assert _json_level(line, fields, depth) == expected


def test_existing_detected_level_wins():
    # extractLogLevel: structured metadata already holding detected_level adds nothing
    assert (
        detect_level((), (("detected_level", "x"),), b"level=error", DEFAULT_LOG_LEVEL_FIELDS, 2)
        is None
    )


def test_stream_label_then_metadata_values_are_taken_as_they_are():
    # labelsContainAny: the raw value of the first allowed field, not folded
    labels = (("app", "x"), ("level", "INFO"))
    assert detect_level(labels, (("level", "warn"),), b"", DEFAULT_LOG_LEVEL_FIELDS, 2) == "INFO"
    assert (
        detect_level((), (("severity", "Warning"),), b"", DEFAULT_LOG_LEVEL_FIELDS, 2) == "Warning"
    )


def test_default_depth_reaches_two_levels():
    # log_level_from_json_max_depth defaults to 2
    assert (
        detect_level((), (), b'{"a":{"b":{"level":"error"}}}', DEFAULT_LOG_LEVEL_FIELDS, 2)
        == "unknown"
    )
    assert detect_level((), (), b'{"a":{"level":"error"}}', DEFAULT_LOG_LEVEL_FIELDS, 2) == "error"


def _reference_scan(line: bytes) -> list[tuple[bytes, bytes]]:
    """A byte-by-byte transcription of logfmt Decoder.ScanKeyval's control flow (decode.go),
    used as the oracle for the regex tokenizer."""
    import json

    pairs, pos, size = [], 0, len(line)
    while pos < size:
        while pos < size and line[pos] <= 0x20:
            pos += 1
        if pos >= size:
            break
        start = pos
        while pos < size and line[pos] > 0x20 and line[pos] not in b'="':
            pos += 1
        if pos >= size or line[pos] <= 0x20:
            pairs.append((line[start:pos], b""))
            continue
        if line[pos] == 0x22 or pos == start:
            break
        pos += 1
        if pos >= size or line[pos] <= 0x20:
            pairs.append((line[start : pos - 1], b""))
            continue
        key = line[start : pos - 1]
        if line[pos] == 0x22:
            end, escaped = pos + 1, False
            while end < size and (escaped or line[end] != 0x22):
                escaped = not escaped and line[end] == 0x5C
                end += 1
            if end >= size:
                break
            raw = line[pos + 1 : end]
            if b"\\" in raw:
                try:
                    raw = json.loads(b'"' + raw + b'"').encode()
                except ValueError:
                    break
            pairs.append((key, raw))
            pos = end + 1
            continue
        value_start = pos
        while pos < size and line[pos] > 0x20 and line[pos] not in b'="':
            pos += 1
        if pos < size and line[pos] in b'="':
            break
        pairs.append((key, line[value_start:pos]))
    return pairs


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from([b"a", b"lvl", b"=", b'"', b" ", b"\\", b"n", b"\t", b"\xc3"]), max_size=30
    )
)
def test_logfmt_tokens_match_the_decoder(parts):
    from sim.loki.ingest.levels import _logfmt_pairs

    line = b"".join(parts)
    assert list(_logfmt_pairs(line)) == _reference_scan(line)
