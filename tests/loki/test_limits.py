"""limits_config parsing and defaults (pkg/validation/limits.go at v3.6.0)."""

from __future__ import annotations

import datetime as dt

import pytest

from sim.errors import LokiConfigError, UnsupportedFeature
from sim.loki.limits import (
    KNOWN_LIMITS_KEYS,
    Limits,
    LimitsValueError,
    parse_byte_size,
    parse_flag_time,
    parse_go_duration,
    parse_model_duration,
)

S = 1_000_000_000
ADR_LIMITS = {
    # /work/shared/ADR-loki.md, section 6 and the HelmRelease values
    "retention_period": "720h",
    "ingestion_rate_mb": 20,
    "ingestion_burst_size_mb": 40,
    "max_streams_per_user": 10000,
    "max_line_size": "256kb",
    "max_entries_limit_per_query": 5000,
    "max_query_length": "721h",
}


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        # each default is the one Limits.RegisterFlags sets (pkg/validation/limits.go)
        ("ingestion_rate_strategy", "global"),
        ("ingestion_rate_mb", 4.0),
        ("ingestion_burst_size_mb", 6.0),
        ("max_line_size", 256 * 1024),
        ("max_line_size_truncate", False),
        ("max_label_name_length", 1024),
        ("max_label_value_length", 2048),
        ("max_label_names_per_series", 15),
        ("reject_old_samples", True),
        ("reject_old_samples_max_age", 7 * 86400 * S),
        ("creation_grace_period", 10 * 60 * S),
        ("increment_duplicate_timestamp", False),
        ("discover_log_levels", True),
        ("log_level_from_json_max_depth", 2),
        ("max_streams_per_user", 0),
        ("max_global_streams_per_user", 5000),
        ("unordered_writes", True),
        ("per_stream_rate_limit", 3 << 20),  # defaultPerStreamRateLimit
        ("per_stream_rate_limit_burst", 15 << 20),  # 5 * defaultPerStreamRateLimit
        ("allow_structured_metadata", True),
        ("max_structured_metadata_size", 64 * 1024),
        ("max_structured_metadata_entries_count", 128),
        ("block_ingestion_status_code", 260),
        ("retention_period", 0),
    ],
)
def test_defaults_are_register_flags(field, expected):
    assert getattr(Limits(), field) == expected


def test_default_service_name_discovery_list():
    # limits.go RegisterFlags: l.DiscoverServiceName
    assert Limits().discover_service_name[:4] == ("service", "app", "application", "app_name")
    assert Limits().discover_service_name[-2:] == ("job", "k8s_job_name")
    assert len(Limits().discover_service_name) == 13


def test_shard_streams_defaults():
    # pkg/distributor/shardstreams/config.go RegisterFlagsWithPrefix
    shard = Limits().shard_streams
    assert (shard.enabled, shard.time_sharding_enabled, shard.desired_rate) == (
        True,
        False,
        1536 << 10,
    )


def test_adr_limits_parse():
    limits = Limits.from_mapping(ADR_LIMITS, "loki.yaml")
    assert limits.ingestion_rate_bytes == 20 * 1048576  # bytesInMB = 1048576
    assert limits.ingestion_burst_size_bytes == 40 * 1048576
    assert limits.max_streams_per_user == 10000
    assert limits.max_line_size == 262144
    assert limits.retention_period == 720 * 3600 * S
    assert limits.retention_hours == "720"  # util.RetentionHours
    # keys outside the push path are kept for the other components
    assert limits.others == {"max_entries_limit_per_query": 5000, "max_query_length": "721h"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # pkg/util/flagext/bytesize_test.go Test_ByteSize
        ("", 0),
        ("0", 0),
        ("1b", 1),
        ("100kb", 100 << 10),
        ("100 KB", 100 << 10),
        ("50mb", 50 << 20),
        ("50Mb", 50 << 20),
        ("256GB", 256 << 30),
        # c2h5oh/datasize: binary units, upper-cased first (flagext.ByteSize.Set)
        ("256kb", 262144),
        ("256KB", 262144),
        ("3145728", 3 << 20),
        ("1k", 1024),
    ],
)
def test_byte_size(text, expected):
    assert parse_byte_size(text) == expected


@pytest.mark.parametrize(
    ("text", "error"),
    [
        # pkg/util/flagext/bytesize_test.go Test_ByteSize "abc" is an error
        ("abc", 'strconv.UnmarshalText: parsing "ABC": invalid syntax'),
        # datasize has no fractions and no IEC suffixes
        ("1.5MB", 'strconv.UnmarshalText: parsing "1.5MB": invalid syntax'),
        ("256KiB", 'strconv.UnmarshalText: parsing "256KIB": invalid syntax'),
    ],
)
def test_byte_size_errors(text, error):
    with pytest.raises(LimitsValueError, match=error.replace(".", r"\.")):
        parse_byte_size(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # prometheus/common model.ParseDuration (vendored model/time.go)
        ("720h", 720 * 3600 * S),
        ("1h30m", 5400 * S),
        ("7d", 7 * 86400 * S),
        ("1y", 365 * 86400 * S),
        ("1w2d", 9 * 86400 * S),
        ("250ms", 250_000_000),
        ("0", 0),
    ],
)
def test_model_duration(text, expected):
    assert parse_model_duration(text) == expected


