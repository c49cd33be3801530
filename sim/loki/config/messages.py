"""Loki 3.6's words when it refuses a config file, verbatim from grafana/loki at v3.6.0.

`%s`/`%d` placeholders are kept as Go wrote them; `go_sprintf` fills them in order.
"""

from __future__ import annotations

import re

# --- cmd/loki/main.go, pkg/util/cfg/files.go ----------------------------------------------
FAILED_PARSING = "failed parsing config: %s"
EXPAND_ENV_HINT = "%s. Use `-config.expand-env=true` flag if you want to expand environment variables in your config file"  # noqa: E501
VALIDATING_CONFIG = "validating config: %s"  # main.go logs msg="validating config" err=...
MULTIPLE_ERRORS = "MULTIPLE CONFIG ERRORS FOUND, PLEASE READ CAREFULLY"

# --- pkg/loki/config_wrapper.go (ApplyDynamicConfig) --------------------------------------
PERSIST_TOKENS_NEEDS_PREFIX = "if persist_tokens is true, path_prefix MUST be defined"
GRPC_CLIENT_CONFIG_CONFLICT = "both `grpc_client_config` and (`query_frontend_grpc_client` or `query_scheduler_grpc_client`) are set at the same time. Please use only `query_frontend_grpc_client` and `query_scheduler_grpc_client`"  # noqa: E501
TOO_MANY_STORAGE_CONFIGS = (
    "too many storage configs provided in the common config, please only define one storage backend"
)

# --- pkg/loki/loki.go (Config.Validate): the prefix of each component's error -------------
INVALID_SECTION = "CONFIG ERROR: invalid %s config"  # "schema" for schema_config

# --- pkg/storage/config/schema_config.go ---------------------------------------------------
ERR_INVALID_SCHEMA_VERSION = "invalid schema version"
ERR_INVALID_TABLE_PERIOD = "the table period must be a multiple of 24h (1h for schema v1)"
ERR_CHUNK_PREFIX_NOT_SET = "schema config for chunks is missing the 'prefix' setting"
ERR_SCHEMA_INCREASING_FROM = "from time in schemas must be distinct and in increasing order"
ERR_CURRENT_BOLTDB_NON_24H = "boltdb-shipper works best with 24h periodic index config. Either add a new config with future date set to 24h to retain the existing index or change the existing config to use 24h period"  # noqa: E501
ERR_UPCOMING_BOLTDB_NON_24H = (
    "boltdb-shipper with future date must always have periodic config for index set to 24h"
)
ERR_TSDB_NON_24H = "tsdb must always have periodic config for index set to 24h"
ERR_ZERO_LENGTH_CONFIG = "must specify at least one schema configuration"
VALIDATING_PERIOD = "validating period_config: %s"
VALIDATING_INDEX_TABLES = "validating index tables: %s"
VALIDATING_CHUNK_TABLES = "validating chunk tables: %s"
ROW_SHARDS_REQUIRED = "must have row_shards > 0 (current: %d) for schema (%s)"
SCHEMA_VERSION_PARSE = "invalid schema version: strconv.Atoi: parsing %s: invalid syntax"
PREFIX_MUST_BE_SET = "prefix must be set"
PREFIX_SEPARATOR = "prefix should only have '/' as a path separator"
PREFIX_STARTS_WITH_SEPARATOR = "prefix should never start with a path separator i.e '/'"
PREFIX_MUST_END_WITH_SEPARATOR = "prefix should end with a path separator i.e '/'"

