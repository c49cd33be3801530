"""Compactor retention (pkg/compactor/retention/ at v3.6.0): expiry, marking, sweeping."""

from __future__ import annotations

from pathlib import Path

import pytest

from sim.loki.logql.matchers import MatchType, new_matcher
from sim.loki.store.index import DAY_MS, ChunkIndex, IndexedChunk
from sim.loki.store.retention import (
    Marks,
    RetentionPolicy,
    StreamRule,
    drop_from_index,
    expired,
    mark,
)

HOUR_NS = 3600 * 10**9
HOUR_MS = 3_600_000
NOW = 1_750_000_000_000  # ms


def rule(hours: float, priority: int, match_type: MatchType, value: str) -> StreamRule:
    return StreamRule(int(hours * HOUR_NS), priority, (new_matcher(match_type, "foo", value),))


# expiration_test.go Test_expirationChecker_Expired: tenant "1" and "2" limits.
TENANT_1 = RetentionPolicy(
    HOUR_NS, (rule(2, 10, MatchType.EQUAL, "bar"), rule(2, 1, MatchType.REGEXP, "ba.+"))
)
TENANT_2 = RetentionPolicy(
    24 * HOUR_NS, (rule(1, 0, MatchType.EQUAL, "bar"), rule(2, 0, MatchType.REGEXP, "ba."))
)
NO_RETENTION = RetentionPolicy(0)
DAY_RETENTION = RetentionPolicy(24 * HOUR_NS)

