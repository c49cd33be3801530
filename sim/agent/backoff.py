"""dskit's backoff (github.com/grafana/dskit/backoff), as Promtail's client retries a batch.

Each Wait() counts a retry and sleeps a random time in [min, 2·min) the first time, the
range doubling each time up to max_period; once max_retries retries are counted it stops
sleeping and Ongoing() turns false (max_retries 0 retries for ever). With Promtail's
defaults a batch is sent at most 10 times over about 8.5 minutes.
"""

from __future__ import annotations

import random
from collections.abc import Awaitable, Callable

from .config_model import BackoffConfig

Sleep = Callable[[float], Awaitable[None]]


class Backoff:
    def __init__(self, config: BackoffConfig, sleep: Sleep, rng: random.Random) -> None:
        self._config = config
        self._sleep = sleep
        self._rng = rng
        self.retries = 0
        self._low = config.min_period_ns
        self._high = min(config.min_period_ns * 2, config.max_period_ns)
        self.cancelled = False

    def ongoing(self) -> bool:
        limit = self._config.max_retries
        return not self.cancelled and (limit == 0 or self.retries < limit)

    def next_delay_ns(self) -> int:
        self.retries += 1
        if self._low >= self._high:
            return self._low
        delay = self._low + self._rng.randrange(self._high - self._low)
        if self._high < self._config.max_period_ns:
            self._low = min(self._low * 2, self._config.max_period_ns)
            self._high = min(self._high * 2, self._config.max_period_ns)
        return delay

    async def wait(self) -> None:
        delay = self.next_delay_ns()
        if self.ongoing():
            await self._sleep(delay / 1e9)
