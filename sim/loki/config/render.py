"""The effective config as YAML, the way Loki's GET /config prints it.

Loki marshals its whole Config struct; here every value the embedded Loki runs with is
printed in Loki's key layout and field order, with Go's text forms (time.Duration `30m0s`,
model.Duration `30d`, ByteSize `256KB`), over the keys the file set that the stand-in
accepts without using (those print as the file wrote them).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from typing import Any

import yaml

from sim.gotemplate.goduration import duration_string
from sim.loki.config.customtypes import model_duration_string
from sim.loki.config.gotypes import GoType, go_type, root_type
from sim.loki.config.model import LokiConfig, PeriodConfig
from sim.loki.limits import Limits
from sim.loki.push.gofmt import datasize_string

_LIMIT_MODEL_DURATIONS = {"reject_old_samples_max_age", "creation_grace_period", "retention_period"}
_LIMIT_SIZES = {
    "max_line_size",
    "per_stream_rate_limit",
    "per_stream_rate_limit_burst",
    "max_structured_metadata_size",
}


def render_config(cfg: LokiConfig) -> str:
    """YAML of every effective value, in Loki's struct order."""
    merged = _merge(dict(cfg.raw), effective_values(cfg))
    ordered = _ordered(merged, root_type())
    return yaml.safe_dump(ordered, sort_keys=False, default_flow_style=False, allow_unicode=True)


def effective_values(cfg: LokiConfig) -> dict[str, Any]:
    go = duration_string
    s, c, r = cfg.server, cfg.compactor, cfg.ruler
    return {
        "target": ",".join(cfg.target),
        "auth_enabled": cfg.auth_enabled,
        "server": {
            "http_listen_address": s.http_listen_address,
            "http_listen_port": s.http_listen_port,
            "grpc_listen_port": s.grpc_listen_port,
            "http_tls_config": dataclasses.asdict(s.http_tls_config),
            "graceful_shutdown_timeout": go(s.graceful_shutdown_timeout),
            "http_server_read_timeout": go(s.http_server_read_timeout),
            "http_server_write_timeout": go(s.http_server_write_timeout),
            "http_server_idle_timeout": go(s.http_server_idle_timeout),
            "log_format": s.log_format,
            "log_level": s.log_level,
        },
        "distributor": dataclasses.asdict(cfg.distributor),
        "querier": {
            k: go(v)
            if isinstance(v, int) and not isinstance(v, bool) and k != "max_concurrent"
            else v
            for k, v in dataclasses.asdict(cfg.querier).items()
        },
        "query_range": {
            **dataclasses.asdict(cfg.query_range),
            "shard_aggregations": ",".join(cfg.query_range.shard_aggregations),
        },
        "ruler": {
            "evaluation_interval": go(r.evaluation_interval),
            "poll_interval": go(r.poll_interval),
            "storage": {"type": r.storage_type, "local": {"directory": r.local_directory}},
            "rule_path": r.rule_path,
            "alertmanager_url": r.alertmanager_url,
            "enable_api": r.enable_api,
        },
        "ingester": _ingester(cfg, go),
        "storage_config": {
            "filesystem": {"directory": cfg.storage.filesystem_directory},
            "index_cache_validity": go(cfg.storage.index_cache_validity),
            "boltdb_shipper": {
                "active_index_directory": cfg.storage.boltdb_active_index_directory,
                "cache_location": cfg.storage.boltdb_cache_location,
            },
            "tsdb_shipper": {
                "active_index_directory": cfg.storage.tsdb_active_index_directory,
                "cache_location": cfg.storage.tsdb_cache_location,
                "cache_ttl": go(cfg.storage.tsdb_cache_ttl),
            },
        },
        "schema_config": {"configs": [_period(p) for p in cfg.schema_configs]},
        "compactor": {
            **{
                k: go(v) if k.endswith(("_interval", "_delay", "_timeout", "_period")) else v
                for k, v in dataclasses.asdict(c).items()
                if not k.startswith("ring_")
            },
            "compactor_ring": {
                "num_tokens": c.ring_num_tokens,
                "replication_factor": c.ring_replication_factor,
            },
        },
        "limits_config": _limits(cfg.limits),
        "common": {
            "path_prefix": cfg.common.path_prefix,
            "storage": {
                "filesystem": {
                    "chunks_directory": cfg.common.filesystem_chunks_directory,
                    "rules_directory": cfg.common.filesystem_rules_directory,
                }
            },
            "persist_tokens": cfg.common.persist_tokens,
            "replication_factor": cfg.common.replication_factor,
            "instance_addr": cfg.common.instance_addr,
            "compactor_address": cfg.common.compactor_address,
        },
        "shutdown_delay": go(cfg.shutdown_delay),
        "metrics_namespace": cfg.metrics_namespace,
    }


