"""schema_config as Loki 3.6 checks it (pkg/storage/config/schema_config.go).

Periods arrive with applyDefaults already applied (index path prefix "index/", row shards
16 from v10 on), which SchemaConfig.Validate does before validating each period.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sim.loki.config import messages as m
from sim.loki.config.model import PeriodConfig
from sim.loki.push.gofmt import go_quote

DAY = 24 * 3600 * 1_000_000_000  # ObjectStorageIndexRequiredPeriod
_CHUNK_PREFIX_STORES = ("cassandra", "aws-dynamo", "bigtable-hashed", "gcp", "gcp-columnkey",
                        "bigtable", "grpc-store")  # fmt: skip


def active_period(periods: Sequence[PeriodConfig], now: dt.datetime) -> int:
    """ActivePeriodConfig: sort.Search for the first period starting after now, minus one."""
    now_unix = now.timestamp()
    lo, hi = 0, len(periods)
    while lo < hi:  # sort.Search assumes the file lists periods in order, as Loki does
        mid = (lo + hi) // 2
        if periods[mid].start_unix > now_unix:
            hi = mid
        else:
            lo = mid + 1
    return max(lo - 1, 0)


def validate_schema(periods: Sequence[PeriodConfig], now: dt.datetime) -> str | None:
    """SchemaConfig.Validate: the first problem, in Loki's words, or None."""
    if not periods:
        return m.ERR_ZERO_LENGTH_CONFIG
    active = active_period(periods, now)
    current = periods[active]
    last = len(periods) - 1
    if current.store == "boltdb-shipper" and current.index_period != DAY and active == last:
        return m.ERR_CURRENT_BOLTDB_NON_24H
    if active < last:
        upcoming = periods[active + 1]
        if upcoming.store == "boltdb-shipper" and upcoming.index_period != DAY:
            return m.ERR_UPCOMING_BOLTDB_NON_24H
    for i, period in enumerate(periods):
        err = validate_period(period)
        if err:
            return m.go_sprintf(m.VALIDATING_PERIOD, err)
        if i < last and period.start_unix >= periods[i + 1].start_unix:
            return m.ERR_SCHEMA_INCREASING_FROM
    return None


def validate_period(p: PeriodConfig) -> str | None:
    """PeriodConfig.validate."""
    object_store = p.object_store or p.store
    if object_store in _CHUNK_PREFIX_STORES and not p.chunks_prefix:
        return m.ERR_CHUNK_PREFIX_NOT_SET
    if p.store == "tsdb" and p.index_period != DAY:
        return m.ERR_TSDB_NON_24H
    if p.index_period > 0 and p.index_period % DAY:
        return m.go_sprintf(m.VALIDATING_INDEX_TABLES, m.ERR_INVALID_TABLE_PERIOD)
    prefix_err = validate_path_prefix(p.index_path_prefix)
    if prefix_err:
        return m.go_sprintf(m.VALIDATING_INDEX_TABLES, prefix_err)
    if p.chunks_period > 0 and p.chunks_period % DAY:
        return m.go_sprintf(m.VALIDATING_CHUNK_TABLES, m.ERR_INVALID_TABLE_PERIOD)
    version = p.schema_version
    if version is None:
        return version_error(p.schema)
    if version in (10, 11, 12, 13):
        if p.row_shards == 0:
            return m.go_sprintf(m.ROW_SHARDS_REQUIRED, 0, p.schema)
    elif version != 9:
        return m.ERR_INVALID_SCHEMA_VERSION
    return None


def version_error(schema: str) -> str:
    """VersionAsInt's error: strconv.Atoi on the schema with every `v` trimmed off its ends."""
    digits = schema.strip("v")
    signless = digits[1:] if digits[:1] in "+-" else digits
    numeric = signless.isdigit() and signless.isascii()
    reason = "value out of range" if numeric else "invalid syntax"
    return f"invalid schema version: strconv.Atoi: parsing {go_quote(digits)}: {reason}"


def validate_path_prefix(prefix: str) -> str | None:
    """ValidatePathPrefix."""
    if not prefix:
        return m.PREFIX_MUST_BE_SET
    if "\\" in prefix:
        return m.PREFIX_SEPARATOR
    if prefix.startswith("/"):
        return m.PREFIX_STARTS_WITH_SEPARATOR
    if not prefix.endswith("/"):
        return m.PREFIX_MUST_END_WITH_SEPARATOR
    return None
