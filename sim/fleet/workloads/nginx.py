"""`nginx`: the official nginx image as a reverse proxy and static file server.

Access log on stdout in nginx's predefined `combined` format:
`$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent
"$http_referer" "$http_user_agent"`; error log on stderr as ngx_log_error_core writes it:
`YYYY/MM/DD HH:MM:SS [level] pid#tid: *connection message, client: ..., server: ...,
request: "...", host: "..."`. The container starts with the image's entrypoint banner.
"""

from __future__ import annotations

import time
from typing import Any

from sim.fleet.workloads import _pools
from sim.fleet.workloads._base import BaseWorkload, FormTable, Rendered, sized
from sim.fleet.workloads._clock import MONTHS
from sim.fleet.workloads._types import Emission

_VERSION = "1.27.3"
_ENTRYPOINT = (
    "/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform "
    "configuration",
    "/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/",
    "/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh",
    "10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf",
    "10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in "
    "/etc/nginx/conf.d/default.conf",
    "/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh",
    "/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh",
    "/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh",
    "/docker-entrypoint.sh: Configuration complete; ready for start up",
)
_NOTICES = (
    'using the "epoll" event method',
    f"nginx/{_VERSION}",
    "built by gcc 12.2.0 (Debian 12.2.0-14)",
    "OS: Linux 6.8.0-49-generic",
    "getrlimit(RLIMIT_NOFILE): 1048576:1048576",
    "start worker processes",
)
_STATIC = ("/", "/index.html", "/favicon.ico", "/robots.txt", "/manifest.json")
_REFERERS = ("-", "-", "-", "https://shop.homelab.lan/", "https://shop.homelab.lan/cart")


