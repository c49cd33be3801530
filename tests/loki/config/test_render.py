"""render_config: the effective config as Loki's GET /config prints it."""

from __future__ import annotations

import pytest
import yaml

from sim.loki.config import load_loki_config, render_config
from sim.loki.config.customtypes import model_duration_string

from .conftest import COMPOSE_CONFIG, NOW

MS = 1_000_000


@pytest.mark.parametrize(
    ("ns", "text"),
    [
        # prometheus/common model/time.go Duration.String (weeks and years only when exact)
        (0, "0s"),
        (720 * 3600 * 1000 * MS, "30d"),
        (7 * 86400 * 1000 * MS, "1w"),
        (90 * 86400 * 1000 * MS, "90d"),
        (365 * 86400 * 1000 * MS, "1y"),
        (90 * 60 * 1000 * MS, "1h30m"),
        (1500 * MS, "1s500ms"),
    ],
)
def test_model_duration_string(ns: int, text: str) -> None:
    assert model_duration_string(ns) == text


def test_render_prints_effective_values_in_gos_forms() -> None:
    shown = yaml.safe_load(render_config(load_loki_config(COMPOSE_CONFIG, now=NOW)))
    assert shown["limits_config"]["retention_period"] == "30d"  # model.Duration
    assert shown["limits_config"]["max_line_size"] == "256KB"  # flagext.ByteSize
    assert shown["ingester"]["chunk_idle_period"] == "30m0s"  # time.Duration
    assert shown["ingester"]["lifecycler"]["ring"]["replication_factor"] == 1
    assert shown["ingester"]["wal"]["dir"] == "/var/loki/wal"
    assert shown["schema_config"]["configs"][0]["index"]["period"] == "1d"
    assert shown["compactor"]["delete_request_store"] == "filesystem"


def test_render_keeps_loki_struct_order() -> None:
    # yaml.v2 Marshal writes struct fields in declaration order (pkg/loki/loki.go Config)
    keys = list(yaml.safe_load(render_config(load_loki_config(COMPOSE_CONFIG, now=NOW))))
    assert keys.index("target") < keys.index("server") < keys.index("ingester")
    assert keys.index("schema_config") < keys.index("compactor") < keys.index("limits_config")


def test_render_shows_accepted_keys_as_written(load) -> None:
    text = COMPOSE_CONFIG.read_text() + "analytics:\n  reporting_enabled: false\n"
    shown = yaml.safe_load(render_config(load(text)))
    assert shown["analytics"] == {"reporting_enabled": False}
