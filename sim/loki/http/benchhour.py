"""`lokisim bench loki`'s homelab phase: an hour of the homelab's output, then a query over it.

The hour (benchdata.py: ~370 MB) goes in ~1 MiB pushes with timestamps over the hour that
ends now, the server's timers ticking after each push as `lokisim loki serve` runs them;
then `sum by (namespace) (rate({job=~".+"}[5m]))` runs over it (Loki's default step).
"""

from __future__ import annotations

import statistics
import time
from typing import Any

import aiohttp

from sim.loki.http.benchdata import HomelabBatches
from sim.loki.http.runtime import LokiRuntime

BATCH_LINE_BYTES = 1 << 20
HOUR_QUERY = 'sum by (namespace) (rate({job=~".+"}[5m]))'
HOUR_QUERY_RUNS = 5
_S = 1_000_000_000


async def push_hour(url: str, runtime: LokiRuntime, minutes: float) -> dict[str, Any]:
    """`minutes` of homelab output in ~1 MiB pushes, timestamps ending now; timers tick
    after each push as `lokisim loki serve` runs them."""
    batches = HomelabBatches(BATCH_LINE_BYTES)
    hour_ns = int(minutes * 60 * _S)
    count = max(1, round(batches.bytes_per_second * minutes * 60 / BATCH_LINE_BYTES))
    span = hour_ns // count
    first = time.time_ns() - hour_ns
    headers = {"Content-Type": "application/x-protobuf"}
    spent = building = 0.0
    total = lines = 0
    cpu_began = time.process_time()
    async with aiohttp.ClientSession() as session:
        for number in range(count):
            built = time.thread_time()
            body, size, entries = batches.batch(first + number * span, span)
            building += time.thread_time() - built
            began = time.perf_counter()
            async with session.post(url, data=body, headers=headers) as response:
                await response.read()
                if response.status != 204:
                    raise RuntimeError(f"bench push answered {response.status}")
            runtime.tick()
            spent += time.perf_counter() - began
            total, lines = total + size, lines + entries
    cpu = time.process_time() - cpu_began - building
    return {"seconds": spent, "bytes": total, "lines": lines, "cpu_seconds": cpu}


async def hour_query_p95(url: str, minutes: float) -> tuple[float, int]:
    timings: list[float] = []
    series = 0
    end = time.time_ns()
    params = {"query": HOUR_QUERY, "start": str(end - int(minutes * 60 * _S)), "end": str(end)}
    async with aiohttp.ClientSession() as session:
        for _ in range(HOUR_QUERY_RUNS):
            began = time.perf_counter()
            async with session.get(url, params=params) as response:
                payload = await response.json()
            timings.append(time.perf_counter() - began)
            if response.status != 200:
                raise RuntimeError(f"bench query answered {response.status}: {payload}")
            series = len(payload["data"]["result"])
    return statistics.quantiles(timings, n=20, method="inclusive")[-1], series
