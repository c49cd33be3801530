"""Prometheus' write log as Loki's WAL uses it (tsdb/wlog, vendored in grafana/loki v3.6.0)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sim.loki.store.wlog import (
    PAGE_SIZE,
    SegmentWriter,
    WALCorruption,
    read_records,
    segment_indexes,
    segment_path,
)


def segments(directory: Path) -> list[Path]:
    return [segment_path(directory, i) for i in segment_indexes(directory)]


def read_all(directory: Path) -> tuple[list[bytes], str | None]:
    records: list[bytes] = []
    try:
        for record in read_records(segments(directory)):
            records.append(record)
    except WALCorruption as error:
        return records, str(error)
    return records, None


RECORDS = [b"", b"a", b"x" * 100, b"y" * (PAGE_SIZE - 7), b"z" * (3 * PAGE_SIZE + 17)]


def test_records_round_trip_across_pages(tmp_path: Path) -> None:
    # wlog.go log: records are split into first/middle/last fragments across pages.
    writer = SegmentWriter(tmp_path, 4 * PAGE_SIZE * 8)
    for record in RECORDS:
        writer.log(record)
    writer.close()
    assert read_all(tmp_path) == (RECORDS, None)


def test_each_log_call_reaches_the_file(tmp_path: Path) -> None:
    # wlog.go log: the final record of a call flushes the partial page (no fsync needed
    # for a killed process to keep it).
    writer = SegmentWriter(tmp_path)
    writer.log(b"hello")
    assert os.path.getsize(segment_path(tmp_path, 0)) == 7 + 5
    assert read_all(tmp_path) == ([b"hello"], None)
    writer.close()


def framed_size(records: list[bytes], size_before: int = 0) -> int:
    """Where the file ends after `records` (wlog.go log): each fragment 7 header bytes and at
    most a page's rest; a page with less than a header's room left is padded."""
    end = size_before
    for record in records:
        if PAGE_SIZE - end % PAGE_SIZE < 7:
            end += PAGE_SIZE - end % PAGE_SIZE
        left, first = len(record), True
        while first or left:
            part = min(left, PAGE_SIZE - end % PAGE_SIZE - 7)
            end, left, first = end + 7 + part, left - part, False
            if PAGE_SIZE - end % PAGE_SIZE < 7:
                end += PAGE_SIZE - end % PAGE_SIZE
    return end


def test_every_page_a_call_fills_reaches_the_file(tmp_path: Path) -> None:
    # a call's whole pages and its partial page are all written before it returns
    writer = SegmentWriter(tmp_path)
    written: list[bytes] = []
    for record in [*RECORDS, b"q" * (PAGE_SIZE * 2 - 20), b"r" * 5]:
        writer.log(record)
        written.append(record)
        assert os.path.getsize(segment_path(tmp_path, 0)) == framed_size(written)
        assert read_all(tmp_path) == (written, None)
    writer.close()


def test_close_pads_the_page(tmp_path: Path) -> None:
    writer = SegmentWriter(tmp_path)
    writer.log(b"hello")
    writer.close()
    assert os.path.getsize(segment_path(tmp_path, 0)) == PAGE_SIZE


def test_reopening_starts_a_new_segment(tmp_path: Path) -> None:
    # wlog.go NewSize: writing resumes in segment last+1.
    SegmentWriter(tmp_path).log(b"one")
    writer = SegmentWriter(tmp_path)
    writer.log(b"two")
    assert segment_indexes(tmp_path) == [0, 1]
    assert read_all(tmp_path) == ([b"one", b"two"], None)
    writer.close()


def test_a_record_never_crosses_segments(tmp_path: Path) -> None:
    # wlog.go log: a record too big for the rest of the segment starts the next one.
    writer = SegmentWriter(tmp_path, 2 * PAGE_SIZE)
    writer.log(b"a" * PAGE_SIZE)
    writer.log(b"b" * PAGE_SIZE)
    writer.close()
    assert segment_indexes(tmp_path) == [0, 1]
    assert read_all(tmp_path)[0] == [b"a" * PAGE_SIZE, b"b" * PAGE_SIZE]


@pytest.mark.parametrize("cut", [1, 3, 7, 10])
def test_torn_last_record_keeps_what_came_before(tmp_path: Path, cut: int) -> None:
    # reader.go: reading stops at the torn record; everything before it is returned.
    writer = SegmentWriter(tmp_path)
    writer.log(b"first")
    writer.log(b"second-record")
    size = os.path.getsize(segment_path(tmp_path, 0))
    os.truncate(segment_path(tmp_path, 0), size - cut)
    records, error = read_all(tmp_path)
    assert records == [b"first"]
    assert error is not None


def test_torn_multi_page_record_is_reported_torn(tmp_path: Path) -> None:
    # reader.go Next: EOF after a first/middle fragment is "last record is torn".
    writer = SegmentWriter(tmp_path)
    writer.log(b"keep")
    writer.log(b"q" * (2 * PAGE_SIZE))
    os.truncate(segment_path(tmp_path, 0), PAGE_SIZE)
    assert read_all(tmp_path) == ([b"keep"], "last record is torn")


def test_corruption_hides_later_segments(tmp_path: Path) -> None:
    # recovery.go recoverGeneric: the segment reader stops at the first error, so records
    # in later segments (written after a restart) are not replayed either.
    SegmentWriter(tmp_path).log(b"before")
    first = segment_path(tmp_path, 0)
    with first.open("r+b") as handle:
        handle.seek(7)
        handle.write(b"X")
    SegmentWriter(tmp_path).log(b"after restart")
    records, error = read_all(tmp_path)
    assert records == []
    assert error == "unexpected checksum"


def test_truncate_deletes_older_segments(tmp_path: Path) -> None:
    writer = SegmentWriter(tmp_path)
    writer.next_segment()
    writer.next_segment()
    writer.truncate(2)
    assert segment_indexes(tmp_path) == [2]
    writer.close()