EXPIRED = [
    # (test, policy, labels, through relative to now in ms, expired)
    ("expired tenant", TENANT_1, {"foo": "buzz"}, -2 * HOUR_MS, True),
    ("just expired tenant", TENANT_1, {"foo": "buzz"}, -HOUR_MS + 10, False),
    ("not expired tenant", TENANT_1, {"foo": "buzz"}, -HOUR_MS // 2, False),
    ("not expired tenant by far", TENANT_2, {"foo": "buzz"}, -3 * HOUR_MS, False),
    ("expired stream override", TENANT_2, {"foo": "bar"}, -10 * HOUR_MS, True),
    ("non expired stream override", TENANT_1, {"foo": "bar"}, -90 * 60_000, False),
    # Test_expirationChecker_Expired_zeroValue
    (
        "tenant with no override should not delete",
        NO_RETENTION,
        {"foo": "buzz"},
        -2 * HOUR_MS,
        False,
    ),
    ("REALLY old chunk should not delete", NO_RETENTION, {"foo": "buzz"}, -10000 * HOUR_MS, False),
    (
        "override chunk less than retention should not delete",
        DAY_RETENTION,
        {"foo": "buzz"},
        -2 * HOUR_MS,
        False,
    ),
    ("tenant with override should delete", DAY_RETENTION, {"foo": "buzz"}, -30 * HOUR_MS, True),
]


@pytest.mark.parametrize(("desc", "policy", "labels", "through", "want"), EXPIRED)
def test_expired(
    desc: str, policy: RetentionPolicy, labels: dict, through: int, want: bool
) -> None:
    assert expired(policy.period_for(labels), NOW + through, NOW) is want


@pytest.mark.parametrize(
    ("desc", "policy", "table_end", "want"),
    [
        # expiration_test.go Test_expirationChecker_DropFromIndex_zeroValue
        ("tenant with no override should not delete", NO_RETENTION, -48 * HOUR_MS, False),
        ("tableEndTime within retention period should not delete", DAY_RETENTION, -HOUR_MS, False),
        ("tenant with override should delete", DAY_RETENTION, -48 * HOUR_MS, True),
    ],
)
def test_drop_from_index(desc: str, policy: RetentionPolicy, table_end: int, want: bool) -> None:
    assert drop_from_index(policy.period_for({"foo": "buzz"}), NOW + table_end, NOW) is want


def test_retention_period_for() -> None:
    # expiration_test.go TestTenantsRetention_RetentionPeriodFor: 720h default, 24h for foo=bar.
    policy = RetentionPolicy(720 * HOUR_NS, (rule(24, 0, MatchType.EQUAL, "bar"),))
    assert policy.period_for({}) == 720 * HOUR_NS
    assert policy.period_for({"foo": "bar"}) == 24 * HOUR_NS


@pytest.mark.parametrize(
    ("rules", "expected_hours"),
    [
        # expiration.go RetentionPeriodFor: highest priority wins...
        ((rule(48, 1, MatchType.EQUAL, "bar"), rule(24, 2, MatchType.EQUAL, "bar")), 24),
        ((rule(24, 2, MatchType.EQUAL, "bar"), rule(48, 1, MatchType.EQUAL, "bar")), 24),
        ((rule(72, 5, MatchType.EQUAL, "bar"), rule(24, 1, MatchType.EQUAL, "bar")), 72),
        # ...and among equal priorities the shortest period
        ((rule(48, 1, MatchType.EQUAL, "bar"), rule(24, 1, MatchType.REGEXP, "b.*")), 24),
        ((rule(24, 1, MatchType.REGEXP, "b.*"), rule(48, 1, MatchType.EQUAL, "bar")), 24),
        # a rule that does not match is ignored
        ((rule(24, 9, MatchType.NOT_EQUAL, "bar"), rule(48, 1, MatchType.EQUAL, "bar")), 48),
    ],
)
def test_stream_rule_priority(rules: tuple, expected_hours: int) -> None:
    policy = RetentionPolicy(720 * HOUR_NS, rules)
    assert policy.period_for({"foo": "bar"}) == expected_hours * HOUR_NS


def indexed(index: ChunkIndex, name: str, labels: str, from_ms: int, through_ms: int) -> None:
    index.add(IndexedChunk(name, "1", 1, labels, from_ms, through_ms, 0, 1, 1, 1, name))


def labels_of(labels: str) -> dict[str, str]:
    name, value = labels.strip("{}").split("=")
    return {name: value.strip('"')}


def test_retention_marks_expired_chunks(tmp_path: Path) -> None:
    # retention_test.go Test_Retention "one global expiration and stream": start = now-30d,
    # tenant retention 10h, stream {foo="buzz"} 5h.
    start = NOW - 30 * 24 * HOUR_MS
    index = ChunkIndex(tmp_path)
    indexed(index, "old-bar", '{foo="bar"}', start, start + HOUR_MS)
    indexed(index, "recent-buzz", '{foo="buzz"}', NOW - 2 * HOUR_MS, NOW - HOUR_MS)
    indexed(index, "older-buzz", '{foo="buzz"}', NOW - 7 * HOUR_MS, NOW - 6 * HOUR_MS)
    policy = RetentionPolicy(
        10 * HOUR_NS, (StreamRule(5 * HOUR_NS, 0, (new_matcher(MatchType.EQUAL, "foo", "buzz"),)),)
    )
    result = mark(index, lambda tenant: policy, labels_of, NOW)
    assert sorted(set(result.marked)) == ["old-bar", "older-buzz"]
    assert sorted(index.by_id) == ["recent-buzz"]


def test_mark_drops_index_entries_of_expired_tables(tmp_path: Path) -> None:
    # retention_test.go TestMarkForDelete_DropChunkFromIndex: retention is half of today;
    # c1/c2 live (c2 spans 8 tables and stays only in today's), c3/c4/c5 are deleted.
    today = NOW // DAY_MS * DAY_MS
    now = today + 12 * HOUR_MS
    retention_ms = (now - today) // 2
    index = ChunkIndex(tmp_path)
    indexed(index, "c1", '{foo="1"}', today, now)
    indexed(index, "c2", '{foo="2"}', today - 7 * DAY_MS, now)
    indexed(index, "c3", '{foo="1"}', today, now - retention_ms)
    indexed(index, "c4", '{foo="3"}', today - 12 * HOUR_MS, today - 10 * HOUR_MS)
    indexed(index, "c5", '{foo="4"}', today, now - retention_ms)
    assert len(index.tables()) == 8
    policy = RetentionPolicy(retention_ms * 1_000_000)
    # upstream marks at model.Now(), a moment after `now`: c3/c5 end exactly `retention` ago
    result = mark(index, lambda tenant: policy, labels_of, now + 1)
    assert sorted(set(result.marked)) == ["c3", "c4", "c5"]
    assert result.dropped == 7
    assert sorted(index.by_id) == ["c1", "c2"]
    assert index.by_id["c2"].tables == {today // DAY_MS}
    assert index.tables() == [today // DAY_MS]


def test_sweep_waits_for_the_delete_delay(tmp_path: Path) -> None:
    # marker_test.go Test_markerProcessor_availablePath with a 2h delay: marks from 30m and
    # 1h ago wait; older ones are processed; marker.go availablePath needs strictly older.
    now = 100 * HOUR_NS
    marks = Marks(tmp_path)
    for age, chunk_id in [
        (HOUR_NS // 2, "m30"),
        (HOUR_NS, "h1"),
        (2 * HOUR_NS, "h2"),
        (2 * HOUR_NS + 1, "h2+"),
        (3 * HOUR_NS, "h3"),
        (48 * HOUR_NS, "h48"),
    ]:
        marks.put([chunk_id], now - age)
    deleted: list[str] = []

    def delete(chunk_id: str) -> bool:
        deleted.append(chunk_id)
        return True

    count = marks.sweep(2 * HOUR_NS, now, delete)
    assert deleted == ["h48", "h3", "h2+"]  # oldest first
    assert count == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        str(now - a) for a in (HOUR_NS // 2, HOUR_NS, 2 * HOUR_NS)
    )


def test_smallest_period() -> None:
    # expiration.go findLatestRetentionStartTime: the smallest of default and stream periods.
    policy = RetentionPolicy(7 * 24 * HOUR_NS, (rule(3 * 24, 0, MatchType.EQUAL, "x"),))
    assert policy.smallest_period() == 3 * 24 * HOUR_NS
