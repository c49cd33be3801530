"""sim/loki/logql/units.py: durations and byte sizes, read and printed the Go way.

Rows cite grafana/loki v3.6.0 pkg/logql/syntax/lex_test.go (Test_parseDuration), Go's
src/time/time_test.go (durationTests), prometheus/common model/time_test.go
(TestParseDuration) and go-humanize bytes_test.go (TestByteParsing, TestBytes).
"""

from __future__ import annotations

import pytest

from sim.loki.logql.units import (
    DAY,
    HOUR,
    MICROSECOND,
    MILLISECOND,
    MINUTE,
    NANOSECOND,
    SECOND,
    BytesError,
    DurationError,
    format_go_duration,
    format_prometheus_duration,
    humanize_bytes,
    parse_bytes,
    parse_lexer_duration,
    parse_prometheus_duration,
)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # lex_test.go Test_parseDuration
        ("1ns", NANOSECOND),
        ("1s", SECOND),
        ("1us", MICROSECOND),
        ("1m", MINUTE),
        ("1h", HOUR),
        ("1µs", MICROSECOND),
        ("1y", 365 * DAY),
        ("1w", 7 * DAY),
        ("1d", DAY),
        ("1h15m30.918273645s", HOUR + 15 * MINUTE + 30 * SECOND + 918273645),
        ("-1s", -SECOND),
    ],
)
def test_lexer_duration(text: str, value: int) -> None:
    assert parse_lexer_duration(text) == value


@pytest.mark.parametrize(
    ("text", "value", "printed"),
    [
        # prometheus/common model/time_test.go TestParseDuration
        ("0", 0, "0s"),
        ("0w", 0, "0s"),
        ("324ms", 324 * MILLISECOND, "324ms"),
        ("5m", 5 * MINUTE, "5m"),
        ("4d1h", 4 * DAY + HOUR, "4d1h"),
        ("14d", 14 * DAY, "2w"),
        ("3w2d1h", 23 * DAY + HOUR, "23d1h"),
        ("10y", 3650 * DAY, "10y"),
    ],
)
def test_prometheus_duration(text: str, value: int, printed: str) -> None:
    assert parse_prometheus_duration(text) == value
    assert format_prometheus_duration(value) == printed


@pytest.mark.parametrize(
    ("text", "message"),
    [
        # model.ParseDuration's messages (parser_test.go L373 for the first)
        ("5minutes", 'unknown unit "minutes" in duration "5minutes"'),
        ("1h30", 'not a valid duration string: "1h30"'),
        ("30m1h", 'not a valid duration string: "30m1h"'),
        ("", "empty duration string"),
        ("2562048h", "duration out of range"),
    ],
)
def test_prometheus_duration_errors(text: str, message: str) -> None:
    with pytest.raises(DurationError) as caught:
        parse_prometheus_duration(text)
    assert str(caught.value) == message


@pytest.mark.parametrize(
    ("value", "printed"),
    [
        # Go src/time/time_test.go durationTests
        (0, "0s"),
        (1, "1ns"),
        (1100, "1.1µs"),
        (2200 * MICROSECOND, "2.2ms"),
        (3300 * MILLISECOND, "3.3s"),
        (4 * MINUTE + 5 * SECOND, "4m5s"),
        (4 * MINUTE + 5001 * MILLISECOND, "4m5.001s"),
        (5 * HOUR + 6 * MINUTE + 7001 * MILLISECOND, "5h6m7.001s"),
        (8 * MINUTE + 1, "8m0.000000001s"),
        (2**63 - 1, "2562047h47m16.854775807s"),
        (-(2**63), "-2562047h47m16.854775808s"),
    ],
)
def test_go_duration_string(value: int, printed: str) -> None:
    assert format_go_duration(value) == printed


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # go-humanize TestByteParsing
        ("42", 42),
        ("42MB", 42000000),
        ("42MiB", 44040192),
        ("42 mib", 44040192),
        ("42.5MB", 42500000),
        ("42.5 MiB", 44564480),
        ("42M", 42000000),
        ("42mi", 44040192),
        ("1,005.03 MB", 1005030000),
        ("12.5 EB", int(12.5 * 10**18)),
    ],
)
def test_parse_bytes(text: str, value: int) -> None:
    assert parse_bytes(text) == value


@pytest.mark.parametrize("text", ["84 JB", "", "16 EiB"])
def test_parse_bytes_errors(text: str) -> None:
    # go-humanize TestByteErrors
    with pytest.raises(BytesError):
        parse_bytes(text)


@pytest.mark.parametrize(
    ("value", "printed"),
    [
        # go-humanize TestBytes
        (0, "0 B"),
        (803, "803 B"),
        (999, "999 B"),
        (1024, "1.0 kB"),
        (9999, "10 kB"),
        (10**6 - 1, "1000 kB"),
        (1024 * 1024, "1.0 MB"),
        (10**9 - 10**3, "1000 MB"),
        (10**12 - 10**6, "1000 GB"),
        (9999 * 1000, "10 MB"),
        (10**15 - 10**12, "999 TB"),
        (10**18, "1.0 EB"),
        (92160871366656, "92 TB"),
    ],
)
def test_humanize_bytes(value: int, printed: str) -> None:
    assert humanize_bytes(value) == printed
