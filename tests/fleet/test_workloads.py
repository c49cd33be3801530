"""What the emulated pods print (sim/fleet/workloads/): formats, determinism, secrets."""

from __future__ import annotations

import json
import random
import re
import string
from collections.abc import Callable, Iterator

import pytest
import re2

from sim.fleet.secret_forms import TEXT_FORMS
from sim.fleet.secrets import SECRET_KINDS
from sim.fleet.workloads import Emission, make_workload, workload_names
from sim.fleet.workloads._base import BaseWorkload
from sim.fleet.workloads.logfmt_worker import go_duration
from sim.fleet.workloads.spring import abbreviate, prefix

T0 = 1_764_168_000.0  # 2025-11-26T14:40:00Z
# (workload, app): kube-system prints CoreDNS's query log for a coredns app, klog otherwise.
FLAVOURS = [(name, "orders") for name in workload_names() if name != "kube-system"]
FLAVOURS += [("kube-system", "kube-proxy"), ("kube-system", "coredns")]
FLAVOUR_IDS = [f"{name}/{app}" for name, app in FLAVOURS]


def build(name: str, app: str, seed: int = 11) -> BaseWorkload:
    workload = make_workload(
        name, app=app, pod=f"{app}-7d9f8c6b5-x2x4q", namespace="prod", seed=seed
    )
    assert isinstance(workload, BaseWorkload)
    return workload


def run(workload: BaseWorkload, n: int, step: float = 0.0123) -> Iterator[Emission]:
    for i in range(n):
        yield workload.next(T0 + i * step)


def booted(name: str, app: str, seed: int = 11) -> BaseWorkload:
    """A workload past its startup banner."""
    workload = build(name, app, seed)
    while workload.booting:
        workload.next(T0)
    return workload


# --- format checkers: each returns None when the emission is well-formed ----------------

LOGFMT_PAIR = re.compile(r'([A-Za-z_][\w.\-]*)=("(?:[^"\\]|\\.)*"|[^ "]*)(?: |$)')


def logfmt(line: str) -> dict[str, str]:
    """go-logfmt's grammar: space-separated key=value, values bare or strconv-quoted."""
    pairs: dict[str, str] = {}
    at = 0
    while at < len(line):
        match = LOGFMT_PAIR.match(line, at)
        assert match is not None, f"not logfmt at {at}: {line!r}"
        pairs.setdefault(match.group(1), match.group(2))
        at = match.end()
    return pairs


def check_json_api(e: Emission) -> None:
    # zap production encoder: level, ts, caller, msg first (zapcore.EncoderConfig order).
    (line,) = e.lines
    entry = json.loads(line)
    assert list(entry)[:4] == ["level", "ts", "caller", "msg"], line
    assert entry["level"] in ("debug", "info", "warn", "error")
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", entry["ts"])
    if "method" in entry and "remote_addr" in entry:
        keys = {"trace_id", "span_id", "method", "path", "status", "duration_ms", "user_agent"}
        assert keys <= set(entry), line


# nginx ngx_http_log_module, the predefined `combined` format.
NGINX_COMBINED = re.compile(
    r"(?P<addr>[\d.]+) - (?P<user>\S+) \[(?P<time>\d\d/[A-Z][a-z]{2}/\d{4}:\d\d:\d\d:\d\d [+-]\d{4})\] "
    r'"(?P<request>[^"]*)" (?P<status>\d{3}) (?P<bytes>\d+) "(?P<referer>[^"]*)" "(?P<agent>[^"]*)"'
)
# nginx src/core/ngx_log.c: `YYYY/MM/DD HH:MM:SS [level] pid#tid: *cid message`.
NGINX_ERROR = re.compile(
    r"\d{4}/\d\d/\d\d \d\d:\d\d:\d\d \[(debug|info|notice|warn|error|crit|alert|emerg)\] "
    r"\d+#\d+: (\*\d+ )?\S.*"
)


def check_nginx(e: Emission) -> None:
    (line,) = e.lines
    pattern = NGINX_COMBINED if e.stream == "stdout" else NGINX_ERROR
    assert pattern.fullmatch(line), line


# spring-boot DefaultLogbackConfiguration CONSOLE_LOG_PATTERN, PID 1.
SPRING_LINE = re.compile(
    r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} (ERROR| WARN| INFO|DEBUG|TRACE) 1 --- "
    r"\[[ -~]{15}\] [ -~]{40} : .*"
)
JAVA_EXCEPTION = re.compile(r"([a-z][\w$]*\.)+[A-Z][\w$]*(: .*)?")