def _ingester(cfg: LokiConfig, go: Any) -> dict[str, Any]:
    i = cfg.ingester
    durations = {
        k: go(v)
        for k, v in dataclasses.asdict(i).items()
        if k.endswith(("_period", "_timeout", "_age")) and not k.startswith("flush_op_backoff")
    }
    return {
        "lifecycler": {
            "ring": {
                "kvstore": {"store": i.ring_kvstore},
                "replication_factor": i.replication_factor,
            }
        },
        "concurrent_flushes": i.concurrent_flushes,
        "flush_op_backoff": {
            "min_period": go(i.flush_op_backoff_min_period),
            "max_period": go(i.flush_op_backoff_max_period),
            "max_retries": i.flush_op_backoff_max_retries,
        },
        **durations,
        "chunk_block_size": i.chunk_block_size,
        "chunk_target_size": i.chunk_target_size,
        "chunk_encoding": i.chunk_encoding,
        "sync_min_utilization": i.sync_min_utilization,
        "max_returned_stream_errors": i.max_returned_stream_errors,
        "wal": {
            "enabled": i.wal.enabled,
            "dir": i.wal.dir,
            "checkpoint_duration": go(i.wal.checkpoint_duration),
            "flush_on_shutdown": i.wal.flush_on_shutdown,
            "replay_memory_ceiling": datasize_string(i.wal.replay_memory_ceiling),
        },
        "index_shards": i.index_shards,
    }


def _period(p: PeriodConfig) -> dict[str, Any]:
    day = p.from_date.isoformat() if p.from_date else "1970-01-01"
    return {
        "from": day,
        "store": p.store,
        "object_store": p.object_store,
        "schema": p.schema,
        "index": {
            "path_prefix": p.index_path_prefix,
            "prefix": p.index_prefix,
            "period": model_duration_string(p.index_period),
        },
        "chunks": {"prefix": p.chunks_prefix, "period": model_duration_string(p.chunks_period)},
        "row_shards": p.row_shards,
    }


def _limits(limits: Limits) -> dict[str, Any]:
    out: dict[str, Any] = dict(limits.others)
    for item in dataclasses.fields(limits):
        value = getattr(limits, item.name)
        if item.name == "others":
            continue
        if item.name in _LIMIT_MODEL_DURATIONS:
            value = model_duration_string(value)
        elif item.name in _LIMIT_SIZES:
            value = datasize_string(value)
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            value = {**dataclasses.asdict(value)}
            value["time_sharding_ignore_recent"] = duration_string(
                value["time_sharding_ignore_recent"]
            )
            value["desired_rate"] = datasize_string(value["desired_rate"])
        out[item.name] = _plain(value)
    return out


def _plain(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dt.datetime):
        return value.isoformat()
    return value


def _merge(base: dict[str, Any], over: Mapping[str, Any]) -> dict[str, Any]:
    for key, value in over.items():
        if isinstance(value, Mapping) and isinstance(base.get(key), Mapping):
            base[key] = _merge(dict(base[key]), value)
        else:
            base[key] = value
    return base


def _ordered(values: Any, gtype: GoType) -> Any:
    """Keys in the Go struct's field order, as yaml.v2's Marshal writes them."""
    while gtype.kind == "named":
        gtype = go_type(gtype.underlying)
    if isinstance(values, list):
        return [_ordered(v, go_type(gtype.elem)) for v in values]
    if not isinstance(values, Mapping):
        return _plain(values)
    order = {key: n for n, key in enumerate(gtype.fields)}
    keys = sorted(values, key=lambda k: (order.get(str(k), len(order)), str(k)))
    return {str(k): _ordered(values[k], go_type(gtype.fields.get(str(k), "any"))) for k in keys}
