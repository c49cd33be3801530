"""Store settings: Loki's defaults and its own validation messages."""

from __future__ import annotations

import pytest

from sim.errors import LokiConfigError
from sim.loki.store.config import (
    RetentionStream,
    StoreConfig,
    TenantRetention,
    go_duration,
    prometheus_duration,
)


def test_defaults_are_loki_flag_defaults() -> None:
    # ingester.go RegisterFlags, wal.go, compactor/config.go, querier.go at v3.6.0.
    cfg = StoreConfig()
    assert cfg.chunk_encoding == "gzip"
    assert (cfg.chunk_block_size, cfg.chunk_target_size) == (262144, 1572864)
    assert (cfg.chunk_idle_period_s, cfg.max_chunk_age_s, cfg.chunk_retain_period_s) == (
        1800,
        7200,
        0,
    )
    assert (cfg.sync_period_s, cfg.sync_min_utilization, cfg.flush_check_period_s) == (
        3600,
        0.1,
        30,
    )
    assert (cfg.wal_enabled, cfg.checkpoint_interval_s, cfg.flush_on_shutdown) == (True, 300, False)
    assert (cfg.retention_enabled, cfg.retention_period_s, cfg.retention_delete_delay_s) == (
        False,
        0,
        7200,
    )
    assert cfg.query_ingesters_within_s == 10800


@pytest.mark.parametrize(
    ("apply_s", "compaction_s", "effective_s"),
    [
        # compactor/config.go Validate: 0 -> compaction interval; equal -> + min(10m, half)
        (0, 600, 900),
        (600, 600, 900),
        (0, 3600, 4200),
        (1200, 600, 1200),
    ],
)
def test_effective_retention_interval(
    apply_s: float, compaction_s: float, effective_s: float
) -> None:
    cfg = StoreConfig(apply_retention_interval_s=apply_s, compaction_interval_s=compaction_s)
    assert cfg.effective_retention_interval_s() == effective_s


def test_stream_retention_below_a_day_is_refused() -> None:
    # validation/limits.go Validate: "retention period must be >= 24h was %s".
    cfg = StoreConfig(retention_streams=(RetentionStream('{app="x"}', 12 * 3600),))
    with pytest.raises(LokiConfigError) as caught:
        cfg.validate("loki.yaml")
    assert str(caught.value) == (
        "loki.yaml: limits_config.retention_stream[0].period: retention period must be >= 24h was 12h"
    )


def test_stream_retention_selector_must_parse() -> None:
    # validation/limits.go Validate: "invalid labels matchers: %w".
    cfg = StoreConfig(
        tenant_retention=(TenantRetention("t1", 0, (RetentionStream("{app=", 86400),)),)
    )
    with pytest.raises(LokiConfigError) as caught:
        cfg.validate("loki.yaml")
    assert "overrides.t1.retention_stream[0].selector: invalid labels matchers: " in str(
        caught.value
    )


def test_bad_encoding_is_refused() -> None:
    with pytest.raises(LokiConfigError, match="invalid encoding: lzma"):
        StoreConfig(chunk_encoding="lzma").validate()


def test_checkpoint_duration_must_be_positive() -> None:
    # wal.go WALConfig.Validate: "invalid checkpoint duration: %v".
    with pytest.raises(LokiConfigError, match="invalid checkpoint duration: 0s"):
        StoreConfig(checkpoint_interval_s=0).validate()


def test_policies_parse_selectors() -> None:
    cfg = StoreConfig(
        retention_period_s=30 * 86400,
        retention_streams=(RetentionStream('{namespace="dev"}', 86400, priority=1),),
        tenant_retention=(TenantRetention("t2", 7 * 86400),),
    )
    default, tenants = cfg.retention_policies()
    assert default.period_for({"namespace": "dev"}) == 86400 * 10**9
    assert default.period_for({"namespace": "prod"}) == 30 * 86400 * 10**9
    assert tenants["t2"].period_for({"namespace": "dev"}) == 7 * 86400 * 10**9


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        # prometheus/common model.Duration.String: y and w only when exact
        (0, "0s"),
        (43200, "12h"),
        (90 * 86400, "90d"),
        (14 * 86400, "2w"),
        (365 * 86400, "1y"),
        (3661.5, "1h1m1s500ms"),
    ],
)
def test_prometheus_duration(seconds: float, text: str) -> None:
    assert prometheus_duration(seconds) == text


@pytest.mark.parametrize(
    ("seconds", "text"), [(0, "0s"), (-300, "-5m0s"), (3600, "1h0m0s"), (1.5, "1.5s")]
)
def test_go_duration(seconds: float, text: str) -> None:
    # Go time.Duration.String.
    assert go_duration(seconds) == text
