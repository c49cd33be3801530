"""The store's metric values (names verbatim from pkg/ingester/metrics.go at v3.6.0)."""

from __future__ import annotations

from sim.loki.store import metrics as names
from sim.loki.store.metrics import FlushedChunk, StoreMetrics


def test_metric_names_are_lokis() -> None:
    assert names.CHUNK_STORED_BYTES == "loki_ingester_chunk_stored_bytes_total"
    assert names.CHUNKS_FLUSHED == "loki_ingester_chunks_flushed_total"
    assert names.MEMORY_CHUNKS == "loki_ingester_memory_chunks"
    assert names.WAL_REPLAY_DURATION == "loki_ingester_wal_replay_duration_seconds"


def test_observations_are_drained_once() -> None:
    metrics = StoreMetrics()
    seen = FlushedChunk("t", "idle", 10, 1, 0.5, 2.0, 1.0, 0.1)
    metrics.observations.append(seen)
    assert metrics.drain_observations() == [seen]
    assert metrics.drain_observations() == []
