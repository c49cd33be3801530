"""WAL records (pkg/ingester/wal/encoding.go at v3.6.0)."""

from __future__ import annotations

import pytest

from sim.loki.store.walrec import (
    RECORD_ENTRIES_V3,
    RECORD_SERIES,
    RecordError,
    RefEntries,
    decode_record,
    encode_entries,
    encode_series,
)


def test_series_record_round_trip() -> None:
    data = encode_series("tenant-1", [(1, '{a="1"}'), (2**64 - 1, '{b="2"}')])
    assert data[0] == RECORD_SERIES
    record = decode_record(data)
    assert (record.tenant, record.series) == ("tenant-1", [(1, '{a="1"}'), (2**64 - 1, '{b="2"}')])


def test_entries_record_round_trip() -> None:
    # encoding.go EncodeEntries(V3): timestamps relative to the first, counters, metadata.
    refs = [
        RefEntries(
            5,
            3,
            [
                (1_700_000_000_000_000_000, b"a", ()),
                (1_699_999_999_000_000_000, b"b", (("k", "v"),)),
            ],
        ),
        RefEntries(6, 1, []),  # refs with no entries are skipped
        RefEntries(7, 9, [(1_700_000_000_000_000_001, b"", ())]),
    ]
    data = encode_entries("t", refs)
    assert data[0] == RECORD_ENTRIES_V3
    record = decode_record(data)
    assert record.tenant == "t"
    assert [(r.ref, r.counter, r.entries) for r in record.entries] == [
        (5, 3, refs[0].entries),
        (7, 9, refs[2].entries),
    ]


@pytest.mark.parametrize(
    "data", [b"", b"\x09tenant", encode_entries("t", [RefEntries(1, 1, [(1, b"abc", ())])])[:-2]]
)
def test_undecodable_records_are_errors(data: bytes) -> None:
    # encoding.go DecodeRecord: "unknown record type" or a decode error; replay skips them.
    with pytest.raises(RecordError):
        decode_record(data)
