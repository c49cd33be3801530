"""`java`: a Spring Boot 2.7 service logging with Boot's default logback console pattern.

Lines follow `spring.py`; `%wEx` surrounds a stack trace with line separators, so a
blank line follows the message and another ends the trace. A few percent of writes are
such errors; now and then an uncaught exception reaches stderr through the JVM's
default handler (`java_errors.py`). Secrets are logged as Spring apps leak them:
CommonsRequestLoggingFilter dumps, property reports, exception messages.
"""

from __future__ import annotations

import re
from typing import Any

from sim.fleet import secret_forms as tf
from sim.fleet.workloads import _pools, java_errors
from sim.fleet.workloads._base import BaseWorkload, FormTable, Render, Rendered, sized
from sim.fleet.workloads._clock import MILLIS, spaced_seconds
from sim.fleet.workloads._types import Emission
from sim.fleet.workloads.java_traces import REQUEST_STACK, TraceBuilder
from sim.fleet.workloads.spring import BANNER, boot_steps, prefix

_TRACE_SHARE = 0.03  # of writes: an error with its stack trace
_STDERR_SHARE = 0.003  # of writes: an uncaught exception printed by the JVM
_REQUEST_FILTER = "org.springframework.web.filter.CommonsRequestLoggingFilter"
_SQL_HELPER = "org.hibernate.engine.jdbc.spi.SqlExceptionHelper"
_HOUSEKEEPER = "HikariPool-1 - Thread starvation or clock leap detected (housekeeper delta=1m%ds)."


