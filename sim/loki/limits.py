"""`limits_config` as Loki 3.6 reads it (pkg/validation/limits.go).

`Limits` holds every field the push path uses, with the defaults RegisterFlags sets. The
other keys Loki knows are accepted and kept raw in `others` (for the query, store and
retention code); an unknown key fails as Loki's strict YAML loading does
("field foo not found in type validation.plain"). A YAML null resets a field to Go's zero
value, as yaml.v2 does. Sizes parse as flagext.ByteSize (c2h5oh/datasize on the upper-cased
text: binary units, `256kb` = 262144, no fractions, no `KiB`); durations as Prometheus'
model.Duration (`720h`, `1h30m`, `7d`, `1y`; units largest first; bare `0` only).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from sim.errors import LokiConfigError, UnsupportedFeature

_MS, _S = 1_000_000, 1_000_000_000
_MODEL_UNITS = {"ms": _MS, "s": _S, "m": 60 * _S, "h": 3600 * _S, "d": 86400 * _S}
_MODEL_UNITS |= {"w": 7 * 86400 * _S, "y": 365 * 86400 * _S}
_MODEL_ORDER = ["y", "w", "d", "h", "m", "s", "ms"]
_GO_UNITS = {"ns": 1, "us": 1000, "µs": 1000, "μs": 1000, "ms": _MS, "s": _S, "m": 60 * _S}
_GO_UNITS["h"] = 3600 * _S
_SIZE_UNITS = {
    **dict.fromkeys(("", "b", "byte"), 0),
    **dict.fromkeys(("k", "kb", "kilo", "kilobyte", "kilobytes"), 10),
    **dict.fromkeys(("m", "mb", "mega", "megabyte", "megabytes"), 20),
    **dict.fromkeys(("g", "gb", "giga", "gigabyte", "gigabytes"), 30),
    **dict.fromkeys(("t", "tb", "tera", "terabyte", "terabytes"), 40),
    **dict.fromkeys(("p", "pb", "peta", "petabyte", "petabytes"), 50),
    **dict.fromkeys(("e", "eb"), 60),
}
DEFAULT_DISCOVER_SERVICE_NAME = (
    "service", "app", "application", "app_name", "name", "app_kubernetes_io_name", "container",
    "container_name", "k8s_container_name", "component", "workload", "job", "k8s_job_name",
)  # fmt: skip
DEFAULT_LOG_LEVEL_FIELDS = (
    "level", "LEVEL", "Level", "Severity", "severity", "SEVERITY", "lvl", "LVL", "Lvl",
    "severity_text", "Severity_Text", "SEVERITY_TEXT",
)  # fmt: skip


class LimitsValueError(ValueError):
    """A value does not parse; str() is Go's error text."""


def parse_byte_size(text: str) -> int:
    """flagext.ByteSize.Set: datasize.UnmarshalText of strings.ToUpper(text)."""
    upper = text.upper()
    digits = re.match(r"[0-9]*", upper)
    number = digits.group(0) if digits else ""
    if not upper:
        return 0  # datasize accepts the empty text as 0
    if not number:
        raise LimitsValueError(f'strconv.UnmarshalText: parsing "{upper}": invalid syntax')
    unit = upper[len(number) :].strip().lower()
    if unit not in _SIZE_UNITS:
        raise LimitsValueError(f'strconv.UnmarshalText: parsing "{upper}": invalid syntax')
    value = int(number) << _SIZE_UNITS[unit]
    if value >= 1 << 64:
        raise LimitsValueError(f'strconv.UnmarshalText: parsing "{upper}": value out of range')
    return value


def parse_model_duration(text: str) -> int:
    """prometheus/common model.ParseDuration, in nanoseconds."""
    if text == "0":
        return 0
    if text == "":
        raise LimitsValueError("empty duration string")
    parts = re.findall(r"([0-9]+)([^0-9]+)", text)
    if "".join(number + unit for number, unit in parts) != text:
        raise LimitsValueError(f'not a valid duration string: "{text}"')
    total, last = 0, -1
    for number, unit in parts:
        if unit not in _MODEL_UNITS:
            raise LimitsValueError(f'unknown unit "{unit}" in duration "{text}"')
        if _MODEL_ORDER.index(unit) <= last:
            raise LimitsValueError(f'not a valid duration string: "{text}"')
        last = _MODEL_ORDER.index(unit)
        total += int(number) * _MODEL_UNITS[unit]
    if total >= 1 << 63:
        raise LimitsValueError("duration out of range")
    return total