@pytest.mark.parametrize(
    ("text", "error"),
    [
        # model.ParseDuration errors, verbatim
        ("5", 'not a valid duration string: "5"'),
        ("30m1h", 'not a valid duration string: "30m1h"'),
        ("1.5h", 'unknown unit "." in duration "1.5h"'),  # "." is read as the unit
        ("3x", 'unknown unit "x" in duration "3x"'),
        ("", "empty duration string"),
    ],
)
def test_model_duration_errors(text, error):
    with pytest.raises(LimitsValueError) as caught:
        parse_model_duration(text)
    assert str(caught.value) == error


@pytest.mark.parametrize(
    ("text", "expected"),
    # Go time.ParseDuration, used by time.Duration fields such as time_sharding_ignore_recent
    [("40m", 2400 * S), ("1.5h", 5400 * S), ("300ms", 300_000_000), ("0", 0), ("-2m", -120 * S)],
)
def test_go_duration(text, expected):
    assert parse_go_duration(text) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        # dskit flagext.Time.Set layouts
        ("0", None),
        ("2026-01-02", dt.datetime(2026, 1, 2, tzinfo=dt.UTC)),
        ("2026-01-02T03:04", dt.datetime(2026, 1, 2, 3, 4, tzinfo=dt.UTC)),
        ("2026-01-02T03:04:05Z", dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)),
        (dt.date(2026, 1, 2), dt.datetime(2026, 1, 2, tzinfo=dt.UTC)),  # what PyYAML returns
    ],
)
def test_flag_time(value, expected):
    assert parse_flag_time(value) == expected


@pytest.mark.parametrize(
    ("config", "text"),
    [
        # strict YAML loading (yaml.v2 UnmarshalStrict) on `type plain Limits`
        ({"foo": 1}, "loki.yaml: limits_config.foo: field foo not found in type validation.plain"),
        (
            {"shard_streams": {"desired": "1MB"}},
            "loki.yaml: limits_config.shard_streams: field desired not found in type "
            "shardstreams.Config",
        ),
        # yaml.v2 type errors
        (
            {"max_streams_per_user": "lots"},
            "loki.yaml: limits_config.max_streams_per_user: cannot unmarshal !!str `lots` into int",
        ),
        (
            {"reject_old_samples": "yes please"},
            "loki.yaml: limits_config.reject_old_samples: cannot unmarshal !!str `yes please` into "
            "bool",
        ),
        (
            {"max_line_size": "1.5MB"},
            'loki.yaml: limits_config.max_line_size: strconv.UnmarshalText: parsing "1.5MB": '
            "invalid syntax",
        ),
        (
            {"retention_period": "30"},
            'loki.yaml: limits_config.retention_period: not a valid duration string: "30"',
        ),
    ],
)
def test_config_errors_name_file_and_key(config, text):
    with pytest.raises(LokiConfigError) as caught:
        Limits.from_mapping(config, "loki.yaml")
    assert str(caught.value) == text


def test_yaml_null_is_go_zero_value():
    # yaml.v2 sets the zero value for a null scalar: `max_line_size:` means no limit
    limits = Limits.from_mapping({"max_line_size": None, "reject_old_samples": None})
    assert (limits.max_line_size, limits.reject_old_samples) == (0, False)


def test_yaml_integers_are_accepted_for_sizes():
    # yaml.v2 decodes an int scalar into the string ByteSize.UnmarshalYAML asks for
    assert Limits.from_mapping({"per_stream_rate_limit": 1024}).per_stream_rate_limit == 1024


def test_every_known_key_is_accepted():
    # 126 yaml keys of validation.Limits (two more are `yaml:"-"`)
    assert len(KNOWN_LIMITS_KEYS) == 126
    assert "max_query_series" in KNOWN_LIMITS_KEYS


@pytest.mark.parametrize(
    ("config", "feature"),
    [
        ({"unordered_writes": False}, "unordered_writes: false"),
        ({"use_owned_stream_count": True}, "use_owned_stream_count: true"),
        ({"shard_streams": {"time_sharding_enabled": True}}, "time_sharding_enabled"),
        ({"policy_stream_mapping": {"p": [{"selector": '{a="b"}'}]}}, "policy_stream_mapping"),
        ({"discover_generic_fields": {"fields": {"trace": ["trace_id"]}}}, "generic_fields"),
    ],
)
def test_unimplemented_push_features_are_refused(config, feature):
    limits = Limits.from_mapping(config)
    with pytest.raises(UnsupportedFeature, match=feature):
        limits.require_supported()
