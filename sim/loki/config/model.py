"""The effective Loki 3.6 configuration the embedded Loki runs with (frozen dataclasses).

Values are after defaults, the `common` section and the file, in Loki's precedence
(pkg/util/cfg/dynamic.go). Durations are nanoseconds, sizes bytes. `raw` keeps the file's
decoded mapping for /config; everything else in it was either accepted as having no effect
the stand-in could show, or refused (see support.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from sim.loki.config import defaults as d
from sim.loki.limits import Limits


@dataclass(frozen=True)
class TLSConfig:
    """server.http_tls_config (dskit server.TLSConfig); inline PEM is refused (policy.py).

    dskit serves TLS only when both a certificate and a key are given; client_auth_type is
    exporter-toolkit's (RequestClientCert, RequireAnyClientCert, VerifyClientCertIfGiven,
    RequireAndVerifyClientCert, "" or NoClientCert; else "Invalid ClientAuth: ..." at start).
    """

    cert_file: str = ""
    key_file: str = ""
    client_auth_type: str = ""
    client_ca_file: str = ""

    @property
    def enabled(self) -> bool:
        return bool(self.cert_file and self.key_file)  # dskit server.go: cert AND key


@dataclass(frozen=True)
class ServerConfig:
    http_listen_address: str = ""
    http_listen_port: int = d.HTTP_LISTEN_PORT
    grpc_listen_port: int = d.GRPC_LISTEN_PORT
    http_tls_config: TLSConfig = field(default_factory=TLSConfig)
    log_level: str = d.LOG_LEVEL
    log_format: str = d.LOG_FORMAT
    http_server_read_timeout: int = d.HTTP_SERVER_READ_TIMEOUT
    http_server_write_timeout: int = d.HTTP_SERVER_WRITE_TIMEOUT
    http_server_idle_timeout: int = d.HTTP_SERVER_IDLE_TIMEOUT
    graceful_shutdown_timeout: int = d.GRACEFUL_SHUTDOWN_TIMEOUT


@dataclass(frozen=True)
class CommonConfig:
    path_prefix: str = ""
    replication_factor: int = d.COMMON_REPLICATION_FACTOR
    filesystem_chunks_directory: str = ""
    filesystem_rules_directory: str = ""
    persist_tokens: bool = False
    instance_addr: str = ""
    compactor_address: str = ""


@dataclass(frozen=True)
class PeriodConfig:
    """One schema_config.configs entry (pkg/storage/config/schema_config.go PeriodConfig)."""

    from_date: dt.date | None = None
    store: str = ""
    object_store: str = ""
    schema: str = ""
    index_prefix: str = ""
    index_period: int = 0
    index_path_prefix: str = ""
    chunks_prefix: str = ""
    chunks_period: int = 0
    row_shards: int = 0

    @property
    def schema_version(self) -> int | None:
        """VersionAsInt: strings.Trim(schema, "v") as an int, None when that fails."""
        digits = self.schema.strip("v")
        signless = digits[1:] if digits[:1] in "+-" else digits
        if not (signless.isdigit() and signless.isascii()) or abs(int(digits)) >= 1 << 63:
            return None
        return int(digits)

    @property
    def start_unix(self) -> int:
        """From as Unix seconds (a missing `from` is the zero model.Time, the epoch)."""
        if self.from_date is None:
            return 0
        moment = dt.datetime(self.from_date.year, self.from_date.month, self.from_date.day)
        return int(moment.replace(tzinfo=dt.UTC).timestamp())


@dataclass(frozen=True)
class StorageConfig:
    filesystem_directory: str = ""
    tsdb_active_index_directory: str = ""
    tsdb_cache_location: str = ""
    tsdb_cache_ttl: int = d.TSDB_CACHE_TTL
    boltdb_active_index_directory: str = ""
    boltdb_cache_location: str = ""
    index_cache_validity: int = d.INDEX_CACHE_VALIDITY


@dataclass(frozen=True)
class CompactorConfig:
    working_directory: str = d.COMPACTOR_WORKING_DIRECTORY
    compaction_interval: int = d.COMPACTION_INTERVAL
    apply_retention_interval: int = d.APPLY_RETENTION_INTERVAL
    retention_enabled: bool = d.RETENTION_ENABLED
    retention_delete_delay: int = d.RETENTION_DELETE_DELAY
    retention_delete_worker_count: int = d.RETENTION_DELETE_WORKER_COUNT
    retention_table_timeout: int = d.RETENTION_TABLE_TIMEOUT
    delete_request_store: str = d.DELETE_REQUEST_STORE
    delete_request_store_key_prefix: str = d.DELETE_REQUEST_STORE_KEY_PREFIX
    delete_request_store_db_type: str = d.DELETE_REQUEST_STORE_DB_TYPE
    delete_batch_size: int = d.DELETE_BATCH_SIZE
    delete_request_cancel_period: int = d.DELETE_REQUEST_CANCEL_PERIOD
    delete_max_interval: int = d.DELETE_MAX_INTERVAL
    max_compaction_parallelism: int = d.MAX_COMPACTION_PARALLELISM
    horizontal_scaling_mode: str = d.HORIZONTAL_SCALING_MODE
    ring_num_tokens: int = d.COMPACTOR_RING_NUM_TOKENS
    ring_replication_factor: int = d.COMPACTOR_RING_REPLICATION_FACTOR

    @property
    def effective_apply_retention_interval(self) -> int:
        """compactor Config.Validate: 0 means the compaction interval, plus up to 10m jitter."""
        interval = self.apply_retention_interval or self.compaction_interval
        if self.retention_enabled and interval == self.compaction_interval:
            interval += min(10 * d.MINUTE, interval // 2)
        return interval


@dataclass(frozen=True)
class WALConfig:
    enabled: bool = d.WAL_ENABLED
    dir: str = d.WAL_DIR
    checkpoint_duration: int = d.WAL_CHECKPOINT_DURATION
    flush_on_shutdown: bool = d.WAL_FLUSH_ON_SHUTDOWN
    replay_memory_ceiling: int = d.WAL_REPLAY_MEMORY_CEILING


@dataclass(frozen=True)
class IngesterConfig:
    concurrent_flushes: int = d.CONCURRENT_FLUSHES
    flush_check_period: int = d.FLUSH_CHECK_PERIOD
    flush_op_backoff_min_period: int = d.FLUSH_OP_BACKOFF_MIN
    flush_op_backoff_max_period: int = d.FLUSH_OP_BACKOFF_MAX
    flush_op_backoff_max_retries: int = d.FLUSH_OP_BACKOFF_RETRIES
    flush_op_timeout: int = d.FLUSH_OP_TIMEOUT
    chunk_retain_period: int = d.CHUNK_RETAIN_PERIOD
    chunk_idle_period: int = d.CHUNK_IDLE_PERIOD
    chunk_block_size: int = d.CHUNK_BLOCK_SIZE
    chunk_target_size: int = d.CHUNK_TARGET_SIZE
    chunk_encoding: str = d.CHUNK_ENCODING
    max_chunk_age: int = d.MAX_CHUNK_AGE
    sync_period: int = d.SYNC_PERIOD
    sync_min_utilization: float = d.SYNC_MIN_UTILIZATION
    max_returned_stream_errors: int = d.MAX_RETURNED_STREAM_ERRORS
    index_shards: int = d.INDEX_SHARDS
    wal: WALConfig = field(default_factory=WALConfig)
    ring_kvstore: str = d.RING_KVSTORE
    replication_factor: int = d.COMMON_REPLICATION_FACTOR


@dataclass(frozen=True)
class DistributorConfig:
    max_recv_msg_size: int = d.DISTRIBUTOR_MAX_RECV_MSG_SIZE
    kafka_writes_enabled: bool = False
    ingester_writes_enabled: bool = True


@dataclass(frozen=True)
class QuerierConfig:
    tail_max_duration: int = d.TAIL_MAX_DURATION
    query_ingesters_within: int = d.QUERY_INGESTERS_WITHIN
    max_concurrent: int = d.MAX_CONCURRENT
    query_store_only: bool = False
    query_ingester_only: bool = False


@dataclass(frozen=True)
class QueryRangeConfig:
    """query_range: only what changes results; caches return what a fresh query would."""

    align_queries_with_step: bool = False
    max_retries: int = d.QUERY_RANGE_MAX_RETRIES
    parallelise_shardable_queries: bool = d.PARALLELISE_SHARDABLE_QUERIES
    shard_aggregations: tuple[str, ...] = ()


@dataclass(frozen=True)
class RulerConfig:
    rule_path: str = d.RULE_PATH
    storage_type: str = ""
    local_directory: str = ""
    alertmanager_url: str = ""
    evaluation_interval: int = d.EVALUATION_INTERVAL
    poll_interval: int = d.POLL_INTERVAL
    enable_api: bool = d.RULER_ENABLE_API


@dataclass(frozen=True)
class LokiConfig:
    """A Loki 3.6 config file as the single binary (`-target=all`) would run it."""

    path: Path
    auth_enabled: bool = d.AUTH_ENABLED
    target: tuple[str, ...] = d.TARGET
    server: ServerConfig = field(default_factory=ServerConfig)
    common: CommonConfig = field(default_factory=CommonConfig)
    distributor: DistributorConfig = field(default_factory=DistributorConfig)
    ingester: IngesterConfig = field(default_factory=IngesterConfig)
    querier: QuerierConfig = field(default_factory=QuerierConfig)
    query_range: QueryRangeConfig = field(default_factory=QueryRangeConfig)
    schema_configs: tuple[PeriodConfig, ...] = ()
    storage: StorageConfig = field(default_factory=StorageConfig)
    compactor: CompactorConfig = field(default_factory=CompactorConfig)
    ruler: RulerConfig = field(default_factory=RulerConfig)
    limits: Limits = field(default_factory=Limits)
    shutdown_delay: int = 0
    metrics_namespace: str = d.METRICS_NAMESPACE
    # each ring's kvstore.store after common/memberlist/ingester ring sharing (common.py)
    ring_kvstores: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    raw: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def replication_factor(self) -> int:
        """The ingester ring's replication factor: the one the stream limits divide by."""
        return self.ingester.replication_factor