def parse_go_duration(text: str) -> int:
    """Go's time.ParseDuration (`1.5h`, `300ms`, `-2m`), in nanoseconds."""
    match = re.fullmatch(
        r"([-+]?)((?:(?:[0-9]*\.?[0-9]+|[0-9]+\.)(?:ns|us|µs|μs|ms|s|m|h))+|0)", text
    )
    if not match:
        raise LimitsValueError(f'time: invalid duration "{text}"')
    total = 0.0
    for number, unit in re.findall(r"([0-9]*\.?[0-9]*)(ns|us|µs|μs|ms|s|m|h)", match.group(2)):
        total += float(number) * _GO_UNITS[unit]
    return -int(total) if match.group(1) == "-" else int(total)


def parse_flag_time(value: object) -> dt.datetime | None:
    """dskit flagext.Time: `0`, `2006-01-02`, `2006-01-02T15:04` or RFC 3339."""
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=dt.UTC)
    text = str(value)
    if text == "0":
        return None
    for layout in ("%Y-%m-%d", "%Y-%m-%dT%H:%M"):
        try:
            return dt.datetime.strptime(text, layout).replace(tzinfo=dt.UTC)
        except ValueError:
            pass
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise LimitsValueError(f'failed to parse time: "{text}"') from None


@dataclass(frozen=True)
class ShardStreams:
    """limits_config.shard_streams (pkg/distributor/shardstreams/config.go)."""

    enabled: bool = True
    time_sharding_enabled: bool = False
    time_sharding_ignore_recent: int = 40 * 60 * _S
    logging_enabled: bool = False
    desired_rate: int = 1536 << 10


@dataclass(frozen=True)
class Limits:
    """The push path's limits_config, defaulted as Loki 3.6's RegisterFlags does."""

    ingestion_rate_strategy: str = "global"
    ingestion_rate_mb: float = 4.0
    ingestion_burst_size_mb: float = 6.0
    max_label_name_length: int = 1024
    max_label_value_length: int = 2048
    max_label_names_per_series: int = 15
    reject_old_samples: bool = True
    reject_old_samples_max_age: int = 7 * 86400 * _S
    creation_grace_period: int = 10 * 60 * _S
    max_line_size: int = 256 << 10
    max_line_size_truncate: bool = False
    max_line_size_truncate_identifier: str = ""
    increment_duplicate_timestamp: bool = False
    discover_service_name: tuple[str, ...] = DEFAULT_DISCOVER_SERVICE_NAME
    discover_log_levels: bool = True
    log_level_fields: tuple[str, ...] = DEFAULT_LOG_LEVEL_FIELDS
    log_level_from_json_max_depth: int = 2
    use_owned_stream_count: bool = False
    max_streams_per_user: int = 0
    max_global_streams_per_user: int = 5000
    unordered_writes: bool = True
    per_stream_rate_limit: int = 3 << 20
    per_stream_rate_limit_burst: int = 15 << 20
    allow_structured_metadata: bool = True
    max_structured_metadata_size: int = 64 << 10
    max_structured_metadata_entries_count: int = 128
    shard_streams: ShardStreams = field(default_factory=ShardStreams)
    block_ingestion_until: dt.datetime | None = None
    block_ingestion_status_code: int = 260
    block_ingestion_policy_until: Mapping[str, dt.datetime | None] = field(
        default_factory=lambda: MappingProxyType({})
    )
    enforced_labels: tuple[str, ...] = ()
    policy_enforced_labels: Mapping[str, tuple[str, ...]] = field(
        default_factory=lambda: MappingProxyType({})
    )
    retention_period: int = 0
    others: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def ingestion_rate_bytes(self) -> float:
        """Overrides.IngestionRateBytes: MB are binary (1048576)."""
        return self.ingestion_rate_mb * 1048576

    @property
    def ingestion_burst_size_bytes(self) -> int:
        return int(self.ingestion_burst_size_mb * 1048576)

    @property
    def retention_hours(self) -> str:
        """util.RetentionHours: the `retention_hours` label of the discarded metrics."""
        return str(self.retention_period // (3600 * _S))

    @classmethod
    def from_mapping(cls, config: Mapping[str, Any] | None, path: str = "") -> Limits:
        """Build from a parsed `limits_config` mapping; errors name the file and key."""
        values: dict[str, Any] = {}
        others: dict[str, Any] = {}
        for key, raw in (config or {}).items():
            where = f"limits_config.{key}"
            try:
                if key in _PARSERS:
                    values[key] = _PARSERS[key](raw)
                elif key in KNOWN_LIMITS_KEYS:
                    others[key] = raw
                else:
                    raise LimitsValueError(f"field {key} not found in type validation.plain")
            except LimitsValueError as err:
                raise LokiConfigError(path, where, str(err)) from None
        return cls(**values, others=MappingProxyType(others))

    def require_supported(self) -> None:
        """Refuse push-path features the stand-in does not implement."""
        unsupported = {
            "unordered_writes: false": not self.unordered_writes,
            "use_owned_stream_count: true": self.use_owned_stream_count,
            "shard_streams.time_sharding_enabled: true": self.shard_streams.time_sharding_enabled,
            "policy_stream_mapping": bool(self.others.get("policy_stream_mapping")),
            "policy_override_limits": bool(self.others.get("policy_override_limits")),
            "discover_generic_fields": bool(
                (self.others.get("discover_generic_fields") or {}).get("fields")
            ),
        }
        for feature, used in unsupported.items():
            if used:
                raise UnsupportedFeature("loki limits_config", feature)


# --- YAML values into Go types, as yaml.v2 decodes them --------------------------------


def _yaml_text(value: Any) -> str:
    if value is True or value is False:
        return "true" if value else "false"
    return str(value)


def _tag(value: Any) -> str:
    kinds = ((bool, "!!bool"), (int, "!!int"), (float, "!!float"), (str, "!!str"))
    for kind, tag in kinds:
        if isinstance(value, kind):
            return tag
    return "!!seq" if isinstance(value, list) else "!!map"


def _refuse(value: Any, go_type: str) -> LimitsValueError:
    return LimitsValueError(f"cannot unmarshal {_tag(value)} `{_yaml_text(value)}` into {go_type}")


def _int(value: Any) -> int:
    if value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, int):
        raise _refuse(value, "int")
    return value


