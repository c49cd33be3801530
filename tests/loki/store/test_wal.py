"""WAL logging and replay (pkg/ingester/wal.go, recovery.go at v3.6.0)."""

from __future__ import annotations

from pathlib import Path

from sim.loki.store.codec import parse_codec
from sim.loki.store.memory import MemoryStreams
from sim.loki.store.metrics import StoreMetrics
from sim.loki.store.stream import ChunkRules
from sim.loki.store.wal import PendingRecord, WriteAheadLog, recover
from sim.loki.store.walrec import RefEntries, encode_entries, encode_series
from sim.loki.store.wlog import SegmentWriter

RULES = ChunkRules(parse_codec("snappy"), 256 * 1024, 1572864, 1, 1, 1, 0.1)


def replay(directory: Path) -> tuple[MemoryStreams, StoreMetrics]:
    metrics = StoreMetrics()
    streams = MemoryStreams(RULES, metrics)
    recover(directory, streams, metrics, now=0)
    return streams, metrics


def lines(streams: MemoryStreams, labels: str) -> list[bytes]:
    stream = streams.get("t", labels)
    assert stream is not None
    return [
        line for desc in stream.chunks for run in desc.chunk.entries(0, 2**62) for _, line, _ in run
    ]


def test_series_records_bind_fingerprints(tmp_path: Path) -> None:
    # recovery.go SetStream: the WAL's fingerprint maps to the stream with those labels.
    log = SegmentWriter(tmp_path)
    log.log(encode_series("t", [(111, '{a="1"}'), (222, '{a="2"}')]))
    log.log(
        encode_entries(
            "t", [RefEntries(222, 1, [(1, b"two", ())]), RefEntries(111, 1, [(1, b"one", ())])]
        )
    )
    log.log(encode_entries("t", [RefEntries(333, 1, [(1, b"nobody", ())])]))  # unknown ref: skipped
    streams, metrics = replay(tmp_path)
    assert lines(streams, '{a="1"}') == [b"one"] and lines(streams, '{a="2"}') == [b"two"]
    assert metrics.wal_recovered_streams == 2 and metrics.wal_recovered_entries == 2


def test_undecodable_record_is_skipped_and_replay_continues(tmp_path: Path) -> None:
    # recovery.go recoverGeneric: a dispatch error is reported, the reader moves on.
    log = SegmentWriter(tmp_path)
    log.log(encode_series("t", [(1, '{a="1"}')]))
    log.log(b"\x09garbage")
    log.log(encode_entries("t", [RefEntries(1, 1, [(5, b"kept", ())])]))
    streams, _ = replay(tmp_path)
    assert lines(streams, '{a="1"}') == [b"kept"]


def test_counter_drops_records_already_applied(tmp_path: Path) -> None:
    # stream.go Push during replay: counter <= entryCt means ErrEntriesExist.
    log = SegmentWriter(tmp_path)
    log.log(encode_series("t", [(1, '{a="1"}')]))
    log.log(encode_entries("t", [RefEntries(1, 2, [(1, b"a", ()), (2, b"b", ())])]))
    log.log(encode_entries("t", [RefEntries(1, 2, [(1, b"a", ()), (2, b"b", ())])]))  # same counter
    log.log(encode_entries("t", [RefEntries(1, 3, [(3, b"c", ())])]))
    streams, metrics = replay(tmp_path)
    assert lines(streams, '{a="1"}') == [b"a", b"b", b"c"]
    assert metrics.wal_duplicate_entries == 2


def test_replay_applies_the_last_line_check(tmp_path: Path) -> None:
    # stream.go validateEntries runs on replay too (isReplay only skips the validity window).
    log = SegmentWriter(tmp_path)
    log.log(encode_series("t", [(1, '{a="1"}')]))
    log.log(encode_entries("t", [RefEntries(1, 1, [(1, b"a", ())])]))
    log.log(encode_entries("t", [RefEntries(1, 3, [(1, b"a", ()), (0, b"older", ())])]))
    streams, _ = replay(tmp_path)
    assert lines(streams, '{a="1"}') == [b"older", b"a"]


def test_streams_without_chunks_are_forgotten(tmp_path: Path) -> None:
    # recoverer.Close removes streams that ended the replay with no chunks.
    SegmentWriter(tmp_path).log(encode_series("t", [(1, '{a="1"}')]))
    streams, metrics = replay(tmp_path)
    assert list(streams.all_streams()) == []
    assert metrics.memory_streams["t"] == 0


def test_log_writes_series_then_entries(tmp_path: Path) -> None:
    metrics = StoreMetrics()
    wal = WriteAheadLog(tmp_path, 4 * 1024 * 1024, metrics)
    wal.log(PendingRecord("t", [(1, '{a="1"}')], [RefEntries(1, 1, [(1, b"x", ())])]))
    wal.log(PendingRecord("t"))  # nothing stored: nothing logged
    wal.close()
    assert metrics.wal_records_logged == 2
    streams, _ = replay(tmp_path)
    assert lines(streams, '{a="1"}') == [b"x"]


def test_checkpoint_skips_streams_without_chunks(tmp_path: Path) -> None:
    metrics = StoreMetrics()
    streams = MemoryStreams(RULES, metrics)
    empty, _ = streams.get_or_create("t", '{a="empty"}')
    full, _ = streams.get_or_create("t", '{a="full"}')
    streams.push(full, [(1, b"x", ())], 0)
    wal = WriteAheadLog(tmp_path, 4 * 1024 * 1024, metrics)
    wal.log(
        PendingRecord(
            "t",
            [(full.fingerprint, full.labels)],
            [RefEntries(full.fingerprint, 1, [(1, b"x", ())])],
        )
    )
    wal.checkpoint(streams.all_streams())
    wal.close()
    restored, restored_metrics = replay(tmp_path)
    assert [s.labels for s in restored.all_streams()] == ['{a="full"}']
    assert restored_metrics.wal_recovered_chunks == 1 and metrics.checkpoint_creations == 1
    assert empty.chunks == []
