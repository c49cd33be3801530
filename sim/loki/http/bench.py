"""`lokisim bench loki`: push ingest through the real HTTP stack, beside a same-run baseline.

Both servers listen on 127.0.0.1 in this process and get the same ~1 MiB snappy-protobuf
batches over one keep-alive connection: the embedded Loki (validation, limits, WAL, chunks)
and a handler that only reads the body. MB/s counts log-line bytes over the time spent in
the POSTs (building the next batch is not timed); `mb_per_cpu_s` counts them over the CPU
time the process spent meanwhile, every thread included (chunk compression runs on worker
threads), so it is a per-core figure. The collector is tuned as `lokisim loki serve` tunes
it. Then `{namespace="x"} |= "needle"` is run over what was stored and its p95 latency
reported, with the process's peak RSS.

Then one hour of the homelab's output (benchdata.py: ~370 MB, timestamps over the last
hour) is pushed the same way, with the server's timers ticking after each push, and
measured as `homelab_*`; then `sum by (namespace) (rate({job=~".+"}[5m]))` over that hour
(Loki's default step) gives `hour_p95_s`. `homelab_minutes` shortens the hour (tests).
"""

from __future__ import annotations

import asyncio
import itertools
import resource
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import aiohttp
from aiohttp import web

from sim.loki.config import load_loki_config
from sim.loki.http.app import build_app
from sim.loki.http.gctune import restore_gc, tune_gc
from sim.loki.http.runtime import LokiRuntime
from sim.loki.push.model import Entry, PushRequest, Stream
from sim.loki.push.proto import encode_snappy

BATCH_LINE_BYTES = 1 << 20
QUERY = '{namespace="x"} |= "needle"'
QUERY_RUNS = 20
_S = 1_000_000_000
_CONFIG = """\
auth_enabled: false
common:
  path_prefix: {data}
  replication_factor: 1
  ring:
    kvstore:
      store: inmemory
ingester:
  lifecycler:
    min_ready_duration: 0s
schema_config:
  configs:
    - from: 2024-04-01
      store: tsdb
      object_store: filesystem
      schema: v13
      index:
        prefix: index_
        period: 24h
limits_config:
  ingestion_rate_mb: 100000
  ingestion_burst_size_mb: 100000
  per_stream_rate_limit: 100GB
  per_stream_rate_limit_burst: 100GB
"""
_WORDS = b"GET /api/v1/orders 200 user=42 latency_ms=13 trace=4bf92f3577b34da6 region=eu ".split()


def _batch(number: int, start_ns: int) -> tuple[bytes, int, int]:
    """A push of ~1 MiB of lines over 10 streams; (snappy body, line bytes, lines)."""
    streams = [Stream(f'{{namespace="x", app="app-{i}", pod="pod-{i}"}}') for i in range(10)]
    size = lines = 0
    for i in itertools.count():
        words = [_WORDS[(i + k) % len(_WORDS)] for k in range(12)]
        if i % 97 == 0:
            words.append(b"needle")
        line = b"level=info batch=%d seq=%d " % (number, i) + b" ".join(words)
        streams[i % 10].entries.append(Entry(start_ns + i * 1000, line))
        size, lines = size + len(line), lines + 1
        if size >= BATCH_LINE_BYTES:
            break
    return encode_snappy(PushRequest(streams)), size, lines


async def _post_for(url: str, seconds: float, fixed: list[bytes] | None) -> dict[str, Any]:
    """POST batches for `seconds` of POST time; `fixed` replays given bodies.

    `cpu_seconds` is the process's CPU time (every thread: compression workers too) over
    the whole loop, less the main thread's time building batches: what the server used,
    with the client's share of sending (small: see the baseline)."""
    headers = {"Content-Type": "application/x-protobuf"}
    spent = 0.0
    total = lines = 0
    bodies: list[bytes] = []
    base = time.time_ns() - 60 * _S
    cpu_began = time.process_time()
    building = 0.0
    async with aiohttp.ClientSession() as session:
        for number in itertools.count():
            if fixed is not None:
                if number >= len(fixed):
                    break
                body, size, count = fixed[number], 0, 0
            else:
                built = time.thread_time()
                body, size, count = _batch(number, base + number * 10_000_000)
                building += time.thread_time() - built
                bodies.append(body)
            began = time.perf_counter()
            async with session.post(url, data=body, headers=headers) as response:
                await response.read()
                if response.status != 204:
                    raise RuntimeError(f"bench push answered {response.status}")
            spent += time.perf_counter() - began
            total, lines = total + size, lines + count
            if fixed is None and spent >= seconds:
                break
    cpu = time.process_time() - cpu_began - building
    return {"seconds": spent, "bytes": total, "lines": lines, "bodies": bodies, "cpu_seconds": cpu}