# --- pkg/loki/validation.go ----------------------------------------------------------------
UNRECOGNIZED_STORE = "unrecognized `store` (index) type `%s`, choose one of: %s"
UNRECOGNIZED_OBJECT_STORE = "unrecognized `object_store` type `%s`, which also does not match any named_stores. Choose one of: %s. Or choose a named_store"  # noqa: E501
INVALID_SCHEMA_POSITION = "CONFIG ERROR: invalid schema version at schema position %d"
SCHEMA_V13_REQUIRED = "CONFIG ERROR: schema v13 is required to store Structured Metadata and use native OTLP ingestion, your schema version is %s. Set `allow_structured_metadata: false` in the `limits_config` section or set the command line argument `-validation.allow-structured-metadata=false` and restart Loki. Then proceed to update to schema v13 or newer before re-enabling this config, search for 'Storage Schema' in the docs for the schema update procedure"  # noqa: E501
TSDB_REQUIRED = "CONFIG ERROR: `tsdb` index type is required to store Structured Metadata and use native OTLP ingestion, your index type is `%s` (defined in the `store` parameter of the schema_config). Set `allow_structured_metadata: false` in the `limits_config` section or set the command line argument `-validation.allow-structured-metadata=false` and restart Loki. Then proceed to update the schema to use index type `tsdb` before re-enabling this config, search for 'Storage Schema' in the docs for the schema update procedure"  # noqa: E501
TSDB_ACTIVE_DIR_MISSING = "CONFIG ERROR: `tsdb` index type is configured in at least one schema period, however, `storage_config`, `tsdb_shipper`, `active_index_directory` is not set, please set this directly or set `path_prefix:` in the `common:` section"  # noqa: E501
TSDB_CACHE_MISSING = "CONFIG ERROR: `tsdb` index type is configured in at least one schema period, however, `storage_config`, `tsdb_shipper`, `cache_location` is not set, please set this directly or set `path_prefix:` in the `common:` section"  # noqa: E501
BOLTDB_ACTIVE_DIR_MISSING = "CONFIG ERROR: `boltdb-shipper` index type is configured in at least one schema period, however, `storage_config`, `boltdb_shipper`, `active_index_directory` is not set, please set this directly or set `path_prefix:` in the `common:` section"  # noqa: E501
BOLTDB_CACHE_MISSING = "CONFIG ERROR: `boltdb-shipper` index type is configured in at least one schema period, however, `storage_config`, `boltdb_shipper`, `cache_location` is not set, please set this directly or set `path_prefix:` in the `common:` section"  # noqa: E501
COMPACTOR_DIR_EMPTY = "CONFIG ERROR: `compactor:` `working_directory:` is empty, please set a valid directory or set `path_prefix:` in the `common:` section"  # noqa: E501
BACKEND_WITH_LEGACY_READ = (
    "CONFIG ERROR: invalid target, cannot run backend target with legacy read mode"
)
# A Go runtime panic, not an error: validateSchemaRequirements indexes an empty slice
# (grafana/loki#16698, open at v3.6.0). Loki prints it with a stack trace and exits 2.
PANIC_NO_SCHEMA = "panic: runtime error: index out of range [0] with length 0"

# --- pkg/loki/config_compat.go, pkg/ingester/index/bitprefix.go ---------------------------
SHARD_FACTOR_NOT_POWER_OF_2 = (
    "incompatible inverted index shard factor on ingester: It must be a power of two, got %d"
)
INCOMPATIBLE_ROW_SHARDS = "incompatible ingester index shards (%d) and period config row shard factor (%d) for period config at index (%d). The ingester factor must be evenly divisible by all period config factors"  # noqa: E501
PROTOBUF_FOR_AGGREGATION_SHARDING = "shard_aggregation requires frontend.encoding=protobuf"

# --- pkg/compactor/config.go ---------------------------------------------------------------
COMPACTOR_PARALLELISM = "max compaction parallelism must be >= 1"
DELETE_REQUEST_STORE_REQUIRED = (
    "compactor.delete-request-store should be configured when retention is enabled"
)
DELETE_STORE_PREFIX = "validate delete store path prefix: %s"

# --- pkg/ingester/ingester.go, pkg/ingester/wal.go, pkg/compression/codec.go --------------
INVALID_ENCODING = "invalid encoding: %s, supported: %s"
INVALID_CHECKPOINT_DURATION = "invalid checkpoint duration: %s"
FLUSH_BACKOFF_ORDER = "invalid flush op min backoff: cannot be larger than max backoff"
FLUSH_MAX_RETRIES = "invalid flush op max retries: %d"
FLUSH_OP_TIMEOUT = "invalid flush op timeout: %s"
INDEX_SHARD_FACTOR = "invalid ingester index shard factor: %d"

# --- pkg/querier/querier.go, pkg/distributor/distributor.go, pkg/validation/limits.go -----
QUERIER_STORE_AND_INGESTER_ONLY = (
    "querier.query_store_only and querier.query_ingester_only cannot both be true"
)
DISTRIBUTOR_NO_WRITES = "at least one of kafka and ingestor writes must be enabled"
RETENTION_STREAM_PERIOD = "retention period must be >= 24h was %s"
TSDB_MAX_BYTES_PER_SHARD = "querier.tsdb-max-bytes-per-shard must be greater than 0"
DELETION_MODE_UNKNOWN = (
    "unknown deletion mode: must be one of disabled|filter-only|filter-and-delete"
)
SHARD_AGGREGATIONS_NEED_SHARDING = "shard_aggregations requires parallelise_shardable_queries=true"
WORKER_ADDRESSES_EXCLUSIVE = (
    "frontend address and scheduler address are mutually exclusive, please use only one"
)
REMOTE_WRITE_NO_CLIENTS = (
    "invalid ruler remote-write config: remote-write enabled but no clients URL are configured"
)
RING_NUM_TOKENS = "Num tokens must not be changed as it will not take effect"
RING_REPLICATION = "Replication factor must not be changed as it will not take effect"

# --- vendor/github.com/grafana/dskit/ring/ring.go (ring.New, at module initialisation) ---
REPLICATION_FACTOR_POSITIVE = "ReplicationFactor must be greater than zero: %d"

_VERB = re.compile(r"%[sdv]")


def go_sprintf(template: str, *args: object) -> str:
    """Fill `%s`/`%d`/`%v` in order, each argument already in its Go text form."""
    values = iter(args)
    return _VERB.sub(lambda _: str(next(values)), template)
