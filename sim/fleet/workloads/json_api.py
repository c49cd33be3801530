"""`json-api`: a Go HTTP API logging with zap's production JSON encoder.

zap's production config writes to stderr, keys in the order `level, ts, caller, msg`,
then fields in call order; `ts` here uses zap's ISO8601 time encoder. Error entries
carry zap's `stacktrace` field, one JSON string with `\\n\\t` escapes. Every line has
level, ts, caller and msg; request lines add trace_id, span_id, method, path, status,
duration_ms, remote_addr and user_agent. Secrets ride in fields a handler really logs
(headers, config, request bodies) next to a `request_id` holding the marker.
"""

from __future__ import annotations

import json
from typing import Any

from sim.fleet import secret_forms as tf
from sim.fleet.workloads import _pools
from sim.fleet.workloads._base import BaseWorkload, FormTable, Render, Rendered, sized
from sim.fleet.workloads._clock import MILLIS, iso_seconds
from sim.fleet.workloads._types import Emission
from sim.fleet.workloads.json_api_forms import FIELD_FORMS, TEXT_FORMS, V

_STATUS = [200, 201, 204, 301, 304, 400, 401, 403, 404, 409, 422, 429, 500, 502, 503]
_STATUS_WEIGHTS = [70, 6, 3, 0.5, 2, 2, 2, 1, 4, 0.6, 1, 0.4, 1.5, 0.5, 0.5]
_LEVEL = {2: "info", 3: "info", 4: "warn", 5: "error"}
_PROBES = ("/healthz", "/readyz", "/metrics")
_ERRORS = (
    "context deadline exceeded",
    'pq: duplicate key value violates unique constraint "orders_pkey"',
    "dial tcp 10.43.22.9:6379: connect: connection refused",
    "rpc error: code = Unavailable desc = connection error",
    "sql: no rows in result set",
    "json: cannot unmarshal string into Go struct field .quantity of type int",
)


def _q(text: str) -> str:
    return json.dumps(text)  # a JSON string literal, quotes included


def _fields(**fields: Any) -> str:
    """`"k":v,...` as zap encodes fields (insertion order, no spaces)."""
    return json.dumps(fields, separators=(",", ":"))[1:-1]