class Java(BaseWorkload):
    name = "java"

    def _setup(self, fake: Any) -> None:
        rng = self.rng
        org = re.sub(r"[^a-z]", "", fake.domain_word().lower()) or "acme"
        ident = re.sub(r"[^a-z0-9]", "", self.app.lower()) or "app"
        ident = ident if ident[0].isalpha() else "app" + ident
        self.pkg = pkg = f"com.{org}.{ident}"
        self.main_class = f"{pkg}.{ident.capitalize()}Application"
        plural = rng.sample(_pools.RESOURCES, 3)
        resources = [(r[:-1] if r.endswith("s") else r).capitalize() for r in plural]
        classes = [(f"{pkg}.client.PaymentClient", "charge")]
        for res in resources:
            classes += [(f"{pkg}.web.{res}Controller", m) for m in (f"get{res}", f"create{res}")]
            classes += [(f"{pkg}.service.{res}Service", m) for m in ("place", "findById", "update")]
        self.traces = TraceBuilder(rng, classes)
        execs = [f"http-nio-8080-exec-{i}" for i in range(1, 11)]
        lines: list[tuple[str, int]] = []  # (prefix + message with one %d, bits for it)
        for res, table in zip(resources, plural, strict=True):
            ctl, svc, alias = f"{pkg}.web.{res}Controller", f"{pkg}.service.{res}Service", res[0]
            select = f"select {alias}0_.id as id1_0_, {alias}0_.status as status2_0_ from {table}"
            for thread in execs:
                lines += [(prefix("INFO", thread, ctl) + f"GET /api/{table}/%d -> 200", 16)] * 3
                lines.append((prefix("INFO", thread, svc) + f"{res} %d created", 20))
                lines.append((prefix("WARN", thread, svc) + f"{res} %d not found", 20))
                sql = f"{select} {alias}0_ where {alias}0_.id=?"
                lines.append((prefix("DEBUG", thread, "org.hibernate.SQL") + sql, 0))
        publisher = prefix("INFO", "scheduling-1", f"{pkg}.jobs.OutboxPublisher")
        lines += [(publisher + "Published %d outbox events", 5)] * 12
        pool = prefix("WARN", "HikariPool-1 housekeeper", "com.zaxxer.hikari.pool.HikariPool")
        lines.append((pool + _HOUSEKEEPER, 5))
        lines.append((prefix("WARN", execs[2], _SQL_HELPER) + "SQL Error: 0, SQLState: 23505", 0))
        lines.append(
            (prefix("ERROR", execs[2], _SQL_HELPER) + java_errors.hibernate_duplicate(), 16)
        )
        self.lines = sized(rng, lines, 10)
        errors = [
            java_errors.request_failure(self.traces, pkg, rng.choice(execs)) for _ in range(20)
        ]
        errors += [java_errors.job_failure(self.traces, pkg) for _ in range(12)]
        self.error_traces = tuple(errors)
        self.stderr_traces = tuple(java_errors.uncaught(self.traces) for _ in range(4))
        self._sec = -1
        self._date = ""

    def _stamp(self, now: float) -> str:
        s = int(now)
        if s != self._sec:
            self._sec, self._date = s, spaced_seconds(s) + "."
        return self._date + MILLIS[int((now - s) * 1000)]

    def _boot_lines(self, now: float) -> list[Emission]:
        ts = self._stamp(now)
        steps = boot_steps(self.main_class, self.pod, self.rng)
        lines = [
            Emission("stdout", (ts + prefix("INFO", "main", who) + text,)) for who, text in steps
        ]
        return [Emission("stdout", BANNER), *lines]

    def next(self, now: float) -> Emission:
        if self.booting and (boot := self._boot(now)) is not None:
            return boot
        s = int(now)
        if s != self._sec:
            self._sec, self._date = s, spaced_seconds(s) + "."
        ts = self._date + MILLIS[int((now - s) * 1000)]
        r = self.rng.random()
        if r >= _TRACE_SHARE:
            template, nbits = self.lines[self.bits(10)]
            text = ts + (template % self.bits(nbits) if nbits else template)
            return Emission("stdout", tuple(text.split("\n")) if "\n" in text else (text,))
        if r < _STDERR_SHARE:
            return Emission("stderr", self.stderr_traces[self.bits(2)])
        head, trace = self.error_traces[self.bits(5)]
        return Emission("stdout", (ts + head, "", *trace, ""))

    # --- secrets --------------------------------------------------------------------

    def _say(self, now: float, level: str, thread: str, logger: str, text: str) -> str:
        return self._stamp(now) + prefix(level, thread, logger.replace("PKG", self.pkg)) + text

    def _plain(self, now: float, text: str, marker: str) -> Emission:
        text = f"[requestId={marker}] {text}"
        line = self._say(now, "INFO", "http-nio-8080-exec-4", "PKG.service.AuditService", text)
        return Emission("stdout", (line,))

    def _message(
        self, logger: str, template: str, level: str = "INFO", fragment: tf.Fragment | None = None
    ) -> Render:
        """A one-line message: `template` holds `{v}` (or `{f}` for a text fragment)."""

        def render(now: float, value: str, marker: str) -> Rendered:
            text = template.replace("{f}", fragment(value, self.rng) if fragment else "")
            text = f"[requestId={marker}] " + text.replace("{v}", value)
            line = self._say(now, level, "http-nio-8080-exec-7", logger, text)
            return Emission("stdout", (line,)), 0, value

        return render

    def _request_log(self, method: str, detail: str, client: str = "") -> Render:
        """CommonsRequestLoggingFilter with client info, headers and payload switched on."""

        def render(now: float, value: str, marker: str) -> Rendered:
            ip = value if client == "{v}" else _pools.pod_ip(self.rng)
            request = f"{method} /api/v1/session?rid={marker}, client={ip}"
            text = f"After request [{request}, {detail.replace('{v}', value)}]"
            line = self._say(now, "DEBUG", "http-nio-8080-exec-2", _REQUEST_FILTER, text)
            return Emission("stdout", (line,)), 0, value

        return render

    def _exception(self, exception: str, template: str) -> Render:
        """A logged error whose exception message carries the value and the marker."""

        def render(now: float, value: str, marker: str) -> Rendered:
            head = f"{exception}: {template.replace('{v}', value)} (requestId={marker})"
            trace = self.traces.logback(head, REQUEST_STACK[4:16], [])
            handler = "PKG.web.ApiExceptionHandler"
            first = self._say(now, "ERROR", "http-nio-8080-exec-5", handler, "Request failed")
            return Emission("stdout", (first, "", *trace, "")), 2, value

        return render

    def _secret_forms(self) -> FormTable:
        m, r = self._message, self._request_log
        cfg = "PKG.config.StartupReport"
        jdbc = "org.springframework.jdbc.datasource.DriverManagerDataSource"
        connect = "Creating new JDBC DriverManager Connection to [{f}]"
        bearer = 'headers=[host:"api:8080", authorization:"Bearer {v}", accept:"application/json"]'
        not_found = "org.springframework.security.core.userdetails.UsernameNotFoundException"
        payload = 'payload={"username":"admin","password":"{v}"}'
        search = "Elasticsearch client initialised for {f}"
        return {
            "postgres_password": (
                ("jdbc_url", m(jdbc, connect, "DEBUG", tf.jdbc_url)),
                ("property", m(cfg, "spring.datasource.password={v}")),
                (
                    "postgres_url",
                    m("PKG.config.DataSourceConfig", "DATABASE_URL {f}", "INFO", tf.postgres_url),
                ),
            ),
            "bearer_jwt": (("request_logging_filter", r("GET", bearer)),),
            "aws_secret_key": (
                ("property", m(cfg, "cloud.aws.credentials.secret-key={v}")),
                ("env_dump", m(cfg, "AWS_SECRET_ACCESS_KEY={v}")),
            ),
            "api_key": (
                ("request_logging_filter", r("GET", 'headers=[host:"api:8080", x-api-key:"{v}"]')),
                ("property", m(cfg, "payment.gateway.api-key={v}")),
            ),
            "credit_card": (
                (
                    "exception_message",
                    self._exception("java.lang.IllegalArgumentException", "Card {v} is invalid"),
                ),
                ("message", m("PKG.client.PaymentClient", "Charging card {v} for 42.99 EUR")),
            ),
            "email": (
                ("exception_message", self._exception(not_found, "No user with email {v}")),
                ("message", m("PKG.service.NotificationService", "Sending receipt to {v}")),
            ),
            "ipv4": (("request_logging_filter", r("POST", "payload={}", client="{v}")),),
            "password_field": (("request_logging_filter", r("POST", payload)),),
            "private_key": (("property", m(cfg, "jwt.signing-key={v}")),),
            "slack_webhook": (("property", m(cfg, "alerting.slack.webhook-url={v}")),),
            "basic_auth_url": (
                ("basic_auth_url", m("PKG.config.SearchConfig", search, "INFO", tf.userinfo_url)),
            ),
        }
