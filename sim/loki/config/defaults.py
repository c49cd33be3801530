"""Loki 3.6's defaults for the settings the embedded Loki uses, each from its RegisterFlags.

Durations are nanoseconds. Paths are relative to grafana/loki at v3.6.0 (vendor/ for dskit).
"""

from __future__ import annotations

_S = 1_000_000_000
MINUTE, HOUR = 60 * _S, 3600 * _S

# pkg/loki/loki.go registerServerFlagsWithChangedDefaultValues: dskit's 80 becomes 3100
HTTP_LISTEN_PORT = 3100
GRPC_LISTEN_PORT = 9095  # dskit server/server.go:199
HTTP_SERVER_READ_TIMEOUT = 30 * _S  # dskit server/server.go:205
HTTP_SERVER_WRITE_TIMEOUT = 30 * _S  # dskit server/server.go:207
HTTP_SERVER_IDLE_TIMEOUT = 120 * _S  # dskit server/server.go:208
GRACEFUL_SHUTDOWN_TIMEOUT = 30 * _S  # dskit server/server.go:204
LOG_LEVEL = "info"  # dskit log/level.go RegisterFlags
LOG_FORMAT = "logfmt"  # dskit server/server.go:224

AUTH_ENABLED = True  # pkg/loki/loki.go RegisterFlags: -auth.enabled
TARGET = ("all",)  # pkg/loki/loki.go RegisterFlags: c.Target = []string{All}
METRICS_NAMESPACE = "loki"  # pkg/loki/loki.go: -metrics-namespace

# pkg/loki/common/common.go RegisterFlags: registered on a throwaway flag set, the field keeps 3
COMMON_REPLICATION_FACTOR = 3
# dskit kv/client.go RegisterFlagsWithPrefix: an unset store means consul
RING_KVSTORE = "consul"

DISTRIBUTOR_MAX_RECV_MSG_SIZE = 100 << 20  # pkg/distributor/distributor.go:120

# pkg/ingester/ingester.go RegisterFlags (lines 145-165)
CONCURRENT_FLUSHES = 32
FLUSH_CHECK_PERIOD = 30 * _S
FLUSH_OP_BACKOFF_MIN = 10 * _S
FLUSH_OP_BACKOFF_MAX = MINUTE
FLUSH_OP_BACKOFF_RETRIES = 10
FLUSH_OP_TIMEOUT = 10 * MINUTE
CHUNK_RETAIN_PERIOD = 0
CHUNK_IDLE_PERIOD = 30 * MINUTE
CHUNK_BLOCK_SIZE = 256 * 1024
CHUNK_TARGET_SIZE = 1572864
CHUNK_ENCODING = "gzip"  # compression.GZIP.String(): not snappy, whatever older docs say
SYNC_PERIOD = HOUR
SYNC_MIN_UTILIZATION = 0.1
MAX_RETURNED_STREAM_ERRORS = 10
MAX_CHUNK_AGE = 2 * HOUR
INDEX_SHARDS = 32  # pkg/ingester/index: DefaultIndexShards
# pkg/ingester/wal.go RegisterFlags (lines 44-52)
WAL_ENABLED = True
WAL_DIR = "wal"
WAL_CHECKPOINT_DURATION = 5 * MINUTE
WAL_FLUSH_ON_SHUTDOWN = False
WAL_REPLAY_MEMORY_CEILING = 4 << 30  # defaultCeiling = 4GB
# pkg/compression/codec.go supportedCodecs, in order
CHUNK_ENCODINGS = (
    "none",
    "gzip",
    "lz4-64k",
    "snappy",
    "lz4-256k",
    "lz4-1M",
    "lz4",
    "flate",
    "zstd",
)

# pkg/compactor/config.go RegisterFlags (lines 49-67)
COMPACTOR_WORKING_DIRECTORY = "/var/loki/compactor"
COMPACTION_INTERVAL = 10 * MINUTE
APPLY_RETENTION_INTERVAL = 0
RETENTION_ENABLED = False
RETENTION_DELETE_DELAY = 2 * HOUR
RETENTION_DELETE_WORKER_COUNT = 150
RETENTION_TABLE_TIMEOUT = 0
DELETE_REQUEST_STORE = ""
DELETE_REQUEST_STORE_KEY_PREFIX = "index/"
DELETE_REQUEST_STORE_DB_TYPE = "boltdb"  # deletion.DeleteRequestsStoreDBTypeBoltDB
DELETE_BATCH_SIZE = 70
DELETE_REQUEST_CANCEL_PERIOD = 24 * HOUR
DELETE_MAX_INTERVAL = 24 * HOUR
MAX_COMPACTION_PARALLELISM = 1
HORIZONTAL_SCALING_MODE = "disabled"
COMPACTOR_RING_NUM_TOKENS = 1  # pkg/compactor/compactor.go ringNumTokens
COMPACTOR_RING_REPLICATION_FACTOR = 1  # pkg/compactor/compactor.go ringReplicationFactor

# pkg/storage/stores/shipper/indexshipper/shipper.go RegisterFlagsWithPrefix (lines 84-86)
TSDB_CACHE_TTL = 24 * HOUR
INDEX_CACHE_VALIDITY = 5 * MINUTE  # pkg/storage/factory.go:334

# pkg/querier/querier.go RegisterFlags (lines 79-86)
TAIL_MAX_DURATION = HOUR
QUERY_INGESTERS_WITHIN = 3 * HOUR
MAX_CONCURRENT = 4
# pkg/querier/queryrange/queryrangebase/roundtrip.go RegisterFlags (lines 48-51)
QUERY_RANGE_MAX_RETRIES = 5
PARALLELISE_SHARDABLE_QUERIES = True

# pkg/ruler/base/ruler.go RegisterFlags (lines 168-194)
RULE_PATH = "/rules"
EVALUATION_INTERVAL = MINUTE
POLL_INTERVAL = MINUTE
RULER_ENABLE_API = True

# pkg/storage/config/schema_config.go applyDefaults / defaultRowShards
INDEX_PATH_PREFIX = "index/"
ROW_SHARDS = 16
ROW_SHARDS_BEFORE_V10 = ("v1", "v2", "v3", "v4", "v5", "v6", "v9")
