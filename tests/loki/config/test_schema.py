"""schema_config checks, ported from pkg/storage/config/schema_config_test.go at v3.6.0."""

from __future__ import annotations

import datetime as dt

import pytest

from sim.loki.config import messages as m
from sim.loki.config.model import PeriodConfig
from sim.loki.config.schema import (
    active_period,
    validate_path_prefix,
    validate_period,
    validate_schema,
)

H = 3_600_000_000_000
NOW = dt.datetime(2025, 6, 1, 12, tzinfo=dt.UTC)
YESTERDAY = (NOW - dt.timedelta(days=1)).date()
TOMORROW = (NOW + dt.timedelta(days=1)).date()


def period(schema: str = "v10", **kw: object) -> PeriodConfig:
    """A period after applyDefaults (index path prefix "index/", row shards 16 from v10)."""
    kw.setdefault("index_path_prefix", "index/")
    kw.setdefault("row_shards", 0 if schema == "v9" else 16)
    return PeriodConfig(schema=schema, **kw)  # type: ignore[arg-type]


DAY1, DAY2 = dt.date(1970, 1, 1), dt.date(1970, 1, 2)
SCHEMA_CASES = [
    # TestSchemaConfig_Validate
    ("should fail on index table period not multiple of 24h for schema v10",
     [period(index_period=6 * H)], "validating period_config: validating index tables: " + m.ERR_INVALID_TABLE_PERIOD),
    ("should fail on chunk table period not multiple of 24h for schema v10",
     [period(index_period=24 * H, chunks_period=6 * H)], "validating period_config: validating chunk tables: " + m.ERR_INVALID_TABLE_PERIOD),
    ("should pass on index and chunk table period multiple of 24h for schema v10",
     [period(index_period=24 * H, chunks_period=24 * H)], None),
    ("should pass on index and chunk table period set to zero (no period tables)", [period()], None),
    ("should not override explicit shard factor", [period("v11", row_shards=6)], None),
    *[
        (f"should fail if chunks prefix is missing on IndexType: {store}",
         [period(store=store, object_store=store, index_period=24 * H)], "validating period_config: " + m.ERR_CHUNK_PREFIX_NOT_SET)
        for store in ("aws-dynamo", "cassandra", "bigtable-hashed", "gcp", "gcp-columnkey", "bigtable", "grpc-store")
    ],
    ("invalid schema with same from time configs",
     [period("v9", from_date=DAY1), period("v10", from_date=DAY1)], m.ERR_SCHEMA_INCREASING_FROM),
    ("invalid schema with from time not in increasing order",
     [period("v9", from_date=DAY2), period("v10", from_date=DAY1)], m.ERR_SCHEMA_INCREASING_FROM),
    ("valid schema with different from time configs",
     [period("v9", from_date=DAY1), period("v10", from_date=DAY2)], None),
    # TestSchemaConfig_ValidateBoltdb
    ("empty", [], m.ERR_ZERO_LENGTH_CONFIG),
    ("NOT using boltdb-shipper",
     [period("v9", from_date=YESTERDAY, store="boltdb", index_period=7 * 24 * H)], None),
    ("current config boltdb-shipper with 7 days periodic config, without future index type changes",
     [period("v9", from_date=YESTERDAY, store="boltdb-shipper", index_period=7 * 24 * H)], m.ERR_CURRENT_BOLTDB_NON_24H),
    ("current config boltdb-shipper with 1 day periodic config, without future index type changes",
     [period("v9", from_date=YESTERDAY, store="boltdb-shipper", index_period=24 * H)], None),
    ("current config boltdb-shipper with 7 days periodic config, upcoming config NOT boltdb-shipper",
     [period("v9", from_date=YESTERDAY, store="boltdb-shipper", index_period=24 * H),
      period("v9", from_date=TOMORROW, store="boltdb", index_period=7 * 24 * H)], None),
    ("current and upcoming config boltdb-shipper with 7 days periodic config",
     [period("v9", from_date=YESTERDAY, store="boltdb-shipper", index_period=24 * H),
      period("v9", from_date=TOMORROW, store="boltdb-shipper", index_period=7 * 24 * H)], m.ERR_UPCOMING_BOLTDB_NON_24H),
    ("current config NOT boltdb-shipper, upcoming config boltdb-shipper with 7 days periodic config",
     [period("v9", from_date=YESTERDAY, store="boltdb", index_period=24 * H),
      period("v9", from_date=TOMORROW, store="boltdb-shipper", index_period=7 * 24 * H)], m.ERR_UPCOMING_BOLTDB_NON_24H),
    # schema_config.go PeriodConfig.validate: errTSDBNon24HoursIndexPeriod
    ("tsdb with 168h", [period("v13", store="tsdb", index_period=168 * H)], "validating period_config: " + m.ERR_TSDB_NON_24H),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "periods", "expected"), SCHEMA_CASES, ids=[c[0] for c in SCHEMA_CASES]
)
def test_schema_config_validate(
    name: str, periods: list[PeriodConfig], expected: str | None
) -> None:
    assert validate_schema(periods, NOW) == expected


@pytest.mark.parametrize(
    ("name", "p", "expected"),
    [
        # TestPeriodConfig_Validate
        ("ignore pre v10 sharding", period("v9"), None),
        ("error on invalid schema", period("v99"), "invalid schema version"),
        ("v10 with shard factor", period("v10"), None),
        ("v11 with shard factor", period("v11"), None),
        ("error v10 no specified shard factor", period("v10", row_shards=0),
         "must have row_shards > 0 (current: 0) for schema (v10)"),
        ("v12", period("v12"), None),
        ("v13", period("v13"), None),
    ],
)  # fmt: skip
def test_period_config_validate(name: str, p: PeriodConfig, expected: str | None) -> None:
    assert validate_period(p) == expected


@pytest.mark.parametrize(
    ("schema", "version"),
    # TestVersionAsInt: v9 -> 9, "v" -> error, v12, v13; strings.Trim drops every leading v
    [("v9", 9), ("v", None), ("v12", 12), ("v13", 13), ("vv13", 13), ("13", 13), ("v1.3", None)],
)
def test_version_as_int(schema: str, version: int | None) -> None:
    assert PeriodConfig(schema=schema).schema_version == version


def test_active_period() -> None:
    # TestActiveIndexType: the last period already started, never a future one
    first = PeriodConfig(from_date=(NOW - dt.timedelta(days=2)).date(), store="first")
    second = PeriodConfig(from_date=YESTERDAY, store="second")
    third = PeriodConfig(from_date=TOMORROW, store="third")
    assert active_period([first], NOW) == 0
    assert active_period([first, second], NOW) == 1
    assert active_period([first, second, third], NOW) == 1


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [
        # schema_config.go ValidatePathPrefix
        ("", "prefix must be set"),
        ("a\\b/", "prefix should only have '/' as a path separator"),
        ("/index/", "prefix should never start with a path separator i.e '/'"),
        ("index", "prefix should end with a path separator i.e '/'"),
        ("index/", None),
    ],
)
def test_validate_path_prefix(prefix: str, expected: str | None) -> None:
    assert validate_path_prefix(prefix) == expected
