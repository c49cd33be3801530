"""`lokisim bench load`: line bytes per second one Locust process pushes, beside a baseline.

Locust (loadtests/locustfile.py, PushUsers only, no wait) pushes prebuilt batches to an
accept-everything sink (`python -m sim.agent.sink`) for `seconds`; the baseline, in the
same run, is a plain blocking `http.client` loop doing the same per-push work (stamp the
prebuilt batch, snappy-compress it, POST it) against the same sink. With two or more CPUs,
Locust and the baseline get one core and the sink another, so the sink is not what is
measured. Line bytes are what Loki's ingestion rate limit counts (the ADR: 20 MB/s, burst
40 MB).
"""

from __future__ import annotations

import contextlib
import http.client
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from sim.errors import ToolError
from sim.load.client import CONTENT_TYPE, PUSH_PATH
from sim.load.options import LoadOptions
from sim.load.payloads import build_templates
from sim.load.runner import LoadRun
from sim.load.spec import LoadSpec

USERS = 4  # concurrent PushUsers: enough to keep one process busy while others wait on I/O


def bench_load(seconds: float) -> dict[str, Any]:
    client_core, sink_core = _cores()
    work = Path(tempfile.mkdtemp(prefix="lokisim-bench-load-"))
    sink = _start_sink(work / "sink.log", sink_core)
    try:
        port = _sink_port(sink, work / "sink.log")
        spec = LoadSpec(push_users=USERS, query_users=0, spawn_rate=USERS, push_wait=0.0)
        run = LoadRun(spec, f"http://127.0.0.1:{port}", work, seconds)
        with _pinned(client_core):
            run.start()
        peak = _PeakRss(run.pid)
        result = run.wait()
        peak.stop()
        with _pinned(client_core):
            baseline_bytes, baseline_seconds = _baseline(port, seconds)
    finally:
        sink.terminate()
        sink.wait(timeout=10)
    push = result.requests.get("push")
    if push is None or not push.count:
        raise ToolError(f"the load bench pushed nothing; see {run.log_path}")
    mb_per_s = push.rps * push.avg_size / 1e6
    baseline_mb_per_s = baseline_bytes / baseline_seconds / 1e6
    templates = build_templates(LoadOptions(), count=1)
    lines_per_push = templates[0].entries * push.avg_size / templates[0].line_bytes
    log = run.log_path.read_text(encoding="utf-8", errors="replace")
    return {
        "name": "load",
        "what": f"Locust PushUsers ({USERS}, one process) to an accept-all sink, line bytes",
        "bytes": round(push.count * push.avg_size),
        "seconds": seconds,
        "mb_per_s": mb_per_s,
        "lines_per_s": push.rps * lines_per_push,
        "requests_per_s": push.rps,
        "p99_s": push.p99_s,
        "baseline_mb_per_s": baseline_mb_per_s,
        "baseline": "blocking http.client loop, same batches stamped and compressed per push",
        "ratio_to_baseline": mb_per_s / baseline_mb_per_s if baseline_mb_per_s else 0.0,
        "rss_mib": peak.mib,
        "locust_cpu_warning": "CPU usage above 90%" in log,
        "cores": "locust and baseline on one, sink on another" if client_core is not None else "1",
    }


def _cores() -> tuple[int | None, int | None]:
    """(core for Locust and the baseline, core for the sink): the one `lokisim bench` pinned
    this process to, and another of the machine's; (None, None) with a single CPU."""
    if not hasattr(os, "sched_getaffinity"):
        return None, None
    client = min(os.sched_getaffinity(0))
    others = [core for core in range(os.cpu_count() or 1) if core != client]
    return (client, others[-1]) if others else (None, None)


def _start_sink(log_path: Path, core: int | None) -> subprocess.Popen[bytes]:
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-u", "-m", "sim.agent.sink"],
            stdout=subprocess.PIPE,
            stderr=log,
            stdin=subprocess.DEVNULL,
        )
    if core is not None:
        # A cpuset may exclude the core: then the sink runs wherever it may.
        with contextlib.suppress(OSError):
            os.sched_setaffinity(process.pid, {core})
    return process


def _sink_port(sink: subprocess.Popen[bytes], log_path: Path) -> int:
    assert sink.stdout is not None
    line = sink.stdout.readline().decode().strip()
    if not line.startswith("port="):
        raise ToolError(f"the bench sink did not start (said {line!r}); see {log_path}")
    return int(line.removeprefix("port="))


class _pinned:
    """Runs the block (and processes it starts) on one core, when there is one to spare."""

    def __init__(self, core: int | None) -> None:
        self.core = core

    def __enter__(self) -> None:
        self._saved = os.sched_getaffinity(0) if self.core is not None else None
        if self.core is not None:
            os.sched_setaffinity(0, {self.core})

    def __exit__(self, *exc: object) -> None:
        if self._saved:
            os.sched_setaffinity(0, self._saved)


class _PeakRss:
    """Polls /proc/<pid>/status for VmHWM (peak resident set) until stopped."""

    def __init__(self, pid: int | None) -> None:
        self.mib = 0.0
        self._pid = pid
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True)
        self._thread.start()

    def _poll(self) -> None:
        while not self._done.wait(0.2):
            try:
                text = Path(f"/proc/{self._pid}/status").read_text()
            except OSError:
                return
            for line in text.splitlines():
                if line.startswith("VmHWM:"):
                    self.mib = max(self.mib, int(line.split()[1]) / 1024)

    def stop(self) -> None:
        self._done.set()
        self._thread.join(timeout=2)


def _baseline(port: int, seconds: float) -> tuple[int, float]:
    """(line bytes, seconds) of sequential POSTs of the same batches on one connection."""
    templates = build_templates(LoadOptions())
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    headers = {"Content-Type": CONTENT_TYPE}
    sent = pushes = 0
    started = time.perf_counter()
    deadline = started + seconds
    while time.perf_counter() < deadline:
        template = templates[pushes % len(templates)]
        connection.request("POST", PUSH_PATH, template.body(time.time_ns(), pushes), headers)
        response = connection.getresponse()
        response.read()
        if response.status // 100 != 2:
            raise ToolError(f"the bench sink answered {response.status} to the baseline")
        sent += template.line_bytes
        pushes += 1
    elapsed = time.perf_counter() - started
    connection.close()
    return sent, elapsed
