"""Loki 3.6's Config.Validate (pkg/loki/loki.go): the startup CONFIG ERRORs, in its order.

Only the checks a single-binary config with the stand-in's features can reach are here;
configs using other backends are refused as unsupported afterwards (support.py).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

from sim.gotemplate.goduration import duration_string
from sim.loki.config import defaults as d
from sim.loki.config import messages as m
from sim.loki.config.common import FileValues
from sim.loki.config.customtypes import model_duration_string
from sim.loki.config.model import LokiConfig, PeriodConfig
from sim.loki.config.schema import active_period, validate_path_prefix, validate_schema
from sim.loki.limits import LimitsValueError, parse_model_duration

SUPPORTED_INDEX_TYPES = ("boltdb-shipper", "tsdb")  # pkg/storage/types
KNOWN_INDEX_TYPES = (*SUPPORTED_INDEX_TYPES, "inmemory", "aws", "aws-dynamo", "bigtable",
                     "bigtable-hashed", "boltdb", "cassandra", "gcp", "gcp-columnkey", "grpc-store")  # fmt: skip  # noqa: E501
SUPPORTED_STORAGE_TYPES = ("filesystem", "aws", "alibabacloud", "azure", "bos", "cos", "gcs",
                           "s3", "swift", "noop")  # fmt: skip
KNOWN_STORAGE_TYPES = (*SUPPORTED_STORAGE_TYPES, "inmemory", "aws-dynamo", "bigtable",
                       "bigtable-hashed", "cassandra", "gcp", "gcp-columnkey", "grpc-store")  # fmt: skip  # noqa: E501
DELETION_MODES = ("disabled", "filter-only", "filter-and-delete")
SCHEDULER_RING = (1, 2)  # pkg/scheduler/scheduler.go: NumTokens, ReplicationFactor
INDEX_GATEWAY_NUM_TOKENS = 128  # pkg/indexgateway/config.go


class SchemaPanic(RuntimeError):
    """validateSchemaRequirements indexes an empty schema list: Loki panics."""


def validate(cfg: LokiConfig, f: FileValues, now: dt.datetime) -> list[str]:
    """The errors Config.Validate collects, each as Loki words it."""
    errs: list[str] = []

    def section(name: str, err: str | None) -> None:
        if err:
            errs.append(f"{m.go_sprintf(m.INVALID_SECTION, name)}: {err}")

    section("schema", validate_schema(cfg.schema_configs, now))
    section("query_range", _query_range(cfg))
    q = cfg.querier
    section(
        "querier",
        m.QUERIER_STORE_AND_INGESTER_ONLY if q.query_store_only and q.query_ingester_only else None,
    )
    section(
        "query_scheduler", _ring_constants(f, "query_scheduler.scheduler_ring", *SCHEDULER_RING)
    )
    section("ruler", _ruler(f))
    section("ingester", _ingester(cfg))
    section("limits_config", _limits(cfg))
    section("frontend_worker", _worker(f))
    section(
        "index_gateway", _ring_constants(f, "index_gateway.ring", INDEX_GATEWAY_NUM_TOKENS, None)
    )
    section("compactor", _compactor(cfg))
    section("query_range", _query_range(cfg))  # loki.go validates query_range twice
    dist = cfg.distributor
    section(
        "distributor",
        None
        if dist.kafka_writes_enabled or dist.ingester_writes_enabled
        else m.DISTRIBUTOR_NO_WRITES,
    )
    errs += _schema_values(cfg.schema_configs)
    errs += _compatibility(cfg)
    if not cfg.schema_configs:
        raise SchemaPanic(m.PANIC_NO_SCHEMA)
    errs += _schema_requirements(cfg, now)
    errs += _directories(cfg)
    return [m.MULTIPLE_ERRORS, *errs] if len(errs) > 1 else errs


def _query_range(cfg: LokiConfig) -> str | None:
    qr = cfg.query_range
    if qr.shard_aggregations and not qr.parallelise_shardable_queries:
        return m.SHARD_AGGREGATIONS_NEED_SHARDING
    return None


def _ring_constants(f: FileValues, ring: str, tokens: int, replication: int | None) -> str | None:
    if f.get(f"{ring}.num_tokens", tokens) != tokens:
        return m.RING_NUM_TOKENS
    if replication is not None and f.get(f"{ring}.replication_factor", replication) != replication:
        return m.RING_REPLICATION
    return None


def _ruler(f: FileValues) -> str | None:
    rw = "ruler.remote_write."
    has_client = f.get(rw + "client.url", None) or f.get(rw + "clients", {})
    return m.REMOTE_WRITE_NO_CLIENTS if f.get(rw + "enabled", False) and not has_client else None


def _ingester(cfg: LokiConfig) -> str | None:
    ing = cfg.ingester
    if ing.chunk_encoding.lower() not in (e.lower() for e in d.CHUNK_ENCODINGS):
        return m.go_sprintf(m.INVALID_ENCODING, ing.chunk_encoding, ", ".join(d.CHUNK_ENCODINGS))
    if ing.wal.enabled and ing.wal.checkpoint_duration < 1:
        return m.go_sprintf(
            m.INVALID_CHECKPOINT_DURATION, duration_string(ing.wal.checkpoint_duration)
        )
    if ing.flush_op_backoff_min_period > ing.flush_op_backoff_max_period:
        return m.FLUSH_BACKOFF_ORDER
    if ing.flush_op_backoff_max_retries <= 0:
        return m.go_sprintf(m.FLUSH_MAX_RETRIES, ing.flush_op_backoff_max_retries)
    if ing.flush_op_timeout <= 0:
        return m.go_sprintf(m.FLUSH_OP_TIMEOUT, duration_string(ing.flush_op_timeout))
    if ing.index_shards <= 0:
        return m.go_sprintf(m.INDEX_SHARD_FACTOR, ing.index_shards)
    return None


def _limits(cfg: LokiConfig) -> str | None:
    """The parts of Limits.Validate that plain config values can fail."""
    others = cfg.limits.others
    for rule in others.get("retention_stream") or []:
        period = (rule or {}).get("period")
        ns = _model_ns(period) if isinstance(period, str) else None
        if ns is not None and ns < 24 * 3600 * 10**9:
            return m.go_sprintf(m.RETENTION_STREAM_PERIOD, model_duration_string(ns))
    # a null limits_config zeroes deletion_mode too, and "" is not a mode
    if "deletion_mode" in others and str(others["deletion_mode"] or "") not in DELETION_MODES:
        return m.DELETION_MODE_UNKNOWN
    if "tsdb_max_bytes_per_shard" in others and others["tsdb_max_bytes_per_shard"] in (
        0,
        "0",
        None,
    ):
        return m.TSDB_MAX_BYTES_PER_SHARD
    return None


def _model_ns(text: str) -> int | None:
    try:
        return parse_model_duration(text)
    except LimitsValueError:
        return None  # the decoder already refused it


def _worker(f: FileValues) -> str | None:
    both = f.get("frontend_worker.frontend_address", "") and f.get(
        "frontend_worker.scheduler_address", ""
    )
    return m.WORKER_ADDRESSES_EXCLUSIVE if both else None


def _compactor(cfg: LokiConfig) -> str | None:
    c = cfg.compactor
    if c.max_compaction_parallelism < 1:
        return m.COMPACTOR_PARALLELISM
    if c.ring_num_tokens != d.COMPACTOR_RING_NUM_TOKENS:
        return m.RING_NUM_TOKENS
    if c.ring_replication_factor != d.COMPACTOR_RING_REPLICATION_FACTOR:
        return m.RING_REPLICATION
    if c.retention_enabled:
        if not c.delete_request_store:
            return m.DELETE_REQUEST_STORE_REQUIRED
        err = validate_path_prefix(c.delete_request_store_key_prefix)
        if err:
            return m.go_sprintf(m.DELETE_STORE_PREFIX, err)
    return None


def _schema_values(periods: Sequence[PeriodConfig]) -> list[str]:
    """validateSchemaValues (named_stores are refused as unsupported before they matter)."""
    errs = []
    for p in periods:
        if p.store not in KNOWN_INDEX_TYPES:
            errs.append(
                m.go_sprintf(m.UNRECOGNIZED_STORE, p.store, ", ".join(SUPPORTED_INDEX_TYPES))
            )
        if p.object_store not in KNOWN_STORAGE_TYPES:
            errs.append(
                m.go_sprintf(
                    m.UNRECOGNIZED_OBJECT_STORE, p.object_store, ", ".join(SUPPORTED_STORAGE_TYPES)
                )
            )
    return errs


def _compatibility(cfg: LokiConfig) -> list[str]:
    """ValidateConfigCompatibility: the first period's failure only, then the frontend."""
    errs = []
    shards = cfg.ingester.index_shards % (1 << 32)  # uint32(c.Ingester.IndexShards)
    for i, p in enumerate(cfg.schema_configs):
        if p.store == "tsdb":
            if shards and 1 << int(math.log2(shards)) != shards:
                errs.append(m.go_sprintf(m.SHARD_FACTOR_NOT_POWER_OF_2, shards))
                break
        elif p.row_shards > 0 and cfg.ingester.index_shards % p.row_shards:
            errs.append(
                m.go_sprintf(m.INCOMPATIBLE_ROW_SHARDS, cfg.ingester.index_shards, p.row_shards, i)
            )
            break
    if cfg.query_range.shard_aggregations:
        errs.append(m.PROTOBUF_FOR_AGGREGATION_SHARDING)  # frontend.encoding is refused if set
    return errs


