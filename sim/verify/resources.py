"""The resources verdict: the compose containers' CPU and memory against the ADR's budgets.

Each figure is what `docker stats` shows, computed from the engine's stats JSON as docker/cli
does (cli/command/container/stats_helpers.go, calculateCPUPercentUnix and
calculateMemUsageUnixNoCache):

- CPU: the container's CPU time over the host's between the engine's two readings
  (`cpu_stats` against `precpu_stats`), times the online CPUs (else the length of
  `percpu_usage`, older daemons), in millicores (x 1000 where the CLI shows x 100 %).
- memory: `usage` minus `total_inactive_file` (cgroup v1) or `inactive_file` (cgroup v2)
  when below `usage`, else `usage`: the working set, which is also what the kubelet counts.

The budgets are the ADR's, per pod (ADR-loki.md):
- Loki: requests 200m / 512Mi, limits 500m / 1Gi (6.5 "Pod Resource Limits"; 8, the Loki
  HelmRelease's `singleBinary.resources`; 9.1's table).
- Promtail: requests 50m / 64Mi, limits 100m / 128Mi per node (8, the Promtail HelmRelease's
  `resources`; 9.1 gives three nodes' sum, 150m / 192Mi and 300m / 384Mi).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sim.verify.inputs import ContainerStatsSample
from sim.verify.latency import nearest_rank

MIB = 1024**2
WITHIN, BETWEEN, ABOVE = "within_request", "between_request_and_limit", "above_limit"
UNSAMPLED = (
    "container CPU and memory are read only on the compose target (docker stats of the real "
    "images); the embedded stand-ins' use says nothing about the real Loki's and Promtail's"
)
METHOD = (
    "docker stats of each container every few seconds while the run went: CPU as "
    "calculateCPUPercentUnix, memory as calculateMemUsageUnixNoCache "
    "(docker/cli cli/command/container/stats_helpers.go); percentiles by nearest rank"
)
FIGURES = ("cpu_p50_millicores", "cpu_p95_millicores", "cpu_max_millicores", "memory_max_bytes")


@dataclass(frozen=True, slots=True)
class Budget:
    cpu_request_millicores: int
    cpu_limit_millicores: int
    memory_request_bytes: int
    memory_limit_bytes: int
    source: str


BUDGETS: dict[str, Budget] = {
    "loki": Budget(
        200, 500, 512 * MIB, 1024 * MIB, "ADR-loki.md 6.5 Pod Resource Limits, 8 and 9.1"
    ),
    "collector": Budget(
        50, 100, 64 * MIB, 128 * MIB, "ADR-loki.md 8 (Promtail HelmRelease resources) and 9.1"
    ),
}


def _int(node: Any, *path: str) -> int | None:
    for key in path:
        if not isinstance(node, Mapping) or key not in node:
            return None
        node = node[key]
    return node if isinstance(node, int) and not isinstance(node, bool) else None


def cpu_millicores(stats: Mapping[str, Any]) -> float | None:
    """Millicores between the engine's two readings; None when it gave no previous reading
    (a one-shot answer, a stopped container), where the CLI would divide by the host's uptime."""
    total = _int(stats, "cpu_stats", "cpu_usage", "total_usage")
    system = _int(stats, "cpu_stats", "system_cpu_usage")
    pre_total = _int(stats, "precpu_stats", "cpu_usage", "total_usage")
    pre_system = _int(stats, "precpu_stats", "system_cpu_usage")
    if total is None or system is None or pre_total is None or not pre_system:
        return None
    online = _int(stats, "cpu_stats", "online_cpus") or 0
    if online == 0:
        percpu = stats["cpu_stats"]["cpu_usage"].get("percpu_usage")
        online = len(percpu) if isinstance(percpu, list) else 0
    cpu_delta, system_delta = total - pre_total, system - pre_system
    if system_delta <= 0 or cpu_delta <= 0:
        return 0.0  # as the CLI: no progress between the readings reads as idle
    return cpu_delta / system_delta * online * 1000.0


def memory_bytes(stats: Mapping[str, Any]) -> int | None:
    """The working set `docker stats` shows; None when the engine gave no usage (stopped)."""
    usage = _int(stats, "memory_stats", "usage")
    if usage is None:
        return None
    v1_inactive = _int(stats, "memory_stats", "stats", "total_inactive_file")
    if v1_inactive is not None and v1_inactive < usage:
        return usage - v1_inactive
    v2_inactive = _int(stats, "memory_stats", "stats", "inactive_file") or 0
    return usage - v2_inactive if v2_inactive < usage else usage


