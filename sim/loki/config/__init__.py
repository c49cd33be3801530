"""The embedded Loki's configuration: Loki 3.6's config file, read and checked as Loki does.

load_loki_config(path, *, expand_env=False) -> LokiConfig
render_config(cfg) -> str      # YAML like GET /config
"""

from __future__ import annotations

from sim.loki.config.load import load_loki_config, parse_loki_config
from sim.loki.config.model import LokiConfig, PeriodConfig
from sim.loki.config.render import render_config

__all__ = ["LokiConfig", "PeriodConfig", "load_loki_config", "parse_loki_config", "render_config"]
