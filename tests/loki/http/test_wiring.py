"""LokiConfig to the parts' settings (pkg/ingester, pkg/compactor, pkg/validation defaults)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sim.errors import UsageError
from sim.loki.config import load_loki_config
from sim.loki.http.wiring import ServingLimits, data_paths, store_config
from tests.loki.http.conftest import write_config


def test_data_goes_under_data_dir_or_path_prefix(tmp_path: Path) -> None:
    cfg = load_loki_config(write_config(tmp_path))
    assert data_paths(cfg, tmp_path / "elsewhere") == (tmp_path / "elsewhere", None)
    # without --data: common.path_prefix, and the WAL where ingester.wal.dir resolves
    assert data_paths(cfg, None) == (tmp_path / "data", tmp_path / "data" / "wal")


def test_no_data_dir_and_no_path_prefix_is_a_usage_error(tmp_path: Path) -> None:
    # Loki then needs the tsdb directories set directly (Config.Validate)
    extra = (
        "storage_config:\n  tsdb_shipper:\n    active_index_directory: /tmp/i\n"
        "    cache_location: /tmp/c\n  filesystem:\n    directory: /tmp/f"
    )
    text = write_config(tmp_path, extra=extra).read_text()
    text = text.replace(f"  path_prefix: {tmp_path / 'data'}\n", "")
    path = tmp_path / "bare.yaml"
    path.write_text(text)
    with pytest.raises(UsageError, match="--data"):
        data_paths(load_loki_config(path), None)


def test_store_config_carries_retention(tmp_path: Path) -> None:
    limits = (
        "  retention_period: 720h\n"
        "  retention_stream:\n"
        "    - selector: '{namespace=\"dev\"}'\n"
        "      priority: 1\n"
        "      period: 24h"
    )
    extra = "compactor:\n  retention_enabled: true\n  delete_request_store: filesystem"
    cfg = load_loki_config(write_config(tmp_path, limits=limits, extra=extra))
    store = store_config(cfg, None)
    assert store.retention_enabled
    assert store.retention_period_s == 720 * 3600
    (stream,) = store.retention_streams
    assert (stream.selector, stream.priority, stream.period_s) == ('{namespace="dev"}', 1, 86400)


@pytest.mark.parametrize(
    ("others", "expected"),
    [
        ({}, ServingLimits(10)),  # -querier.max-concurrent-tail-requests
        ({"max_concurrent_tail_requests": 2}, ServingLimits(2)),
        ({"max_concurrent_tail_requests": None}, ServingLimits(0)),  # YAML null: Go's zero
    ],
)
def test_serving_limits(others: dict[str, object], expected: ServingLimits) -> None:
    assert ServingLimits.from_others(others) == expected
