"""The delivery verdict: every written line stored, merged, dropped (and why), or lost.

`stored`: lines Loki holds as an entry of their own; `merged`: lines that arrived inside
another entry (multiline); `duplicated`: lines stored more than once; `dropped`: the
rejection and drop counters, `<source>:<reason>`; `lost`: lines Loki holds nowhere that
no final drop accounts for. Counters cannot say *which* line they dropped, so `lost` is
`missing - accounted_drops`, where only drops that are final count: Loki's 4xx-but-not-429
rejections (Promtail never retries them), the collector's own drops (after its retries),
its stage drops; Promtail's `ingester_error` only when Loki answered no 400, because on a
400 Promtail counts the whole batch although Loki kept its valid entries (client.go).
`retimed_entries` (additive): entries stored under an earlier line's timestamp, as
Promtail's multiline stage stamps the blocks that follow a flushed one (matching.py).
`unsettled_at_stop` (additive): when the run had to kill a collector still retrying, the
missing lines Loki's retried rejections (429) can account for are neither lost nor dropped.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sim.fleet.ledger import ContainerCounts
from sim.verify.drops import (
    LOKI_RETRIED_REASONS,
    PROMTAIL_GENERIC_REASON,
    CollectorNames,
)
from sim.verify.matching import Matching
from sim.verify.original import ContainerKey, Originals, is_rotated, unverifiable_lines


def accounted_drops(
    loki: dict[str, int],
    collector: dict[str, int] | None,
    http_400: int,
) -> int:
    final = sum(n for reason, n in loki.items() if reason not in LOKI_RETRIED_REASONS)
    if collector is None:  # no collector view: each 429 rejection may have been final
        return final + sum(n for reason, n in loki.items() if reason in LOKI_RETRIED_REASONS)
    for reason, n in collector.items():
        if reason != PROMTAIL_GENERIC_REASON or http_400 == 0:
            final += n
    return final


def delivery_verdict(
    accounting: Sequence[ContainerCounts],
    originals: Originals,
    matching: Matching,
    loki_rejected: dict[str, int],
    collector_dropped: dict[str, int] | None,
    collector: CollectorNames | None,
    http_400: int,
    collector_killed_at_stop: bool = False,
) -> dict[str, Any]:
    verifiable = len(originals.lines)
    gone = sum(unverifiable_lines(originals, accounting).values())
    written = sum(c.entries for c in accounting) if accounting else verifiable
    stored = merged = duplicated = 0
    for places in matching.placements.values():
        if any(p.segment == 0 for p in places):
            stored += 1
        else:
            merged += 1
        duplicated += len(places) > 1
    dropped = {f"loki:{reason}": n for reason, n in loki_rejected.items()}
    if collector is not None and collector_dropped:
        for reason, n in collector_dropped.items():
            dropped[f"{collector.source}:{reason}"] = n
    missing = max(verifiable - stored - merged, 0)
    skipped_files, skipped_lines = unread_rotated_files(originals, matching)
    drops = accounted_drops(loki_rejected, collector_dropped, http_400)
    unsettled = 0
    if collector_killed_at_stop and collector_dropped is not None:
        retried = sum(n for reason, n in loki_rejected.items() if reason in LOKI_RETRIED_REASONS)
        unsettled = min(max(missing - drops, 0), retried)
    return {
        "written": written,
        "stored": stored,
        "merged": merged,
        "dropped": dropped,
        "lost": max(missing - drops - unsettled, 0),
        "duplicated": duplicated,
        "missing": missing,
        "accounted_drops": drops,
        "verifiable": verifiable,
        "unverifiable": gone,
        "unknown_origin": len(matching.unknown),
        "merged_entries": matching.merged_entries,
        "retimed_entries": matching.retimed_entries,
        "unfinished_partial_lines": originals.unfinished_partials,
        # missing lines Loki had rejected (429) while the collector, killed at the end of
        # the run, was still retrying them: Promtail gives up after max_retries and drops
        "unsettled_at_stop": unsettled,
        "unread_rotated_files": skipped_files,
        "missing_in_unread_rotated_files": skipped_lines,
    }


def unread_rotated_files(originals: Originals, matching: Matching) -> tuple[int, int]:
    """(files, lines): rotated files of which not one line reached Loki.

    The collector tails `<n>.log`; a file kubelet renamed while the collector was more than
    one file behind is never opened again, so its lines go missing as a whole.
    """
    seen: dict[tuple[ContainerKey, str], bool] = {}
    sizes: dict[tuple[ContainerKey, str], int] = {}
    for line in originals.lines:
        if not is_rotated(line.file):
            continue
        place = (line.key, line.file)
        sizes[place] = sizes.get(place, 0) + 1
        seen[place] = seen.get(place, False) or line.id in matching.placements
    unread = [place for place, arrived in seen.items() if not arrived]
    return len(unread), sum(sizes[place] for place in unread)
