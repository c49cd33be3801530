"""Runs a scenario's `load:` block: Locust headless in its own process, read back after.

Locust monkey-patches with gevent, so it never runs inside lokisim's process: this module
starts `python -m locust -f loadtests/locustfile.py --headless ...`, keeps its output in
`<out_dir>/locust.log`, its CSV files as `<out_dir>/locust_*.csv` and its HTML report as
`<out_dir>/locust.html`, and parses the CSV into a LoadResult. Failed or rate-limited
requests are findings, not tool errors (`--exit-code-on-error 0`); Locust itself failing
(a bad option, a crash, no CSV) is a ToolError naming the log.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

from sim.errors import ToolError
from sim.load.options import to_argv
from sim.load.results import LoadResult, LocustCsvError, read_failures_csv, read_stats_csv
from sim.load.spec import LoadSpec

REPO = Path(__file__).resolve().parent.parent.parent
LOCUSTFILE = REPO / "loadtests" / "locustfile.py"
STOP_TIMEOUT_S = 5  # in-flight requests may finish (Locust's --stop-timeout)
STARTUP_S = 60.0  # import, payload building, workers connecting


def locust_argv(
    spec: LoadSpec,
    host: str,
    out_dir: Path,
    run_time_s: float,
    *,
    seed: int = 1,
    processes: int = 1,
) -> list[str]:
    """The Locust command line for `spec` (queries go to a file it reads)."""
    queries_file = ""
    if spec.queries is not None:
        path = out_dir / "locust_queries.txt"
        path.write_text("".join(q.replace("\n", " ") + "\n" for q in spec.queries), "utf-8")
        queries_file = str(path)
    users = {name: count for name, count in spec.users().items() if count > 0}
    config = [{"user_class_name": name, "weight": count} for name, count in users.items()]
    argv = [sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--headless"]
    argv += ["--host", host, "-u", str(sum(users.values())), "-r", f"{spec.spawn_rate:g}"]
    argv += ["-t", f"{max(1, round(run_time_s))}s", "--stop-timeout", str(STOP_TIMEOUT_S)]
    argv += ["--csv", str(out_dir / "locust"), "--html", str(out_dir / "locust.html")]
    argv += ["--only-summary", "--exit-code-on-error", "0"]
    argv += ["--config-users", json.dumps(config)]
    if processes > 1:
        argv += ["--processes", str(processes)]
    argv += to_argv(spec.options(seed, queries_file))
    return [*argv, *users]


class LoadRun:
    """One Locust run in the background: `start()`, then `wait()` for its result."""

    def __init__(
        self,
        spec: LoadSpec,
        host: str,
        out_dir: Path,
        duration_s: float,
        *,
        seed: int = 1,
        processes: int = 1,
        ca_file: Path | None = None,
    ) -> None:
        self.spec = spec
        # Locust runs in out_dir: every path it is given must not depend on our cwd
        out_dir = out_dir.resolve()
        self.ca_file = ca_file.resolve() if ca_file is not None else None
        self.out_dir = out_dir
        self.log_path = out_dir / "locust.log"
        self.run_time_s = spec.for_ if spec.for_ is not None else max(1.0, duration_s - spec.at)
        self._argv = (host, seed, processes)
        self._process: subprocess.Popen[bytes] | None = None
        self._cancelled = threading.Event()
        self._lock = threading.Lock()  # start() in a thread, stop() from the runner: one wins
        self._start_returned = threading.Event()
        self._start_error: ToolError | None = None

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    def start(self) -> None:
        """Waits `spec.at` (unless stopped meanwhile), then starts Locust. Meant to run in
        a thread of its own when `at` is not 0; `wait()` waits for it."""
        try:
            self._start()
        except ToolError as err:
            self._start_error = err  # a start in a thread reports through wait()
            raise
        finally:
            self._start_returned.set()

    def _start(self) -> None:
        if self._cancelled.wait(self.spec.at):
            return
        host, seed, processes = self._argv
        self.out_dir.mkdir(parents=True, exist_ok=True)
        argv = locust_argv(
            self.spec, host, self.out_dir, self.run_time_s, seed=seed, processes=processes
        )
        env = {**os.environ, "PYTHONPATH": _pythonpath()}
        if self.ca_file is not None:
            env[CA_FILE_ENV] = str(self.ca_file)
        if self.ca_file is not None and not self.ca_file.is_file():
            raise ToolError(f"the CA file {self.ca_file} for Loki's certificate is missing")
        if not LOCUSTFILE.exists():
            raise ToolError(f"the locustfile {LOCUSTFILE} is missing (run from a source checkout)")
        with self._lock, self.log_path.open("ab") as log:
            if self._cancelled.is_set():
                return
            log.write(("$ " + " ".join(argv) + "\n").encode())
            log.flush()
            # A session of its own: Ctrl-C reaches lokisim, which stops Locust in order.
            self._process = subprocess.Popen(
                argv,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                cwd=self.out_dir,
                env=env,
                start_new_session=True,
            )

    def wait(self) -> LoadResult:
        """Blocks until Locust exits; its CSV parsed, or a ToolError naming the log."""
        self._start_returned.wait()
        if self._start_error is not None:
            raise self._start_error
        process = self._process
        if process is None:
            raise ToolError(f"the load test did not start; see {self.log_path}")
        deadline = self.run_time_s + STOP_TIMEOUT_S + STARTUP_S
        try:
            status = process.wait(timeout=deadline)
        except subprocess.TimeoutExpired:
            self.stop()
            raise ToolError(
                f"Locust ran {deadline:.0f}s past its start without exiting; see {self.log_path}"
            ) from None
        if status != 0:
            raise ToolError(f"Locust exited with status {status}; see {self.log_path}")
        return self.result()

    def result(self) -> LoadResult:
        stats_path = self.out_dir / "locust_stats.csv"
        try:
            requests = read_stats_csv(stats_path)
        except (OSError, LocustCsvError) as err:
            raise ToolError(f"no Locust statistics ({err}); see {self.log_path}") from None
        files = {
            "csv": str(stats_path),
            "html": str(self.out_dir / "locust.html"),
            "log": str(self.log_path),
        }
        errors = read_failures_csv(self.out_dir / "locust_failures.csv")
        return LoadResult(requests=requests, errors=errors, files=files)

    def stop(self, grace: float = 15.0) -> int | None:
        """SIGTERM (Locust writes its reports and exits), SIGKILL after `grace` seconds."""
        with self._lock:
            self._cancelled.set()
            process = self._process
        if process is None or process.poll() is not None:
            return None if process is None else process.returncode
        os.killpg(process.pid, signal.SIGTERM)
        try:
            return process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            return process.wait(timeout=5)


def run_load(
    spec: LoadSpec,
    host: str,
    out_dir: Path,
    duration_s: float,
    *,
    processes: int = 1,
    seed: int = 1,
) -> LoadResult:
    """Run the block to completion: `spec.at` seconds from now, for `spec.for_` seconds
    (default: the rest of `duration_s`), with `processes` Locust worker processes."""
    run = LoadRun(spec, host, out_dir, duration_s, seed=seed, processes=processes)
    try:
        run.start()
        return run.wait()
    finally:
        run.stop()  # nothing to do after a normal exit; after an error, no Locust left behind


CA_FILE_ENV = "LOKISIM_CA_FILE"  # loadtests/locustfile.py verifies an https Loki with it


def _pythonpath() -> str:
    current = os.environ.get("PYTHONPATH", "")
    return str(REPO) + (os.pathsep + current if current else "")