def check_java(e: Emission) -> None:
    lines = e.lines
    if e.stream == "stderr":  # ThreadGroup.uncaughtException + Throwable.printStackTrace
        assert re.fullmatch(r'Exception in thread "[^"]+" \S+: .*', lines[0]), lines[0]
        for line in lines[1:]:
            assert re.match(r"\tat |Caused by: |\t\.\.\. \d+ more$", line), line
        return
    assert SPRING_LINE.fullmatch(lines[0]), lines[0]
    if len(lines) == 2:  # PgJDBC's server message: "  Detail: ..." on its own line
        assert lines[1].startswith("  Detail: "), lines
    elif len(lines) > 2:  # %wEx: blank line, exception, frames and causes, blank line
        assert lines[1] == "" and lines[-1] == "", lines[:3]
        assert JAVA_EXCEPTION.fullmatch(lines[2]), lines[2]
        for line in lines[3:-1]:
            assert re.match(
                r"\tat |Caused by: |\t\.\.\. \d+ common frames omitted$|  Detail: ", line
            ), line


def check_logfmt_worker(e: Emission) -> None:
    # log/slog TextHandler: time, level, msg, then attributes.
    (line,) = e.lines
    pairs = logfmt(line)
    assert list(pairs)[:3] == ["time", "level", "msg"], line
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", pairs["time"])
    assert pairs["level"] in ("DEBUG", "INFO", "WARN", "ERROR")


# PostgreSQL's default log_line_prefix '%m [%p] ' (postgresql.conf.sample) and elog.c's
# severity labels followed by two spaces; autovacuum reports continue on tab lines.
PG_LINE = re.compile(
    r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} UTC \[(\d+)\] "
    r"(LOG|ERROR|FATAL|PANIC|WARNING|DETAIL|HINT|STATEMENT|CONTEXT):  \S.*"
)


def check_postgres(e: Emission) -> None:
    first = PG_LINE.fullmatch(e.lines[0])
    assert first, e.lines[0]
    for line in e.lines[1:]:
        if not line.startswith("\t"):
            match = PG_LINE.fullmatch(line)
            assert match and match.group(1) == first.group(1), line  # same backend
            assert match.group(2) in ("DETAIL", "HINT", "STATEMENT", "CONTEXT"), line


# k8s.io/klog/v2 header: Lmmdd hh:mm:ss.uuuuuu threadid file:line] msg
KLOG = re.compile(r"[IWEF]\d{4} \d\d:\d\d:\d\d\.\d{6} {7}1 [\w./-]+:\d+\] \S.*")
# CoreDNS plugin/log default format, and plugin/errors.
COREDNS = re.compile(
    r'\[INFO\] [\d.]+:\d+ - \d+ "(A|AAAA) IN \S+\. (udp|tcp) \d+ (true|false) \d+" '
    r"(NOERROR|NXDOMAIN|SERVFAIL) [a-z,]+ \d+ \d+(\.\d+)?s"
    r"|\[ERROR\] plugin/errors: \d+ \S+ [A-Z]+: .+"
    r"|\[WARNING\] plugin/\w+: .+"
)


def check_kube_system(e: Emission) -> None:
    (line,) = e.lines
    assert (KLOG if e.stream == "stderr" else COREDNS).fullmatch(line), line


PYTHON_LINE = re.compile(
    r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} (DEBUG|INFO|WARNING|ERROR|CRITICAL) \[[\w.]+\] \S.*"
)
# CPython Lib/traceback.py: headers, frames, source and caret lines, chaining separators,
# and the final exception line (whose message may continue on lines of its own).
TRACEBACK = re.compile(
    r"Traceback \(most recent call last\):|  File \".+\", line \d+, in \w+|    .+|"
    r"|The above exception was the direct cause of the following exception:"
    r"|([a-z_]\w*\.)*[A-Z]\w*(Error|Exception|Violation): .+"
    r"|DETAIL:  .+|\[SQL: .+\]|\[parameters: .+\]|\(Background on this error at: .+\)"
)


