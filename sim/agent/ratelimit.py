"""limits_config.readline_rate: golang.org/x/time/rate's token bucket, shared by every pipeline.

A bucket of `burst` tokens refilled at `rate` per second, full at start. With
readline_rate_drop an entry without a token is dropped (logentry_dropped_lines_total
{reason="global_rate_limiter_drop"}); without it the pipeline waits for the token.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable


class TokenBucket:
    def __init__(
        self, rate: float, burst: int, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.rate = rate
        self.burst = burst
        self._clock = clock
        self._tokens = float(burst)
        self._last = clock()

    def _refill(self) -> None:
        now = self._clock()
        self._tokens = min(float(self.burst), self._tokens + (now - self._last) * self.rate)
        self._last = now

    def allow(self) -> bool:
        """rate.Limiter.Allow: takes a token when there is one."""
        self._refill()
        if self._tokens >= 1.0:
            self._tokens -= 1.0
            return True
        return False

    async def wait(self) -> None:
        """rate.Limiter.Wait: takes a token, sleeping until one is due."""
        self._refill()
        self._tokens -= 1.0
        if self._tokens < 0 and self.rate > 0:
            await asyncio.sleep(-self._tokens / self.rate)
