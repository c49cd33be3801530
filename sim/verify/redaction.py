"""The redaction verdict, per secret kind: injected, leaked, collateral.

`leaked`: the injected value appears verbatim in what Loki stored: in the entry the
secret's line went to (found by position and by the secret's marker) or in any other
stored line or label value (a multiline merge, a copy elsewhere). `collateral`: stored
lines whose non-secret text changed: for a line holding secrets, a change outside their
spans; for a line without one (kind `none`), any change. `not_stored` (additive): secret
lines Loki holds nowhere, for which "not leaked" proves nothing about the redaction.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sim.fleet.ledger import SecretRecord
from sim.fleet.secrets import ADR_SECRET_KINDS
from sim.verify.inputs import StoredEntry
from sim.verify.matching import Matching, Placement, marker_index
from sim.verify.original import ContainerKey, OriginalLine, Originals, by_first_ns
from sim.verify.textdiff import example, mask, non_secret_changed
from sim.verify.valuesearch import find_present

NO_SECRET = "none"
# Which example a kind shows: the worst outcome found first (a leak before collateral).
_RANK = {"leaked": 0, "collateral": 1, "redacted": 2, "unchanged": 3}


@dataclass(slots=True)
class KindTally:
    injected: int = 0
    leaked: int = 0
    collateral: int = 0
    not_stored: int = 0
    example: dict[str, Any] | None = None
    example_rank: int = 99
    collateral_example: dict[str, Any] | None = None

    def wants(self, outcome: str) -> bool:
        return _RANK[outcome] < self.example_rank

    def offer(self, outcome: str, before: str, after: str) -> None:
        if self.wants(outcome):
            self.example_rank = _RANK[outcome]
            self.example = {"outcome": outcome, **example(before, after)}

    def offer_collateral(self, before: str, after: str) -> None:
        """Collateral on a line shown for its leak: worth an example of its own."""
        if self.collateral_example is None:
            self.collateral_example = {"outcome": "collateral", **example(before, after)}

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "injected": self.injected,
            "leaked": self.leaked,
            "collateral": self.collateral,
            "not_stored": self.not_stored,
        }
        if self.example is not None:
            out["example"] = self.example
        if self.collateral_example is not None and self.example_rank != _RANK["collateral"]:
            out["collateral_example"] = self.collateral_example
        return out


@dataclass(slots=True)
class _Segments:
    """Stored entries split into their lines, once each."""

    stored: Sequence[StoredEntry]
    cache: dict[int, list[str]] = field(default_factory=dict)

    def get(self, place: Placement) -> str:
        line = self.stored[place.entry].line
        if place.segment == 0 and "\n" not in line:
            return line
        parts = self.cache.get(place.entry)
        if parts is None:
            parts = self.cache[place.entry] = line.split("\n")
        return parts[place.segment] if place.segment < len(parts) else ""


def _searchable(stored: Sequence[StoredEntry]) -> Iterable[str]:
    for entry in stored:
        yield entry.line
        yield from entry.labels.values()


def redaction_verdict(
    ledger: Sequence[SecretRecord],
    originals: Originals,
    matching: Matching,
    stored: Sequence[StoredEntry],
) -> dict[str, Any]:
    kinds: dict[str, KindTally] = {kind: KindTally() for kind in ADR_SECRET_KINDS}
    kinds[NO_SECRET] = KindTally()
    segments = _Segments(stored)
    lines = by_first_ns(originals.lines)
    markers = marker_index(stored, (r.marker for r in ledger))
    per_line: dict[tuple[ContainerKey, int], list[SecretRecord]] = defaultdict(list)
    for record in ledger:
        key = ContainerKey(record.namespace, record.pod, record.pod_uid, record.container)
        per_line[(key, record.timestamp_ns)].append(record)

    # Where each secret landed, and whether its value is plainly there.
    local_leak: dict[int, bool] = {}
    landed: dict[int, bool] = {}
    for number, record in enumerate(ledger):
        key = ContainerKey(record.namespace, record.pod, record.pod_uid, record.container)
        original = lines.get((key, record.timestamp_ns))
        places = matching.placements.get(original.id, []) if original is not None else []
        texts = [segments.get(p) for p in places]
        texts += [stored[i].line for i in markers.get(record.marker, ())]
        landed[number] = bool(texts)
        local_leak[number] = any(record.value in text for text in texts)
    elsewhere = find_present(
        _searchable(stored), (r.value for n, r in enumerate(ledger) if not local_leak[n])
    )
    for number, record in enumerate(ledger):
        tally = kinds.setdefault(record.kind, KindTally())
        tally.injected += 1
        if local_leak[number] or record.value in elsewhere:
            tally.leaked += 1
        elif not landed[number]:
            tally.not_stored += 1

    # Collateral, line by line: a line counts once per kind however often it was stored.
    for original_id, places in matching.placements.items():
        original = originals.lines[original_id]
        records = per_line.get((original.key, original.first_ns), [])
        _judge_line(original, records, [segments.get(p) for p in places], kinds)
    return {"by_kind": {kind: tally.as_dict() for kind, tally in kinds.items()}}


def _judge_line(
    original: OriginalLine,
    records: list[SecretRecord],
    texts: list[str],
    kinds: dict[str, KindTally],
) -> None:
    if not records:
        changed = next((t for t in texts if t != original.text), None)
        if changed is not None:
            kinds[NO_SECRET].collateral += 1
            kinds[NO_SECRET].offer("collateral", original.text, changed)
        return
    values = [r.value for r in records]
    secrets = [(r.kind, r.value) for r in records]
    leaked = next((t for t in texts if any(v in t for v in values)), None)
    spoiled = next((t for t in texts if non_secret_changed(original.text, t, values)), None)
    changed = next((t for t in texts if t != original.text), None)
    if leaked is not None:
        outcome, shown = "leaked", leaked
    elif spoiled is not None:
        outcome, shown = "collateral", spoiled
    else:
        outcome, shown = ("redacted", changed) if changed is not None else ("unchanged", texts[0])
    for kind in dict.fromkeys(r.kind for r in records):
        tally = kinds.setdefault(kind, KindTally())
        # Masking costs a diff per secret: only for the few lines shown as examples.
        if tally.wants(outcome):
            tally.offer(outcome, mask(original.text, secrets), mask(shown, secrets))
        if spoiled is not None:
            tally.collateral += 1
            if outcome != "collateral" and tally.collateral_example is None:
                tally.offer_collateral(mask(original.text, secrets), mask(spoiled, secrets))
