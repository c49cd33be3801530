"""The client against a fake Loki: batching, retries, drops, tenants (client/client.go)."""

from __future__ import annotations

import asyncio
import random
from dataclasses import replace
from pathlib import Path

import pytest

from sim.agent.backoff import Backoff
from sim.agent.client import Client
from sim.agent.config import parse_config
from sim.agent.config_model import (
    Authorization,
    BackoffConfig,
    BasicAuth,
    ClientConfig,
    LimitsConfig,
)
from sim.agent.metrics import AgentMetrics
from sim.agent.run import build_clients
from sim.agent.stages import Entry
from sim.agent.transport import HttpxTransport
from sim.errors import AgentConfigError

from .fakeloki import FakeLoki

T0 = 1_764_000_000_000_000_000


def entry(line: str, **labels: str) -> Entry:
    return Entry(labels or {"job": "a"}, {}, T0, line)


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


async def send(
    url: str,
    batches: list[list[Entry]],
    config: ClientConfig | None = None,
    limits: LimitsConfig | None = None,
    clock: Clock | None = None,
) -> tuple[Client, AgentMetrics, list[float]]:
    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        slept.append(seconds)

    metrics = AgentMetrics()
    client = Client(
        config or ClientConfig(url=url),
        limits or LimitsConfig(),
        metrics,
        HttpxTransport(),
        monotonic=clock or Clock(),
        sleep=sleep,
        rng=random.Random(1),
    )
    for entries in batches:
        await client.handle(entries)
    await client.stop()
    return client, metrics, slept


def test_a_batch_is_sent_before_it_would_grow_past_batchsize() -> None:
    # client.go run(): sizeBytesAfter(e) > BatchSize sends the batch, the entry starts the next.
    with FakeLoki() as loki:
        config = ClientConfig(url=loki.url, batch_size=10)
        lines = ["aaaa", "bbbb", "cc", "dddddddddddd", "e"]
        asyncio.run(send(loki.url, [[entry(x) for x in lines]], config))
        sizes = [[e.line for s in p.request.streams for e in s.entries] for p in loki.pushes]
    assert sizes == [[b"aaaa", b"bbbb", b"cc"], [b"dddddddddddd"], [b"e"]]


def test_a_batch_is_sent_once_batchwait_old() -> None:
    async def scenario(loki: FakeLoki) -> int:
        clock = Clock()
        client = Client(
            ClientConfig(url=loki.url),
            LimitsConfig(),
            AgentMetrics(),
            HttpxTransport(),
            monotonic=clock,
        )
        await client.handle([entry("x")])
        clock.now += 0.999
        await client.send_expired()
        before = len(loki.pushes)
        clock.now += 0.001  # batch.age() >= BatchWait (1s)
        await client.send_expired()
        await client.stop()
        return before

    with FakeLoki() as loki:
        assert asyncio.run(scenario(loki)) == 0
        assert len(loki.pushes) == 1


def test_request_headers_and_body() -> None:
    with FakeLoki() as loki:
        asyncio.run(send(loki.url, [[entry("hello", app="api", b='x"y')]]))
        (push,) = loki.pushes
    assert push.path == "/loki/api/v1/push"
    assert push.headers["content-type"] == "application/x-protobuf"
    assert push.headers["user-agent"] == "promtail/3.6.0"
    assert "x-scope-orgid" not in push.headers  # single tenant: no header
    (stream,) = push.request.streams
    assert stream.labels == '{app="api", b="x\\"y"}'  # batch.go labelsMapToString
    assert [(e.timestamp, e.line) for e in stream.entries] == [(T0, b"hello")]


def test_tenants_external_labels_and_custom_headers() -> None:
    config = ClientConfig(
        url="",
        tenant_id="homelab",
        external_labels={"cluster": "k3s", "job": "external"},
        headers={"X-Custom": "1", "user-agent": "not-me"},
    )
    with FakeLoki() as loki:
        config = replace(config, url=loki.url)
        entries = [entry("a", job="x"), entry("b", job="x", __tenant_id__="team-b")]
        asyncio.run(send(loki.url, [entries], config))
        pushes = {p.headers.get("x-scope-orgid"): p for p in loki.pushes}
    assert set(pushes) == {"homelab", "team-b"}  # a batch per tenant
    for push in pushes.values():
        assert push.headers["x-custom"] == "1"
        assert (
            push.headers["user-agent"] == "promtail/3.6.0"
        )  # a custom header never replaces one set
        # the entry's labels win over external_labels; __tenant_id__ is not a label
        assert [s.labels for s in push.request.streams] == ['{cluster="k3s", job="x"}']


