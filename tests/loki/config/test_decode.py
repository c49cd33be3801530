"""Strict decoding into Loki's Go types, as yaml.v2 UnmarshalStrict does it."""

from __future__ import annotations

import pytest

from sim.loki.config import yamlv2
from sim.loki.config.decode import UnmarshalAbort, UnmarshalErrors, decode_config


def decode(text: str):
    return decode_config(yamlv2.parse_document(text))


@pytest.mark.parametrize(
    ("text", "errors"),
    [
        # yaml.v2 decode.go mappingStruct: unknown keys, with the decoded struct's type name;
        # the subtree under an unknown key is not looked at (pkg/util/cfg/cfg_test.go
        # TestParseWithInvalidYAML reports `servers` but nothing inside it)
        ("servers:\n  ports: 1\n", ["line 1: field servers not found in type loki.ConfigWrapper"]),
        ("server:\n  http_port: 1\n", ["line 2: field http_port not found in type server.Config"]),
        # a type with `type plain T` in its UnmarshalYAML reports "plain" (pkg/validation/limits.go)
        ("limits_config:\n  foo: 1\n", ["line 2: field foo not found in type validation.plain"]),
        # yaml.v2 decode.go terror: the tag, the text, the Go type
        ("server:\n  http_listen_port: abc\n", ["line 2: cannot unmarshal !!str `abc` into int"]),
        ("auth_enabled: 1\n", ["line 1: cannot unmarshal !!int `1` into bool"]),
        ("server: [1]\n", ["line 1: cannot unmarshal !!seq into server.Config"]),
        (
            "ingester:\n  chunk_idle_period: {a: 1}\n",
            ["line 2: cannot unmarshal !!map into time.Duration"],
        ),
        (
            "compactor:\n  retention_delete_worker_count: 2020-01-01\n",
            ["line 2: cannot unmarshal !!timestamp `2020-01-01` into int"],
        ),
        # uint32 refuses negatives (decode.go: resolved >= 0)
        (
            "schema_config:\n  configs:\n    - schema: v13\n      row_shards: -1\n",
            ["line 4: cannot unmarshal !!int `-1` into uint32"],
        ),
        # a named string type prints its own name (pkg/storage/stores/shipper/indexshipper.Mode)
        (
            "storage_config:\n  tsdb_shipper:\n    mode: [a]\n",
            ["line 3: cannot unmarshal !!seq into indexshipper.Mode"],
        ),
        # strict mode: a second occurrence of a field
        (
            "auth_enabled: true\nauth_enabled: false\n",
            ["line 2: field auth_enabled already set in type loki.ConfigWrapper"],
        ),
        # strict mode: map keys (decode.go setMapIndex prints the key with %#v)
        (
            "ruler:\n  external_labels: {}\nstorage_config:\n  bigtable:\n    grpc_client_config: {}\n",
            None,
        ),
        # every error, in file order
        (
            "a: 1\nserver:\n  http_listen_port: x\nb: 2\n",
            [
                "line 1: field a not found in type loki.ConfigWrapper",
                "line 3: cannot unmarshal !!str `x` into int",
                "line 4: field b not found in type loki.ConfigWrapper",
            ],
        ),
    ],
)
def test_type_errors_and_unknown_keys(text: str, errors: list[str] | None) -> None:
    if errors is None:
        decode(text)
        return
    with pytest.raises(UnmarshalErrors) as err:
        decode(text)
    assert err.value.errors == errors
    assert str(err.value) == "yaml: unmarshal errors:\n  " + "\n  ".join(errors)


def test_duplicate_map_keys_are_reported_with_go_quoting() -> None:
    text = (
        "schema_config:\n  configs:\n    - schema: v13\n      index:\n        tags: {a: 1, a: 2}\n"
    )
    with pytest.raises(UnmarshalErrors) as err:
        decode(text)
    assert err.value.errors == ['line 5: key "a" already set in map']


@pytest.mark.parametrize(
    ("text", "path", "value"),
    [
        # decode.go scalar(): ints and floats into time.Duration are nanoseconds, floats truncate
        ("ingester:\n  chunk_idle_period: 30\n", ("ingester", "chunk_idle_period"), 30),
        ("ingester:\n  chunk_idle_period: 1m30s\n", ("ingester", "chunk_idle_period"), 90 * 10**9),
        (
            "compactor:\n  retention_delete_worker_count: 1.9\n",
            ("compactor", "retention_delete_worker_count"),
            1,
        ),
        ("ingester:\n  sync_min_utilization: 1\n", ("ingester", "sync_min_utilization"), 1.0),
        # any scalar into a string keeps its text
        ("common:\n  path_prefix: 0150\n", ("common", "path_prefix"), "0150"),
        ("auth_enabled: off\n", ("auth_enabled",), False),
        # a null resets the target to Go's zero value (decode.go prepare)
        ("server:\n", ("server",), None),
        # model.Duration (prometheus/common) has days and weeks
        (
            "limits_config:\n  retention_period: 30d\n",
            ("limits_config", "retention_period"),
            30 * 86400 * 10**9,
        ),
        # ByteSize (pkg/util/flagext) upper-cases its text for c2h5oh/datasize
        ("limits_config:\n  max_line_size: 256kb\n", ("limits_config", "max_line_size"), 262144),
        # flagext.StringSliceCSV (dskit)
        ("target: read,write\n", ("target",), ["read", "write"]),
    ],
)
def test_values_decode_as_go_would(text: str, path: tuple[str, ...], value: object) -> None:
    got = decode(text)
    for key in path:
        got = got[key]
    assert got == value


@pytest.mark.parametrize(
    ("text", "message"),
    [
        # prometheus/common model.ParseDuration
        ("limits_config:\n  retention_period: 30x\n", 'unknown unit "x" in duration "30x"'),
        # pkg/storage/config/schema_config.go PeriodConfig.UnmarshalYAML -> VersionAsInt
        (
            "schema_config:\n  configs:\n    - store: tsdb\n",
            'invalid schema version: strconv.Atoi: parsing "": invalid syntax',
        ),
        # yaml.v2 decode.go merge
        ("server:\n  <<: 1\n", "map merge requires map or sequence of maps as the value"),
    ],
)
def test_failures_that_abort_the_whole_load(text: str, message: str) -> None:
    with pytest.raises(UnmarshalAbort) as err:
        decode(text)
    assert str(err.value) == message


def test_an_abort_discards_earlier_type_errors() -> None:
    # a non-TypeError from an UnmarshalYAML panics through yaml.v2 (decode.go callUnmarshaler)
    with pytest.raises(UnmarshalAbort):
        decode("foo: 1\nlimits_config:\n  retention_period: 1x\n")


def test_merge_keys_fill_a_struct_and_later_keys_win() -> None:
    text = "ingester:\n  <<: {chunk_idle_period: 1h, max_chunk_age: 1h}\n  max_chunk_age: 3h\n"
    ingester = decode(text)["ingester"]
    assert ingester == {"chunk_idle_period": 3600 * 10**9, "max_chunk_age": 3 * 3600 * 10**9}


def test_untagged_exported_fields_are_lowercased_keys() -> None:
    # yaml.v2 uses the lower-cased field name when there is no tag: ConfigWrapper.VerifyConfig
    assert decode("verifyconfig: true\n") == {"verifyconfig": True}
