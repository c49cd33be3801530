"""loadtests/locustfile.py run for real, always in a subprocess (Locust patches with gevent).

Each run is a few seconds of headless Locust against a scripted sink or the embedded Loki;
the assertions compare Locust's statistics with what the server saw.
"""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from sim.load.runner import LOCUSTFILE, REPO, run_load
from sim.load.spec import parse_load_spec
from sim.stack.process import Component, free_port
from tests.loadtests.sink import ScriptedSink

pytestmark = pytest.mark.slow
ENV = {**os.environ, "PYTHONPATH": str(REPO)}


def _locust(args: list[str], cwd: Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    argv = [sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), *args]
    return subprocess.run(
        argv, cwd=cwd, env=ENV, capture_output=True, text=True, timeout=timeout, check=False
    )


def test_the_locustfile_and_its_payloads_import_nothing_heavy():
    # Locust monkey-patches the process: the locustfile must not drag lokisim's asyncio
    # server, its Loki engine or its CLI stack in (DESIGN.md, STYLE.md "Habits").
    script = f"""
import importlib.util, json, sys
sys.argv = ["locust"]
spec = importlib.util.spec_from_file_location("locustfile", {str(LOCUSTFILE)!r})
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
from sim.load.options import LoadOptions
module._templates(LoadOptions(batch_bytes=4096))
module._queries(LoadOptions())
heavy = ("aiohttp", "pydantic", "rich", "httpx", "lark", "yaml", "docker", "re2",
         "sim.loki.engine", "sim.loki.http", "sim.loki.logql", "sim.scenario", "sim.cli")
print(json.dumps([name for name in heavy if name in sys.modules]))
"""
    done = subprocess.run(
        [sys.executable, "-c", script],
        env=ENV,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert json.loads(done.stdout.strip().splitlines()[-1]) == []


def _status(n: int) -> int:
    return 429 if n % 3 == 0 else 400 if n % 5 == 0 else 204


def test_429s_are_their_own_request_type_and_not_failures(tmp_path):
    spec = parse_load_spec(
        {
            "push_users": 2,
            "query_users": 0,
            "push_wait": "50ms",
            "batch_bytes": "16KiB",
            "tenants": ["a", "b"],
            "for": "2s",
        },
        "test",
    )
    with ScriptedSink(_status) as sink:
        result = run_load(spec, sink.url, tmp_path, 2)
    seen = sink.server.answered
    push, limited = result.requests["push"], result.requests["push_rate_limited"]
    assert seen[429] > 0 and seen[400] > 0
    assert (limited.count, limited.failures) == (seen[429], 0)
    assert (push.count, push.failures) == (seen[204] + seen[400], seen[400])
    assert result.errors == [{"name": "push", "error": "HTTP 400: bad push", "count": seen[400]}]
    report = result.to_report()
    assert (report["http_429"], report["failures"]) == (seen[429], seen[400])
    assert report["push"]["line_bytes"] == round(seen[204] * push.avg_size)
    assert set(sink.server.tenants) == {"a", "b"}  # X-Scope-OrgID, one tenant per user
    assert Path(result.files["html"]).stat().st_size > 0


def _limited_loki_config(path: Path) -> Path:
    """compose/loki/config.yaml with a 1 MB/s, 1 MB burst tenant limit and no 15 s /ready
    wait (ingester.lifecycler.min_ready_duration: pushes are accepted during it anyway)."""
    config = yaml.safe_load((REPO / "compose" / "loki" / "config.yaml").read_text())
    config["limits_config"].update({"ingestion_rate_mb": 1, "ingestion_burst_size_mb": 1})
    config["ingester"] = {"lifecycler": {"min_ready_duration": "0s"}}
    path.write_text(yaml.safe_dump(config))
    return path


def test_against_the_embedded_loki_pushes_are_rate_limited_and_queries_answer(tmp_path):
    port = free_port()
    loki = Component(
        "loki",
        [
            sys.executable,
            "-m",
            "sim",
            "loki",
            "serve",
            "--config",
            str(_limited_loki_config(tmp_path / "loki.yaml")),
            "--listen",
            f"127.0.0.1:{port}",
            "--data",
            str(tmp_path / "data"),
        ],
        tmp_path / "loki.log",
    )
    loki.start()
    try:
        loki.wait_ready(f"http://127.0.0.1:{port}/ready", 60)
        spec = parse_load_spec(
            {
                "push_users": 2,
                "query_users": 1,
                "push_wait": "200ms",
                "query_wait": "300ms",
                "batch_bytes": "600KiB",
                "query_range": "5m",
                "for": "4s",
            },
            "test",
        )
        result = run_load(spec, f"http://127.0.0.1:{port}", tmp_path / "load", 4)
    finally:
        assert loki.stop() == 0
    # 2 users x 5 pushes/s x 600 KiB against 1 MB/s with a 1 MB burst: Loki's distributor
    # answers 429 (pkg/distributor/distributor.go, ingestion rate limiter).
    assert result.requests["push"].count > 0
    assert result.requests["push_rate_limited"].count > 0
    queries = [k for k in result.requests if not k.startswith("push")]
    assert queries, result.requests
    assert result.failures == 0, result.errors
    # The CSV is Locust's own, final: its push rows add up to what the run reported.
    with (tmp_path / "load" / "locust_stats.csv").open() as handle:
        rows = {(r["Type"], r["Name"]): int(r["Request Count"]) for r in csv.DictReader(handle)}
    assert rows[("RATE_LIMITED", "push")] == result.http_429
    assert rows[("", "Aggregated")] == sum(s.count for s in result.requests.values())


def test_a_master_and_a_worker_on_localhost(tmp_path):
    port = free_port()
    with ScriptedSink() as sink:
        common = ["--host", sink.url, "--push-wait", "0.1", "--batch-bytes", "8KiB", "PushUser"]
        worker = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "locust",
                "-f",
                str(LOCUSTFILE),
                "--worker",
                "--master-host",
                "127.0.0.1",
                "--master-port",
                str(port),
                *common,
            ],
            cwd=tmp_path,
            env=ENV,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            master = _locust(
                [
                    "--master",
                    "--master-bind-host",
                    "127.0.0.1",
                    "--master-bind-port",
                    str(port),
                    "--headless",
                    "--expect-workers",
                    "1",
                    "--expect-workers-max-wait",
                    "30",
                    "-u",
                    "2",
                    "-r",
                    "10",
                    "-t",
                    "3s",
                    "--stop-timeout",
                    "5",
                    "--csv",
                    str(tmp_path / "m"),
                    *common,
                ],
                tmp_path,
            )
            assert worker.wait(timeout=30) == 0  # the master's quit message ends the worker
        finally:
            worker.kill()
            worker.wait()
        answered = sink.server.requests
    assert master.returncode == 0, master.stderr[-2000:]
    with (tmp_path / "m_stats.csv").open() as handle:
        push = next(r for r in csv.DictReader(handle) if r["Name"] == "push")
    # The master runs no users: every push it counts came from the worker's report.
    assert int(push["Request Count"]) == answered > 0