async def _query_p95(url: str) -> tuple[float, int]:
    timings: list[float] = []
    results = 0
    async with aiohttp.ClientSession() as session:
        for _ in range(QUERY_RUNS):
            began = time.perf_counter()
            params = {"query": QUERY, "limit": "100", "since": "10m"}
            async with session.get(url, params=params) as response:
                payload = await response.json()
            timings.append(time.perf_counter() - began)
            results = sum(len(s["values"]) for s in payload["data"]["result"])
    return statistics.quantiles(timings, n=20)[-1], results


async def _start(app: web.Application) -> tuple[web.AppRunner, str]:
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    return runner, f"http://127.0.0.1:{port}"


async def _read_only(request: web.Request) -> web.Response:
    await request.content.read()
    return web.Response(status=204)


async def _bench(work: Path, seconds: float, minutes: float) -> dict[str, Any]:
    config = work / "loki.yaml"
    config.write_text(_CONFIG.format(data=work / "data"), encoding="utf-8")
    runtime = LokiRuntime(load_loki_config(config), None)
    runtime.open_store()
    runtime.start()
    collector = tune_gc()  # as `lokisim loki serve` runs; restored for the other benchmarks
    loki, loki_url = await _start(build_app(runtime))
    baseline_app = web.Application()
    baseline_app.router.add_post("/loki/api/v1/push", _read_only)
    baseline, baseline_url = await _start(baseline_app)
    try:
        pushed = await _post_for(f"{loki_url}/loki/api/v1/push", seconds, None)
        base = await _post_for(f"{baseline_url}/loki/api/v1/push", seconds, pushed["bodies"])
        p95, results = await _query_p95(f"{loki_url}/loki/api/v1/query_range")
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        # imported here: the fleet's workloads and scenarios are no part of `loki serve`
        from sim.loki.http import benchhour

        hour = await benchhour.push_hour(f"{loki_url}/loki/api/v1/push", runtime, minutes)
        query_url = f"{loki_url}/loki/api/v1/query_range"
        hour_p95, hour_series = await benchhour.hour_query_p95(query_url, minutes)
    finally:
        await loki.cleanup()
        await baseline.cleanup()
        runtime.stop(flush=False)
        restore_gc(collector)
    mb = pushed["bytes"] / 1e6
    return {
        "name": "loki",
        "what": "snappy-protobuf pushes of ~1 MiB through the embedded Loki's HTTP stack",
        "bytes": pushed["bytes"],
        "lines": pushed["lines"],
        "seconds": pushed["seconds"],
        "mb_per_s": mb / pushed["seconds"],
        "lines_per_s": pushed["lines"] / pushed["seconds"],
        "cpu_seconds": pushed["cpu_seconds"],
        "mb_per_cpu_s": mb / pushed["cpu_seconds"],
        "baseline_mb_per_s": mb / base["seconds"],
        "baseline": "the same bodies POSTed to a handler that only reads them, same process",
        "ratio_to_baseline": base["seconds"] / pushed["seconds"],
        "query": QUERY,
        "p95_s": p95,
        "query_results": results,
        "rss_mib": rss,
        "homelab_minutes": minutes,
        "homelab_bytes": hour["bytes"],
        "homelab_lines": hour["lines"],
        "homelab_mb_per_s": hour["bytes"] / 1e6 / hour["seconds"],
        "homelab_mb_per_cpu_s": hour["bytes"] / 1e6 / hour["cpu_seconds"],
        "hour_query": benchhour.HOUR_QUERY,
        "hour_p95_s": hour_p95,
        "hour_query_series": hour_series,
        "homelab_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def bench_loki(seconds: float, *, homelab_minutes: float = 60.0) -> dict[str, Any]:
    """Run the benchmark for about `seconds` of pushing (plus the baseline and queries),
    then push `homelab_minutes` of homelab output and query it."""
    work = Path(tempfile.mkdtemp(prefix="lokisim-bench-loki-"))
    try:
        return asyncio.run(_bench(work, seconds, homelab_minutes))
    finally:
        shutil.rmtree(work, ignore_errors=True)
