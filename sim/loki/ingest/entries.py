"""The distributor's checks of a stream's entries (pkg/distributor/distributor.go Push and
validator.go ValidateEntry, field_detection.go at v3.6.0), and `detected_level`.

In order, per entry: validate_entry (a refusal counts the entry and goes into the grouped
400 text), structured metadata sanitized, `detected_level` added (levels.detect_level), and
with increment_duplicate_timestamp a repeated timestamp moved on by 1 ns. A stream with
nothing to refuse and no metadata (the usual push) is checked by column instead: the same
checks over each column's minimum and maximum, the level of every line found at once
(linelevel.py), one shared `detected_level` pair per level.
"""

from __future__ import annotations

import operator
from itertools import repeat

from sim.loki.ingest import validate as val
from sim.loki.ingest.levels import (
    LEVEL_LABEL,
    LINE_LEVELS,
    UNKNOWN_LEVEL,
    detect_level,
    level_fields,
    level_from_labels,
)
from sim.loki.ingest.linelevel import line_levels
from sim.loki.ingest.metadata import sanitize
from sim.loki.ingest.outcome import Columns, DiscardKey, PushOutcome
from sim.loki.push import labels as lbl
from sim.loki.push.model import Entry, Metadata, entry_size, metadata_size

_LEVEL_PAIRS: dict[str, Metadata] = {}
_TIMESTAMP, _LINE, _METADATA = map(operator.attrgetter, ("timestamp", "line", "metadata"))


def _in_bounds(stamps: list[int], lengths: list[int], bounds: tuple[int | None, int, int]) -> bool:
    """Whether validate_entry passes every entry without metadata (by column); `bounds`:
    the oldest and newest timestamps allowed, and max_line_size."""
    oldest, newest, max_size = bounds
    if max(stamps) > newest or (oldest is not None and min(stamps) < oldest):
        return False
    return not max_size or max(lengths) <= max_size


class _LevelPairs(dict[str, Metadata]):
    """_level_pair by lookup (the levels a line can give are known; any other is made)."""

    def __missing__(self, level: str) -> Metadata:
        return _level_pair(level)


def _level_pair(level: str) -> Metadata:
    """`((detected_level, level),)`, one shared tuple per level: entries hold it, not a copy."""
    pair = _LEVEL_PAIRS.get(level)
    if pair is None:
        if len(_LEVEL_PAIRS) >= 1024:
            _LEVEL_PAIRS.clear()
        pair = _LEVEL_PAIRS[level] = ((LEVEL_LABEL, level),)
    return pair


_LINE_LEVEL_PAIRS = _LevelPairs(
    {level: ((LEVEL_LABEL, level),) for level in (*LINE_LEVELS, UNKNOWN_LEVEL)}
)


def validate_columns(
    ctx: val.ValidationContext, labels: lbl.Labels, stamps: list[int], lines: list[bytes]
) -> tuple[list[Metadata], int] | None:
    """validate_entries of entries without metadata, given as columns, when it refuses none
    and changes no timestamp: each entry's metadata afterwards (its `detected_level` pair)
    and their size. None when it might refuse one: then validate_entries decides."""
    limits = ctx.limits
    if limits.increment_duplicate_timestamp or not stamps:
        return None
    oldest = ctx.oldest_ns if limits.reject_old_samples else None
    lengths = list(map(len, lines))
    if not _in_bounds(stamps, lengths, (oldest, ctx.newest_ns, limits.max_line_size)):
        return None
    fields, depth = limits.log_level_fields, limits.log_level_from_json_max_depth
    if not (limits.allow_structured_metadata and limits.discover_log_levels):
        return [()] * len(stamps), sum(lengths)
    from_labels = level_from_labels(labels, fields)
    if from_labels is not None:  # the stream's label gives every entry its level
        metas = [_level_pair(from_labels) if from_labels else ()] * len(stamps)
    else:
        found_levels = line_levels(level_fields(fields), depth).many(lines)
        metas = list(map(_LINE_LEVEL_PAIRS.__getitem__, found_levels))
    return metas, sum(lengths)


def validate_entries(
    ctx: val.ValidationContext,
    labels: lbl.Labels,
    text: str,
    entries: list[Entry],
    errors: val.GroupedErrors,
    out: PushOutcome,
) -> tuple[list[Entry], int, Columns | None]:
    """The entries kept, their size as util.EntriesTotalSize counts it, and (when the
    columns were read) their timestamps, lines and metadata.

    One loop over the entries; an entry none of validate_entry's checks can refuse
    (no metadata, time and length in bounds) skips the call, and a line's level is found
    without detect_level's metadata steps when it has no metadata.
    """
    limits = ctx.limits
    levels = limits.allow_structured_metadata and limits.discover_log_levels
    if not any(map(_METADATA, entries)):
        stamps, lines = list(map(_TIMESTAMP, entries)), list(map(_LINE, entries))
        by_column = validate_columns(ctx, labels, stamps, lines)
        if by_column is not None:  # the loop below when it refuses nothing, by column
            metas, size = by_column
            if levels:
                for _ in map(setattr, entries, repeat("metadata"), metas):
                    pass
            return list(entries), size, (stamps, lines, metas)
    increment = limits.increment_duplicate_timestamp
    kept: list[Entry] = []
    size = 0
    previous = entries[0].timestamp
    fields, depth = limits.log_level_fields, limits.log_level_from_json_max_depth
    allowed = level_fields(fields)
    from_labels = level_from_labels(labels, fields) if levels else None
    # detect_level without metadata: the stream's label if it has one, else the line
    labels_level: Metadata | None = None
    if from_labels is not None:
        labels_level = _level_pair(from_labels) if from_labels else ()
    oldest = ctx.oldest_ns if limits.reject_old_samples else None
    newest, max_size = ctx.newest_ns, limits.max_line_size
    for entry in entries:
        stamp, line, metadata = entry.timestamp, entry.line, entry.metadata
        if (
            metadata
            or stamp > newest
            or (oldest is not None and stamp < oldest)
            or (max_size and len(line) > max_size)
        ):
            rejection = val.validate_entry(ctx, text, entry)
            if rejection is not None:
                errors.add(rejection.message)
                out.discard(
                    DiscardKey(rejection.reason, ctx.tenant, limits.retention_hours),
                    1,
                    entry_size(entry),
                )
                continue
        if metadata:
            metadata, rewrites = sanitize(metadata)
            out.sanitized_metadata += rewrites
            if levels:
                found = detect_level(labels, metadata, line, fields, depth, from_labels)
                if found is not None:
                    metadata = (*metadata, (LEVEL_LABEL, found))
            entry.metadata = metadata
            size += len(line) + metadata_size(metadata)
        else:
            if labels_level is not None:
                entry.metadata = labels_level
            elif levels:
                level = line_levels(allowed, depth).one(line)
                entry.metadata = _level_pair(level) if level else ()
            size += len(line)
        if increment and kept:
            last = kept[-1]
            same_time = entry.timestamp in (previous, last.timestamp)
            if last.line != entry.line and same_time:
                entry.timestamp = last.timestamp + 1
            else:
                previous = entry.timestamp
        kept.append(entry)
    return kept, size, None
