"""The sampling stage (sampling.go)."""

from __future__ import annotations

from typing import Any

import pytest

from sim.agent.stages import BuildContext
from sim.errors import AgentConfigError

from .conftest import entry, pipeline, stage


@pytest.mark.parametrize(("rate", "kept"), [(1.0, 1000), (0.0, 0)])
def test_sampling_extremes(rate: float, kept: int) -> None:
    # sampling.go: boundary = maxRandomNumber * rate; random IDs are never 0.
    ctx = BuildContext()
    sampler = stage("sampling", {"rate": rate}, ctx)
    out = [e for _ in range(1000) for e in sampler.process(entry("x"), 0.0)]
    assert len(out) == kept
    assert ctx.dropped == ({"sampling_stage": 1000 - kept} if kept < 1000 else {})


def test_sampling_rate_is_approximate_and_seeded() -> None:
    sampler = stage("sampling", {"rate": "0.25", "drop_counter_reason": "sampled_out"})
    kept = sum(len(sampler.process(entry("x"), 0.0)) for _ in range(4000))
    assert 850 < kept < 1150


@pytest.mark.parametrize("rate", [1.5, -0.1])
def test_sampling_rate_range(rate: Any) -> None:
    with pytest.raises(AgentConfigError) as caught:
        pipeline([{"sampling": {"rate": rate}}])
    assert caught.value.detail == (
        "invalid sampling stage config: sampling stage failed to parse rate,Sampling Rate must be "
        f"between 0.0 and 1.0, received {rate:f}"
    )
