"""CRI formatting as containerd writes it (containerd internal/cri/io/logger.go)."""

from __future__ import annotations

import pytest

from sim.fleet.cri import encode_lines, format_timestamp, parse_line, split_content

# 2026-11-26T14:39:01Z in nanoseconds.
BASE = 1_795_703_941 * 1_000_000_000


@pytest.mark.parametrize(
    ("offset_ns", "expected"),
    [
        # Go's time.RFC3339Nano = "2006-01-02T15:04:05.999999999Z07:00": trailing zeros trimmed.
        (0, "2026-11-26T14:39:01Z"),
        (100_000_000, "2026-11-26T14:39:01.1Z"),
        (669_794_202, "2026-11-26T14:39:01.669794202Z"),
        (1, "2026-11-26T14:39:01.000000001Z"),
        (120_000, "2026-11-26T14:39:01.00012Z"),
    ],
)
def test_timestamps_are_go_rfc3339nano(offset_ns: int, expected: str) -> None:
    assert format_timestamp(BASE + offset_ns) == expected


def test_short_line_is_one_full_line() -> None:
    data, count = encode_lines(b"hello world", "stdout", BASE + 5)
    assert data == b"2026-11-26T14:39:01.000000005Z stdout F hello world\n"
    assert count == 1


def test_empty_line_is_a_full_line_with_no_content() -> None:
    data, _ = encode_lines(b"", "stderr", BASE)
    assert data == b"2026-11-26T14:39:01Z stderr F \n"
    assert parse_line(data.rstrip(b"\n")) == ("2026-11-26T14:39:01Z", "stderr", "F", b"")


@pytest.mark.parametrize(
    ("length", "chunks"),
    [
        # redirectLogs writes a P line whenever the buffered length exceeds maxLen, cutting
        # exactly maxLen bytes; what remains at the newline is written as F.
        (16384, [16384]),  # exactly maxLen: length > maxLen never holds, one F line
        (16385, [16384, 1]),
        (32768, [16384, 16384]),  # no empty F line after an exact multiple
        (40000, [16384, 16384, 7232]),
    ],
)
def test_long_content_is_split_at_max_line_size(length: int, chunks: list[int]) -> None:
    content = bytes(65 + i % 26 for i in range(length))
    assert [len(c) for c in split_content(content, 16384)] == chunks
    data, count = encode_lines(content, "stdout", BASE)
    lines = data.split(b"\n")[:-1]
    assert count == len(chunks) == len(lines)
    tags = [parse_line(line)[2] for line in lines]
    assert tags == ["P"] * (len(chunks) - 1) + ["F"]
    assert b"".join(parse_line(line)[3] for line in lines) == content
    # Each chunk is stamped when written: strictly increasing timestamps.
    stamps = [parse_line(line)[0] for line in lines]
    assert stamps == sorted(set(stamps), key=stamps.index)
    assert len(set(stamps)) == len(stamps)
