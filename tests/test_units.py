"""Durations follow Go's time.ParseDuration; sizes accept SI and IEC units; rates lines or bytes."""

from __future__ import annotations

import pytest

from sim.units import Rate, parse_duration, parse_rate, parse_size


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("30s", 30.0),  # Go time.ParseDuration docs: "300ms", "-1.5h" or "2h45m"
        ("5m", 300.0),
        ("1h30m", 5400.0),
        ("500ms", 0.5),
        ("1.5h", 5400.0),
        ("2h45m", 9900.0),
        ("720h", 2592000.0),  # ADR retention_period
        ("0", 0.0),
        (45, 45.0),
        (2.5, 2.5),
    ],
)
def test_durations(text: object, seconds: float) -> None:
    assert parse_duration(text) == pytest.approx(seconds)


@pytest.mark.parametrize("text", ["fast", "10", "5 m", "m5", "1h30", "-3s", -1, True, None, "1x"])
def test_bad_durations_say_what_was_expected(text: object) -> None:
    with pytest.raises(ValueError, match="expected a duration like '30s'"):
        parse_duration(text)


@pytest.mark.parametrize(
    ("text", "size"),
    [
        ("16KiB", 16384),  # containerd's default max_container_log_line_size
        ("10Mi", 10 * 1024 * 1024),  # kubelet containerLogMaxSize default "10Mi"
        ("256kb", 256000),  # ADR max_line_size written as Loki users do
        ("1MB", 1_000_000),
        ("100", 100),
        (1048576, 1048576),
    ],
)
def test_sizes(text: object, size: int) -> None:
    assert parse_size(text) == size


@pytest.mark.parametrize(
    ("text", "rate"),
    [
        ("200/s", Rate(200.0, "lines")),
        ("50KiB/s", Rate(50 * 1024.0, "bytes")),
        ("6MB/min", Rate(100_000.0, "bytes")),
        ("120/m", Rate(2.0, "lines")),
        ("3600 lines/h", Rate(1.0, "lines")),
    ],
)
def test_rates(text: str, rate: Rate) -> None:
    assert parse_rate(text) == rate


@pytest.mark.parametrize("text", ["fast", "200", "50KiB", "10/day", "5furlongs/s", 10])
def test_bad_rates(text: object) -> None:
    with pytest.raises(ValueError, match=r"expected a rate like '200/s' or '50KiB/s', got"):
        parse_rate(text)
