"""gotypes36.yaml: the Go types a Loki 3.6 config decodes into."""

from __future__ import annotations

from pathlib import Path

import pytest

from sim.loki.config.gotypes import go_type, root_type, struct_at

MIRROR = Path("/work/.mirror/grafana+loki/repo")


@pytest.mark.parametrize(
    ("path", "name", "keys"),
    [
        # pkg/loki/loki.go Config, inline in pkg/loki/config_wrapper.go ConfigWrapper
        ("", "loki.ConfigWrapper", {"auth_enabled", "server", "limits_config", "common"}),
        # vendor/github.com/grafana/dskit/server/server.go Config
        ("server", "server.Config", {"http_listen_port", "http_tls_config", "log_level"}),
        # pkg/compactor/config.go Config, including its `yaml:"_"` RunOnce field
        ("compactor", "compactor.Config", {"retention_enabled", "delete_request_store", "_"}),
        ("ingester.wal", "ingester.WALConfig", {"enabled", "dir", "replay_memory_ceiling"}),
        # pkg/validation/limits.go: UnmarshalYAML decodes `type plain Limits`
        ("limits_config", "validation.plain", {"max_line_size", "retention_period"}),
        # pkg/storage/stores/shipper/indexshipper/shipper.go Config: untagged fields
        (
            "storage_config.tsdb_shipper",
            "indexshipper.Config",
            {"cache_location", "mode", "ingestername"},
        ),
    ],
)
def test_struct_names_and_keys(path: str, name: str, keys: set[str]) -> None:
    gtype = struct_at(path)
    assert gtype.name == name
    assert keys <= set(gtype.fields)


def test_period_index_is_the_anonymous_struct_of_its_unmarshal() -> None:
    # pkg/storage/config/schema_config.go IndexPeriodicTableConfig.UnmarshalYAML
    period = go_type(go_type(struct_at("schema_config").fields["configs"]).elem)
    assert period.name == "config.plain"
    index = go_type(period.fields["index"])
    assert index.name == (
        'struct { PathPrefix string "yaml:\\"path_prefix\\""; Prefix string "yaml:\\"prefix\\""; '
        'Period model.Duration "yaml:\\"period\\""; Tags config.Tags "yaml:\\"tags\\"" }'
    )


@pytest.mark.skipif(not MIRROR.is_dir(), reason="no grafana/loki git mirror to regenerate from")
def test_table_matches_the_v3_6_0_source() -> None:
    from .gen_gotypes import generate

    shipped = (Path(__file__).parents[3] / "sim/loki/config/gotypes36.yaml").read_text()
    assert generate(str(MIRROR)) == shipped
    assert root_type().name == "loki.ConfigWrapper"
