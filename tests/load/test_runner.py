"""The Locust command line a `load:` block becomes, and Locust failing as a tool error."""

from __future__ import annotations

import json
import sys
import threading
from pathlib import Path

import pytest

from sim.errors import ToolError
from sim.load import runner
from sim.load.runner import LOCUSTFILE, LoadRun, locust_argv
from sim.load.spec import parse_load_spec


def test_argv_for_a_block(tmp_path):
    spec = parse_load_spec(
        {
            "push_users": 3,
            "query_users": 1,
            "spawn_rate": 2,
            "streams": 5,
            "queries": ['{app="api"}'],
        },
        "x.yaml",
    )
    argv = locust_argv(spec, "http://127.0.0.1:3100", tmp_path, 30.4, seed=9, processes=2)
    assert argv[:5] == [sys.executable, "-m", "locust", "-f", str(LOCUSTFILE)]
    flags = " ".join(argv[5:])
    assert "--headless --host http://127.0.0.1:3100 -u 4 -r 2 -t 30s --stop-timeout 5" in flags
    assert f"--csv {tmp_path / 'locust'} --html {tmp_path / 'locust.html'}" in flags
    assert "--only-summary --exit-code-on-error 0" in flags  # failures are findings
    config = json.loads(argv[argv.index("--config-users") + 1])
    assert config == [
        {"user_class_name": "PushUser", "weight": 3},
        {"user_class_name": "QueryUser", "weight": 1},
    ]
    assert "--processes 2" in flags
    assert "--streams 5" in flags and "--seed 9" in flags
    assert argv[argv.index("--queries-file") + 1] == str(tmp_path / "locust_queries.txt")
    assert (tmp_path / "locust_queries.txt").read_text() == '{app="api"}\n'
    assert argv[-2:] == ["PushUser", "QueryUser"]


def test_a_class_without_users_is_not_run(tmp_path):
    spec = parse_load_spec({"push_users": 2, "query_users": 0}, "x.yaml")
    argv = locust_argv(spec, "http://h:1", tmp_path, 5)
    assert argv[-1] == "PushUser" and "QueryUser" not in argv


def test_run_time_is_the_rest_of_the_scenario_unless_for_is_given(tmp_path):
    assert LoadRun(parse_load_spec({"at": "10s"}, "x"), "http://h:1", tmp_path, 60).run_time_s == 50
    assert LoadRun(parse_load_spec({"for": "5s"}, "x"), "http://h:1", tmp_path, 60).run_time_s == 5


def test_paths_given_relative_to_our_cwd_still_hold_in_locusts_cwd(tmp_path, monkeypatch):
    # Locust runs with cwd = out_dir: a run dir like runs/x (make sim's) must not be read
    # as runs/x/load/runs/x, nor the run's CA file as load/runs/x/tls/ca.crt.
    monkeypatch.chdir(tmp_path)
    spec = parse_load_spec({}, "x")
    load = LoadRun(spec, "https://h:1", Path("runs/x/load"), 60, ca_file=Path("runs/x/ca.crt"))
    assert load.out_dir == tmp_path / "runs/x/load"
    assert load.log_path == tmp_path / "runs/x/load/locust.log"
    assert load.ca_file == tmp_path / "runs/x/ca.crt"


def test_a_missing_ca_file_is_a_tool_error_naming_it(tmp_path):
    # without it every Locust user would die at its first https request, and the run would
    # only learn that Locust left no statistics
    load = LoadRun(
        parse_load_spec({}, "x"), "https://h:1", tmp_path, 60, ca_file=tmp_path / "ca.crt"
    )
    with pytest.raises(ToolError, match=r"the CA file .*ca\.crt for Loki's certificate is missing"):
        load.start()
    assert load.pid is None


@pytest.mark.slow
def test_locust_failing_is_a_tool_error_naming_its_log(tmp_path, monkeypatch):
    broken = tmp_path / "locustfile.py"
    broken.write_text("raise RuntimeError('this locustfile is broken')\n")
    monkeypatch.setattr(runner, "LOCUSTFILE", broken)
    run = LoadRun(parse_load_spec({"for": "1s"}, "x"), "http://127.0.0.1:9", tmp_path / "out", 1)
    run.start()
    with pytest.raises(ToolError) as caught:
        run.wait()
    log = tmp_path / "out" / "locust.log"
    assert str(caught.value) == f"Locust exited with status 1; see {log}"
    assert "this locustfile is broken" in log.read_text()


def test_a_missing_locustfile_is_a_tool_error(tmp_path, monkeypatch):
    monkeypatch.setattr(runner, "LOCUSTFILE", tmp_path / "absent.py")
    run = LoadRun(parse_load_spec({}, "x"), "http://127.0.0.1:9", tmp_path, 1)
    with pytest.raises(ToolError, match=r"absent\.py is missing"):
        run.start()
    with pytest.raises(ToolError, match=r"absent\.py is missing"):  # also for a waiter
        run.wait()


def test_stopping_during_the_start_offset_starts_nothing(tmp_path):
    run = LoadRun(parse_load_spec({"at": "30s"}, "x"), "http://127.0.0.1:9", tmp_path, 60)
    starter = threading.Thread(target=run.start)
    starter.start()
    assert run.stop() is None
    starter.join(timeout=5)
    assert not starter.is_alive()
    with pytest.raises(ToolError, match="the load test did not start"):
        run.wait()
    assert run.pid is None
