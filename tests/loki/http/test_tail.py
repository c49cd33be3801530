"""The tail websocket (pkg/querier/tail/http.go, tail.go, v3.6.0)."""

from __future__ import annotations

import asyncio
import json
from urllib.parse import quote

import aiohttp

from tests.loki.http.pushes import JSON, json_body, now_ns


def _ws_url(loki, query: str) -> str:
    return f"{loki.url}/loki/api/v1/tail?query={quote(query)}"


async def _tail(loki, query: str, push: bytes | None = None) -> list[aiohttp.WSMessage]:
    """Open a tail, push `push` once connected, and gather what arrives."""
    got: list[aiohttp.WSMessage] = []
    async with aiohttp.ClientSession() as session, session.ws_connect(_ws_url(loki, query)) as ws:
        first = await ws.receive(timeout=5)
        got.append(first)
        if push is not None and first.type == aiohttp.WSMsgType.TEXT:
            async with session.post(f"{loki.url}/loki/api/v1/push", data=push, headers=JSON):
                pass
            got.append(await ws.receive(timeout=5))
    return got


def test_historic_then_live_entries(loki) -> None:
    now = now_ns()
    body = json_body({"app": "a"}, [(now - 2, "old one"), (now - 1, "old two")])
    assert loki.client.post("/loki/api/v1/push", content=body, headers=JSON).status_code == 204
    live = json_body({"app": "a"}, [(now_ns(), "live keep"), (now_ns() + 1, "live drop")])
    history, update = asyncio.run(_tail(loki, '{app="a"} |~ "old|keep"', live))
    old = json.loads(history.data)
    # one stream object per entry, oldest first (NewReversedIter of the backward query)
    assert [s["values"][0][1] for s in old["streams"]] == ["old one", "old two"]
    assert old["streams"][0]["stream"]["app"] == "a"
    assert "dropped_entries" not in old  # omitted when empty
    # the ingester's tailer runs the query's pipeline on pushed entries
    new = json.loads(update.data)
    assert [s["values"][0][1] for s in new["streams"]] == ["live keep"]


def test_a_plain_get_is_not_a_websocket(loki) -> None:
    # gorilla/websocket Upgrader.returnError: http.Error with the status text
    response = loki.client.get("/loki/api/v1/tail", params={"query": '{app="a"}'})
    assert (response.status_code, response.text) == (400, "Bad Request\n")


def test_a_metric_query_closes_with_1011(loki) -> None:
    # SelectLogParams.LogSelector: "only log selector is supported", CloseInternalServerErr
    (closed,) = asyncio.run(_tail(loki, 'rate({app="a"}[1m])'))
    assert closed.type == aiohttp.WSMsgType.CLOSE
    assert (closed.data, closed.extra) == (1011, "only log selector is supported")


def test_the_tail_limit_per_tenant(make_loki) -> None:
    loki = make_loki(limits="  max_concurrent_tail_requests: 1")

    async def two_tails() -> aiohttp.WSMessage:
        async with aiohttp.ClientSession() as session:
            async with session.ws_connect(_ws_url(loki, '{app="a"}')) as first:
                await asyncio.sleep(0.2)  # the first tail is registered
                async with session.ws_connect(_ws_url(loki, '{app="a"}')) as second:
                    message = await second.receive(timeout=5)
                await first.close()
            return message

    message = asyncio.run(two_tails())
    # querier.go checkTailRequestLimit, an httpgrpc error as err.Error() prints it
    assert (message.data, message.extra) == (
        1011,
        "rpc error: code = Code(400) desc = max concurrent tail requests limit exceeded, "
        "count > limit (2 > 1)",
    )
