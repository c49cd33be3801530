"""The compactor's retention passes over the store (pkg/compactor at v3.6.0).

`mark` runs the mark phase over every daily table and writes the marks; `sweep` deletes the
chunk files of marks older than `retention_delete_delay`. With `retention_enabled` off Loki
uses a never-expiring checker, so nothing is marked.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from sim.loki.store.chunkfile import path_of_id
from sim.loki.store.index import ChunkIndex
from sim.loki.store.metrics import StoreMetrics
from sim.loki.store.reader import ChunkCache
from sim.loki.store.retention import Marks, RetentionPolicy, mark


@dataclass(frozen=True)
class RetentionResult:
    marked: int  # chunk marks written (a chunk spanning two days is marked twice)
    dropped_from_index: int  # index entries removed from tables whose end is out of retention
    deleted: int  # chunk files removed by the sweeper


class Compactor:
    def __init__(
        self,
        enabled: bool,
        policies: tuple[RetentionPolicy, dict[str, RetentionPolicy]],
        delete_delay_ns: int,
        store: tuple[ChunkIndex, ChunkCache, Path],
        labels_of: Callable[[str], Mapping[str, str]],
        metrics: StoreMetrics,
    ) -> None:
        self.enabled = enabled
        self.default_policy, self.tenant_policies = policies
        self.delete_delay_ns = delete_delay_ns
        self.index, self.cache, self.chunks_dir = store
        self.marks = Marks(self.chunks_dir.parent / "compactor" / "retention" / "markers")
        self.labels_of = labels_of
        self.metrics = metrics

    def policy(self, tenant: str) -> RetentionPolicy:
        return self.tenant_policies.get(tenant, self.default_policy)

    def apply(self, now_ns: int) -> RetentionResult:
        marked, dropped = self.mark(now_ns)
        return RetentionResult(marked, dropped, self.sweep(now_ns))

    def mark(self, now_ns: int) -> tuple[int, int]:
        """(chunks marked, index entries dropped)."""
        if not self.enabled:
            return 0, 0
        result = mark(self.index, self.policy, self.labels_of, now_ns // 1_000_000)
        self.marks.put(result.marked, now_ns)
        for chunk_id in result.marked:
            self.cache.forget(chunk_id)
        if result.marked or result.dropped:
            self.index.compact()
        self.metrics.retention_marks += len(result.marked)
        return len(result.marked), result.dropped

    def sweep(self, now_ns: int) -> int:
        deleted = self.marks.sweep(self.delete_delay_ns, now_ns, self._delete_chunk)
        self.metrics.retention_deleted += deleted
        return deleted

    def _delete_chunk(self, chunk_id: str) -> bool:
        path = self.chunks_dir / path_of_id(chunk_id)
        if not path.exists():
            return False  # marked from two tables: the first sweep deleted it
        path.unlink()
        return True