class Nginx(BaseWorkload):
    name = "nginx"

    def _setup(self, fake: Any) -> None:
        rng = self.rng
        self.host = f"{self.app}.homelab.lan"
        self.upstream = f"http://{_pools.service_ip(rng)}:8080"
        self.workers = [29 + i for i in range(rng.choice((2, 4)))]
        self.conn = rng.randrange(1, 5000)
        assets = [
            f"/static/js/main.{_pools.hex_id(rng, 4)}.js",
            f"/static/css/main.{_pools.hex_id(rng, 4)}.css",
        ]
        assets += [f"/assets/img/{w}.webp" for w in _pools.words(fake, 6)]
        entries: list[tuple[str, str]] = []  # (request, status and size)
        for path in assets:
            size = rng.randrange(2_000, 400_000)
            entries += [(f"GET {path} HTTP/1.1", f"200 {size}")] * 3 + [
                (f"GET {path} HTTP/1.1", "304 0")
            ]
        for path in _STATIC:
            status = "404 153" if path == "/robots.txt" else f"200 {rng.randrange(600, 9000)}"
            entries.append((f"GET {path} HTTP/1.1", status))
        for res in rng.sample(_pools.RESOURCES, 5):
            for _ in range(4):
                ident = rng.randrange(1, 99999)
                entries.append(
                    (f"GET /api/v1/{res}/{ident} HTTP/1.1", f"200 {rng.randrange(200, 3000)}")
                )
            entries.append(
                (
                    f"GET /api/v1/{res}?page={rng.randrange(1, 9)} HTTP/1.1",
                    f"200 {rng.randrange(2000, 30000)}",
                )
            )
            entries.append(
                (f"POST /api/v1/{res} HTTP/1.1", rng.choice(("201 412", "400 87", "422 133")))
            )
        entries += [("GET /healthz HTTP/1.1", "200 2")] * 8 + [
            ("GET /wp-login.php HTTP/1.1", "404 153")
        ]
        entries += [
            ("GET /api/v1/orders HTTP/1.1", "502 157"),
            ("GET /api/v1/orders HTTP/1.1", "504 167"),
        ]
        tails = []
        for request, status in rng.choices(entries, k=1024):
            referer = rng.choice(_REFERERS)
            tails.append(f'] "{request}" {status} "{referer}" "')
        self.tails = tuple(tails)
        self.ips = sized(rng, _pools.client_ips(rng), 5)
        self.agents = sized(rng, [a + '"' for a in _pools.user_agents(rng)], 6)
        self.errors = sized(rng, self._error_templates(), 5)
        self._sec = -1
        self._local = ""  # [$time_local] for the access log
        self._errtime = ""  # the error log's timestamp

    def _context(self, request: str, proxied: bool = False) -> str:
        """The tail nginx appends to a request's error: `%s` stands for the client."""
        path = request.split(" ")[1]
        upstream = f', upstream: "{self.upstream}{path}"' if proxied else ""
        return f', client: %s, server: _, request: "{request}"{upstream}, host: "{self.host}"'

    def _error_templates(self) -> list[tuple[str, str]]:
        """(level, message with `%s` for the client) as nginx's modules print them."""
        c = self._context
        favicon = 'open() "/usr/share/nginx/html/favicon.ico" failed (2: No such file or directory)'
        timeout = "upstream timed out (110: Connection timed out) while reading response header"
        buffered = "an upstream response is buffered to a temporary file"
        temp = "/var/cache/nginx/proxy_temp/3/02/0000000023 while reading upstream"
        return [
            ("error", favicon + c("GET /favicon.ico HTTP/1.1")),
            ("error", f"{timeout} from upstream" + c("GET /api/v1/orders HTTP/1.1", True)),
            (
                "error",
                "connect() failed (111: Connection refused) while connecting to upstream"
                + c("POST /api/v1/carts HTTP/1.1", True),
            ),
            ("warn", f"{buffered} {temp}" + c("GET /api/v1/products?page=1 HTTP/1.1", True)),
            (
                "error",
                'limiting requests, excess: 10.520 by zone "api"' + c("POST /login HTTP/1.1"),
            ),
            (
                "error",
                "client intended to send too large body: 10485760 bytes"
                + c("POST /api/v1/uploads HTTP/1.1"),
            ),
        ]

    def _clock(self, s: int) -> None:
        t = time.gmtime(s)
        hms = f"{t.tm_hour:02d}:{t.tm_min:02d}:{t.tm_sec:02d}"
        self._local = f"{t.tm_mday:02d}/{MONTHS[t.tm_mon - 1]}/{t.tm_year}:{hms} +0000"
        self._errtime = f"{t.tm_year}/{t.tm_mon:02d}/{t.tm_mday:02d} {hms}"
        self._sec = s

    def _boot_lines(self, now: float) -> list[Emission]:
        self._clock(int(now))
        out = [Emission("stdout", (line,)) for line in _ENTRYPOINT]
        notices = [*_NOTICES, *(f"start worker process {pid}" for pid in self.workers)]
        out += [Emission("stderr", (f"{self._errtime} [notice] 1#1: {text}",)) for text in notices]
        return out

    def next(self, now: float) -> Emission:
        if self.booting and (boot := self._boot(now)) is not None:
            return boot
        s = int(now)
        if s != self._sec:
            self._clock(s)
        bits = self.bits
        if bits(6):
            line = (
                self.ips[bits(5)]
                + " - - ["
                + self._local
                + self.tails[bits(10)]
                + self.agents[bits(6)]
            )
            return Emission("stdout", (line,))
        level, template = self.errors[bits(5)]
        return Emission("stderr", (self._error_line(level, template % self.ips[bits(5)]),))

    def _error_line(self, level: str, message: str) -> str:
        self.conn += 1
        pid = self.workers[self.conn % len(self.workers)]
        return f"{self._errtime} [{level}] {pid}#{pid}: *{self.conn} {message}"

    # --- secrets --------------------------------------------------------------------

    def _access(self, now: float, client: str, request: str, referer: str = "-") -> str:
        s = int(now)
        if s != self._sec:
            self._clock(s)
        size = self.rng.randrange(80, 4000)
        agent = self.agents[self.bits(6)]
        return f'{client} - - [{self._local}] "{request}" 200 {size} "{referer}" "{agent}'

    def _query(self, path: str, params: str) -> Any:
        """An access line whose query string carries the marker and then `params`."""

        def render(now: float, value: str, marker: str) -> Rendered:
            logged = value.replace(" ", "+")  # a form-encoded space, as browsers send it
            request = f"GET {path}?rid={marker}&{params.replace('{v}', logged)} HTTP/1.1"
            line = self._access(now, self.ips[self.bits(5)], request)
            return Emission("stdout", (line,)), 0, logged

        return render

    def _remote_addr(self, now: float, value: str, marker: str) -> Rendered:
        request = f"GET /api/v1/orders?rid={marker} HTTP/1.1"
        return Emission("stdout", (self._access(now, value, request),)), 0, value

    def _referer(self, now: float, value: str, marker: str) -> Rendered:
        referer = f"https://{self.host}/account/verify?email={value}"
        line = self._access(
            now, self.ips[self.bits(5)], f"GET /api/v1/me?rid={marker} HTTP/1.1", referer
        )
        return Emission("stdout", (line,)), 0, value

    def _error_request(self, client: str, request: str) -> str:
        return (
            f'limiting requests, excess: 5.{self.rng.randrange(100, 999)} by zone "api", client: '
            f"{client}, "
            f'server: _, request: "{request}", host: "{self.host}"'
        )

    def _error_client(self, now: float, value: str, marker: str) -> Rendered:
        self._clock(int(now))
        message = self._error_request(value, f"POST /api/v1/login?rid={marker} HTTP/1.1")
        return Emission("stderr", (self._error_line("error", message),)), 0, value

    def _error_query(self, now: float, value: str, marker: str) -> Rendered:
        self._clock(int(now))
        request = f"GET /api/v1/quotes?rid={marker}&api_key={value} HTTP/1.1"
        message = self._error_request(self.ips[self.bits(5)], request)
        return Emission("stderr", (self._error_line("error", message),)), 0, value

    def _plain(self, now: float, text: str, marker: str) -> Emission:
        self._clock(int(now))
        message = f"[lua] access.lua:27: request {marker}: {text}, client: {self.ips[0]}, server: _"
        return Emission("stderr", (self._error_line("warn", message),))

    def _secret_forms(self) -> FormTable:
        q = self._query
        return {
            "ipv4": (("remote_addr", self._remote_addr), ("error_log_client", self._error_client)),
            "api_key": (
                ("query_param", q("/api/v1/quotes", "api_key={v}")),
                ("error_log_request", self._error_query),
            ),
            "bearer_jwt": (("query_param", q("/ws/notifications", "access_token={v}")),),
            "email": (
                ("query_param", q("/api/v1/newsletter/subscribe", "email={v}")),
                ("referer_query", self._referer),
            ),
            "password_field": (("query_param", q("/login", "username=admin&password={v}")),),
            "credit_card": (("query_param", q("/api/v1/checkout/validate", "card={v}")),),
        }