def check_python_worker(e: Emission) -> None:
    assert PYTHON_LINE.fullmatch(e.lines[0]), e.lines[0]
    if len(e.lines) > 1:
        assert e.lines[1] == "Traceback (most recent call last):"
        assert re.match(r"([a-z_]\w*\.)*[A-Z]\w*(Error|Exception)", e.lines[-1]) or e.lines[
            -1
        ].startswith("(Background")
        for line in e.lines[1:]:
            assert TRACEBACK.fullmatch(line), line


# redis src/server.c serverLogRaw: "pid:role dd Mon yyyy hh:mm:ss.mmm <level> msg".
REDIS = re.compile(r"\d+:[MCSX] \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d\.\d{3} [.\-*#] \S.*")


def check_redis(e: Emission) -> None:
    (line,) = e.lines
    assert REDIS.fullmatch(line), line


def check_grafana(e: Emission) -> None:
    (line,) = e.lines
    pairs = logfmt(line)
    assert next(iter(pairs)) == "logger" and {"t", "level", "msg"} <= set(pairs), line
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z", pairs["t"])


def check_payload_dump(e: Emission) -> None:
    # pino's default keys: level (a number), time (epoch ms), pid, hostname, then msg.
    (line,) = e.lines
    entry = json.loads(line)
    assert list(entry)[:4] == ["level", "time", "pid", "hostname"] and "msg" in entry, line[:200]


def check_prometheus(e: Emission) -> None:
    (line,) = e.lines
    pairs = logfmt(line)
    assert next(iter(pairs)) == "ts" and {"caller", "level", "msg"} <= set(pairs), line


CHECKERS: dict[str, Callable[[Emission], None]] = {
    "json-api": check_json_api,
    "nginx": check_nginx,
    "java": check_java,
    "logfmt-worker": check_logfmt_worker,
    "postgres": check_postgres,
    "kube-system": check_kube_system,
    "python-worker": check_python_worker,
    "redis": check_redis,
    "grafana": check_grafana,
    "prometheus": check_prometheus,
    "payload-dump": check_payload_dump,
}
# Writes per format check: payload-dump's lines run to hundreds of KiB.
VOLUME = {"payload-dump": 300}


# --- registry --------------------------------------------------------------------------


def test_the_public_workload_names_exist() -> None:
    # The brief's list of names scenario files use.
    required = {"json-api", "nginx", "java", "logfmt-worker", "postgres", "kube-system"}
    required |= {"python-worker", "redis"}
    assert required <= set(workload_names())
    assert set(CHECKERS) == set(workload_names())  # every workload has a format check here


def test_unknown_workload_lists_the_valid_names() -> None:
    with pytest.raises(ValueError, match=r"unknown workload 'cobol'.*json-api.*nginx"):
        make_workload("cobol", app="a", pod="a-1", namespace="n", seed=1)


@pytest.mark.parametrize(("name", "app"), FLAVOURS, ids=FLAVOUR_IDS)
def test_same_seed_same_emissions_other_seed_other_emissions(name: str, app: str) -> None:
    first = list(run(build(name, app, seed=5), 400))
    assert first == list(run(build(name, app, seed=5), 400))
    assert first != list(run(build(name, app, seed=6), 400))


# --- formats ---------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "app"), FLAVOURS, ids=FLAVOUR_IDS)
def test_every_emission_is_well_formed(name: str, app: str) -> None:
    workload = booted(name, app)
    assert workload.name == name
    for emission in run(workload, VOLUME.get(name, 10_000)):
        assert emission.stream in ("stdout", "stderr")
        assert emission.lines and all("\n" not in x and "\r" not in x for x in emission.lines)
        CHECKERS[name](emission)


# The timestamp each format prints for 2025-11-26T14:40:00.125Z (0.125 is exact in binary).
STAMPS = {
    ("json-api", "stderr"): '"ts":"2025-11-26T14:40:00.125Z"',
    ("nginx", "stdout"): "[26/Nov/2025:14:40:00 +0000]",
    ("nginx", "stderr"): "2025/11/26 14:40:00 [",
    ("java", "stdout"): "2025-11-26 14:40:00.125 ",
    ("logfmt-worker", "stderr"): "time=2025-11-26T14:40:00.125Z ",
    ("postgres", "stderr"): "2025-11-26 14:40:00.125 UTC [",
    ("kube-system", "stderr"): "1126 14:40:00.125000       1 ",
    ("python-worker", "stderr"): "2025-11-26 14:40:00,125 ",
    ("redis", "stdout"): " 26 Nov 2025 14:40:00.125 ",
    ("grafana", "stdout"): " t=2025-11-26T14:40:00.125000000Z ",
    ("prometheus", "stderr"): "ts=2025-11-26T14:40:00.125Z ",
    ("payload-dump", "stdout"): '"time":1764168000125,',
}


