"""A small, realistic homelab dataset for end-to-end engine tests: JSON API logs, logfmt
worker and nginx logs, a combined-format ingress log and auth logs, ten minutes of each."""

from __future__ import annotations

import datetime as dt
import json

from sim.loki.engine.source import MemorySource

S = 1_000_000_000
T0 = 1_700_000_000 * S
TENANT = "fake"

API_INFO = {"namespace": "production", "app": "api", "pod": "api-1", "level": "info",
            "job": "production/api"}  # fmt: skip
API_ERROR = {**API_INFO, "level": "error"}
NGINX = {"namespace": "production", "app": "nginx", "pod": "nginx-1", "job": "production/nginx"}
INGRESS = {
    "namespace": "ingress",
    "app": "ingress-nginx",
    "pod": "ingress-1",
    "job": "ingress/nginx",
}
WORKER = {"namespace": "default", "app": "worker", "pod": "worker-1", "job": "default/worker"}
KEYCLOAK = {"namespace": "auth", "app": "keycloak", "pod": "kc-1", "job": "auth/keycloak"}


def _ts(i: int) -> str:
    moment = dt.datetime.fromtimestamp(T0 // S + i, dt.UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def api_info_line(i: int) -> bytes:
    failed = i % 60 == 0
    return json.dumps({
        "timestamp": _ts(i), "level": "info", "method": "POST" if failed else "GET",
        "path": "/users", "status_code": 500 if failed else 200, "duration": "12ms",
        "message": "connection refused" if failed else "ok",
    }).encode()  # fmt: skip


def api_error_line(i: int) -> bytes:
    return json.dumps({
        "timestamp": _ts(i), "level": "error", "method": "POST", "status_code": 500,
        "message": "panic: runtime error: invalid memory address",
    }).encode()  # fmt: skip


def nginx_line(i: int) -> bytes:
    return f"level=info method=GET path=/static status=200 duration={(i % 40) / 10}s".encode()


def ingress_line(i: int) -> bytes:
    return (
        f'10.0.0.{i % 250} - - [14/Nov/2023:22:13:20 +0000] "GET /health HTTP/1.1" 200 612 '
        f'"-" "kube-probe/1.28"'
    ).encode()


def worker_line(i: int) -> bytes:
    if i % 100 == 0:
        return b'level=error msg="out of memory" duration=3s'
    return b'level=info msg="job done" duration=250ms'


def keycloak_line(i: int) -> bytes:
    return f"login {'failed' if i % 50 == 0 else 'succeeded'} user=u{i % 7}".encode()


STREAMS = [
    (API_INFO, 10, api_info_line),
    (API_ERROR, 30, api_error_line),
    (NGINX, 10, nginx_line),
    (INGRESS, 10, ingress_line),
    (WORKER, 10, worker_line),
    (KEYCLOAK, 10, keycloak_line),
]


def entries(every_s: int, make) -> list[tuple[int, bytes]]:
    return [(T0 + i * S, make(i)) for i in range(0, 600, every_s)]


def homelab() -> MemorySource:
    source = MemorySource()
    for labels, every, make in STREAMS:
        source.push(TENANT, labels, entries(every, make))
    return source
