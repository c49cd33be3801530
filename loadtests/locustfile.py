"""Push and query load straight at Loki (the embedded one or a real one).

    locust -f loadtests/locustfile.py --host http://127.0.0.1:3100            # web UI
    locust -f loadtests/locustfile.py --host http://127.0.0.1:3100 --headless \\
        -u 10 -r 5 -t 1m --csv runs/load --html runs/load.html
    locust -f loadtests/locustfile.py --host ... --shape spike -u 4 -t 2m      # a shape

PushUser sends snappy-compressed protobuf batches of the homelab's streams (prebuilt at
startup; each push only stamps a timestamp and compresses); QueryUser sends what Grafana
sends for the ADR's queries. Both report through Locust's request event: a 429 is
reported with request type RATE_LIMITED, not as a failure; for pushes the "size" column
is the line bytes pushed (what Loki's ingestion rate limit counts), not the response
size. Options (`--streams`, `--line-format`, `--shape`, ...; each also a LOKISIM_LOAD_*
environment variable and a field of the web UI's custom parameters) are listed in
loadtests/README.md and docs/load.md: Locust 2.47's --help does not show a locustfile's own.
"""

from __future__ import annotations

import importlib.util
import os
import random
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from geventhttpclient import HTTPClient
from locust import User, events, task
from locust.env import Environment
from locust.exception import LocustError

from sim.load import options as load_options
from sim.load.client import (
    CONTENT_TYPE,
    FAILED,
    PUSH_PATH,
    RATE_LIMITED,
    TYPE_RATE_LIMITED,
    PushTemplate,
    outcome,
)
from sim.load.options import LoadOptions
from sim.load.queries import QueryPlan

PUSH_TIMEOUT_S = 10.0  # Promtail's client timeout default
QUERY_TIMEOUT_S = 60.0  # the ADR's Grafana data source timeout (section 7)
USER_AGENT = "lokisim-load"


class LokiHttp:
    """The one seam to Loki: every call fires Locust's request event, a 429 as RATE_LIMITED."""

    def __init__(self, environment: Environment, base_url: str, timeout_s: float) -> None:
        parts = urlsplit(base_url)
        # an https Loki whose certificate chains to a private CA (a run's throwaway one)
        ca_file = os.environ.get("LOKISIM_CA_FILE")
        self._client = HTTPClient.from_url(
            base_url,
            concurrency=1,
            connection_timeout=10.0,
            network_timeout=timeout_s,
            headers={"User-Agent": USER_AGENT},
            ssl_options={"ca_certs": ca_file} if ca_file and parts.scheme == "https" else None,
        )
        self._prefix = parts.path.rstrip("/")
        self._fire = environment.events.request.fire

    def call(
        self,
        method: str,
        name: str,
        path: str,
        *,
        body: bytes = b"",
        headers: dict[str, str] | None = None,
        size: int | None = None,
    ) -> str:
        """Send one request and report it; returns ok, rate_limited or failed."""
        started = time.time()
        clock = time.perf_counter()
        error: Exception | str | None = None  # Locust shows a str as is, an exception's repr
        status, content = 0, b""
        try:
            response = self._client.request(method, self._prefix + path, body, headers or {})
            content = response.read()
            status = response.status_code
        except Exception as err:
            error = err
        elapsed_ms = (time.perf_counter() - clock) * 1000
        kind = FAILED if error is not None else outcome(status)
        if kind == FAILED and error is None:
            first = content.decode("utf-8", "replace").strip().split("\n", 1)[0][:200]
            error = f"HTTP {status}: {first}"
        self._fire(
            request_type=TYPE_RATE_LIMITED if kind == RATE_LIMITED else method,
            name=name,
            response_time=elapsed_ms,
            response_length=len(content) if size is None else size,
            exception=error,
            context={},
            response=None,
            start_time=started,
            url=path,
        )
        return kind

    def close(self) -> None:
        self._client.close()


events.init_command_line_parser.add_listener(load_options.add_arguments)


def _settings(environment: Environment) -> LoadOptions:
    parsed = environment.parsed_options
    return LoadOptions() if parsed is None else load_options.from_namespace(parsed)


_TEMPLATES: dict[LoadOptions, list[PushTemplate]] = {}


def _templates(settings: LoadOptions) -> list[PushTemplate]:
    """Built once per process and setting (the first user pays; gevent runs it uninterrupted)."""
    from sim.load.payloads import build_templates

    key = LoadOptions(**_payload_fields(settings))
    if key not in _TEMPLATES:
        _TEMPLATES.clear()
        _TEMPLATES[key] = build_templates(key)
    return _TEMPLATES[key]


