"""Time for the fleet: the wall clock, or a virtual one that never sleeps.

The virtual clock writes a scenario as fast as the machine allows, with timestamps as if
it had run in real time; it makes output byte-for-byte reproducible under a seed.
"""

from __future__ import annotations

import asyncio
import time
from typing import Protocol


class Clock(Protocol):
    def now(self) -> float: ...
    async def sleep_until(self, when: float) -> None: ...


class WallClock:
    def now(self) -> float:
        return time.time()

    async def sleep_until(self, when: float) -> None:
        delay = when - time.time()
        if delay > 0:
            await asyncio.sleep(delay)


class VirtualClock:
    def __init__(self, start: float) -> None:
        self._now = start

    def now(self) -> float:
        return self._now

    async def sleep_until(self, when: float) -> None:
        self._now = max(self._now, when)