def standing(value: float | None, request: int, limit: int) -> str | None:
    if value is None:
        return None
    if value <= request:
        return WITHIN
    return BETWEEN if value <= limit else ABOVE


def _notes(role: str, service: str | None, row: Mapping[str, Any], budget: Budget) -> list[str]:
    notes: list[str] = []
    memory, verdicts = row["memory_max_bytes"], row["verdicts"]
    limit_mib = budget.memory_limit_bytes // MIB
    if verdicts["memory_max_bytes"] == ABOVE:
        notes.append(
            f"memory peaked at {memory / MIB:.0f}Mi, above the ADR's {limit_mib}Mi limit: in "
            "the cluster the kernel would OOM-kill this container (ADR 9.5, Issue 2)"
        )
    elif verdicts["memory_max_bytes"] == BETWEEN:
        notes.append(
            f"memory peaked at {memory / MIB:.0f}Mi, above the "
            f"{budget.memory_request_bytes // MIB}Mi request: the node reserves only the "
            "request, and under memory pressure the kubelet evicts pods above theirs first"
        )
    if ABOVE in (verdicts["cpu_p95_millicores"], verdicts["cpu_max_millicores"]):
        notes.append(
            f"CPU went above the ADR's {budget.cpu_limit_millicores}m limit: in the cluster the "
            "CFS quota would throttle it there (slower, not killed)"
        )
    if role == "collector":
        notes.append(
            "the ADR budgets one Promtail per node, tailing that node's pods; this one "
            "collector tails every pod of the scenario"
        )
        if service == "alloy":
            notes.append("held to Promtail's budget: the ADR gives Alloy none")
    return notes


def _container(role: str, samples: Sequence[ContainerStatsSample]) -> dict[str, Any]:
    budget = BUDGETS[role]
    cpu = [c for s in samples if (c := cpu_millicores(s.stats)) is not None]
    memory = [m for s in samples if (m := memory_bytes(s.stats)) is not None]
    figures: dict[str, Any] = {
        "cpu_p50_millicores": nearest_rank(cpu, 50),
        "cpu_p95_millicores": nearest_rank(cpu, 95),
        "cpu_max_millicores": max(cpu, default=None),
        "memory_max_bytes": max(memory, default=None),
    }
    for name in FIGURES[:3]:
        if figures[name] is not None:
            figures[name] = round(figures[name], 1)
    service = samples[-1].service if samples else None
    row: dict[str, Any] = {"service": service, "samples": len(samples), **figures}
    row["adr"] = {
        "cpu_request_millicores": budget.cpu_request_millicores,
        "cpu_limit_millicores": budget.cpu_limit_millicores,
        "memory_request_bytes": budget.memory_request_bytes,
        "memory_limit_bytes": budget.memory_limit_bytes,
        "source": budget.source,
    }
    cpu_bounds = (budget.cpu_request_millicores, budget.cpu_limit_millicores)
    row["verdicts"] = {name: standing(figures[name], *cpu_bounds) for name in FIGURES[:3]}
    row["verdicts"]["memory_max_bytes"] = standing(
        figures["memory_max_bytes"], budget.memory_request_bytes, budget.memory_limit_bytes
    )
    row["notes"] = _notes(role, service, row, budget)
    return row


def resources_verdict(samples: Sequence[ContainerStatsSample] | None) -> dict[str, Any]:
    """report.json's `resources`: per container (loki, collector) the figures, the ADR's
    request and limit, and where each figure stands against them."""
    if samples is None:
        return {"available": False, "reason": UNSAMPLED}
    section: dict[str, Any] = {"available": False, "method": METHOD}
    for role in BUDGETS:
        section[role] = _container(role, [s for s in samples if s.container == role])
    section["available"] = any(section[role]["samples"] for role in BUDGETS)
    return section


def unmeasured(section: Mapping[str, Any]) -> set[str]:
    """The figure prefixes expectations cannot read: the section, or a container unsampled."""
    if not section.get("available"):
        return {"resources"}
    return {
        f"resources.{role}"
        for role in BUDGETS
        if section[role]["cpu_max_millicores"] is None and section[role]["memory_max_bytes"] is None
    }
