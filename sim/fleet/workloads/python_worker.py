"""`python-worker`: a Python 3.11 queue worker using the logging module.

`logging.basicConfig(format="%(asctime)s %(levelname)s [%(name)s] %(message)s")`:
asctime is `2026-11-26 14:39:01,123` (comma before the millis), and StreamHandler
writes to stderr. `logger.exception` appends the traceback (`python_tracebacks.py`).
Third-party loggers (httpx, urllib3) print their own well-known messages; secrets leak
through reprs of dicts and os.environ, URLs in messages and exception texts.
"""

from __future__ import annotations

from typing import Any

from sim.fleet import secret_forms as tf
from sim.fleet.workloads import _pools
from sim.fleet.workloads import python_tracebacks as tb
from sim.fleet.workloads._base import BaseWorkload, FormTable, Render, Rendered, sized
from sim.fleet.workloads._clock import MILLIS, spaced_seconds
from sim.fleet.workloads._types import Emission

_TRACE_SHARE = 0.03
_RETRYING = (
    " WARNING [urllib3.connectionpool] Retrying (Retry(total=2, connect=None, read=None, "
    "redirect=None, status=None)) after connection broken by 'NewConnectionError('<urllib3."
    "connection.HTTPSConnection object at 0x7f3b2c1d0e50>: Failed to establish a new "
    "connection: [Errno 111] Connection refused')': /v1/charges%.0s"
)
_ENV_HEAD = "{'PATH': '/usr/local/bin:/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin'"
_ENV_TAIL = "'LANG': 'C.UTF-8', 'PYTHON_VERSION': '3.11.10', 'HOME': '/root'}"
_OK = '"HTTP/1.1 200 OK"'


