"""load_loki_config: the compose config, and Loki 3.6's refusals in Loki's own words."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from sim.errors import LokiConfigError, UnsupportedFeature
from sim.loki.config import load_loki_config

from .conftest import COMPOSE_CONFIG, MINIMAL, NOW

S, H = 1_000_000_000, 3_600_000_000_000
MIRROR = Path("/work/.mirror/grafana+loki/repo")
HINT = ". Use `-config.expand-env=true` flag if you want to expand environment variables in your config file"


@pytest.mark.parametrize(
    ("attribute", "expected"),
    [
        # /work/shared/ADR-loki.md section 8 (HelmRelease values)
        ("auth_enabled", False),
        ("common.replication_factor", 1),
        ("common.filesystem_chunks_directory", "/var/loki/chunks"),
        ("common.filesystem_rules_directory", "/var/loki/rules"),
        # ADR section 3.3 (retention)
        ("limits.retention_period", 720 * H),
        ("compactor.retention_enabled", True),
        ("compactor.retention_delete_delay", 2 * H),
        ("compactor.retention_delete_worker_count", 150),
        # ADR section 6.5 (rate limiting)
        ("limits.ingestion_rate_mb", 20.0),
        ("limits.ingestion_burst_size_mb", 40.0),
        ("limits.max_streams_per_user", 10000),
        ("limits.max_line_size", 256 * 1024),
        # pkg/loki/config_wrapper.go applyStorageConfig: common filesystem -> chunks and rules
        ("storage.filesystem_directory", "/var/loki/chunks"),
        ("ruler.storage_type", "local"),
        ("ruler.local_directory", "/var/loki/rules"),
        # config_wrapper.go applyPathPrefixDefaults / betterTSDBShipperDefaults
        ("ingester.wal.dir", "/var/loki/wal"),
        ("compactor.working_directory", "/var/loki/compactor"),
        ("ruler.rule_path", "/var/loki/rules-temp"),
        ("storage.tsdb_active_index_directory", "/var/loki/tsdb-shipper-active"),
        ("storage.tsdb_cache_location", "/var/loki/tsdb-shipper-cache"),
        # Loki's defaults (pkg/loki/loki.go registerServerFlagsWithChangedDefaultValues,
        # pkg/ingester/ingester.go RegisterFlags: gzip, not snappy)
        ("server.http_listen_port", 3100),
        ("ingester.chunk_encoding", "gzip"),
        ("ingester.chunk_idle_period", 30 * 60 * S),
    ],
)
def test_compose_config_has_the_adrs_values(attribute: str, expected: object) -> None:
    value: object = load_loki_config(COMPOSE_CONFIG, now=NOW)
    for part in attribute.split("."):
        value = getattr(value, part)
    assert value == expected


def test_compose_config_query_limits_reach_the_query_code() -> None:
    # ADR section 6.5; sim.loki.limits keeps limits it does not use itself in `others`
    limits = load_loki_config(COMPOSE_CONFIG, now=NOW).limits
    assert limits.others["max_entries_limit_per_query"] == 5000
    assert limits.others["max_query_length"] == "721h"


def test_compose_config_stream_limit_inputs() -> None:
    # the ingester's stream limit divides max_global_streams_per_user by the replication
    # factor (pkg/ingester/limiter.go): replication_factor 1 comes from common (ADR section 8)
    # through applyIngesterReplicationFactor, on an in-memory ring
    cfg = load_loki_config(COMPOSE_CONFIG, now=NOW)
    assert cfg.replication_factor == 1
    assert cfg.ingester.ring_kvstore == "inmemory"
    assert cfg.limits.max_global_streams_per_user == 5000  # Loki's default, the ADR sets none
    assert cfg.limits.max_streams_per_user == 10000


def test_replication_factor_defaults_to_three_without_common(load) -> None:
    # pkg/loki/common/common.go RegisterFlags: common.replication-factor 3
    text = MINIMAL.replace("  replication_factor: 1\n", "")
    assert load(text).replication_factor == 3


def test_ingester_ring_replication_factor_wins_over_common(load) -> None:
    # pkg/util/cfg/dynamic.go: the file is applied again after ApplyDynamicConfig
    text = MINIMAL + "ingester:\n  lifecycler:\n    ring:\n      replication_factor: 2\n"
    assert load(text).replication_factor == 2


BAD_CONFIGS = [
    (
        # grafana/loki#17716 (Loki 3.5) shows this exact text; yaml.v2 decode.go mappingStruct
        # names the struct decoded, ConfigWrapper, whose `Config` is inline
        "unknown top-level key",
        ("auth_enabled: false", "auth_enabled: false\ngroups: []"),
        "failed parsing config: PATH: yaml: unmarshal errors:\n  line 7: field groups not found in type loki.ConfigWrapper"
        + HINT,
    ),
    (
        # pkg/util/cfg/cfg_test.go TestParseWithInvalidYAML: one line per unknown key
        "unknown keys at two levels",
        ("auth_enabled: false", "auth_enabled: false\nservers:\n  port: 1\ningester:\n  keey: x"),
        "failed parsing config: PATH: yaml: unmarshal errors:\n  line 7: field servers not found in type loki.ConfigWrapper\n  line 10: field keey not found in type ingester.Config"
        + HINT,
    ),
    (
        # yaml.v2 decode.go terror; pkg/storage/bucket/http/config_test.go expects the same form
        "string into int",
        ("retention_delete_worker_count: 150", "retention_delete_worker_count: abc"),
        "failed parsing config: PATH: yaml: unmarshal errors:\n  line 41: cannot unmarshal !!str `abc` into int"
        + HINT,
    ),
    (
        # yaml.v2 decode.go scalar(): time.Duration takes Go's ParseDuration, which has no `d`
        "days into a time.Duration",
        ("retention_delete_delay: 2h", "retention_delete_delay: 2d"),
        "failed parsing config: PATH: yaml: unmarshal errors:\n  line 40: cannot unmarshal !!str `2d` into time.Duration"
        + HINT,
    ),
    (
        # pkg/util/flagext/bytesize.go Set -> c2h5oh/datasize UnmarshalText: a parse error
        # aborts the whole load with the parser's text (not a yaml type error)
        "bad size in limits_config",
        ("max_line_size: 256kb", "max_line_size: 256KiB"),
        'failed parsing config: PATH: strconv.UnmarshalText: parsing "256KIB": invalid syntax'
        + HINT,
    ),
    (
        # pkg/validation/limits.go Limits.UnmarshalYAML decodes `type plain Limits`
        "unknown key in limits_config",
        ("max_line_size: 256kb", "max_line_sizes: 256kb"),
        "failed parsing config: PATH: yaml: unmarshal errors:\n  line 34: field max_line_sizes not found in type validation.plain"
        + HINT,
    ),
    (
        # pkg/compactor/config.go Validate, wrapped by pkg/loki/loki.go Config.Validate
        "retention without delete_request_store",
        ("  delete_request_store: filesystem", "  delete_batch_size: 70"),
        "validating config: CONFIG ERROR: invalid compactor config: compactor.delete-request-store should be configured when retention is enabled",
    ),
    (
        # pkg/loki/validation.go validateSchemaRequirements (allow_structured_metadata defaults on)
        "schema v12",
        ("schema: v13", "schema: v12"),
        "validating config: CONFIG ERROR: schema v13 is required to store Structured Metadata and use native OTLP ingestion, your schema version is v12. Set `allow_structured_metadata: false` in the `limits_config` section or set the command line argument `-validation.allow-structured-metadata=false` and restart Loki. Then proceed to update to schema v13 or newer before re-enabling this config, search for 'Storage Schema' in the docs for the schema update procedure",
    ),
    (
        # pkg/loki/validation.go validateSchemaRequirements; then validateDirectoriesExist, as
        # boltdb-shipper directories are only defaulted from path_prefix (they are here)
        "boltdb-shipper index",
        ("store: tsdb", "store: boltdb-shipper"),
        "validating config: CONFIG ERROR: `tsdb` index type is required to store Structured Metadata and use native OTLP ingestion, your index type is `boltdb-shipper` (defined in the `store` parameter of the schema_config). Set `allow_structured_metadata: false` in the `limits_config` section or set the command line argument `-validation.allow-structured-metadata=false` and restart Loki. Then proceed to update the schema to use index type `tsdb` before re-enabling this config, search for 'Storage Schema' in the docs for the schema update procedure",
    ),
    (
        # pkg/storage/config/schema_config.go errTSDBNon24HoursIndexPeriod
        "tsdb with a 168h index period",
        ("period: 24h", "period: 168h"),
        "validating config: CONFIG ERROR: invalid schema config: validating period_config: tsdb must always have periodic config for index set to 24h",
    ),
    (
        # pkg/storage/config/schema_config.go PeriodConfig.UnmarshalYAML -> VersionAsInt;
        # TestVersionAsInt "malformed" expects an error for "v"
        "unparsable schema version",
        ("schema: v13", "schema: vX"),
        'failed parsing config: PATH: invalid schema version: strconv.Atoi: parsing "X": invalid syntax'
        + HINT,
    ),
    (
        # pkg/storage/config/schema_config.go DayTime.UnmarshalYAML: time.Parse("2006-01-02")
        "from date with slashes",
        ("from: 2024-04-01", "from: 2024/04/01"),
        'failed parsing config: PATH: parsing time "2024/04/01" as "2006-01-02": cannot parse "/04/01" as "-"'
        + HINT,
    ),
    (
        # libyaml (which yaml.v2 ports): a scanner error on line 6
        "YAML syntax error",
        ("auth_enabled: false", "auth_enabled: false: true"),
        "failed parsing config: PATH: yaml: line 6: mapping values are not allowed in this context"
        + HINT,
    ),
    (
        # yaml.v2 decode.go mappingStruct in strict mode
        "key given twice",
        ("auth_enabled: false", "auth_enabled: false\nauth_enabled: true"),
        "failed parsing config: PATH: yaml: unmarshal errors:\n  line 7: field auth_enabled already set in type loki.ConfigWrapper"
        + HINT,
    ),
    (
        # dskit log/level.go Set, called from UnmarshalYAML
        "unknown log level",
        ("auth_enabled: false", "auth_enabled: false\nserver:\n  log_level: verbose"),
        'failed parsing config: PATH: unrecognized log level "verbose"' + HINT,
    ),
    (
        # pkg/ingester/ingester.go Validate -> pkg/compression/codec.go ParseCodec
        "unknown chunk encoding",
        ("auth_enabled: false", "auth_enabled: false\ningester:\n  chunk_encoding: brotli"),
        "validating config: CONFIG ERROR: invalid ingester config: invalid encoding: brotli, supported: none, gzip, lz4-64k, snappy, lz4-256k, lz4-1M, lz4, flate, zstd",
    ),
    (
        # pkg/loki/config_wrapper.go tokensFile; config_wrapper_test.go Test_tokensFile
        "persist_tokens without path_prefix",
        ("  path_prefix: /var/loki", "  persist_tokens: true"),
        "failed parsing config: if persist_tokens is true, path_prefix MUST be defined",
    ),
    (
        # pkg/loki/validation.go validateDirectoriesExist: nothing to default tsdb dirs from
        "tsdb without path_prefix",
        ("  path_prefix: /var/loki", "  instance_addr: 127.0.0.1"),
        "validating config: MULTIPLE CONFIG ERRORS FOUND, PLEASE READ CAREFULLY\nCONFIG ERROR: `tsdb` index type is configured in at least one schema period, however, `storage_config`, `tsdb_shipper`, `active_index_directory` is not set, please set this directly or set `path_prefix:` in the `common:` section\nCONFIG ERROR: `tsdb` index type is configured in at least one schema period, however, `storage_config`, `tsdb_shipper`, `cache_location` is not set, please set this directly or set `path_prefix:` in the `common:` section",
    ),
]


@pytest.mark.parametrize(("name", "edit", "expected"), BAD_CONFIGS, ids=[c[0] for c in BAD_CONFIGS])
def test_loki_refuses_in_its_words(load, tmp_path: Path, compose_text: str, name, edit, expected):
    old, new = edit
    assert old in compose_text, name
    with pytest.raises(LokiConfigError) as err:
        load(compose_text.replace(old, new, 1))
    assert err.value.detail == expected.replace("PATH", str(tmp_path / "loki.yaml"))


def test_long_values_are_cut_in_type_errors(load, compose_text: str) -> None:
    # yaml.v2 decode.go terror: `value[:7] + "..."` when longer than 10 bytes
    text = compose_text.replace("worker_count: 150", "worker_count: twelve-chars")
    with pytest.raises(LokiConfigError, match=r"cannot unmarshal !!str `twelve-\.\.\.` into int"):
        load(text)


def test_two_config_errors_are_listed_under_a_heading(load, compose_text: str) -> None:
    # pkg/loki/loki.go Validate: errors.Join after "MULTIPLE CONFIG ERRORS FOUND..."
    text = compose_text.replace("period: 24h", "period: 48h").replace(
        "  delete_request_store: filesystem", "  delete_batch_size: 70"
    )
    with pytest.raises(LokiConfigError) as err:
        load(text)
    assert err.value.detail.splitlines() == [
        "validating config: MULTIPLE CONFIG ERRORS FOUND, PLEASE READ CAREFULLY",
        "CONFIG ERROR: invalid schema config: validating period_config: tsdb must always have periodic config for index set to 24h",
        "CONFIG ERROR: invalid compactor config: compactor.delete-request-store should be configured when retention is enabled",
    ]


@pytest.mark.parametrize(
    "text",
    [
        # grafana/loki#16698 (open at v3.6.0): validateSchemaRequirements indexes an empty list
        "auth_enabled: false\n",
        "",
    ],
)
def test_missing_schema_config_is_lokis_panic(load, text: str) -> None:
    with pytest.raises(LokiConfigError) as err:
        load(text)
    assert err.value.field == "schema_config"
    assert err.value.detail.startswith("panic: runtime error: index out of range [0] with length 0")


def test_missing_file_in_lokis_words(tmp_path: Path) -> None:
    # pkg/util/cfg/files.go ConfigFileLoader
    missing = tmp_path / "nope.yaml"
    with pytest.raises(LokiConfigError) as err:
        load_loki_config(missing)
    expected = (
        f"failed parsing config: {missing} does not exist, set config.file for custom config path"
    )
    assert err.value.detail == expected


def test_emptied_server_section_has_no_log_level(load, compose_text: str) -> None:
    # yaml.v2 zeroes a struct given a null; cmd/loki/main.go then refuses the zero log.Level
    with pytest.raises(LokiConfigError) as err:
        load(compose_text + "server:\n")
    assert err.value.detail == "invalid log level"


def test_expand_env_substitutes_before_parsing(load, compose_text: str) -> None:
    # pkg/util/cfg/files.go YAML: envsubst.EvalEnv runs on the file's text
    text = compose_text.replace(
        "max_streams_per_user: 10000", "max_streams_per_user: ${STREAMS:-123}"
    )
    assert load(text, expand_env=True, environ={}).limits.max_streams_per_user == 123
    assert load(text, expand_env=True, environ={"STREAMS": "7"}).limits.max_streams_per_user == 7


def test_without_expand_env_a_reference_is_text(load, tmp_path: Path, compose_text: str) -> None:
    text = compose_text.replace("max_streams_per_user: 10000", "max_streams_per_user: ${STREAMS}")
    with pytest.raises(LokiConfigError) as err:
        load(text)
    assert err.value.detail.endswith("cannot unmarshal !!str `${STREAMS}` into int" + HINT)


def test_expand_env_errors_are_unwrapped(load, compose_text: str) -> None:
    # files.go: envsubst's error is returned before errors.Wrap, and expand-env is on: no hint
    with pytest.raises(LokiConfigError) as err:
        load(compose_text + "# ${OPEN\n", expand_env=True, environ={})
    assert err.value.detail == "failed parsing config: missing closing brace"


@pytest.mark.parametrize(
    ("edit", "feature"),
    [
        (
            ("auth_enabled: false", "auth_enabled: false\nstorage_config:\n  aws:\n    s3: s3://b"),
            "storage_config.aws is set",
        ),
        (("store: inmemory", "store: consul"), "ingester.lifecycler.ring.kvstore.store: consul"),
        (
            ("auth_enabled: false", "auth_enabled: false\nmemberlist:\n  join_members: [loki]"),
            "memberlist.join_members",
        ),
        (
            ("auth_enabled: false", "auth_enabled: false\npattern_ingester:\n  enabled: true"),
            "pattern_ingester.enabled: true",
        ),
        (
            ("auth_enabled: false", "auth_enabled: false\nbloom_gateway:\n  enabled: true"),
            "bloom_gateway.enabled: true",
        ),
        (("auth_enabled: false", "auth_enabled: false\ntarget: write"), "target: write"),
        (
            ("max_query_length: 721h", "max_query_length: 721h\n  unordered_writes: false"),
            "unordered_writes: false",
        ),
    ],
)
def test_valid_but_unsupported_fails_loudly(load, compose_text: str, edit, feature: str) -> None:
    with pytest.raises(UnsupportedFeature) as err:
        load(compose_text.replace(*edit, 1))
    assert feature in str(err.value)


def test_schema_v12_without_structured_metadata_is_valid_loki_but_unsupported(load) -> None:
    # validation.go only demands v13 while allow_structured_metadata is on
    text = MINIMAL.replace("schema: v13", "schema: v12")
    text += "limits_config:\n  allow_structured_metadata: false\n"
    with pytest.raises(UnsupportedFeature, match=r"schema: v12 \(only v13\): use --target compose"):
        load(text)


@pytest.mark.skipif(not MIRROR.is_dir(), reason="no grafana/loki git mirror to read the file from")
def test_upstream_local_config_is_refused_only_for_the_pattern_ingester(load) -> None:
    # cmd/loki/loki-local-config.yaml at v3.6.0 is valid Loki; its query_range, frontend, ruler
    # and limits sections change nothing the stand-in shows, its pattern ingester is refused
    upstream = subprocess.run(
        ["git", f"--git-dir={MIRROR}", "show", "v3.6.0:cmd/loki/loki-local-config.yaml"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    with pytest.raises(UnsupportedFeature, match=r"pattern_ingester\.enabled: true"):
        load(upstream)
    load(
        upstream.replace(
            "pattern_ingester:\n  enabled: true", "pattern_ingester:\n  enabled: false"
        )
    )
