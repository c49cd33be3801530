"""What the store counts, under Loki's metric names (pkg/ingester/metrics.go, flush.go,
instance.go, pkg/compactor/retention/metrics.go at v3.6.0).

Plain values: the server registers them with prometheus-client (counters as counters,
`observations` drained into its histograms). Label values are Loki's: `reason` for flushes
is one of idle, max_age, forced, full, synced; `type` for corruptions is segment or
checkpoint.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

CHUNK_STORED_BYTES = "loki_ingester_chunk_stored_bytes_total"  # {tenant}
CHUNKS_STORED = "loki_ingester_chunks_stored_total"  # {tenant}
CHUNKS_FLUSHED = "loki_ingester_chunks_flushed_total"  # {reason}
CHUNKS_CREATED = "loki_ingester_chunks_created_total"
MEMORY_CHUNKS = "loki_ingester_memory_chunks"
MEMORY_STREAMS = "loki_ingester_memory_streams"  # {tenant}
CHUNK_SIZE_BYTES = "loki_ingester_chunk_size_bytes"  # histogram
CHUNK_ENTRIES = "loki_ingester_chunk_entries"  # histogram
CHUNK_UTILIZATION = "loki_ingester_chunk_utilization"  # histogram
CHUNK_COMPRESSION_RATIO = "loki_ingester_chunk_compression_ratio"  # histogram
CHUNK_AGE_SECONDS = "loki_ingester_chunk_age_seconds"  # histogram
CHUNK_BOUNDS_HOURS = "loki_ingester_chunk_bounds_hours"  # histogram
WAL_REPLAY_DURATION = "loki_ingester_wal_replay_duration_seconds"
WAL_RECORDS_LOGGED = "loki_ingester_wal_records_logged_total"
WAL_LOGGED_BYTES = "loki_ingester_wal_logged_bytes_total"
WAL_RECOVERED_STREAMS = "loki_ingester_wal_recovered_streams_total"
WAL_RECOVERED_CHUNKS = "loki_ingester_wal_recovered_chunks_total"
WAL_RECOVERED_ENTRIES = "loki_ingester_wal_recovered_entries_total"
WAL_RECOVERED_BYTES = "loki_ingester_wal_recovered_bytes_total"
WAL_DUPLICATE_ENTRIES = "loki_ingester_wal_duplicate_entries_total"
WAL_CORRUPTIONS = "loki_ingester_wal_corruptions_total"  # {type}
CHECKPOINT_CREATIONS = "loki_ingester_checkpoint_creations_total"
CHECKPOINT_LOGGED_BYTES = "loki_ingester_checkpoint_logged_bytes_total"
RETENTION_MARKS = "loki_compactor_retention_marker_count_total"
RETENTION_DELETED = "loki_compactor_retention_sweeper_chunks_deleted_total"  # lokisim's own


@dataclass(frozen=True)
class FlushedChunk:
    """One stored chunk's histogram observations (reportFlushedChunkStatistics)."""

    tenant: str
    reason: str
    size_bytes: int  # len(encoded chunk)
    entries: int
    utilization: float
    compression_ratio: float  # uncompressed / encoded; 0 when not defined
    age_seconds: float  # now - first entry
    bounds_hours: float  # last entry - first entry


@dataclass
class StoreMetrics:
    chunk_stored_bytes: Counter[str] = field(default_factory=Counter)
    chunks_stored: Counter[str] = field(default_factory=Counter)
    chunks_flushed: Counter[str] = field(default_factory=Counter)
    chunks_created: int = 0
    memory_chunks: int = 0
    memory_streams: Counter[str] = field(default_factory=Counter)
    wal_replay_duration_seconds: float = 0.0
    wal_records_logged: int = 0
    wal_logged_bytes: int = 0
    wal_recovered_streams: int = 0
    wal_recovered_chunks: int = 0
    wal_recovered_entries: int = 0
    wal_recovered_bytes: int = 0
    wal_duplicate_entries: int = 0
    wal_corruptions: Counter[str] = field(default_factory=Counter)
    checkpoint_creations: int = 0
    checkpoint_logged_bytes: int = 0
    retention_marks: int = 0
    retention_deleted: int = 0
    observations: list[FlushedChunk] = field(default_factory=list)

    def drain_observations(self) -> list[FlushedChunk]:
        """Histogram observations since the last call, oldest first."""
        drained, self.observations = self.observations, []
        return drained
