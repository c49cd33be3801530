"""`lokisim bench loki` reports what the CLI contract asks for (docs: DESIGN.md)."""

from __future__ import annotations

import pytest

from sim.loki.http.bench import bench_loki


@pytest.mark.slow
def test_bench_loki_reports_throughput_baseline_and_query_latency() -> None:
    result = bench_loki(0.2, homelab_minutes=0.5)
    assert result["name"] == "loki"
    assert result["bytes"] >= 1 << 20  # at least one ~1 MiB batch went through
    assert result["mb_per_s"] > 0 and result["baseline_mb_per_s"] > 0
    assert result["query_results"] > 0  # the needle lines were stored and found
    assert result["p95_s"] > 0 and result["rss_mib"] > 0
    # the homelab phase: its pushes went through, and the metric query found its namespaces
    assert result["homelab_bytes"] > 0 and result["homelab_mb_per_cpu_s"] > 0
    assert result["hour_query_series"] == 6  # scenarios/homelab.yaml's six namespaces
    assert result["hour_p95_s"] > 0
