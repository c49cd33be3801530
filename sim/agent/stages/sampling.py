"""The `sampling` stage (sampling.go): keep each entry with probability `rate`.

Promtail draws from an unseeded-per-run random source; lokisim draws from the run's
seeded generator, so a run is repeatable. Dropped entries count under
`drop_counter_reason` (default `sampling_stage`).
"""

from __future__ import annotations

from typing import Any

from . import messages
from .base import BuildContext, Entry, FilterStage, StageConfigError
from .decode import FLOAT64, STRING
from .helpers import decode_config

_MAX_RANDOM = (1 << 63) - 1


class SamplingStage(FilterStage):
    name = "sampling"

    def __init__(self, ctx: BuildContext, rate: float, reason: str) -> None:
        self._ctx = ctx
        self._boundary = int(float(_MAX_RANDOM) * max(0.0, min(rate, 1.0)))
        self._reason = reason

    def process(self, entry: Entry, now: float) -> list[Entry]:
        draw = 0
        while draw == 0:
            draw = self._ctx.rng.getrandbits(63)
        if self._boundary >= draw:
            return [entry]
        self._ctx.dropped[self._reason] += 1
        return []


def new_sampling_stage(config: Any, ctx: BuildContext) -> SamplingStage:
    values = decode_config(ctx, config, {"drop_counter_reason": STRING, "rate": FLOAT64}, weak=True)
    rate = values.get("rate", 0.0)
    if rate < 0.0 or rate > 1.0:
        raise StageConfigError(messages.ERR_SAMPLING_INVALID_RATE.format(rate=f"{rate:f}"), "rate")
    reason = values.get("drop_counter_reason") or messages.DROP_REASON_SAMPLING
    return SamplingStage(ctx, rate, reason)
