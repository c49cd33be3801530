"""The `stats` object of a query answer (pkg/logqlmodel/stats, grafana/loki v3.6.0).

Same keys in the same order as Loki's stats.Result (stats.pb.go field order). What the
embedded Loki can measure is filled in: entries and bytes read (counted as the querier's
decompressed chunk data), entries left after the pipeline, whether structured metadata was
referenced, execution time and entries returned; the summary is computed as Loki's
ComputeSummary does. Everything else (chunks, caches, index, ingester fan-out) is 0.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

_CHUNK = (
    "headChunkBytes", "headChunkLines", "decompressedBytes", "decompressedLines",
    "compressedBytes", "totalDuplicates", "postFilterLines", "headChunkStructuredMetadataBytes",
    "decompressedStructuredMetadataBytes",
)  # fmt: skip
_DATAOBJ = (
    "prePredicateDecompressedRows", "prePredicateDecompressedBytes",
    "prePredicateDecompressedStructuredMetadataBytes", "postPredicateRows",
    "postPredicateDecompressedBytes", "postPredicateStructuredMetadataBytes", "postFilterRows",
    "pagesScanned", "pagesDownloaded", "pagesDownloadedBytes", "pageBatches",
    "totalRowsAvailable", "totalPageDownloadTime",
)  # fmt: skip
_CACHE = (
    "entriesFound", "entriesRequested", "entriesStored", "bytesReceived", "bytesSent",
    "requests", "downloadTime", "queryLengthServed",
)  # fmt: skip
_CACHES = (
    "chunk", "index", "result", "statsResult", "volumeResult", "seriesResult", "labelResult",
    "instantMetricResult",
)  # fmt: skip


def metadata_bytes(metadata: tuple[tuple[str, str], ...]) -> int:
    """An entry's structured metadata bytes, as counted in the stats: names and values."""
    return sum(len(n.encode()) + len(v.encode("utf-8", "surrogateescape")) for n, v in metadata)


@dataclass
class Stats:
    lines: int = 0
    bytes: int = 0
    metadata_bytes: int = 0
    post_filter_lines: int = 0
    referenced_metadata: bool = False
    exec_time_s: float = 0.0
    entries_returned: int = 0

    def _store(self, measured: bool) -> dict[str, Any]:
        chunk: dict[str, Any] = dict.fromkeys(_CHUNK, 0)
        if measured:
            chunk["decompressedBytes"] = self.bytes
            chunk["decompressedLines"] = self.lines
            chunk["postFilterLines"] = self.post_filter_lines
            chunk["decompressedStructuredMetadataBytes"] = self.metadata_bytes
        return {
            "totalChunksRef": 0,
            "totalChunksDownloaded": 0,
            "chunksDownloadTime": 0,
            "queryReferencedStructuredMetadata": measured and self.referenced_metadata,
            "queryUsedV2Engine": False,
            "chunk": chunk,
            "chunkRefsFetchTime": 0,
            "congestionControlLatency": 0,
            "pipelineWrapperFilteredLines": 0,
            "dataobj": dict.fromkeys(_DATAOBJ, 0),
        }

    def to_dict(self) -> dict[str, Any]:
        """stats.Result as Loki serialises it; floats are written by the JSON encoder."""
        exec_time = self.exec_time_s

        def per_second(total: int) -> int:
            return int(total / exec_time) if exec_time else 0

        summary = {
            "bytesProcessedPerSecond": per_second(self.bytes),
            "linesProcessedPerSecond": per_second(self.lines),
            "totalBytesProcessed": self.bytes,
            "totalLinesProcessed": self.lines,
            "execTime": float(exec_time),
            "queueTime": 0.0,
            "subqueries": 0,
            "totalEntriesReturned": self.entries_returned,
            "splits": 0,
            "shards": 0,
            "totalPostFilterLines": self.post_filter_lines,
            "totalStructuredMetadataBytesProcessed": self.metadata_bytes,
        }
        ingester = {
            "totalReached": 0,
            "totalChunksMatched": 0,
            "totalBatches": 0,
            "totalLinesSent": 0,
            "store": self._store(False),
        }
        return {
            "summary": summary,
            "querier": {"store": self._store(True)},
            "ingester": ingester,
            "cache": {name: dict.fromkeys(_CACHE, 0) for name in _CACHES},
            "index": {
                "totalChunks": 0,
                "postFilterChunks": 0,
                "shardsDuration": 0,
                "usedBloomFilters": False,
            },
        }
