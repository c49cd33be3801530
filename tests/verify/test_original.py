"""Rebuilding what the pods wrote from their CRI files."""

from __future__ import annotations

from pathlib import Path

import pytest

from sim.fleet.cri import format_timestamp
from sim.verify.original import ContainerKey, parse_cri_time, rebuild, unverifiable_lines
from tests.verify.helpers import T0_NS, Pods


@pytest.mark.parametrize(
    ("stamp", "ns"),
    [
        # containerd writes time.RFC3339Nano: trailing zeros trimmed, Z for UTC (cri.py docstring)
        ("2026-11-26T14:39:01Z", 1_795_703_941_000_000_000),
        ("2026-11-26T14:39:01.5Z", 1_795_703_941_500_000_000),
        ("2026-11-26T14:39:01.000000001Z", 1_795_703_941_000_000_001),
        # RFC 3339 offsets: local time ahead of UTC by the offset
        ("2026-11-26T16:39:01.25+02:00", 1_795_703_941_250_000_000),
        ("2026-11-26T13:39:01-01:00", 1_795_703_941_000_000_000),
    ],
)
def test_parse_cri_time(stamp: str, ns: int) -> None:
    assert parse_cri_time(stamp) == ns


def test_parse_cri_time_inverts_the_fleets_format() -> None:
    for ns in (T0_NS, T0_NS + 1, T0_NS + 123_456_789, T0_NS + 999_999_999):
        assert parse_cri_time(format_timestamp(ns)) == ns


def test_partial_chunks_join_and_rotated_gzipped_files_count(tmp_path: Path) -> None:
    pods = Pods(tmp_path)
    api = pods.container()
    first = api.write("rotated away line", file="0.log.20261126-143901")
    api.gzip("0.log.20261126-143901")
    long = api.write("x" * 40 + "é" * 10, max_line_size=16)  # P chunks cutting a character
    err = api.write("to stderr", stream="stderr")
    originals = rebuild(tmp_path)
    key = ContainerKey("production", "api-5d9c7b8f-xk2m9", "0b1c", "api")
    seq = originals.by_container[key]
    assert [line.text for line in seq] == [first.text, long.text, err.text]
    assert [line.first_ns for line in seq] == [first.ns, long.ns, err.ns]
    # 60 bytes at 16 per chunk: 4 chunks, the F one stamped 3 ns after the first
    assert seq[1].last_ns == long.ns + 3
    assert [line.stream for line in seq] == ["stdout", "stdout", "stderr"]
    assert originals.position(seq[2], per_stream=True)[1] == 0
    assert originals.position(seq[2], per_stream=False)[1] == 2


def test_lines_whose_files_are_gone_are_unverifiable(tmp_path: Path) -> None:
    pods = Pods(tmp_path)
    api = pods.container()
    api.write("kept")
    gone = pods.container(pod="redis-0", uid="dead", name="redis")
    gone.write("in a deleted pod dir")
    accounting = [api.counts(extra_entries=2), gone.counts()]
    (gone.dir / "0.log").unlink()
    originals = rebuild(tmp_path)
    assert unverifiable_lines(originals, accounting) == {
        ContainerKey("production", "api-5d9c7b8f-xk2m9", "0b1c", "api"): 2,
        ContainerKey("production", "redis-0", "dead", "redis"): 1,
    }


def test_a_partial_line_never_finished_is_counted_not_invented(tmp_path: Path) -> None:
    pods = Pods(tmp_path)
    api = pods.container()
    api.write("whole")
    with (api.dir / "0.log").open("ab") as out:
        out.write(b"2026-11-26T14:39:09Z stdout P half a line\n")
    originals = rebuild(tmp_path)
    assert [line.text for line in originals.lines] == ["whole"]
    assert originals.unfinished_partials == 1
