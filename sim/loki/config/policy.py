"""What the embedded Loki does with each key a Loki 3.6 config file can set.

POLICY mirrors the config tree: MODELED keys feed the LokiConfig; `ignored(reason)` keys
change nothing a scenario can observe, and the reason says why; `only(...)` keys are fine
at the listed values; `disabled(...)` sections are fine while switched off. A key not in
the tree is refused (support.py). `*` in a key matches any run of characters.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

Rule = Callable[[str, Any], str | None]  # (key path, value) -> what is unsupported, or None


def _modeled(_path: str, _value: Any) -> None:
    return None


MODELED: Rule = _modeled


def ignored(_reason: str) -> Rule:
    """Accepted as is: the reason says why no scenario can tell the difference."""
    return _modeled


def only(*allowed: Any) -> Rule:
    def rule(path: str, value: Any) -> str | None:
        return None if value is None or value in allowed else f"{path}: {value!r}"

    return rule


def disabled(flag: str = "enabled") -> Rule:
    """A section that does nothing unless `flag` is true."""

    def rule(path: str, value: Any) -> str | None:
        on = isinstance(value, Mapping) and bool(value.get(flag))
        return f"{path}.{flag}: true" if on else None

    return rule


def _empty(path: str, value: Any) -> str | None:
    return None if value in (None, "", [], {}) else f"{path}: {value!r}"


_LOGGING = ignored("only changes Loki's own log lines, which no verdict reads")
_GRPC = ignored("tunes Loki's internal gRPC traffic; scenarios only use the HTTP API")
_CACHE = ignored("a cache returns what the uncached path computes; only speed differs")
_RING_MEMBER = ignored("instance identity in a one-member in-memory ring changes nothing")
_RING = {"kvstore": {"store": MODELED, "prefix": _RING_MEMBER}, "*": _RING_MEMBER}

POLICY: dict[str, Any] = {
    "target": MODELED,
    "auth_enabled": MODELED,
    "http_prefix": only(""),
    "ballast_bytes": ignored("pre-allocated GC ballast: memory use only"),
    "server": {
        "http_listen_network": only("tcp"),
        "http_listen_address": MODELED,
        "http_listen_port": MODELED,
        "http_listen_conn_limit": only(0),
        "grpc_listen_port": MODELED,
        "grpc_*": _GRPC,
        "proxy_protocol_enabled": only(False),
        "tls_cipher_suites": only(""),
        "tls_min_version": only(""),
        "http_tls_config": {
            "cert_file": MODELED,
            "key_file": MODELED,
            "client_auth_type": MODELED,
            "client_ca_file": MODELED,
            "cert": only(""),
            "key": only(""),
            "client_ca": only(""),
        },
        "register_instrumentation": only(True),
        "report_grpc_codes_in_instrumentation_label_enabled": _GRPC,
        "graceful_shutdown_timeout": MODELED,
        "http_server_read_timeout": MODELED,
        "http_server_read_header_timeout": ignored(
            "only a client that stalls in its headers sees it"
        ),
        "http_server_write_timeout": MODELED,
        "http_server_idle_timeout": MODELED,
        "log_format": MODELED,
        "log_level": MODELED,
        "http_log_closed_connections_without_response_enabled": _LOGGING,
        "log_*": _LOGGING,
        "trace_request_*": ignored("tracing is not part of any verdict"),
        "http_path_prefix": only(""),
        "cluster_validation": {"label": _GRPC, "grpc": _GRPC, "http": disabled()},
    },
    "internal_server": disabled("enable"),
    "ui": disabled(),
    "distributor": {
        "ring": _RING,
        "push_worker_count": ignored("the size of a worker pool: speed only"),
        "max_recv_msg_size": MODELED,
        "rate_store": ignored("feeds automatic stream sharding, whose result queries merge back"),
        "write_failures_logging": _LOGGING,
        "kafka_writes_enabled": only(False),
        "ingester_writes_enabled": only(True),
        "ingest_limits_enabled": only(False),
        "ingest_limits_dry_run_enabled": only(False),
    },
    "querier": {
        "tail_max_duration": MODELED,
        "query_ingesters_within": MODELED,
        "max_concurrent": MODELED,
        "query_store_only": MODELED,
        "query_ingester_only": MODELED,
        "extra_query_delay": ignored("delays only the second of two queriers; there is one"),
        "engine": {"max_look_back_period": ignored("bounds the tail endpoint's look-back only")},
        "engine_v2": disabled("enable_engine_router"),
        "dataobj_*": ignored("the data-object store is not used by the single binary"),
    },
    "query_scheduler": {
        "scheduler_ring": _RING,
        "*": ignored("queueing inside the read path: speed only"),
    },
    "frontend": {
        "downstream_url": _empty,
        "tail_proxy_url": _empty,
        "encoding": ignored("the frontend-querier wire format inside the process"),
        "*": ignored("query frontend queueing, logging and limits on its own wire format"),
    },
    "query_range": {
        "align_queries_with_step": only(False),
        "max_retries": MODELED,
        "parallelise_shardable_queries": MODELED,
        "shard_aggregations": _empty,
        "instant_metric_query_split_align": only(False),
        "enable_v2_engine_router": only(False),
        "cache_*": _CACHE,
        "*_cache": _CACHE,
    },
    "ruler": {
        "rule_path": MODELED,
        "alertmanager_url": MODELED,
        "evaluation_interval": MODELED,
        "poll_interval": MODELED,
        "enable_api": MODELED,
        "ring": _RING,
        "storage": {"type": only("", "local"), "local": MODELED},
        "remote_write": disabled(),
        "*": ignored("alert delivery and rule sharding; alerts are not part of any verdict"),
    },
    "ingester_client": _GRPC,
    "ingester": {
        "lifecycler": {
            "ring": {**_RING, "replication_factor": MODELED},
            "*": ignored("ring membership timing of the only ingester"),
        },
        "concurrent_flushes": MODELED,
        "flush_check_period": MODELED,
        "flush_op_backoff": MODELED,
        "flush_op_timeout": MODELED,
        "chunk_retain_period": MODELED,
        "chunk_idle_period": MODELED,
        "chunk_block_size": MODELED,
        "chunk_target_size": MODELED,
        "chunk_encoding": MODELED,
        "max_chunk_age": MODELED,
        "sync_period": MODELED,
        "sync_min_utilization": MODELED,
        "max_returned_stream_errors": MODELED,
        "wal": MODELED,
        "index_shards": MODELED,
        "autoforget_unhealthy": _RING_MEMBER,
        "query_store_max_look_back_period": ignored(
            "single binary: the querier reads the store itself"
        ),
        "max_dropped_streams": ignored("tailing bookkeeping only"),
        "shutdown_marker_path": ignored("a marker file for rollouts"),
        "owned_streams_check_interval": ignored(
            "owned-stream counting is refused in limits_config"
        ),
        "kafka_ingestion": disabled(),
    },
    "pattern_ingester": disabled(),
    "index_gateway": {"mode": only("simple"), "ring": _RING},
    "bloom_build": disabled(),
    "bloom_gateway": disabled(),
    "storage_config": {
        "filesystem": MODELED,
        "tsdb_shipper": {
            "active_index_directory": MODELED,
            "cache_location": MODELED,
            "cache_ttl": MODELED,
            "resync_interval": ignored("one process writes and reads the index"),
            "query_ready_num_days": _CACHE,
            "index_gateway_client": _GRPC,
        },
        "boltdb_shipper": MODELED,  # only used if a period's store says so, refused there
        "index_cache_validity": _CACHE,
        "index_queries_cache_config": _CACHE,
        "max_parallel_get_chunk": ignored("parallelism: speed only"),
        "max_chunk_batch_size": ignored("batching of chunk reads: speed only"),
        "disable_broad_index_queries": ignored(
            "index query planning; tsdb returns the same chunks"
        ),
        "use_thanos_objstore": only(False),
    },
    "chunk_store_config": _CACHE,
    "schema_config": MODELED,
    "compactor": {
        "working_directory": MODELED,
        "compaction_interval": MODELED,
        "apply_retention_interval": MODELED,
        "retention_enabled": MODELED,
        "retention_delete_delay": MODELED,
        "retention_delete_worker_count": MODELED,
        "retention_table_timeout": MODELED,
        "delete_request_store": MODELED,
        "delete_request_store_key_prefix": MODELED,
        "delete_request_store_db_type": MODELED,
        "delete_batch_size": MODELED,
        "delete_request_cancel_period": MODELED,
        "delete_max_interval": MODELED,
        "max_compaction_parallelism": MODELED,
        "compactor_ring": {**_RING, "num_tokens": MODELED, "replication_factor": MODELED},
        "horizontal_scaling_mode": only("disabled"),
        "*": ignored("compaction scheduling and retries: when, not what, is deleted"),
    },
    "compactor_client": _GRPC,
    "compactor_grpc_client": _GRPC,
    "limits_config": MODELED,  # sim.loki.limits parses it and refuses what it lacks
    "frontend_worker": _GRPC,
    "table_manager": {
        "retention_deletes_enabled": only(False),
        "*": ignored("legacy index tables; tsdb has none"),
    },
    "memberlist": {"join_members": _empty, "*": ignored("memberlist is not used without members")},
    "kafka_config": ignored("only read when kafka ingestion, refused above, is on"),
    "dataobj": ignored("only read when kafka ingestion, refused above, is on"),
    "ingest_limits": disabled(),
    "ingest_limits_frontend": ignored("only read when ingest_limits, refused above, is on"),
    "ingest_limits_frontend_client": _GRPC,
    "runtime_config": {
        "file": _empty,
        "period": ignored("reload period of a file that is not set"),
    },
    "operational_config": _LOGGING,
    "tracing": ignored("tracing is not part of any verdict"),
    "analytics": ignored("usage reports to Grafana Labs; the stand-in never sends any"),
    "profiling": ignored("Go runtime profiling rates"),
    "tenant_limits_allow_publish": MODELED,
    "legacy_read_target": only(False),
    "common": {
        "path_prefix": MODELED,
        "replication_factor": MODELED,
        "ring": _RING,
        "storage": {"filesystem": MODELED},
        "persist_tokens": _RING_MEMBER,
        "instance_interface_names": _RING_MEMBER,
        "instance_addr": _RING_MEMBER,
        "compactor_address": MODELED,
        "compactor_grpc_address": _GRPC,
        "scratch_path": ignored("temporary files only"),
    },
    "shutdown_delay": MODELED,
    "metrics_namespace": only("loki"),
    # loki.ConfigWrapper's untagged fields (cmd/loki flags that yaml.v2 also accepts)
    "verifyconfig": only(False),
    "listtargets": only(False),
    "printconfig": _LOGGING,
    "logconfig": _LOGGING,
    "configfile": ignored("too late to choose a file once it is being read"),
    "configexpandenv": ignored("too late to expand a file once it is being read"),
}