# (statuses the fake answers, sends, retries, dropped reason or "" when sent) — client.go sendBatch.
RETRIES = [
    ([429, 500, 204], 3, 2, ""),  # 429 and 5xx are retried
    ([503] * 10, 10, 10, "ingester_error"),  # max_retries 10: ten sends, then the batch is lost
    ([429] * 10, 10, 10, "rate_limited"),  # the last error decides the reason
    ([500, 400], 2, 1, "ingester_error"),  # other 4xx: dropped at once
    ([400], 1, 0, "ingester_error"),
    ([413], 1, 0, "ingester_error"),
]


@pytest.mark.parametrize(("statuses", "sends", "retries", "reason"), RETRIES)
def test_retries_and_drops(statuses: list[int], sends: int, retries: int, reason: str) -> None:
    with FakeLoki(statuses) as loki:
        _, metrics, slept = asyncio.run(send(loki.url, [[entry("one"), entry("two")]]))
        assert len(loki.pushes) == sends
        body = len(loki.pushes[0].body)
        host = loki.host
    assert metrics.sample("promtail_batch_retries_total", {"host": host, "tenant": ""}) == retries
    # backoff.go: Wait() sleeps only while Ongoing(), i.e. not after the last send.
    assert len(slept) == min(retries, sends - 1)
    for attempt, seconds in enumerate(slept):
        low = min(0.5 * 2**attempt, 300.0)
        assert low <= seconds < min(low * 2, 300.0) or seconds == 300.0
    dropped = {"host": host, "tenant": "", "reason": reason}
    if reason:
        assert metrics.sample("promtail_dropped_entries_total", dropped) == 2
        assert metrics.sample("promtail_dropped_bytes_total", dropped) == body  # encoded bytes
        assert metrics.sample("promtail_sent_entries_total", {"host": host}) == 0
    else:
        assert metrics.sample("promtail_sent_entries_total", {"host": host}) == 2
        assert metrics.sample("promtail_sent_bytes_total", {"host": host}) == body
    assert metrics.sample("promtail_encoded_bytes_total", {"host": host}) == body
    status = str(statuses[sends - 1])
    assert (
        metrics.sample(
            "promtail_request_duration_seconds_count", {"status_code": status, "host": host}
        )
        >= 1
    )


def test_drop_rate_limited_batches() -> None:
    with FakeLoki([429]) as loki:
        config = ClientConfig(url=loki.url, drop_rate_limited_batches=True)
        _, metrics, slept = asyncio.run(send(loki.url, [[entry("x")]], config))
        assert len(loki.pushes) == 1 and slept == []
        labels = {"host": loki.host, "tenant": "", "reason": "rate_limited"}
    assert metrics.sample("promtail_dropped_entries_total", labels) == 1


def test_connection_errors_are_retried() -> None:
    with FakeLoki() as loki:
        url = loki.url
    config = ClientConfig(url=url, backoff=BackoffConfig(max_retries=3))
    _, metrics, slept = asyncio.run(send(url, [[entry("x")]], config))
    host = url.split("/")[2]
    assert len(slept) == 2
    assert (
        metrics.sample(
            "promtail_request_duration_seconds_count", {"status_code": "-1", "host": host}
        )
        == 3
    )
    reason = {"host": host, "tenant": "", "reason": "ingester_error"}
    assert metrics.sample("promtail_dropped_entries_total", reason) == 1


def test_max_line_size_drops_or_truncates() -> None:
    # client.go run(): lines over limits_config.max_line_size are dropped, or cut with
    # max_line_size_truncate (counted as mutated).
    with FakeLoki() as loki:
        host = loki.host
        _, dropping, _ = asyncio.run(
            send(
                loki.url, [[entry("12345678"), entry("1234")]], limits=LimitsConfig(max_line_size=5)
            )
        )
        _, cutting, _ = asyncio.run(
            send(
                loki.url,
                [[entry("12345678")]],
                limits=LimitsConfig(max_line_size=5, max_line_size_truncate=True),
            )
        )
        lines = loki.accepted_lines()
    too_long = {"host": host, "tenant": "", "reason": "line_too_long"}
    assert dropping.sample("promtail_dropped_entries_total", too_long) == 1
    assert dropping.sample("promtail_dropped_bytes_total", too_long) == 8
    assert cutting.sample("promtail_mutated_entries_total", too_long) == 1
    assert cutting.sample("promtail_mutated_bytes_total", too_long) == 3
    assert [line for _, line in lines] == ["1234", "12345"]


