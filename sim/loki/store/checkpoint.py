"""WAL checkpoints (pkg/ingester/checkpoint.go at v3.6.0).

Every `checkpoint_duration` the ingester cuts a new WAL segment, writes every in-memory
stream (all its chunks, flushed-but-retained ones included, with their flush state) into
`checkpoint.<last segment>` (built as `.tmp` and renamed), then deletes the segments that
checkpoint covers and older checkpoints. No checkpoint is taken when there is no segment,
nor at shutdown. Replay reads the newest complete checkpoint, then *every* remaining
segment; the entry counter in each WAL record makes entries already in the checkpoint drop.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from sim.loki.store.varint import Reader, be64, encode_str, uvarint, uvarint_str, varint
from sim.loki.store.walrec import RECORD_CHECKPOINT, RecordError
from sim.loki.store.wlog import SegmentWriter, fsync_dir, segment_indexes, segment_path

_CHECKPOINT = re.compile(r"^checkpoint\.(\d+)(\.tmp)?$")
_BATCH_BYTES = 1 << 20  # WALCheckpointWriter logs its buffered series past 1 MB


@dataclass(slots=True)
class CheckpointChunk:
    data: bytes
    head: bytes
    closed: bool
    synced: bool
    flushed: int | None
    last_updated: int | None


@dataclass(slots=True)
class SeriesState:
    """checkpoint.proto Series: one stream as the checkpoint stores it."""

    tenant: str
    fingerprint: int
    labels: str
    last_ts: int | None
    last_line: bytes
    entry_count: int
    highest_ts: int | None
    chunks: list[CheckpointChunk] = field(default_factory=list)


def _time(value: int | None) -> bytes:
    return b"\x00" if value is None else b"\x01" + varint(value)


def _read_time(reader: Reader) -> int | None:
    return reader.varint() if reader.byte() else None


def encode_series_state(state: SeriesState) -> bytes:
    parts = [
        bytes([RECORD_CHECKPOINT]),
        uvarint_str(encode_str(state.tenant)),
        be64(state.fingerprint),
        uvarint_str(encode_str(state.labels)),
        _time(state.last_ts),
        uvarint_str(state.last_line),
        varint(state.entry_count),
        _time(state.highest_ts),
        uvarint(len(state.chunks)),
    ]
    for chunk in state.chunks:
        flags = (1 if chunk.closed else 0) | (2 if chunk.synced else 0)
        parts += [bytes([flags]), _time(chunk.flushed), _time(chunk.last_updated)]
        parts += [uvarint_str(chunk.data), uvarint_str(chunk.head)]
    return b"".join(parts)


def decode_series_state(data: bytes) -> SeriesState:
    try:
        reader = Reader(data)
        if reader.byte() != RECORD_CHECKPOINT:
            raise RecordError(f"unexpected record type: {data[0]}")
        state = SeriesState(
            tenant=reader.uvarint_str(),
            fingerprint=reader.be64(),
            labels=reader.uvarint_str(),
            last_ts=_read_time(reader),
            last_line=reader.uvarint_bytes(),
            entry_count=reader.varint(),
            highest_ts=_read_time(reader),
        )
        for _ in range(reader.uvarint()):
            flags = reader.byte()
            flushed, updated = _read_time(reader), _read_time(reader)
            data_bytes, head = reader.uvarint_bytes(), reader.uvarint_bytes()
            state.chunks.append(
                CheckpointChunk(
                    data_bytes, head, bool(flags & 1), bool(flags & 2), flushed, updated
                )
            )
        return state
    except RecordError:
        raise
    except ValueError as error:
        raise RecordError(str(error)) from error


def last_checkpoint(wal_dir: Path) -> tuple[Path, int] | None:
    """lastCheckpoint: the complete checkpoint with the highest index."""
    best: tuple[Path, int] | None = None
    if not wal_dir.is_dir():
        return None
    for path in wal_dir.iterdir():
        match = _CHECKPOINT.match(path.name)
        if match and not match.group(2) and path.is_dir():
            index = int(match.group(1))
            if best is None or index > best[1]:
                best = (path, index)
    return best


def checkpoint_segments(path: Path) -> list[Path]:
    return [segment_path(path, index) for index in segment_indexes(path)]


def write_checkpoint(wal: SegmentWriter, records: Iterable[bytes]) -> tuple[bool, int]:
    """PerformCheckpoint: (whether one was written, bytes logged into it)."""
    existing = segment_indexes(wal.directory)
    if not existing:
        return False, 0
    last = existing[-1]
    wal.next_segment()
    final = wal.directory / f"checkpoint.{last:06d}"
    temporary = final.with_name(final.name + ".tmp")
    if temporary.exists():
        shutil.rmtree(temporary)
    writer = SegmentWriter(temporary, wal.segment_size)
    logged = 0
    batch: list[bytes] = []
    size = 0
    for record in records:
        batch.append(record)
        size += len(record)
        if size > _BATCH_BYTES:
            writer.log(*batch)
            logged += size
            batch, size = [], 0
    if batch:
        writer.log(*batch)
        logged += size
    writer.close()
    if final.exists():
        shutil.rmtree(final)
    os.replace(temporary, final)
    fsync_dir(wal.directory)
    wal.truncate(last + 1)
    _delete_checkpoints(wal.directory, last)
    return True, logged


def _delete_checkpoints(wal_dir: Path, below: int) -> None:
    for path in wal_dir.iterdir():
        match = _CHECKPOINT.match(path.name)
        if match and int(match.group(1)) < below:
            shutil.rmtree(path, ignore_errors=True)