@pytest.mark.parametrize(("name", "app"), FLAVOURS, ids=FLAVOUR_IDS)
def test_timestamps_derive_from_now(name: str, app: str) -> None:
    workload = booted(name, app)
    stamped = 0
    for _ in range(300):
        emission = workload.next(T0 + 0.125)
        stamp = STAMPS.get((name, emission.stream))
        if app == "coredns" or (name == "java" and emission.stream == "stderr"):
            continue  # CoreDNS's query log and the JVM's uncaught handler print no time
        assert stamp is not None and stamp in emission.lines[0], emission.lines[0]
        stamped += 1
    assert stamped > 250 or app == "coredns"


@pytest.mark.parametrize(
    ("name", "first"),
    [
        ("nginx", "/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty"),  # docker-nginx
        ("java", ""),  # Spring Boot prints its banner, which opens with a blank line
        ("postgres", "LOG:  starting PostgreSQL 16"),  # postmaster startup
        ("redis", "WARNING Memory overcommit must be enabled!"),  # redis 7 on a default host
    ],
)
def test_programs_start_with_their_banner(name: str, first: str) -> None:
    emission = build(name, "orders").next(T0)
    assert first in emission.lines[0]


# --- multi-line errors -----------------------------------------------------------------


@pytest.mark.parametrize("name", ["java", "python-worker"])
def test_stack_traces_are_a_few_percent_of_writes_and_10_to_60_lines(name: str) -> None:
    # The brief: "a few percent of emissions ... are multi-line traces (10-60 lines)".
    traces = [e for e in run(booted(name, "orders"), 10_000) if len(e.lines) > 2]
    assert 100 <= len(traces) <= 600
    assert all(10 <= len(e.lines) <= 60 for e in traces)


# Spring Boot console lines as the real services print them (logback's
# TargetLengthBasedClassNameAbbreviator at 39, then %-40.40 cutting from the left).
@pytest.mark.parametrize(
    ("logger", "shown"),
    [
        ("org.springframework.web.servlet.DispatcherServlet", "o.s.web.servlet.DispatcherServlet"),
        (
            "org.apache.catalina.core.ContainerBase.[Tomcat].[localhost].[/].[dispatcherServlet]",
            "o.a.c.c.C.[.[.[/].[dispatcherServlet]",
        ),
        ("org.apache.catalina.core.StandardService", "o.apache.catalina.core.StandardService"),
        ("org.apache.catalina.core.StandardEngine", "org.apache.catalina.core.StandardEngine"),
        (
            "org.springframework.boot.web.embedded.tomcat.TomcatWebServer",
            "o.s.b.w.embedded.tomcat.TomcatWebServer",
        ),
        ("com.zaxxer.hikari.HikariDataSource", "com.zaxxer.hikari.HikariDataSource"),
    ],
)
def test_logger_abbreviation_matches_spring_boot_output(logger: str, shown: str) -> None:
    assert abbreviate(logger) == shown


@pytest.mark.parametrize(
    ("level", "thread", "logger", "expected"),
    [
        (
            "INFO",
            "http-nio-8080-exec-10",
            "org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext",
            "  INFO 1 --- [io-8080-exec-10] w.s.c.ServletWebServerApplicationContext : ",
        ),
        (
            "ERROR",
            "main",
            "org.springframework.boot.SpringApplication",
            " ERROR 1 --- [           main] o.s.boot.SpringApplication               : ",
        ),
    ],
)
def test_spring_line_prefix(level: str, thread: str, logger: str, expected: str) -> None:
    assert prefix(level, thread, logger) == expected


# Go's time.Duration.String (src/time/time.go), as slog and go-kit print durations.
@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (1e-9, "1ns"),
        (1.5e-6, "1.5µs"),
        (0.0852, "85.2ms"),
        (1.5, "1.5s"),
        (2.0, "2s"),
        (90.0, "1m30s"),
        (3600.0, "1h0m0s"),
        (3723.5, "1h2m3.5s"),
    ],
)
def test_go_duration_strings(seconds: float, text: str) -> None:
    assert go_duration(seconds) == text