class PythonWorker(BaseWorkload):
    name = "python-worker"

    def _setup(self, fake: Any) -> None:
        rng = self.rng
        self.module = module = f"{self.app.replace('-', '_')}.tasks"
        verbs = ("sync", "process", "export", "notify")
        resources = rng.sample(_pools.RESOURCES, 4)
        self.tasks = [f"{verb}_{res}" for verb, res in zip(verbs, resources, strict=True)]
        lines: list[str] = []  # after the timestamp; `%d` (or `%.0s`) takes a job number
        for task in self.tasks:
            lines += [f" INFO [{module}] Job %d: {task} started"] * 6
            took = f"0.{rng.randrange(10, 999):03d}s"
            lines += [f" INFO [{module}] Job %d: {task} finished in {took}"] * 6
            url = rng.choice(tf.VENDOR_APIS)
            lines += [f" INFO [httpx] HTTP Request: POST {url} {_OK}%.0s"] * 3
            lines.append(f" WARNING [{module}] Job %d: {task} retrying (attempt 2/5)")
        lines.append(_RETRYING)
        self.lines = sized(rng, lines, 7)
        self.tracebacks = tuple(self._traceback() for _ in range(16))
        self.job = rng.randrange(1000, 900000)
        self._sec = -1
        self._date = ""

    def _traceback(self) -> tuple[str, tuple[str, ...]]:
        """(message after the timestamp with `%d` for the job, traceback lines)."""
        rng, task = self.rng, self.rng.choice(self.tasks)
        head = f" ERROR [{self.module}] Job %d: {task} failed"
        if rng.random() < 0.5:
            return head, tb.connection_refused(rng, self.module, task)
        return head, tb.unique_violation(rng, self.module, task, rng.choice(_pools.RESOURCES))

    def _stamp(self, now: float) -> str:
        s = int(now)
        if s != self._sec:
            self._sec, self._date = s, spaced_seconds(s) + ","
        return self._date + MILLIS[int((now - s) * 1000)]

    def next(self, now: float) -> Emission:
        s = int(now)
        if s != self._sec:
            self._sec, self._date = s, spaced_seconds(s) + ","
        ts = self._date + MILLIS[int((now - s) * 1000)]
        self.job += 1
        if self.rng.random() >= _TRACE_SHARE:
            return Emission("stderr", (ts + self.lines[self.bits(7)] % (self.job - self.bits(3)),))
        head, trace = self.tracebacks[self.bits(4)]
        return Emission("stderr", (ts + head % self.job, *trace))

    # --- secrets --------------------------------------------------------------------

    def _say(self, now: float, level: str, logger: str, text: str) -> str:
        return f"{self._stamp(now)} {level} [{logger}] {text}"

    def _plain(self, now: float, text: str, marker: str) -> Emission:
        return Emission("stderr", (self._say(now, "DEBUG", self.module, f"Job {marker}: {text}"),))

    def _message(
        self,
        template: str,
        level: str = "INFO",
        logger: str = "",
        fragment: tf.Fragment | None = None,
    ) -> Render:
        """`template` holds `{v}` (the value) or `{f}` (a plain-text fragment)."""

        def render(now: float, value: str, marker: str) -> Rendered:
            text = template.replace("{f}", fragment(value, self.rng) if fragment else "")
            text = f"Job {marker}: " + text.replace("{v}", value)
            return (
                Emission("stderr", (self._say(now, level, logger or self.module, text),)),
                0,
                value,
            )

        return render

    def _environ(self, name: str, template: str = "{v}") -> Render:
        """`logger.debug("environment: %s", os.environ)`: the repr of os.environ."""

        def render(now: float, value: str, marker: str) -> Rendered:
            entries = f"'HOSTNAME': '{self.pod}', '{name}': '{template.replace('{v}', value)}'"
            text = f"Job {marker}: environment: environ({_ENV_HEAD}, {entries}, {_ENV_TAIL})"
            return Emission("stderr", (self._say(now, "DEBUG", self.module, text),)), 0, value

        return render

    def _http_error(self, now: float, value: str, marker: str) -> Rendered:
        head = self._say(now, "ERROR", self.module, f"Job {self.job}: quote refresh failed")
        url = f"https://api.vendor.io/v2/quotes?api_key={value}&request_id={marker}"
        lines = (head, *tb.http_error(self.rng, self.module, url))
        return Emission("stderr", lines), len(lines) - 1, value

    def _secret_forms(self) -> FormTable:
        m, env = self._message, self._environ
        settings = "settings: {'DB_HOST': 'postgres', 'DB_USER': 'app', 'DB_PASSWORD': '{v}'}"
        headers = "calling upstream, headers={'Authorization': 'Bearer {v}'}"
        mailgun = "https://api.mailgun.net/v3/mg.example.com/messages"
        broker = "connected to broker amqp://worker:{v}@rabbitmq.queue.svc:5672//"
        return {
            "postgres_password": (
                ("postgresql_url", m("connecting to {f}", fragment=tf.postgresql_url)),
                ("python_environ", env("DATABASE_URL", "postgres://app:{v}@postgres:5432/app")),
                ("python_dict", m(settings, "DEBUG")),
            ),
            "bearer_jwt": (("python_dict_header", m(headers, "DEBUG")),),
            "aws_secret_key": (
                ("python_environ", env("AWS_SECRET_ACCESS_KEY")),
                (
                    "credentials_file",
                    m("profile [default]: {f}", "DEBUG", fragment=tf.credentials_file),
                ),
            ),
            "api_key": (
                ("exception_url", self._http_error),
                ("python_dict_header", m("request headers: {'X-Api-Key': '{v}'}", "DEBUG")),
            ),
            "credit_card": (("message", m("charging card {v} for order 88213")),),
            "email": (
                ("message", m("sending welcome email to {v}")),
                (
                    "httpx_request",
                    m(f"HTTP Request: POST {mailgun}?to={{v}} {_OK}", logger="httpx"),
                ),
            ),
            "ipv4": (("message", m("rate limit exceeded for client {v}", "WARNING")),),
            "github_token": (("url_credential", m("cloning {f}", fragment=tf.github_clone_url)),),
            "password_field": (
                (
                    "python_dict",
                    m("login payload: {'username': 'admin', 'password': '{v}'}", "DEBUG"),
                ),
            ),
            "private_key": (("python_environ", env("JWT_PRIVATE_KEY")),),
            "slack_webhook": (
                ("httpx_request", m(f"HTTP Request: POST {{v}} {_OK}", logger="httpx")),
            ),
            "basic_auth_url": (("amqp_url", m(broker)),),
        }
