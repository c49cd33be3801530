"""Compactor retention (pkg/compactor/retention/ at v3.6.0): expiry, marks, the sweeper.

- A stream's period: the matching `retention_stream` rule with the highest priority; among
  equal priorities the shortest period; no match, the tenant's `retention_period`. A period
  of 0 keeps data forever (expiration.go RetentionPeriodFor, Expired).
- A chunk expires when `now - through > period` (milliseconds, strictly greater).
- The mark phase walks each daily table: an expired chunk is removed from that table's index
  at once (queries stop finding it) and marked; a live chunk reaching past the table's end
  is dropped from this table only when the table's end is out of retention (DropFromIndex).
- Marks go to a file named by the mark time (Unix ns); the sweeper deletes the chunks of
  mark files older than `retention_delete_delay` (strictly), so chunk files outlive their
  index entries by that delay.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from sim.loki.logql.matchers import Matcher
from sim.loki.store.index import DAY_MS, ChunkIndex

_MS = 1_000_000


@dataclass(frozen=True)
class StreamRule:
    """validation.StreamRetention with its selector parsed."""

    period_ns: int
    priority: int
    matchers: tuple[Matcher, ...]

    def matches(self, labels: Mapping[str, str]) -> bool:
        return all(matcher.matches(labels.get(matcher.name, "")) for matcher in self.matchers)


@dataclass(frozen=True)
class RetentionPolicy:
    """One tenant's retention limits."""

    period_ns: int = 0
    rules: tuple[StreamRule, ...] = ()

    def period_for(self, labels: Mapping[str, str]) -> int:
        """TenantRetentionSnapshot.RetentionPeriodFor."""
        chosen: StreamRule | None = None
        for rule in self.rules:
            if not rule.matches(labels):
                continue
            if chosen is not None:
                if chosen.priority > rule.priority:
                    continue
                if chosen.priority == rule.priority and chosen.period_ns <= rule.period_ns:
                    continue
            chosen = rule
        return chosen.period_ns if chosen is not None else self.period_ns

    def smallest_period(self) -> int:
        return min([self.period_ns, *(rule.period_ns for rule in self.rules)])


def expired(period_ns: int, through_ms: int, now_ms: int) -> bool:
    """expirationChecker.Expired for a chunk ending at `through_ms`."""
    return period_ns > 0 and (now_ms - through_ms) * _MS > period_ns


def drop_from_index(period_ns: int, table_end_ms: int, now_ms: int) -> bool:
    """expirationChecker.DropFromIndex."""
    return period_ns > 0 and (now_ms - table_end_ms) * _MS > period_ns


@dataclass
class MarkResult:
    marked: list[str]
    dropped: int  # index entries removed without marking the chunk


def mark(
    index: ChunkIndex,
    policy_for: Callable[[str], RetentionPolicy],
    labels_of: Callable[[str], Mapping[str, str]],
    now_ms: int,
) -> MarkResult:
    """markForDelete over every table, newest first (SortTablesByRange)."""
    result = MarkResult([], 0)
    for table in reversed(index.tables()):
        table_end = (table + 1) * DAY_MS - 1
        for chunk in [c for c in index.by_id.values() if table in c.tables]:
            period = policy_for(chunk.tenant).period_for(labels_of(chunk.labels))
            if expired(period, chunk.through_ms, now_ms):
                index.drop(chunk.id, table)
                result.marked.append(chunk.id)
            elif chunk.through_ms > table_end and drop_from_index(period, table_end, now_ms):
                index.drop(chunk.id, table)
                result.dropped += 1
    return result


class Marks:
    """The marker files of a retention working directory (retention/markers)."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        directory.mkdir(parents=True, exist_ok=True)

    def put(self, chunk_ids: Sequence[str], now_ns: int) -> None:
        if not chunk_ids:
            return
        path = self.directory / str(now_ns)
        with path.open("ab") as handle:
            handle.write("".join(f"{chunk_id}\n" for chunk_id in chunk_ids).encode())
            handle.flush()
            os.fsync(handle.fileno())

    def sweep(self, delay_ns: int, now_ns: int, delete: Callable[[str], bool]) -> int:
        """markerProcessor: delete the chunks of files older than the delay; count deletions.

        A chunk marked from two tables is listed twice; the second delete finds nothing,
        which the sweeper treats as done (IsChunkNotFoundErr).
        """
        deleted = 0
        for path in sorted(self.directory.iterdir(), key=_mark_time):
            created = _mark_time(path)
            if created < 0 or now_ns - created <= delay_ns:
                continue
            for line in path.read_text().splitlines():
                if line and delete(line):
                    deleted += 1
            path.unlink()
        return deleted


def _mark_time(path: Path) -> int:
    return int(path.name) if path.name.isdigit() else -1
