"""The resources verdict: docker stats' formulas on real answer shapes, and the ADR's budgets."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from sim.verify import build_report
from sim.verify.inputs import ContainerStatsSample
from sim.verify.resources import (
    ABOVE,
    BETWEEN,
    UNSAMPLED,
    WITHIN,
    cpu_millicores,
    memory_bytes,
    resources_verdict,
    standing,
    unmeasured,
)
from tests.verify.helpers import T0_S, Pods, inputs, scenario

MIB = 1024**2

# cgroup v1: the example answer of GET /containers/{id}/stats in moby docs/api/v1.41.yaml
# (tag v27.5.1), verbatim but for the network and blkio parts, which no figure reads.
CGROUP_V1: dict[str, Any] = {
    "read": "2015-01-08T22:57:31.547920715Z",
    "pids_stats": {"current": 3},
    "memory_stats": {
        "stats": {
            "total_pgmajfault": 0,
            "cache": 0,
            "mapped_file": 0,
            "total_inactive_file": 0,
            "pgpgout": 414,
            "rss": 6537216,
            "total_mapped_file": 0,
            "writeback": 0,
            "unevictable": 0,
            "pgpgin": 477,
            "total_unevictable": 0,
            "pgmajfault": 0,
            "total_rss": 6537216,
            "total_rss_huge": 6291456,
            "total_writeback": 0,
            "total_inactive_anon": 0,
            "rss_huge": 6291456,
            "hierarchical_memory_limit": 67108864,
            "total_pgfault": 964,
            "total_active_file": 0,
            "active_anon": 6537216,
            "total_active_anon": 6537216,
            "total_pgpgout": 414,
            "total_cache": 0,
            "inactive_anon": 0,
            "active_file": 0,
            "pgfault": 964,
            "inactive_file": 0,
            "total_pgpgin": 477,
        },
        "max_usage": 6651904,
        "usage": 6537216,
        "failcnt": 0,
        "limit": 67108864,
    },
    "blkio_stats": {},
    "cpu_stats": {
        "cpu_usage": {
            "percpu_usage": [8646879, 24472255, 36438778, 30657443],
            "usage_in_usermode": 50000000,
            "total_usage": 100215355,
            "usage_in_kernelmode": 30000000,
        },
        "system_cpu_usage": 739306590000000,
        "online_cpus": 4,
        "throttling_data": {"periods": 0, "throttled_periods": 0, "throttled_time": 0},
    },
    "precpu_stats": {
        "cpu_usage": {
            "percpu_usage": [8646879, 24350896, 36438778, 30657443],
            "usage_in_usermode": 50000000,
            "total_usage": 100093996,
            "usage_in_kernelmode": 30000000,
        },
        "system_cpu_usage": 9492140000000,
        "online_cpus": 4,
        "throttling_data": {"periods": 0, "throttled_periods": 0, "throttled_time": 0},
    },
}

# cgroup v2: the shape moby api/swagger.yaml documents for such a host (no percpu_usage,
# max_usage or failcnt; memory.stat's v2 fields, its ContainerMemoryStats example verbatim);
# the usage and CPU counters are a Loki at a quarter core and 600 MiB on an 8-CPU host.
CGROUP_V2: dict[str, Any] = {
    "read": "2025-01-16T13:55:22.165243637Z",
    "preread": "2025-01-16T13:55:21.160452595Z",
    "pids_stats": {"current": 14, "limit": 18446744073709551615},
    "memory_stats": {
        "usage": 600 * MIB,
        "stats": {
            "active_anon": 1572864,
            "active_file": 5115904,
            "anon": 1572864,
            "anon_thp": 0,
            "file": 7626752,
            "file_dirty": 0,
            "file_mapped": 2723840,
            "file_writeback": 0,
            "inactive_anon": 0,
            "inactive_file": 2510848,
            "kernel_stack": 16384,
            "pgactivate": 0,
            "pgdeactivate": 0,
            "pgfault": 2042,
            "pglazyfree": 0,
            "pglazyfreed": 0,
            "pgmajfault": 45,
            "pgrefill": 0,
            "pgscan": 0,
            "pgsteal": 0,
            "shmem": 0,
            "slab": 1180928,
            "slab_reclaimable": 725576,
            "slab_unreclaimable": 455352,
            "sock": 0,
            "thp_collapse_alloc": 0,
            "thp_fault_alloc": 1,
            "unevictable": 0,
            "workingset_activate": 0,
            "workingset_nodereclaim": 0,
            "workingset_refault": 0,
        },
        "limit": 8217579520,
    },
    "cpu_stats": {
        "cpu_usage": {
            "total_usage": 41_250_000_000,
            "usage_in_kernelmode": 9_000_000_000,
            "usage_in_usermode": 32_250_000_000,
        },
        "system_cpu_usage": 1_000_008_000_000_000,
        "online_cpus": 8,
        "throttling_data": {"periods": 0, "throttled_periods": 0, "throttled_time": 0},
    },
    "precpu_stats": {
        "cpu_usage": {
            "total_usage": 41_000_000_000,
            "usage_in_kernelmode": 8_950_000_000,
            "usage_in_usermode": 32_050_000_000,
        },
        "system_cpu_usage": 1_000_000_000_000_000,
        "online_cpus": 8,
        "throttling_data": {"periods": 0, "throttled_periods": 0, "throttled_time": 0},
    },
}


def _with(base: dict[str, Any], **parts: Any) -> dict[str, Any]:
    return {**base, **parts}


@pytest.mark.parametrize(
    ("stats", "millicores"),
    [
        # (100215355 - 100093996) / (739306590000000 - 9492140000000) * 4 * 1000
        (CGROUP_V1, 121359 / 729814450000000 * 4 * 1000),
        # 0.25 s of CPU over 8 s of host CPU time (8 CPUs for 1 s), times 8 CPUs: 250m
        (CGROUP_V2, 250.0),
        # older daemons send no online_cpus: the length of percpu_usage (moby API v1.41's
        # /containers/{id}/stats description; calculateCPUPercentUnix)
        (
            _with(CGROUP_V1, cpu_stats={**CGROUP_V1["cpu_stats"], "online_cpus": 0}),
            121359 / 729814450000000 * 4 * 1000,
        ),
        # no progress between the two readings: 0, as calculateCPUPercentUnix
        (_with(CGROUP_V2, precpu_stats=CGROUP_V2["cpu_stats"]), 0.0),
        # a one-shot answer has no previous reading (moby api/swagger.yaml, `preread`): the
        # CLI would divide by the host's whole uptime; unknown, not a near-zero
        (_with(CGROUP_V2, precpu_stats={"cpu_usage": {"total_usage": 0}}), None),
        # a stopped container's answer: empty CPU stats
        (_with(CGROUP_V2, cpu_stats={"cpu_usage": {"total_usage": 0}}), None),
    ],
)
def test_cpu_millicores_as_docker_stats(stats: dict[str, Any], millicores: float | None) -> None:
    assert cpu_millicores(stats) == (pytest.approx(millicores) if millicores is not None else None)


@pytest.mark.parametrize(
    ("memory", "used"),
    [
        # cgroup v1: usage - total_inactive_file (moby docs/api/v1.41.yaml's example)
        (CGROUP_V1["memory_stats"], 6537216),
        # docker/cli stats_helpers_test.go TestCalculateMemUsageUnixNoCache
        ({"usage": 500, "stats": {"total_inactive_file": 400}}, 100),
        # cgroup v2: usage - inactive_file (calculateMemUsageUnixNoCache)
        (CGROUP_V2["memory_stats"], 600 * MIB - 2510848),
        # an inactive_file not below usage is not subtracted (calculateMemUsageUnixNoCache)
        ({"usage": 100, "stats": {"total_inactive_file": 100, "inactive_file": 100}}, 100),
        # v1 with total_inactive_file too big falls through to inactive_file, as the CLI does
        ({"usage": 100, "stats": {"total_inactive_file": 200, "inactive_file": 30}}, 70),
        ({"usage": 100}, 100),
        ({}, None),  # a stopped container
    ],
)
def test_memory_as_docker_stats(memory: dict[str, Any], used: int | None) -> None:
    assert memory_bytes({"memory_stats": memory}) == used


@pytest.mark.parametrize(
    ("value", "verdict"),
    [
        # ADR 6.5: Loki requests 200m, limited to 500m
        (150.0, WITHIN),
        (200.0, WITHIN),
        (200.1, BETWEEN),
        (500.0, BETWEEN),
        (500.1, ABOVE),
        (None, None),
    ],
)
def test_standing_against_request_and_limit(value: float | None, verdict: str | None) -> None:
    assert standing(value, 200, 500) == verdict


def _sample(role: str, millicores: float, memory: int, service: str = "") -> ContainerStatsSample:
    """An answer whose figures are `millicores` on a 1-CPU host and `memory` bytes."""
    stats = {
        "cpu_stats": {
            "cpu_usage": {"total_usage": int(millicores * 1000)},
            "system_cpu_usage": 2_000_000,
            "online_cpus": 1,
        },
        "precpu_stats": {"cpu_usage": {"total_usage": 0}, "system_cpu_usage": 1_000_000},
        "memory_stats": {"usage": memory, "stats": {"inactive_file": 0}},
    }
    return ContainerStatsSample(role, service or role, T0_S, stats)


def test_loki_above_its_memory_limit_would_be_oom_killed() -> None:
    samples = [_sample("loki", m, 600 * MIB) for m in (100, 120, 150, 180, 190)]
    samples.append(_sample("loki", 650, 1100 * MIB))
    samples += [_sample("collector", 40, 50 * MIB, "promtail") for _ in range(3)]
    section = resources_verdict(samples)
    loki = section["loki"]
    assert (loki["samples"], loki["cpu_p50_millicores"], loki["cpu_p95_millicores"]) == (
        6,
        150.0,
        650.0,
    )
    assert (loki["cpu_max_millicores"], loki["memory_max_bytes"]) == (650.0, 1100 * MIB)
    # ADR 6.5 / 8: 200m and 512Mi requested, 500m and 1Gi limits
    assert loki["adr"]["memory_limit_bytes"] == 1024 * MIB
    assert loki["verdicts"] == {
        "cpu_p50_millicores": WITHIN,
        "cpu_p95_millicores": ABOVE,
        "cpu_max_millicores": ABOVE,
        "memory_max_bytes": ABOVE,
    }
    assert loki["notes"][0] == (
        "memory peaked at 1100Mi, above the ADR's 1024Mi limit: in the cluster the kernel "
        "would OOM-kill this container (ADR 9.5, Issue 2)"
    )
    assert "CFS quota would throttle it" in loki["notes"][1]
    collector = section["collector"]
    # ADR 8: Promtail requests 50m and 64Mi per node
    assert set(collector["verdicts"].values()) == {WITHIN}
    assert collector["service"] == "promtail"
    assert collector["notes"] == [
        "the ADR budgets one Promtail per node, tailing that node's pods; this one collector "
        "tails every pod of the scenario"
    ]
    assert section["available"] is True and unmeasured(section) == set()


def test_alloy_is_held_to_promtails_budget_and_memory_above_request_is_said() -> None:
    section = resources_verdict([_sample("collector", 60, 100 * MIB, "alloy")])
    collector = section["collector"]
    assert collector["verdicts"]["memory_max_bytes"] == BETWEEN  # 64Mi < 100Mi <= 128Mi
    assert collector["notes"][0].startswith("memory peaked at 100Mi, above the 64Mi request")
    assert collector["notes"][-1] == "held to Promtail's budget: the ADR gives Alloy none"
    # Loki was never read: its figures are unknown, not zero
    assert section["loki"]["samples"] == 0 and section["loki"]["memory_max_bytes"] is None
    assert unmeasured(section) == {"resources.loki"}


@pytest.mark.parametrize(
    ("samples", "available", "missing"),
    [
        (None, False, {"resources"}),  # not the compose target: nothing was sampled
        ([], False, {"resources"}),  # sampled, but the engine never answered
    ],
)
def test_nothing_sampled_is_unavailable(
    samples: list[ContainerStatsSample] | None, available: bool, missing: set[str]
) -> None:
    section = resources_verdict(samples)
    assert section["available"] is available
    assert unmeasured(section) == missing
    if samples is None:
        assert section == {"available": False, "reason": UNSAMPLED}


EXPECT = """expect:
  resources.loki.memory_max_bytes: "<= 1Gi"
  resources.collector.cpu_p95_millicores: "<= 100m"
