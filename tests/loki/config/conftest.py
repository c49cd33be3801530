"""Helpers for Loki config tests: the compose config, and loading YAML text from a temp file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from sim.loki.config import LokiConfig, load_loki_config

ROOT = Path(__file__).resolve().parents[3]
COMPOSE_CONFIG = ROOT / "compose" / "loki" / "config.yaml"
# a fixed "now" for ActivePeriodConfig (the compose schema starts 2024-04-01)
NOW = dt.datetime(2025, 6, 1, tzinfo=dt.UTC)

# the smallest config Loki 3.6 starts with in single-binary mode (cmd/loki/loki-local-config.yaml
# at v3.6.0 without its optional sections)
MINIMAL = """\
auth_enabled: false
common:
  path_prefix: /tmp/loki
  replication_factor: 1
  storage:
    filesystem:
      chunks_directory: /tmp/loki/chunks
      rules_directory: /tmp/loki/rules
  ring:
    kvstore:
      store: inmemory
schema_config:
  configs:
    - from: 2020-10-24
      store: tsdb
      object_store: filesystem
      schema: v13
      index:
        prefix: index_
        period: 24h
"""


@pytest.fixture
def compose_text() -> str:
    return COMPOSE_CONFIG.read_text(encoding="utf-8")


@pytest.fixture
def load(tmp_path: Path) -> Callable[..., LokiConfig]:
    """Write YAML text to loki.yaml in a temp dir and load it (now fixed to NOW)."""

    def _load(text: str, **kwargs: object) -> LokiConfig:
        path = tmp_path / "loki.yaml"
        path.write_text(text, encoding="utf-8")
        kwargs.setdefault("now", NOW)
        return load_loki_config(path, **kwargs)  # type: ignore[arg-type]

    return _load