def _float(value: Any) -> float:
    if value is None:
        return 0.0
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _refuse(value, "float64")
    return float(value)


def _bool(value: Any) -> bool:
    if value is None:
        return False
    if not isinstance(value, bool):
        raise _refuse(value, "bool")
    return value


def _scalar_text(value: Any, go_type: str = "string") -> str:
    if isinstance(value, list | dict):
        raise _refuse(value, go_type)
    return "" if value is None else _yaml_text(value)


def _size(value: Any) -> int:
    return 0 if value is None else parse_byte_size(_scalar_text(value))


def _model_duration(value: Any) -> int:
    return 0 if value is None else parse_model_duration(_scalar_text(value))


def _go_duration(value: Any) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return 0 if value is None else parse_go_duration(_scalar_text(value))


def _strings(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise _refuse(value, "[]string")
    return tuple(_scalar_text(item) for item in value)


def _mapping(value: Any, go_type: str) -> Mapping[Any, Any]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise _refuse(value, go_type)
    return value


def _policy_times(value: Any) -> Mapping[str, dt.datetime | None]:
    items = _mapping(value, "map[string]flagext.Time").items()
    return MappingProxyType({str(k): parse_flag_time(v) for k, v in items})


def _policy_labels(value: Any) -> Mapping[str, tuple[str, ...]]:
    items = _mapping(value, "map[string][]string").items()
    return MappingProxyType({str(k): _strings(v) for k, v in items})


def _shard_streams(value: Any) -> ShardStreams:
    parsers = {
        "enabled": _bool,
        "time_sharding_enabled": _bool,
        "time_sharding_ignore_recent": _go_duration,
        "logging_enabled": _bool,
        "desired_rate": _size,
    }
    parsed: dict[str, Any] = {}
    for key, raw in _mapping(value, "shardstreams.Config").items():
        if key not in parsers:
            raise LimitsValueError(f"field {key} not found in type shardstreams.Config")
        parsed[key] = parsers[key](raw)
    return ShardStreams(**parsed)


_PARSERS: dict[str, Any] = {
    "ingestion_rate_strategy": _scalar_text,
    "ingestion_rate_mb": _float,
    "ingestion_burst_size_mb": _float,
    "max_label_name_length": _int,
    "max_label_value_length": _int,
    "max_label_names_per_series": _int,
    "reject_old_samples": _bool,
    "reject_old_samples_max_age": _model_duration,
    "creation_grace_period": _model_duration,
    "max_line_size": _size,
    "max_line_size_truncate": _bool,
    "max_line_size_truncate_identifier": _scalar_text,
    "increment_duplicate_timestamp": _bool,
    "discover_service_name": _strings,
    "discover_log_levels": _bool,
    "log_level_fields": _strings,
    "log_level_from_json_max_depth": _int,
    "use_owned_stream_count": _bool,
    "max_streams_per_user": _int,
    "max_global_streams_per_user": _int,
    "unordered_writes": _bool,
    "per_stream_rate_limit": _size,
    "per_stream_rate_limit_burst": _size,
    "allow_structured_metadata": _bool,
    "max_structured_metadata_size": _size,
    "max_structured_metadata_entries_count": _int,
    "shard_streams": _shard_streams,
    "block_ingestion_until": lambda v: None if v is None else parse_flag_time(v),
    "block_ingestion_status_code": _int,
    "block_ingestion_policy_until": _policy_times,
    "enforced_labels": _strings,
    "policy_enforced_labels": _policy_labels,
    "retention_period": _model_duration,
}

# every yaml key of validation.Limits at v3.6.0 (pkg/validation/limits.go)
KNOWN_LIMITS_KEYS = frozenset(
    """
    ingestion_rate_strategy ingestion_rate_mb ingestion_burst_size_mb max_label_name_length
    max_label_value_length max_label_names_per_series reject_old_samples
    reject_old_samples_max_age creation_grace_period max_line_size max_line_size_truncate
    max_line_size_truncate_identifier increment_duplicate_timestamp simulated_push_latency
    enable_multi_variant_queries discover_generic_fields discover_service_name
    discover_log_levels log_level_fields log_level_from_json_max_depth use_owned_stream_count
    max_streams_per_user max_global_streams_per_user unordered_writes per_stream_rate_limit
    per_stream_rate_limit_burst max_chunks_per_query max_query_series max_query_lookback
    max_query_length max_query_range max_query_parallelism tsdb_max_query_parallelism
    tsdb_max_bytes_per_shard tsdb_sharding_strategy tsdb_precompute_chunks cardinality_limit
    max_streams_matchers_per_query max_concurrent_tail_requests max_entries_limit_per_query
    max_cache_freshness_per_query max_metadata_cache_freshness max_stats_cache_freshness
    max_queriers_per_tenant max_query_capacity query_ready_index_num_days query_timeout
    split_queries_by_interval split_metadata_queries_by_interval
    split_recent_metadata_queries_by_interval recent_metadata_query_window
    split_instant_metric_queries_by_interval split_ingester_queries_by_interval
    min_sharding_lookback max_query_bytes_read max_querier_bytes_read volume_enabled
    volume_max_series ruler_max_rules_per_rule_group ruler_max_rule_groups_per_tenant
    ruler_alertmanager_config ruler_tenant_shard_size ruler_enable_wal_replay
    ruler_remote_write_disabled ruler_remote_write_url ruler_remote_write_timeout
    ruler_remote_write_headers ruler_remote_write_relabel_configs
    ruler_remote_write_queue_capacity ruler_remote_write_queue_min_shards
    ruler_remote_write_queue_max_shards ruler_remote_write_queue_max_samples_per_send
    ruler_remote_write_queue_batch_send_deadline ruler_remote_write_queue_min_backoff
    ruler_remote_write_queue_max_backoff ruler_remote_write_queue_retry_on_ratelimit
    ruler_remote_write_sigv4_config ruler_remote_write_config ruler_remote_evaluation_timeout
    ruler_remote_evaluation_max_response_size deletion_mode retention_period retention_stream
    per_tenant_override_config per_tenant_override_period allow_deletes shard_streams
    blocked_queries required_labels minimum_labels_number index_gateway_shard_size
    bloom_gateway_enable_filtering bloom_build_max_builders bloom_build_task_max_retries
    bloom_build_builder_response_timeout bloom_creation_enabled bloom_planning_strategy
    bloom_split_series_keyspace_by bloom_task_target_series_chunk_size bloom_block_encoding
    bloom_prefetch_blocks bloom_max_block_size bloom_max_bloom_size allow_structured_metadata
    max_structured_metadata_size max_structured_metadata_entries_count otlp_config
    block_ingestion_policy_until block_ingestion_until block_ingestion_status_code
    enforced_labels policy_enforced_labels policy_stream_mapping policy_override_limits
    ingestion_partitions_tenant_shard_size shard_aggregations
    pattern_ingester_tokenizable_json_fields_default
    pattern_ingester_tokenizable_json_fields_append
    pattern_ingester_tokenizable_json_fields_delete metric_aggregation_enabled
    pattern_persistence_enabled pattern_persistence_granularity pattern_rate_threshold
    s3_sse_type s3_sse_kms_key_id s3_sse_kms_encryption_context
    """.split()  # noqa: SIM905 - a word list reads better than 126 quoted strings
)