def test_exceeding_max_streams_stops_the_client_for_good() -> None:
    # client.go v3.6: batch.add's error compares against the format string, so the reason is
    # ingester_error, and the run loop returns: pending batches go out, nothing more does.
    async def scenario(loki: FakeLoki) -> tuple[AgentMetrics, bool]:
        metrics = AgentMetrics()
        client = Client(
            ClientConfig(url=loki.url), LimitsConfig(max_streams=1), metrics, HttpxTransport()
        )
        first = asyncio.ensure_future(
            client.handle([entry("a", s="1"), entry("b", s="2"), entry("c", s="1")])
        )
        later = asyncio.ensure_future(client.handle([entry("d", s="1")]))
        await asyncio.sleep(0.05)
        still_waiting = not first.done() and not later.done()  # the senders block
        await client.stop()
        await asyncio.gather(first, later)
        return metrics, still_waiting

    with FakeLoki() as loki:
        metrics, still_waiting = asyncio.run(scenario(loki))
        assert [line for _, line in loki.accepted_lines()] == ["a"]
        reason = {"host": loki.host, "tenant": "", "reason": "ingester_error"}
    assert still_waiting
    assert metrics.sample("promtail_dropped_entries_total", reason) == 1


def test_backoff_schedule() -> None:
    # dskit backoff.go NextDelay: [min, 2·min), doubling while the top is under max_period.
    backoff = Backoff(
        BackoffConfig(500_000_000, 2_000_000_000, 10), asyncio.sleep, random.Random(0)
    )
    delays = [backoff.next_delay_ns() / 1e9 for _ in range(5)]
    assert 0.5 <= delays[0] < 1.0 and 1.0 <= delays[1] < 2.0
    # the range stops doubling once its top reaches max_period
    assert all(1.0 <= delay < 2.0 for delay in delays[2:])
    assert backoff.retries == 5 and backoff.ongoing()
    unlimited = Backoff(BackoffConfig(max_retries=0), asyncio.sleep, random.Random(0))
    unlimited.retries = 10**6
    assert unlimited.ongoing()  # max_retries 0 retries for ever


def test_credentials_go_in_the_authorization_header(tmp_path: Path) -> None:
    # prometheus/common http_config.go round trippers: basic_auth, authorization (files
    # read on every request); a custom Authorization header is left alone.
    secret = tmp_path / "token"
    secret.write_text("from-file\n")
    configs = [
        (BasicAuth(username="u", password="p"), None, {}, "Basic dTpw"),
        (None, Authorization("Bearer", credentials="t0k"), {}, "Bearer t0k"),
        (None, Authorization("Bearer", credentials_file=str(secret)), {}, "Bearer from-file"),
        (
            None,
            Authorization("Bearer", credentials="t0k"),
            {"Authorization": "Custom x"},
            "Custom x",
        ),
    ]
    with FakeLoki() as loki:
        for basic, auth, headers, _ in configs:
            config = ClientConfig(
                url=loki.url, basic_auth=basic, authorization=auth, headers=headers
            )
            asyncio.run(send(loki.url, [[entry("x")]], config))
        sent = [push.headers["authorization"] for push in loki.pushes]
    assert sent == [expected for *_, expected in configs]


def test_a_missing_ca_file_fails_at_startup(tmp_path: Path) -> None:
    # config.NewTLSConfig reads the CA when the client is built: Promtail refuses to start.
    config = parse_config(
        f"clients: [{{url: 'https://loki:3100/push', tls_config: {{ca_file: {tmp_path}/ca.crt}}}}]\n",
        "promtail.yaml",
    )
    with pytest.raises(AgentConfigError, match=r"unable to load specified CA cert .*/ca\.crt"):
        build_clients(config, AgentMetrics())
