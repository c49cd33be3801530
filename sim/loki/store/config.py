"""The store's settings, with Loki 3.6's defaults and the YAML key each one stands for.

Defaults come from the flag registrations in pkg/ingester/ingester.go, pkg/ingester/wal.go,
pkg/querier/querier.go, pkg/compactor/config.go and pkg/validation/limits.go. Note the
chunk encoding default is gzip (`-ingester.chunk-encoding`), and retention does nothing
unless `compactor.retention_enabled` is set, whatever `retention_period` says.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sim.errors import LokiConfigError
from sim.loki.store.codec import parse_codec
from sim.loki.store.retention import RetentionPolicy, StreamRule

_S = 1_000_000_000
_DAY_S = 86_400.0


@dataclass(frozen=True)
class RetentionStream:
    """limits_config.retention_stream[]: selector, priority, period."""

    selector: str
    period_s: float
    priority: int = 0


@dataclass(frozen=True)
class TenantRetention:
    """A per-tenant override of limits_config.retention_period / retention_stream."""

    tenant: str
    period_s: float
    streams: tuple[RetentionStream, ...] = ()


@dataclass(frozen=True)
class StoreConfig:
    chunk_block_size: int = 262144  # ingester.chunk_block_size
    chunk_target_size: int = 1572864  # ingester.chunk_target_size
    chunk_encoding: str = "gzip"  # ingester.chunk_encoding
    chunk_idle_period_s: float = 1800  # ingester.chunk_idle_period
    max_chunk_age_s: float = 7200  # ingester.max_chunk_age
    chunk_retain_period_s: float = 0  # ingester.chunk_retain_period
    sync_period_s: float = 3600  # ingester.sync_period
    sync_min_utilization: float = 0.1  # ingester.sync_min_utilization
    flush_check_period_s: float = 30  # ingester.flush_check_period
    wal_enabled: bool = True  # ingester.wal.enabled
    wal_dir: Path | None = None  # ingester.wal.dir (default: <data dir>/wal)
    wal_segment_size: int = 4 * 128 * 1024 * 1024  # walSegmentSize, not configurable in Loki
    checkpoint_interval_s: float = 300  # ingester.wal.checkpoint_duration
    flush_on_shutdown: bool = False  # ingester.wal.flush_on_shutdown
    query_ingesters_within_s: float = 10800  # querier.query_ingesters_within
    retention_enabled: bool = False  # compactor.retention_enabled
    retention_period_s: float = 0  # limits_config.retention_period (0 keeps forever)
    retention_streams: tuple[RetentionStream, ...] = ()  # limits_config.retention_stream
    tenant_retention: tuple[TenantRetention, ...] = ()  # runtime overrides per tenant
    retention_delete_delay_s: float = 7200  # compactor.retention_delete_delay
    compaction_interval_s: float = 600  # compactor.compaction_interval
    apply_retention_interval_s: float = 0  # compactor.apply_retention_interval
    background_compression: bool = True  # lokisim only: compress cut blocks on worker threads

    def validate(self, path: str = "") -> None:
        """Loki's own checks (Config.Validate, WALConfig.Validate, Limits.Validate)."""
        parse_codec(self.chunk_encoding, path=path)
        if self.wal_enabled and self.checkpoint_interval_s <= 0:
            raise LokiConfigError(
                path,
                "ingester.wal.checkpoint_duration",
                f"invalid checkpoint duration: {go_duration(self.checkpoint_interval_s)}",
            )
        for where, streams in self._stream_lists():
            for position, stream in enumerate(streams):
                _stream_rule(stream, path, f"{where}.retention_stream[{position}]")

    def _stream_lists(self) -> list[tuple[str, tuple[RetentionStream, ...]]]:
        lists = [("limits_config", self.retention_streams)]
        lists += [(f"overrides.{t.tenant}", t.streams) for t in self.tenant_retention]
        return lists

    def retention_policies(
        self, path: str = ""
    ) -> tuple[RetentionPolicy, dict[str, RetentionPolicy]]:
        """The default policy and per-tenant ones (selectors parsed, periods checked)."""

        def policy(
            period_s: float, streams: tuple[RetentionStream, ...], where: str
        ) -> RetentionPolicy:
            rules = tuple(
                _stream_rule(stream, path, f"{where}.retention_stream[{i}]")
                for i, stream in enumerate(streams)
            )
            return RetentionPolicy(int(period_s * _S), rules)

        default = policy(self.retention_period_s, self.retention_streams, "limits_config")
        tenants = {
            t.tenant: policy(t.period_s, t.streams, f"overrides.{t.tenant}")
            for t in self.tenant_retention
        }
        return default, tenants

    def effective_retention_interval_s(self) -> float:
        """compactor Config.Validate: 0 means the compaction interval, plus jitter if equal."""
        interval = self.apply_retention_interval_s or self.compaction_interval_s
        if interval == self.compaction_interval_s:
            interval += min(600.0, interval / 2)
        return interval


def _stream_rule(stream: RetentionStream, path: str, field: str) -> StreamRule:
    from sim.loki.logql.errors import LogQLParseError  # the LogQL grammar loads lazily
    from sim.loki.logql.parser import parse_matchers

    try:
        matchers = tuple(parse_matchers(stream.selector, validate=True))
    except (LogQLParseError, ValueError) as error:
        raise LokiConfigError(
            path, f"{field}.selector", f"invalid labels matchers: {error}"
        ) from error
    if stream.period_s < _DAY_S:
        raise LokiConfigError(
            path,
            f"{field}.period",
            f"retention period must be >= 24h was {prometheus_duration(stream.period_s)}",
        )
    return StreamRule(int(stream.period_s * _S), stream.priority, matchers)


def prometheus_duration(seconds: float) -> str:
    """model.Duration.String(): years and weeks only when exact, then d h m s ms."""
    ms = round(seconds * 1000)
    if ms == 0:
        return "0s"
    units = (
        ("y", 31_536_000_000, True),
        ("w", 604_800_000, True),
        ("d", 86_400_000, False),
        ("h", 3_600_000, False),
        ("m", 60_000, False),
        ("s", 1000, False),
        ("ms", 1, False),
    )
    text = ""
    for unit, size, exact in units:
        if exact and ms % size:
            continue
        if ms >= size:
            text += f"{ms // size}{unit}"
            ms %= size
    return text


def go_duration(seconds: float) -> str:
    """time.Duration.String() for whole or fractional seconds (as Loki prints durations)."""
    if seconds == 0:
        return "0s"
    sign = "-" if seconds < 0 else ""
    total = abs(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    text = f"{secs:.9f}".rstrip("0").rstrip(".") + "s"
    if hours:
        return f"{sign}{int(hours)}h{int(minutes)}m{text}"
    if minutes:
        return f"{sign}{int(minutes)}m{text}"
    return sign + text
