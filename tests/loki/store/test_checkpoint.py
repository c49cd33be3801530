"""WAL checkpoints (pkg/ingester/checkpoint.go at v3.6.0)."""

from __future__ import annotations

from pathlib import Path

from sim.loki.store.checkpoint import (
    CheckpointChunk,
    SeriesState,
    checkpoint_segments,
    decode_series_state,
    encode_series_state,
    last_checkpoint,
    write_checkpoint,
)
from sim.loki.store.wlog import SegmentWriter, read_records, segment_indexes

STATE = SeriesState(
    tenant="t",
    fingerprint=2**63 + 5,
    labels='{app="api"}',
    last_ts=None,  # Go's zero time
    last_line=b"",
    entry_count=7,
    highest_ts=-5,
    chunks=[CheckpointChunk(b"blocks", b"head", True, False, 123, None)],
)


def test_series_state_round_trip() -> None:
    assert decode_series_state(encode_series_state(STATE)) == STATE


def test_checkpoint_is_named_after_last_segment_and_truncates(tmp_path: Path) -> None:
    # checkpoint.go Advance/Close: cut a segment, write checkpoint.<last>, delete the
    # segments it covers and older checkpoints.
    wal = SegmentWriter(tmp_path)
    wal.log(b"r0")
    wal.next_segment()
    wal.log(b"r1")
    (tmp_path / "checkpoint.000000").mkdir()
    written, logged = write_checkpoint(wal, [encode_series_state(STATE)])
    assert written and logged == len(encode_series_state(STATE))
    assert last_checkpoint(tmp_path) == (tmp_path / "checkpoint.000001", 1)
    assert not (tmp_path / "checkpoint.000000").exists()
    assert segment_indexes(tmp_path) == [2]
    records = list(read_records(checkpoint_segments(tmp_path / "checkpoint.000001")))
    assert [decode_series_state(r) for r in records] == [STATE]
    wal.close()


def test_temporary_checkpoints_are_ignored(tmp_path: Path) -> None:
    # checkpoint.go lastCheckpoint: ".tmp" directories are not complete checkpoints.
    (tmp_path / "checkpoint.000004.tmp").mkdir()
    (tmp_path / "checkpoint.000002").mkdir()
    assert last_checkpoint(tmp_path) == (tmp_path / "checkpoint.000002", 2)


def test_empty_checkpoint_still_truncates(tmp_path: Path) -> None:
    # PerformCheckpoint with no series: Close(false) still renames and truncates.
    wal = SegmentWriter(tmp_path)
    wal.log(b"old")
    assert write_checkpoint(wal, []) == (True, 0)
    assert segment_indexes(tmp_path) == [1]
    wal.close()
