"""Decoded file -> LokiConfig, with the `common` section applied as Loki 3.6 applies it.

Each section's builder reads the file through FileValues (common.py): the file's value, a
null's zero, or Loki's default; path_prefix and common.storage fill what the file leaves.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

from sim.loki.config import defaults as d
from sim.loki.config import model
from sim.loki.config.common import RING_PATHS, FileValues, check_dynamic, ring_stores
from sim.loki.limits import Limits


def build(
    decoded: Mapping[str, Any], plain: Mapping[str, Any], limits: Limits, path: Path
) -> model.LokiConfig:
    """The effective config from the decoded file (`plain`: as written, kept as `raw`).

    Raises DynamicConfigError as ApplyDynamicConfig does.
    """
    f = FileValues(decoded)
    check_dynamic(f)
    prefix = f.get("common.path_prefix", "")
    trimmed = prefix[:-1] if prefix.endswith("/") else prefix

    def under_prefix(key: str, default: str, leaf: str) -> str:
        if f.sets(key) or not prefix:
            return str(f.get(key, default))
        return f"{trimmed}/{leaf}"

    periods = tuple(_period(p or {}) for p in f.get("schema_config.configs", []) or [])
    common = model.CommonConfig(
        path_prefix=prefix,
        replication_factor=f.get("common.replication_factor", d.COMMON_REPLICATION_FACTOR),
        filesystem_chunks_directory=f.get("common.storage.filesystem.chunks_directory", ""),
        filesystem_rules_directory=f.get("common.storage.filesystem.rules_directory", ""),
        persist_tokens=f.get("common.persist_tokens", False),
        instance_addr=f.get("common.instance_addr", ""),
        compactor_address=f.get("common.compactor_address", ""),
    )
    rings = ring_stores(f)
    return model.LokiConfig(
        path=path,
        auth_enabled=f.get("auth_enabled", d.AUTH_ENABLED),
        target=tuple(f.get("target", list(d.TARGET)) or ()),
        server=_server(f),
        common=common,
        distributor=model.DistributorConfig(
            max_recv_msg_size=f.get(
                "distributor.max_recv_msg_size", d.DISTRIBUTOR_MAX_RECV_MSG_SIZE
            ),
            kafka_writes_enabled=f.get("distributor.kafka_writes_enabled", False),
            ingester_writes_enabled=f.get("distributor.ingester_writes_enabled", True),
        ),
        ingester=_ingester(f, under_prefix("ingester.wal.dir", d.WAL_DIR, "wal"), rings, common),
        querier=model.QuerierConfig(
            tail_max_duration=f.get("querier.tail_max_duration", d.TAIL_MAX_DURATION),
            query_ingesters_within=f.get(
                "querier.query_ingesters_within", d.QUERY_INGESTERS_WITHIN
            ),
            max_concurrent=f.get("querier.max_concurrent", d.MAX_CONCURRENT),
            query_store_only=f.get("querier.query_store_only", False),
            query_ingester_only=f.get("querier.query_ingester_only", False),
        ),
        query_range=model.QueryRangeConfig(
            align_queries_with_step=f.get("query_range.align_queries_with_step", False),
            max_retries=f.get("query_range.max_retries", d.QUERY_RANGE_MAX_RETRIES),
            parallelise_shardable_queries=f.get(
                "query_range.parallelise_shardable_queries", d.PARALLELISE_SHARDABLE_QUERIES
            ),
            shard_aggregations=tuple(f.get("query_range.shard_aggregations", []) or ()),
        ),
        schema_configs=periods,
        storage=_storage(f, common, periods, trimmed),
        compactor=_compactor(
            f,
            under_prefix("compactor.working_directory", d.COMPACTOR_WORKING_DIRECTORY, "compactor"),
        ),
        ruler=_ruler(f, common, under_prefix("ruler.rule_path", d.RULE_PATH, "rules-temp")),
        limits=limits,
        shutdown_delay=f.get("shutdown_delay", 0),
        metrics_namespace=f.get("metrics_namespace", d.METRICS_NAMESPACE),
        ring_kvstores=MappingProxyType(rings),
        raw=MappingProxyType(dict(plain)),
    )


def _server(f: FileValues) -> model.ServerConfig:
    tls = "server.http_tls_config."
    return model.ServerConfig(
        http_listen_address=f.get("server.http_listen_address", ""),
        http_listen_port=f.get("server.http_listen_port", d.HTTP_LISTEN_PORT),
        grpc_listen_port=f.get("server.grpc_listen_port", d.GRPC_LISTEN_PORT),
        http_tls_config=model.TLSConfig(
            cert_file=f.get(tls + "cert_file", ""),
            key_file=f.get(tls + "key_file", ""),
            client_auth_type=f.get(tls + "client_auth_type", ""),
            client_ca_file=f.get(tls + "client_ca_file", ""),
        ),
        log_level=f.get("server.log_level", d.LOG_LEVEL),
        log_format=f.get("server.log_format", d.LOG_FORMAT),
        http_server_read_timeout=f.get(
            "server.http_server_read_timeout", d.HTTP_SERVER_READ_TIMEOUT
        ),
        http_server_write_timeout=f.get(
            "server.http_server_write_timeout", d.HTTP_SERVER_WRITE_TIMEOUT
        ),
        http_server_idle_timeout=f.get(
            "server.http_server_idle_timeout", d.HTTP_SERVER_IDLE_TIMEOUT
        ),
        graceful_shutdown_timeout=f.get(
            "server.graceful_shutdown_timeout", d.GRACEFUL_SHUTDOWN_TIMEOUT
        ),
    )


def _ingester(
    f: FileValues, wal_dir: str, rings: Mapping[str, str], common: model.CommonConfig
) -> model.IngesterConfig:
    i, backoff = "ingester.", "ingester.flush_op_backoff."
    return model.IngesterConfig(
        concurrent_flushes=f.get(i + "concurrent_flushes", d.CONCURRENT_FLUSHES),
        flush_check_period=f.get(i + "flush_check_period", d.FLUSH_CHECK_PERIOD),
        flush_op_backoff_min_period=f.get(backoff + "min_period", d.FLUSH_OP_BACKOFF_MIN),
        flush_op_backoff_max_period=f.get(backoff + "max_period", d.FLUSH_OP_BACKOFF_MAX),
        flush_op_backoff_max_retries=f.get(backoff + "max_retries", d.FLUSH_OP_BACKOFF_RETRIES),
        flush_op_timeout=f.get(i + "flush_op_timeout", d.FLUSH_OP_TIMEOUT),
        chunk_retain_period=f.get(i + "chunk_retain_period", d.CHUNK_RETAIN_PERIOD),
        chunk_idle_period=f.get(i + "chunk_idle_period", d.CHUNK_IDLE_PERIOD),
        chunk_block_size=f.get(i + "chunk_block_size", d.CHUNK_BLOCK_SIZE),
        chunk_target_size=f.get(i + "chunk_target_size", d.CHUNK_TARGET_SIZE),
        chunk_encoding=f.get(i + "chunk_encoding", d.CHUNK_ENCODING),
        max_chunk_age=f.get(i + "max_chunk_age", d.MAX_CHUNK_AGE),
        sync_period=f.get(i + "sync_period", d.SYNC_PERIOD),
        sync_min_utilization=f.get(i + "sync_min_utilization", d.SYNC_MIN_UTILIZATION),
        max_returned_stream_errors=f.get(
            i + "max_returned_stream_errors", d.MAX_RETURNED_STREAM_ERRORS
        ),
        index_shards=f.get(i + "index_shards", d.INDEX_SHARDS),
        wal=model.WALConfig(
            enabled=f.get(i + "wal.enabled", d.WAL_ENABLED),
            dir=wal_dir,
            checkpoint_duration=f.get(i + "wal.checkpoint_duration", d.WAL_CHECKPOINT_DURATION),
            flush_on_shutdown=f.get(i + "wal.flush_on_shutdown", d.WAL_FLUSH_ON_SHUTDOWN),
            replay_memory_ceiling=f.get(
                i + "wal.replay_memory_ceiling", d.WAL_REPLAY_MEMORY_CEILING
            ),
        ),
        ring_kvstore=rings[RING_PATHS[0]],
        # applyIngesterReplicationFactor copies common.replication_factor unless the file says
        replication_factor=f.get(
            i + "lifecycler.ring.replication_factor", common.replication_factor
        ),
    )


def _period(raw: Mapping[str, Any]) -> model.PeriodConfig:
    p = FileValues(raw)
    schema = p.get("schema", "")
    return model.PeriodConfig(
        from_date=p.get("from", None),
        store=p.get("store", ""),
        object_store=p.get("object_store", ""),
        schema=schema,
        index_prefix=p.get("index.prefix", ""),
        index_period=p.get("index.period", 0),
        # applyDefaults (run by SchemaConfig.Validate): an empty path prefix is "index/"
        index_path_prefix=p.get("index.path_prefix", "") or d.INDEX_PATH_PREFIX,
        chunks_prefix=p.get("chunks.prefix", ""),
        chunks_period=p.get("chunks.period", 0),
        row_shards=p.get("row_shards", 0)
        or (0 if schema in d.ROW_SHARDS_BEFORE_V10 else d.ROW_SHARDS),
    )


def _storage(
    f: FileValues, common: model.CommonConfig, periods: tuple[model.PeriodConfig, ...], trimmed: str
) -> model.StorageConfig:
    def shipper(key: str, store: str, leaf: str) -> str:
        # betterTSDBShipperDefaults / betterBoltdbShipperDefaults: only with path_prefix
        value = str(f.get(f"storage_config.{key}", ""))
        if not value and common.path_prefix and any(p.store == store for p in periods):
            return f"{trimmed}/{leaf}"
        return value

    chunks = "storage_config.filesystem.directory"
    common_fs = common.filesystem_chunks_directory or common.filesystem_rules_directory
    return model.StorageConfig(
        filesystem_directory=str(
            f.get(chunks, "")
            if f.sets(chunks) or not common_fs
            else common.filesystem_chunks_directory
        ),
        tsdb_active_index_directory=shipper(
            "tsdb_shipper.active_index_directory", "tsdb", "tsdb-shipper-active"
        ),
        tsdb_cache_location=shipper("tsdb_shipper.cache_location", "tsdb", "tsdb-shipper-cache"),
        tsdb_cache_ttl=f.get("storage_config.tsdb_shipper.cache_ttl", d.TSDB_CACHE_TTL),
        boltdb_active_index_directory=shipper(
            "boltdb_shipper.active_index_directory", "boltdb-shipper", "boltdb-shipper-active"
        ),
        boltdb_cache_location=shipper(
            "boltdb_shipper.cache_location", "boltdb-shipper", "boltdb-shipper-cache"
        ),
        index_cache_validity=f.get("storage_config.index_cache_validity", d.INDEX_CACHE_VALIDITY),
    )


def _compactor(f: FileValues, working_directory: str) -> model.CompactorConfig:
    c = "compactor."
    return model.CompactorConfig(
        working_directory=working_directory,
        compaction_interval=f.get(c + "compaction_interval", d.COMPACTION_INTERVAL),
        apply_retention_interval=f.get(c + "apply_retention_interval", d.APPLY_RETENTION_INTERVAL),
        retention_enabled=f.get(c + "retention_enabled", d.RETENTION_ENABLED),
        retention_delete_delay=f.get(c + "retention_delete_delay", d.RETENTION_DELETE_DELAY),
        retention_delete_worker_count=f.get(
            c + "retention_delete_worker_count", d.RETENTION_DELETE_WORKER_COUNT
        ),
        retention_table_timeout=f.get(c + "retention_table_timeout", d.RETENTION_TABLE_TIMEOUT),
        delete_request_store=f.get(c + "delete_request_store", d.DELETE_REQUEST_STORE),
        delete_request_store_key_prefix=f.get(
            c + "delete_request_store_key_prefix", d.DELETE_REQUEST_STORE_KEY_PREFIX
        ),
        delete_request_store_db_type=f.get(
            c + "delete_request_store_db_type", d.DELETE_REQUEST_STORE_DB_TYPE
        ),
        delete_batch_size=f.get(c + "delete_batch_size", d.DELETE_BATCH_SIZE),
        delete_request_cancel_period=f.get(
            c + "delete_request_cancel_period", d.DELETE_REQUEST_CANCEL_PERIOD
        ),
        delete_max_interval=f.get(c + "delete_max_interval", d.DELETE_MAX_INTERVAL),
        max_compaction_parallelism=f.get(
            c + "max_compaction_parallelism", d.MAX_COMPACTION_PARALLELISM
        ),
        horizontal_scaling_mode=f.get(c + "horizontal_scaling_mode", d.HORIZONTAL_SCALING_MODE),
        ring_num_tokens=f.get(c + "compactor_ring.num_tokens", d.COMPACTOR_RING_NUM_TOKENS),
        ring_replication_factor=f.get(
            c + "compactor_ring.replication_factor", d.COMPACTOR_RING_REPLICATION_FACTOR
        ),
    )


def _ruler(f: FileValues, common: model.CommonConfig, rule_path: str) -> model.RulerConfig:
    # applyStorageConfig: a common filesystem store makes the ruler's store local
    common_fs = common.filesystem_chunks_directory or common.filesystem_rules_directory
    storage_type = f.get("ruler.storage.type", "")
    directory = f.get("ruler.storage.local.directory", "")
    if common_fs:
        if not f.sets("ruler.storage.type"):
            storage_type = "local"
        if not f.sets("ruler.storage.local.directory"):
            directory = common.filesystem_rules_directory
    return model.RulerConfig(
        rule_path=rule_path,
        storage_type=storage_type,
        local_directory=directory,
        alertmanager_url=f.get("ruler.alertmanager_url", ""),
        evaluation_interval=f.get("ruler.evaluation_interval", d.EVALUATION_INTERVAL),
        poll_interval=f.get("ruler.poll_interval", d.POLL_INTERVAL),
        enable_api=f.get("ruler.enable_api", d.RULER_ENABLE_API),
    )