def test_a_spike_shape_multiplies_the_users_for_its_window(tmp_path):
    with ScriptedSink() as sink:
        done = _locust(
            [
                "--host",
                sink.url,
                "--headless",
                "-u",
                "1",
                "-r",
                "5",
                "-t",
                "5s",
                "--csv",
                str(tmp_path / "s"),
                "--csv-full-history",
                "--shape",
                "spike",
                "--shape-at",
                "1",
                "--shape-for",
                "2",
                "--shape-factor",
                "3",
                "--push-wait",
                "0.2",
                "--batch-bytes",
                "4KiB",
                "PushUser",
            ],
            tmp_path,
        )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Shape test updating to 3 users" in done.stderr
    with (tmp_path / "s_stats_history.csv").open() as handle:
        users = [int(r["User Count"]) for r in csv.DictReader(handle) if r["Name"] == "Aggregated"]
    assert max(users) == 3
    assert users[-2] == 1  # back to -u after the window


def test_options_that_do_not_fit_together_stop_locust_with_a_message(tmp_path):
    # each parses alone; together a stream would hold more lines than a push stamps apart
    args = ["--headless", "-H", "http://127.0.0.1:9", "-u", "1", "-t", "1s"]
    done = _locust([*args, "--line-size", "1B", "--batch-bytes", "4MiB", "PushUser"], tmp_path)
    assert done.returncode == 1
    assert "lokisim load: expected batch_bytes / line_size to be at most 2097152" in done.stderr
    assert "Traceback" not in done.stderr
