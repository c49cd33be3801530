"""Effective values after `common`, ported from pkg/loki/config_wrapper_test.go at v3.6.0."""

from __future__ import annotations

from pathlib import Path

import pytest

from sim.loki.config import parse_loki_config

from .conftest import MINIMAL, NOW

BOLTDB = """\
common:
  path_prefix: {prefix}
  ring:
    kvstore:
      store: inmemory
limits_config:
  allow_structured_metadata: false
schema_config:
  configs:
    - from: 2021-08-01
      store: boltdb-shipper
      object_store: filesystem
      schema: v11
      index:
        prefix: index_
        period: 24h
"""


@pytest.mark.parametrize("prefix", ["/opt/loki", "/opt/loki/"])
def test_path_prefix_rewrites_default_paths(load, prefix: str) -> None:
    # Test_ApplyDynamicConfig "when provided, rewrites all default file paths to use common
    # prefix" and "accepts paths both with and without trailing slash"
    cfg = load(MINIMAL.replace("path_prefix: /tmp/loki", f"path_prefix: {prefix}"))
    assert cfg.ruler.rule_path == "/opt/loki/rules-temp"
    assert cfg.ingester.wal.dir == "/opt/loki/wal"
    assert cfg.compactor.working_directory == "/opt/loki/compactor"


def test_path_prefix_keeps_paths_the_file_sets(load) -> None:
    # "does not rewrite custom (non-default) paths passed via config file"
    cfg = load(
        MINIMAL.replace("path_prefix: /tmp/loki", "path_prefix: /opt/loki")
        + "ruler:\n  rule_path: /etc/ruler/rules\n"
    )
    assert cfg.ruler.rule_path == "/etc/ruler/rules"
    assert cfg.ingester.wal.dir == "/opt/loki/wal"


def test_without_path_prefix_defaults_stay(load) -> None:
    # "does not override defaults for file paths when not provided" (pkg/ruler/base/ruler.go,
    # pkg/ingester/wal.go and pkg/compactor/config.go RegisterFlags)
    text = MINIMAL.replace("  path_prefix: /tmp/loki\n", "") + (
        "storage_config:\n  tsdb_shipper:\n    active_index_directory: /a\n    cache_location: /c\n"
    )
    cfg = load(text)
    assert (cfg.ruler.rule_path, cfg.ingester.wal.dir) == ("/rules", "wal")
    assert cfg.compactor.working_directory == "/var/loki/compactor"


@pytest.mark.parametrize("prefix", ["/opt/loki", "/opt/loki/"])
def test_boltdb_shipper_directories_from_path_prefix(tmp_path: Path, prefix: str) -> None:
    # Test_ApplyDynamicConfig "boltdb shipper apply common path prefix" (both cases). Valid
    # Loki, refused by the stand-in afterwards, so read it with parse_loki_config.
    path = tmp_path / "loki.yaml"
    path.write_text(BOLTDB.format(prefix=prefix))
    cfg = parse_loki_config(path, now=NOW)
    assert cfg.storage.boltdb_active_index_directory == "/opt/loki/boltdb-shipper-active"
    assert cfg.storage.boltdb_cache_location == "/opt/loki/boltdb-shipper-cache"


def test_filesystem_common_storage_feeds_ruler_and_chunks(load) -> None:
    # "when common filesystem/local config is provided, ruler and storage config are
    # defaulted to use it"
    cfg = load(MINIMAL)
    assert (cfg.ruler.storage_type, cfg.ruler.local_directory) == ("local", "/tmp/loki/rules")
    assert cfg.storage.filesystem_directory == "/tmp/loki/chunks"