def _payload_fields(settings: LoadOptions) -> dict[str, Any]:
    names = ("streams", "line_size", "line_format", "batch_bytes", "seed")
    return {name: getattr(settings, name) for name in names}


def _queries(settings: LoadOptions) -> list[str]:
    if not settings.queries_file:
        from sim.adr import adr_query_strings

        return list(adr_query_strings())
    text = Path(settings.queries_file).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _host(user: User) -> str:
    if not user.host:
        raise LocustError("no Loki address: pass --host http://HOST:3100 (or set it in the UI)")
    return user.host


class _PacedUser(User):
    """Starts a task every `pace` seconds (Locust's constant_pacing, with a live setting)."""

    abstract = True
    pace = 1.0
    _started = 0.0
    _count = 0  # users of this class started in this process: spreads tenants and pods

    def wait_time(self) -> float:
        return max(0.0, self.pace - (time.monotonic() - self._started))

    def _index(self) -> int:
        """This user's number: users of a class in turn, offset by the worker's index so
        distributed workers do not all start with the same tenant and pod suffix."""
        cls = type(self)
        cls._count += 1
        worker = max(0, int(getattr(self.environment.runner, "worker_index", 0) or 0))
        return cls._count - 1 + worker


class PushUser(_PacedUser):
    """One Promtail-like client: a batch every --push-wait seconds, to one tenant."""

    def on_start(self) -> None:
        settings = _settings(self.environment)
        self.templates = _templates(settings)
        self.cardinality = settings.label_cardinality
        index = self._index()
        self.pushes = index  # offsets the pod suffixes and templates users start from
        tenants = settings.tenants
        self.headers = {"Content-Type": CONTENT_TYPE}
        if tenants:
            self.headers["X-Scope-OrgID"] = tenants[index % len(tenants)]
        self.pace = settings.push_wait
        self.loki = LokiHttp(self.environment, _host(self), PUSH_TIMEOUT_S)

    def on_stop(self) -> None:
        self.loki.close()

    @task
    def push(self) -> None:
        self._started = time.monotonic()
        template = self.templates[self.pushes % len(self.templates)]
        body = template.body(time.time_ns(), self.pushes % self.cardinality)
        self.pushes += 1
        self.loki.call(
            "POST", "push", PUSH_PATH, body=body, headers=self.headers, size=template.line_bytes
        )


class QueryUser(_PacedUser):
    """Grafana in front of one person: a request every --query-wait seconds."""

    def on_start(self) -> None:
        settings = _settings(self.environment)
        index = self._index()
        rng = random.Random(settings.seed * 7919 + index)
        self.plan = QueryPlan(
            _queries(settings), settings.query_endpoints, settings.query_range, rng
        )
        tenants = settings.tenants
        self.headers = {"X-Scope-OrgID": tenants[index % len(tenants)]} if tenants else {}
        self.pace = settings.query_wait
        self.loki = LokiHttp(self.environment, _host(self), QUERY_TIMEOUT_S)

    def on_stop(self) -> None:
        self.loki.close()

    @task
    def query(self) -> None:
        self._started = time.monotonic()
        call = self.plan.next(time.time_ns())
        headers = {**self.headers, **dict(call.headers)}
        self.loki.call("GET", call.name, call.url(), headers=headers)


def _import_shapes() -> Any:
    """loadtests/shapes.py, imported by path: it holds no active shape until chosen."""
    spec = importlib.util.spec_from_file_location(
        "lokisim_loadtest_shapes", Path(__file__).with_name("shapes.py")
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


_WANTED = load_options.wanted_shapes(sys.argv[1:], os.environ)
if _WANTED:  # Locust runs the shape classes it finds here
    globals().update(_import_shapes().activated(_WANTED))
_ENVIRONMENTS: list[Environment] = []


@events.init.add_listener
def _remember(environment: Environment, **_: Any) -> None:
    try:
        _settings(environment)  # options each valid alone may not fit together
    except ValueError as err:
        sys.exit(f"lokisim load: {err}")
    _ENVIRONMENTS.append(environment)


@events.quit.add_listener
def _final_csv(**_: Any) -> None:
    """Locust rewrites its --csv files once a second and not at exit, so a run's last
    second is missing from them; one more pass of its writer, now that every user has
    stopped, makes them final."""
    import gevent
    from locust.runners import WorkerRunner
    from locust.stats import CSV_STATS_INTERVAL_SEC

    for environment in _ENVIRONMENTS:
        parsed = environment.parsed_options
        wrote_csv = parsed is not None and getattr(parsed, "csv_prefix", None)
        if wrote_csv and not isinstance(environment.runner, WorkerRunner):
            gevent.sleep(CSV_STATS_INTERVAL_SEC + 0.25)
            return
