"""`payload-dump`: an API gateway in debug mode logging whole request and response bodies.

Node gateways with pino (`{"level":20,"time":…,"pid":1,"hostname":…,"msg":…}`) log bodies
as one escaped JSON string field, so one log line grows with the body: from a few KiB to
hundreds (exports, batch uploads). These are the lines containerd cuts into 16 KiB partial
lines and Loki's `max_line_size` rejects. Secrets sit inside the bodies where the
payloads carry them (emails, cards, tokens), anywhere in the line, even across a chunk cut.
"""

from __future__ import annotations

import json
import random
from typing import Any

from sim.fleet.workloads import _pools
from sim.fleet.workloads._base import BaseWorkload, FormTable, Rendered, sized
from sim.fleet.workloads._types import Emission

# Body sizes in KiB and their weights: mostly small, a tail past Loki's 256 KB default limit.
_SIZES_KIB = (1, 2, 4, 8, 16, 24, 48, 96, 180, 300, 420, 600)
_SIZE_WEIGHTS = (20, 20, 15, 10, 8, 6, 6, 5, 4, 3, 2, 1)
_ROUTES = ("/v1/export", "/v1/orders/batch", "/v1/reports/monthly", "/v1/sync", "/v1/search")
_FIELDS = ("email", "card_number", "access_token", "client_ip", "api_key")
_FIELD_KIND = {
    "email": "email",
    "card_number": "credit_card",
    "access_token": "bearer_jwt",
    "client_ip": "ipv4",
    "api_key": "api_key",
}


def _record(fake: Any, rng: random.Random, index: int) -> dict[str, Any]:
    return {
        "id": index,
        "customer": fake.name(),
        "city": fake.city(),
        "sku": f"SKU-{rng.randrange(10**6):06d}",
        "qty": rng.randrange(1, 20),
        "price": round(rng.uniform(1, 500), 2),
        "note": fake.sentence(nb_words=8),
    }


class PayloadDump(BaseWorkload):
    name = "payload-dump"

    def _setup(self, fake: Any) -> None:
        rng = self.rng
        records = [_record(fake, rng, i) for i in range(64)]
        # One long body; each line is a prefix of it cut to its size (building per line is slow).
        items: list[str] = []
        size = 0
        while size < max(_SIZES_KIB) * 1024 + 4096:
            item = json.dumps(records[len(items) % len(records)], separators=(",", ":"))
            items.append(item)
            size += len(item) + 1
        self.body = "[" + ",".join(items) + "]"
        sizes = rng.choices(_SIZES_KIB, _SIZE_WEIGHTS, k=256)
        self.sizes = sized(rng, [kib * 1024 for kib in sizes], 8)
        self.hostname = self.pod
        self.ips = sized(rng, _pools.client_ips(rng), 5)
        self.request_id = rng.randrange(10**6)

    def _line(self, now: float, route: str, body: str, extra: str = "") -> str:
        self.request_id += 1
        head = (
            f'{{"level":20,"time":{int(now * 1000)},"pid":1,"hostname":"{self.hostname}",'
            f'"reqId":"req-{self.request_id:x}"{extra},"route":"{route}","msg":"upstream response",'
            f'"body":'
        )
        # The body is logged as a string: its quotes are escaped, as JSON.stringify does.
        return head + json.dumps(body) + "}"

    def _cut(self, size: int) -> str:
        return self.body[: size - 1] + "]"

    def next(self, now: float) -> Emission:
        bits = self.bits
        route = _ROUTES[bits(8) % len(_ROUTES)]
        return Emission("stdout", (self._line(now, route, self._cut(self.sizes[bits(8)])),))

    def _plain(self, now: float, text: str, marker: str) -> Emission:
        line = self._line(now, _ROUTES[0], f"{marker} {text}")
        return Emission("stdout", (line,))

    def _in_body(self, field: str) -> Any:
        def render(now: float, value: str, marker: str) -> Rendered:
            body = self._cut(self.sizes[self.bits(8)])
            at = self.rng.randrange(1, len(body) - 1)
            at = body.index("{", at) if "{" in body[at:] else 1
            inserted = f'{{"{field}":"{value}","trace":"{marker}"}},'
            line = self._line(
                now, _ROUTES[self.bits(8) % len(_ROUTES)], body[:at] + inserted + body[at:]
            )
            return Emission("stdout", (line,)), 0, value

        return render

    def _secret_forms(self) -> FormTable:
        forms: FormTable = {}
        for field in _FIELDS:
            kind = _FIELD_KIND[field]
            forms[kind] = ((f"body_{field}", self._in_body(field)),)
        return forms