# --- secrets ---------------------------------------------------------------------------


def markers(seed: int) -> Iterator[str]:
    """Markers as the fleet core makes them: `lsm` and eleven lowercase letters."""
    rng = random.Random(seed)
    while True:
        yield "lsm" + "".join(rng.choices(string.ascii_lowercase, k=11))


def separated(line: str, value: str, marker: str) -> bool:
    """The marker stands alone and does not touch the value."""
    m, v = line.index(marker), line.index(value)
    before, after = line[m - 1 : m], line[m + len(marker) : m + len(marker) + 1]
    alone = not before.isalnum() and not after.isalnum()
    apart = m + len(marker) < v or v + len(value) < m
    return alone and apart


@pytest.mark.parametrize(("name", "app"), FLAVOURS, ids=FLAVOUR_IDS)
@pytest.mark.parametrize("kind", SECRET_KINDS)
def test_injected_secret_and_marker_sit_once_on_the_recorded_line(
    name: str, app: str, kind: str
) -> None:
    workload = booted(name, app)
    marks = markers(len(kind))
    for i in range(25):
        marker = next(marks)
        emission, secret = workload.next_with_secret(T0 + i, kind, marker)
        assert secret.kind == kind and secret.form
        joined = "\n".join(emission.lines)
        line = emission.lines[secret.line_index]
        assert joined.count(secret.value) == 1 and line.count(secret.value) == 1
        assert joined.count(marker) == 1 and line.count(marker) == 1
        assert separated(line, secret.value, marker), line
        CHECKERS[name](emission)  # a line with a secret is still a line of the format


@pytest.mark.parametrize("kind", SECRET_KINDS)
def test_every_kind_has_native_forms_in_at_least_two_workloads(kind: str) -> None:
    natives = [name for name, app in FLAVOURS if kind in build(name, app).native_secret_kinds()]
    assert len(natives) >= 2, natives


def test_an_unsupported_pair_falls_back_to_a_plain_message() -> None:
    workload = booted("redis", "cache")
    assert "credit_card" not in workload.native_secret_kinds()
    emission, secret = workload.next_with_secret(T0, "credit_card", "lsmabcdefghijk")
    assert secret.form in {form for form, _ in TEXT_FORMS["credit_card"]}
    assert secret.value in emission.lines[0]
    check_redis(emission)


def test_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown secret kind"):
        build("nginx", "web").next_with_secret(T0, "ssn", "lsmabcdefghijk")


def test_injection_is_deterministic_under_a_seed() -> None:
    def sequence(seed: int) -> list[object]:
        workload, marks = build("json-api", "orders", seed), markers(1)
        return [
            workload.next_with_secret(T0 + i, kind, next(marks))
            for i, kind in enumerate(SECRET_KINDS)
        ]

    assert sequence(3) == sequence(3)
    assert sequence(3) != sequence(4)


# ADR-loki.md section 5: the redaction expressions under test (Go RE2). Realistic forms
# include ones these expressions catch and ones they miss; both must occur, or the
# redaction verdict would be decided by the fleet rather than by the configuration.
ADR_EXPRESSIONS = {
    "postgres_password": r"(postgres://[^:]+:)([^@]+)(@)",
    "bearer_jwt": r"(Bearer\s+)(eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)",
    "aws_secret_key": r"(AWS_SECRET_ACCESS_KEY=)([A-Za-z0-9+/=]+)",
    "api_key": r"(api[_-]?key[\"\s:=]+)([A-Za-z0-9_-]{20,})",
    "credit_card": r"\b\d{4}[\s-]?\d{4}[\s-]?\d{4}[\s-]?\d{4}\b",
}


@pytest.mark.parametrize("kind", sorted(ADR_EXPRESSIONS))
def test_forms_include_some_the_adr_catches_and_some_it_misses(kind: str) -> None:
    expression = re2.compile(ADR_EXPRESSIONS[kind])
    caught = missed = 0
    marks = markers(9)
    for name, app in FLAVOURS:
        workload = booted(name, app)
        for i in range(30):
            emission, secret = workload.next_with_secret(T0 + i, kind, next(marks))
            line = emission.lines[secret.line_index]
            hit = any(secret.value in m.group(0) for m in expression.finditer(line))
            caught, missed = caught + hit, missed + (not hit)
    assert caught > 0 and missed > 0, (caught, missed)