class JsonApi(BaseWorkload):
    name = "json-api"

    def _setup(self, fake: Any) -> None:
        rng = self.rng
        self.module = f"github.com/{fake.domain_word()}/{self.app}"
        paths = [("GET", p) for p in _PROBES]
        for res in rng.sample(_pools.RESOURCES, 6):
            for _ in range(6):
                ident = rng.randrange(1, 99999)
                paths += [("GET", f"/api/v1/{res}/{ident}"), ("PUT", f"/api/v1/{res}/{ident}")]
            paths += [("GET", f"/api/v1/{res}?page={p}&limit=20") for p in (1, 2, 3)]
            paths += [
                ("POST", f"/api/v1/{res}"),
                ("DELETE", f"/api/v1/{res}/{rng.randrange(9999)}"),
            ]
        weights = [30.0 if p in _PROBES else 4.0 if m == "GET" else 1.0 for m, p in paths]
        self.requests = tuple(
            self._request_template(m, p) for m, p in rng.choices(paths, weights, k=512)
        )
        durations = [f"{rng.lognormvariate(2.3, 1.1):.3f}" for _ in range(256)]
        self.durations = sized(rng, durations, 10)
        self.ips = sized(rng, _pools.client_ips(rng), 5)
        self.agents = sized(rng, [_q(a) for a in _pools.user_agents(rng)], 6)
        self.events = sized(rng, self._events(fake), 8)
        self._sec = -1
        self._iso = ""

    def _request_template(self, method: str, path: str) -> tuple[str, str]:
        """(text before ts, %-template after it) of one access entry."""
        rng = self.rng
        status = rng.choices(_STATUS, _STATUS_WEIGHTS)[0]
        msg = "request completed" if status < 500 else "request failed"
        caller = f"middleware/logging.go:{rng.choice((61, 64))}"
        request: dict[str, Any] = {"method": method, "path": path, "status": status}
        if status >= 500:
            request["error"] = rng.choice(_ERRORS)
        tail = (
            '",'
            + _fields(caller=caller, msg=msg).replace("%", "%%")
            + ',"trace_id":"%032x","span_id":"%016x",'
            + _fields(**request).replace("%", "%%")
            + ',"duration_ms":%s,"remote_addr":"%s:%d","user_agent":%s}'
        )
        return '{"level":"' + _LEVEL[status // 100] + '","ts":"', tail

    def _events(self, fake: Any) -> list[tuple[str, str]]:
        """Non-request entries: cache, queue and database chatter, warnings, errors."""
        rng, res = self.rng, _pools.RESOURCES
        out: list[tuple[str, str]] = []
        for _ in range(64):
            key = f"{rng.choice(res)}:{rng.randrange(1, 99999)}"
            out.append(("info", _fields(caller="cache/redis.go:88", msg="cache miss", key=key)))
            topic = f"{rng.choice(res)}.{rng.choice(('created', 'updated', 'deleted'))}"
            caller = "events/publisher.go:142"
            event = _fields(
                caller=caller, msg="event published", topic=topic, partition=rng.randrange(6)
            )
            out.append(("info", event))
        for _ in range(12):
            sql = f"SELECT id, status, total FROM {rng.choice(res)} WHERE customer_id = $1"
            slow = _fields(
                caller="store/postgres.go:211",
                msg="slow query",
                query=sql,
                duration_ms=rng.randrange(500, 4000),
            )
            out.append(("warn", slow))
            flag = _fields(
                caller="config/watch.go:57",
                msg="feature flag missing, using default",
                flag=f"{fake.word()}_enabled",
            )
            out.append(("warn", flag))
        for _ in range(12):
            stack = "\n".join(
                (
                    f"{self.module}/internal/events.(*Publisher).Publish",
                    "\t/app/internal/events/publisher.go:151",
                    f"{self.module}/internal/orders.(*Service).Create",
                    f"\t/app/internal/orders/service.go:{rng.randrange(40, 300)}",
                    "net/http.HandlerFunc.ServeHTTP",
                    "\t/usr/local/go/src/net/http/server.go:2220",
                )
            )
            caller, msg = "events/publisher.go:151", "failed to publish event"
            out.append(
                (
                    "error",
                    _fields(caller=caller, msg=msg, error=rng.choice(_ERRORS), stacktrace=stack),
                )
            )
        return [('{"level":"' + level + '","ts":"', '",' + body + "}") for level, body in out]

    def _ts(self, now: float) -> str:
        s = int(now)
        if s != self._sec:
            self._sec, self._iso = s, iso_seconds(s) + "."
        return self._iso + MILLIS[int((now - s) * 1000)] + "Z"

    def next(self, now: float) -> Emission:
        bits = self.bits
        s = int(now)
        if s != self._sec:
            self._sec, self._iso = s, iso_seconds(s) + "."
        ts = self._iso + MILLIS[int((now - s) * 1000)] + "Z"
        if bits(3):
            head, tail = self.requests[bits(9)]
            body = tail % (
                bits(128),
                bits(64),
                self.durations[bits(10)],
                self.ips[bits(5)],
                32768 + bits(15),
                self.agents[bits(6)],
            )
            return Emission("stderr", (head + ts + body,))
        head, tail = self.events[bits(8)]
        return Emission("stderr", (head + ts + tail,))

    # --- secrets --------------------------------------------------------------------

    def _entry(self, now: float, level: str, caller: str, msg: str, marker: str, rest: str) -> str:
        head = _fields(level=level, ts=self._ts(now), caller=caller, msg=msg, request_id=marker)
        return "{" + head + "," + rest + "}"

    def _plain(self, now: float, text: str, marker: str) -> Emission:
        # A one-line PEM stands for a key with real newlines, which JSON writes as \n.
        text = text.replace("\\n", "\n")
        line = self._entry(now, "debug", "app/debug.go:31", text, marker, '"component":"debug"')
        return Emission("stderr", (line,))

    def _field(self, level: str, caller: str, msg: str, fields: dict[str, Any]) -> Render:
        """A form whose value sits in `fields` where `V` stands; `{h}` picks a DB host."""

        def render(now: float, value: str, marker: str) -> Rendered:
            rest = _fields(**fields).replace("{h}", self.rng.choice(tf.DB_HOSTS))
            line = self._entry(now, level, caller, msg, marker, rest.replace(_q(V)[1:-1], value))
            return Emission("stderr", (line,)), 0, value

        return render

    def _text(self, caller: str, msg: str, key: str, fragment: tf.Fragment) -> Render:
        """A form whose value sits in a plain-text fragment stored as one string field."""

        def render(now: float, value: str, marker: str) -> Rendered:
            rest = _fields(**{key: fragment(value, self.rng)})
            return (
                Emission("stderr", (self._entry(now, "info", caller, msg, marker, rest),)),
                0,
                value,
            )

        return render

    def _request(self, now: float, value: str, marker: str) -> Rendered:
        """A request line whose client is the secret address."""
        rng = self.rng
        rest = _fields(
            trace_id=_pools.hex_id(rng, 16),
            span_id=_pools.hex_id(rng, 8),
            method="GET",
            path=f"/api/v1/{rng.choice(_pools.RESOURCES)}/{rng.randrange(1, 9999)}",
            status=200,
            duration_ms=round(rng.uniform(2, 90), 3),
            remote_addr=f"{value}:{rng.randrange(32768, 60999)}",
            user_agent=rng.choice(_pools.BROWSER_AGENTS),
        )
        line = self._entry(
            now, "info", "middleware/logging.go:61", "request completed", marker, rest
        )
        return Emission("stderr", (line,)), 0, value

    def _secret_forms(self) -> FormTable:
        table: dict[str, list[tuple[str, Render]]] = {"ipv4": [("remote_addr", self._request)]}
        for kind, form, level, caller, msg, fields in FIELD_FORMS:
            table.setdefault(kind, []).append((form, self._field(level, caller, msg, fields)))
        for kind, form, caller, msg, key, fragment in TEXT_FORMS:
            table.setdefault(kind, []).append((form, self._text(caller, msg, key, fragment)))
        return {kind: tuple(forms) for kind, forms in table.items()}
