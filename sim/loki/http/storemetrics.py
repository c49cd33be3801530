"""The store's counters under Loki's names, read at scrape time (pkg/ingester/metrics.go).

StoreMetrics holds plain values; `StoreCollector` turns them into metric families on each
collect, and drains the flushed-chunk observations into real histograms with Loki's
buckets. loki_ingester_memory_streams is not here: the server exports the ingester's own
count (streams the push path holds, as instance.go counts them).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from prometheus_client import CollectorRegistry, Histogram
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from sim.loki.store import StoreMetrics
from sim.loki.store import metrics as sm


def _linear(start: float, width: float, count: int) -> tuple[float, ...]:
    return tuple(start + width * i for i in range(count))


def _exponential(start: float, factor: float, count: int) -> tuple[float, ...]:
    return tuple(start * factor**i for i in range(count))


# (name, help, buckets, attribute of FlushedChunk), from pkg/ingester/metrics.go
_HISTOGRAMS = (
    (sm.CHUNK_UTILIZATION, "Distribution of stored chunk utilization (when stored).",
     _linear(0, 0.2, 6), "utilization"),
    (sm.CHUNK_ENTRIES, "Distribution of stored lines per chunk (when stored).",
     _exponential(200, 2, 9), "entries"),
    (sm.CHUNK_SIZE_BYTES, "Distribution of stored chunk sizes (when stored).",
     _exponential(20000, 2, 10), "size_bytes"),
    (sm.CHUNK_COMPRESSION_RATIO, "Compression ratio of chunks (when stored).",
     _linear(0.75, 2, 10), "compression_ratio"),
    (sm.CHUNK_AGE_SECONDS, "Distribution of chunk ages (when stored).",
     (60, 300, 600, 1800, 3600, 7200, 14400, 36000, 43200, 57600), "age_seconds"),
    (sm.CHUNK_BOUNDS_HOURS, "Distribution of chunk end-start durations.",
     _linear(1, 1, 8), "bounds_hours"),
)  # fmt: skip


class StoreCollector(Collector):
    """Registers the store's series in `registry`; `metrics` is read on every scrape."""

    def __init__(
        self, metrics: Callable[[], StoreMetrics | None], registry: CollectorRegistry
    ) -> None:
        self._metrics = metrics
        self._histograms = [
            (Histogram(name, text, buckets=buckets, registry=registry), attribute)
            for name, text, buckets, attribute in _HISTOGRAMS
        ]
        registry.register(self)

    def drain(self) -> None:
        """Move flushed-chunk observations into the histograms."""
        metrics = self._metrics()
        if metrics is None:
            return
        for chunk in metrics.drain_observations():
            for histogram, attribute in self._histograms:
                histogram.observe(getattr(chunk, attribute))

    def collect(self) -> Iterable[Metric]:
        self.drain()
        metrics = self._metrics()
        if metrics is None:
            return
        yield _per(sm.CHUNK_STORED_BYTES, "Total bytes stored in chunks per tenant.", "tenant",
                   metrics.chunk_stored_bytes)  # fmt: skip
        yield _per(sm.CHUNKS_STORED, "Total stored chunks per tenant.", "tenant",
                   metrics.chunks_stored)  # fmt: skip
        yield _per(sm.CHUNKS_FLUSHED, "Total flushed chunks per reason.", "reason",
                   metrics.chunks_flushed)  # fmt: skip
        yield _per(sm.WAL_CORRUPTIONS, "Total number of WAL corruptions encountered.", "type",
                   metrics.wal_corruptions)  # fmt: skip
        counters = (
            (sm.CHUNKS_CREATED, "The total number of chunks created in the ingester.",
             metrics.chunks_created),
            (sm.WAL_RECORDS_LOGGED, "Total number of WAL records logged.",
             metrics.wal_records_logged),
            (sm.WAL_LOGGED_BYTES, "Total number of bytes written to disk for WAL records.",
             metrics.wal_logged_bytes),
            (sm.WAL_RECOVERED_STREAMS, "Total number of streams recovered from the WAL.",
             metrics.wal_recovered_streams),
            (sm.WAL_RECOVERED_CHUNKS, "Total number of chunks recovered from the WAL "
             "checkpoints.", metrics.wal_recovered_chunks),
            (sm.WAL_RECOVERED_ENTRIES, "Total number of entries recovered from the WAL.",
             metrics.wal_recovered_entries),
            (sm.WAL_RECOVERED_BYTES, "Total number of bytes recovered from the WAL.",
             metrics.wal_recovered_bytes),
            (sm.WAL_DUPLICATE_ENTRIES, "Entries discarded during WAL replay due to existing "
             "in checkpoints.", metrics.wal_duplicate_entries),
            (sm.CHECKPOINT_CREATIONS, "Total number of checkpoint creations attempted.",
             metrics.checkpoint_creations),
            (sm.CHECKPOINT_LOGGED_BYTES, "Total number of bytes written to disk for "
             "checkpointing.", metrics.checkpoint_logged_bytes),
            (sm.RETENTION_MARKS, "Total count of markers created", metrics.retention_marks),
            (sm.RETENTION_DELETED, "lokisim: chunk files the retention sweeper deleted.",
             metrics.retention_deleted),
        )  # fmt: skip
        for name, text, value in counters:
            yield CounterMetricFamily(name, text, value=value)
        memory = "The total number of chunks in memory."
        yield GaugeMetricFamily(sm.MEMORY_CHUNKS, memory, value=metrics.memory_chunks)
        replay = "Time taken to replay the checkpoint and the WAL."
        yield GaugeMetricFamily(
            sm.WAL_REPLAY_DURATION, replay, value=metrics.wal_replay_duration_seconds
        )


def _per(name: str, text: str, label: str, values: dict[str, int]) -> CounterMetricFamily:
    family = CounterMetricFamily(name, text, labels=[label])
    for value, count in sorted(values.items()):
        family.add_metric([value], count)
    return family
