"""What a multiline stage made of each container's lines: one entry each, or glued blocks.

Per container, from where each written line was found in Loki (matching.py): how many
lines became how many entries, how many were glued onto an earlier line's entry, and the
largest entry in lines. A stack-trace workload is meant to merge; a JSON or nginx one
merged by a cluster-wide `firstline` is the finding (ADR-loki.md section 8's multiline).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sim.verify.matching import Matching
from sim.verify.original import ContainerKey, Originals


def multiline_verdict(
    originals: Originals, matching: Matching, pod_refs: Sequence[str] = ()
) -> dict[str, Any]:
    """`by_container` keyed `namespace/pod/container`, only containers with a line found;
    `by_pod` sums them per scenario pod (`namespace/name`, its replicas and restarts)."""
    lines: dict[ContainerKey, int] = defaultdict(int)
    glued: dict[ContainerKey, int] = defaultdict(int)
    entries: dict[ContainerKey, set[int]] = defaultdict(set)
    size: dict[int, int] = defaultdict(int)  # entry -> written lines it holds
    for line in originals.lines:
        places = matching.placements.get(line.id)
        if not places:
            continue
        lines[line.key] += 1
        place = places[0]
        entries[line.key].add(place.entry)
        size[place.entry] += 1
        if place.segment > 0:
            glued[line.key] += 1
    by_container = {
        f"{key.namespace}/{key.pod}/{key.container}": {
            "lines": lines[key],
            "entries": len(entries[key]),
            "glued": glued[key],
            "largest_entry_lines": max(size[entry] for entry in entries[key]),
        }
        for key in sorted(lines)
    }
    merging = sorted(name for name, row in by_container.items() if row["glued"])
    by_pod: dict[str, dict[str, int]] = {}
    for key in lines:
        ref = scenario_pod(key, pod_refs)
        if ref is None:
            continue
        row = by_pod.setdefault(ref, {"lines": 0, "glued": 0})
        row["lines"] += lines[key]
        row["glued"] += glued[key]
    return {
        "glued": sum(glued.values()),
        "by_container": by_container,
        "by_pod": dict(sorted(by_pod.items())),
        "containers_merged": merging,
    }


def scenario_pod(key: ContainerKey, pod_refs: Sequence[str]) -> str | None:
    """The scenario pod a running pod belongs to: `<name>` itself (a bare pod, a StatefulSet
    member is `<name>-<ordinal>`) or `<name>-<suffix>`; the longest name wins."""
    best: str | None = None
    for ref in pod_refs:
        namespace, _, name = ref.partition("/")
        if namespace != key.namespace:
            continue
        owns = key.pod == name or key.pod.startswith(name + "-")
        if owns and (best is None or len(ref) > len(best)):
            best = ref
    return best