"""


def test_the_report_carries_resources_and_expectations_read_them(tmp_path: Path) -> None:
    pods = Pods(tmp_path / "pods")
    pods.container().write("GET /healthz 200")
    stats = [_sample("loki", 120, 700 * MIB), _sample("collector", 130, 40 * MIB, "promtail")]
    report = build_report(inputs(pods, [], scenario=scenario(EXPECT), container_stats=stats))
    assert report["resources"]["loki"]["memory_max_bytes"] == 700 * MIB
    assert [(e["name"], e["observed"], e["passed"]) for e in report["expectations"]] == [
        ("resources.loki.memory_max_bytes", 700 * MIB, True),
        ("resources.collector.cpu_p95_millicores", 130, False),
    ]
    assert "resources" not in report["unavailable"]


def test_unsampled_resources_fail_as_not_observed_never_as_zero(tmp_path: Path) -> None:
    pods = Pods(tmp_path / "pods")
    pods.container().write("GET /healthz 200")
    embedded = build_report(inputs(pods, [], scenario=scenario(EXPECT)))
    assert embedded["resources"] == {"available": False, "reason": UNSAMPLED}
    assert {e["failure"] for e in embedded["expectations"]} == {"not_observed"}
    assert "resources" in embedded["unavailable"]
    only_loki = [_sample("loki", 120, 700 * MIB)]
    compose = build_report(inputs(pods, [], scenario=scenario(EXPECT), container_stats=only_loki))
    assert [e.get("failure") for e in compose["expectations"]] == [None, "not_observed"]
    assert (
        "no docker stats were read for the collector container: its CPU and memory are unknown"
        in compose["tool_errors"]
    )
