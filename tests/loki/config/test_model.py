"""Derived values of the effective config model."""

from __future__ import annotations

import pytest

from sim.loki.config.model import CompactorConfig, TLSConfig

MIN = 60 * 10**9


@pytest.mark.parametrize(
    ("tls", "enabled"),
    [
        # vendor/github.com/grafana/dskit/server/server.go New: TLS needs a cert and a key
        (TLSConfig(cert_file="/c", key_file="/k"), True),
        (TLSConfig(cert_file="/c"), False),
        (TLSConfig(key_file="/k"), False),
        (TLSConfig(), False),
    ],
)
def test_tls_needs_cert_and_key(tls: TLSConfig, enabled: bool) -> None:
    assert tls.enabled is enabled


@pytest.mark.parametrize(
    ("config", "interval"),
    [
        # pkg/compactor/config.go Validate: 0 means the compaction interval, and when equal
        # to it, retention gets min(10m, interval/2) of jitter
        (CompactorConfig(retention_enabled=True), 15 * MIN),
        (CompactorConfig(retention_enabled=True, compaction_interval=4 * MIN), 6 * MIN),
        (CompactorConfig(retention_enabled=True, apply_retention_interval=30 * MIN), 30 * MIN),
        (CompactorConfig(retention_enabled=False), 10 * MIN),
    ],
)
def test_effective_apply_retention_interval(config: CompactorConfig, interval: int) -> None:
    assert config.effective_apply_retention_interval == interval
