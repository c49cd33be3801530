"""`lokisim bench agent` returns the figures the bench command prints (no timing asserted)."""

from __future__ import annotations

import pytest

from sim.agent.bench import bench_agent


@pytest.mark.slow
def test_bench_agent_reports_its_figures() -> None:
    result = bench_agent(0.05)
    assert result["name"] == "agent"
    assert result["bytes"] > 0 and 0 < result["entries_sent"] <= result["lines"]
    for key in ("mb_per_s", "lines_per_s", "baseline_mb_per_s"):
        assert result[key] > 0
