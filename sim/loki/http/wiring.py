"""From a LokiConfig to the parts' own settings: store, push path, query limits.

Everything here is a translation of values the config module already validated; the one
decision is where data lives: `--data DIR` puts the WAL, chunks, index and compactor marks
under DIR; without it they go under `common.path_prefix` (the WAL where
`ingester.wal.dir` says), as Loki's defaults put them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sim.errors import UsageError
from sim.loki.config import LokiConfig
from sim.loki.ingest.ingester import IngesterConfig
from sim.loki.ingest.streams import IngesterRing
from sim.loki.limits import parse_model_duration
from sim.loki.store import RetentionStream, StoreConfig

_S = 1_000_000_000


def data_paths(cfg: LokiConfig, data_dir: Path | None) -> tuple[Path, Path | None]:
    """(store directory, WAL directory or None for <store>/wal)."""
    if data_dir is not None:
        return data_dir, None
    if not cfg.common.path_prefix:
        raise UsageError(
            f"--data: {cfg.path} sets no common.path_prefix, so there is no data directory; "
            "give --data DIR"
        )
    return Path(cfg.common.path_prefix), Path(cfg.ingester.wal.dir)


def store_config(cfg: LokiConfig, wal_dir: Path | None) -> StoreConfig:
    ing, limits, comp = cfg.ingester, cfg.limits, cfg.compactor
    return StoreConfig(
        chunk_block_size=ing.chunk_block_size,
        chunk_target_size=ing.chunk_target_size,
        chunk_encoding=ing.chunk_encoding,
        chunk_idle_period_s=ing.chunk_idle_period / _S,
        max_chunk_age_s=ing.max_chunk_age / _S,
        chunk_retain_period_s=ing.chunk_retain_period / _S,
        sync_period_s=ing.sync_period / _S,
        sync_min_utilization=ing.sync_min_utilization,
        flush_check_period_s=ing.flush_check_period / _S,
        wal_enabled=ing.wal.enabled,
        wal_dir=wal_dir,
        checkpoint_interval_s=ing.wal.checkpoint_duration / _S,
        flush_on_shutdown=ing.wal.flush_on_shutdown,
        query_ingesters_within_s=cfg.querier.query_ingesters_within / _S,
        retention_enabled=comp.retention_enabled,
        retention_period_s=limits.retention_period / _S,
        retention_streams=retention_streams(limits.others.get("retention_stream")),
        retention_delete_delay_s=comp.retention_delete_delay / _S,
        compaction_interval_s=comp.compaction_interval / _S,
        apply_retention_interval_s=comp.apply_retention_interval / _S,
    )


def retention_streams(raw: Any) -> tuple[RetentionStream, ...]:
    """limits_config.retention_stream as the file wrote it (checked by the config module)."""
    streams = []
    for rule in raw or []:
        rule = rule if isinstance(rule, Mapping) else {}
        period = parse_model_duration(str(rule.get("period", "0")))
        streams.append(
            RetentionStream(
                str(rule.get("selector", "")), period / _S, int(rule.get("priority", 0))
            )
        )
    return tuple(streams)


def ingester_ring(cfg: LokiConfig) -> IngesterRing:
    """The single binary's ring: this one ingester, with the configured replication factor."""
    return IngesterRing(replication_factor=cfg.replication_factor, healthy_instances=1)


def push_ingester_config(cfg: LokiConfig) -> IngesterConfig:
    return IngesterConfig(
        max_chunk_age=cfg.ingester.max_chunk_age,
        max_returned_stream_errors=cfg.ingester.max_returned_stream_errors,
    )


@dataclass(frozen=True)
class ServingLimits:
    """limits_config keys the HTTP layer itself enforces (pkg/validation/limits.go defaults);
    the query limits proper are the engine's QueryLimits."""

    max_concurrent_tail_requests: int = 10  # -querier.max-concurrent-tail-requests

    @classmethod
    def from_others(cls, others: Mapping[str, Any]) -> ServingLimits:
        """An absent key keeps Loki's default; a YAML null is Go's zero value."""
        if "max_concurrent_tail_requests" not in others:
            return cls()
        return cls(int(others["max_concurrent_tail_requests"] or 0))
