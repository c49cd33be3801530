"""Push bodies for the tests: Loki's JSON and snappy-protobuf forms."""

from __future__ import annotations

import json
import time

from sim.loki.push.model import Entry, PushRequest, Stream
from sim.loki.push.proto import encode_snappy

JSON = {"Content-Type": "application/json"}
PROTO = {"Content-Type": "application/x-protobuf"}


def now_ns() -> int:
    return time.time_ns()


def json_body(labels: dict[str, str], lines: list[tuple[int, str]]) -> bytes:
    values = [[str(ts), line] for ts, line in lines]
    return json.dumps({"streams": [{"stream": labels, "values": values}]}).encode()


def proto_body(labels: str, lines: list[tuple[int, str]]) -> bytes:
    stream = Stream(labels, [Entry(ts, line.encode()) for ts, line in lines])
    return encode_snappy(PushRequest([stream]))