def _schema_requirements(cfg: LokiConfig, now: dt.datetime) -> list[str]:
    position = active_period(cfg.schema_configs, now)
    p = cfg.schema_configs[position]
    errs = []
    if p.schema_version is None:
        return [m.go_sprintf(m.INVALID_SCHEMA_POSITION, position)]
    if cfg.limits.allow_structured_metadata and p.schema_version < 13:
        errs.append(m.go_sprintf(m.SCHEMA_V13_REQUIRED, p.schema))
    if cfg.limits.allow_structured_metadata and p.store != "tsdb":
        errs.append(m.go_sprintf(m.TSDB_REQUIRED, p.store))
    return errs


def _directories(cfg: LokiConfig) -> list[str]:
    s, errs = cfg.storage, []
    for p in cfg.schema_configs:
        if p.store == "tsdb":
            errs += [m.TSDB_ACTIVE_DIR_MISSING] if not s.tsdb_active_index_directory else []
            errs += [m.TSDB_CACHE_MISSING] if not s.tsdb_cache_location else []
    for p in cfg.schema_configs:
        if p.store == "boltdb-shipper":
            errs += [m.BOLTDB_ACTIVE_DIR_MISSING] if not s.boltdb_active_index_directory else []
            errs += [m.BOLTDB_CACHE_MISSING] if not s.boltdb_cache_location else []
    for p in cfg.schema_configs:
        if p.store in SUPPORTED_INDEX_TYPES and not cfg.compactor.working_directory:
            errs.append(m.COMPACTOR_DIR_EMPTY)
    return errs
