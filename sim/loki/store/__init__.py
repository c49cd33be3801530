"""The embedded Loki's storage engine: head chunks, WAL, chunk files, index, retention.

Public API: `Store` (the facade), `StoreConfig` and its retention settings, the result
types. See store.py for the data layout and docs in each module for the upstream facts.
"""

from sim.loki.store.compactor import RetentionResult
from sim.loki.store.config import RetentionStream, StoreConfig, TenantRetention
from sim.loki.store.head import Entry, Metadata
from sim.loki.store.metrics import FlushedChunk, StoreMetrics
from sim.loki.store.stats import IndexStats
from sim.loki.store.store import Store, StoreClosed, StreamState

__all__ = [
    "Entry",
    "FlushedChunk",
    "IndexStats",
    "Metadata",
    "RetentionResult",
    "RetentionStream",
    "Store",
    "StoreClosed",
    "StoreConfig",
    "StoreMetrics",
    "StreamState",
    "TenantRetention",
]
