"""Pushing to Loki as Promtail's client does (clients/pkg/promtail/client/client.go).

Entries are batched per tenant (the `__tenant_id__` label, else `tenant_id`, else none);
external_labels go under each entry's labels (the entry's win). A batch is sent when the
next entry would take it over `batchsize`, when it is `batchwait` old (checked every
batchwait/10, at least every 10 ms), and at stop. Sending retries 429s, 5xx and
connection errors with dskit's backoff, up to backoff_config.max_retries sends; any other
status drops the batch. With drop_rate_limited_batches a 429 drops it at once. One send
at a time: while it is under way the pipelines wait, as Promtail's blocked channel makes
them. limits_config.max_line_size drops (or truncates) long lines; max_streams, when
exceeded, stops the client for good, exactly as v3.6's run loop returns on that error.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Awaitable, Callable

from sim.agent.stages import Entry as StageEntry

from . import messages
from .backoff import Backoff
from .batch import Batch, labels_string, metadata_size
from .config_model import ClientConfig, LimitsConfig
from .http_auth import auth_header
from .metrics import AgentMetrics
from .pushproto import EntryWriter, metadata_fields
from .transport import Transport, TransportError

log = logging.getLogger("lokisim.agent.client")
_RESERVED = messages.RESERVED_LABEL_TENANT_ID


def _utf8(text: str) -> bytes:
    """The line's bytes: undecodable input bytes come back as they were read."""
    try:
        return text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate a stage made (a JSON "\\ud800"): keep it
        return text.encode("utf-8", "surrogatepass")


class Client:
    def __init__(
        self,
        config: ClientConfig,
        limits: LimitsConfig,
        metrics: AgentMetrics,
        transport: Transport,
        *,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        rng: random.Random | None = None,
    ) -> None:
        self.config = config
        self.host = config.host
        self._limits = limits
        self._metrics = metrics
        self._transport = transport
        self._monotonic = monotonic
        self._sleep = sleep
        self._rng = rng or random.Random()
        self._batches: dict[str, Batch] = {}
        self._full: list[tuple[str, Batch]] = []  # batches that filled up, to send next
        self._lock = asyncio.Lock()
        self._label_text: dict[tuple[tuple[str, str], ...], str] = {}
        self._writer = EntryWriter()
        self._dead = asyncio.Event()
        self._stopped = asyncio.Event()
        self._backoffs: set[Backoff] = set()
        for counter in (metrics.encoded_bytes, metrics.sent_bytes, metrics.sent_entries):
            counter.labels(self.host).inc(0)

    def _init_tenant_metrics(self, tenant: str) -> None:
        m = self._metrics
        for family in (m.dropped_bytes, m.dropped_entries, m.mutated_entries, m.mutated_bytes):
            for reason in messages.REASONS:
                family.labels(self.host, tenant, reason).inc(0)
        m.batch_retries.labels(self.host, tenant).inc(0)

    def _drop(self, tenant: str, reason: str, entries: int, size: int) -> None:
        self._metrics.dropped_entries.labels(self.host, tenant, reason).inc(entries)
        self._metrics.dropped_bytes.labels(self.host, tenant, reason).inc(size)

    async def handle(self, entries: list[StageEntry]) -> None:
        """Takes entries in (blocking while a batch is being sent)."""
        async with self._lock:
            if not self._dead.is_set():
                self._take(entries)
                await self._flush_full()
        if self._dead.is_set():
            await self._stopped.wait()  # nobody reads the channel any more: senders block

    def _take(self, entries: list[StageEntry]) -> None:
        config, limits = self.config, self._limits
        external, tenant_default = config.external_labels, config.tenant_id
        max_line = limits.max_line_size
        batch_size, cache, batches = config.batch_size, self._label_text, self._batches
        last_labels: dict[str, str] | None = None
        last_text = ""
        head = self._writer.head
        for entry in entries:
            labels = {**external, **entry.labels} if external else entry.labels
            tenant = labels.get(_RESERVED, tenant_default)
            try:  # _utf8, inlined
                line = entry.line.encode("utf-8", "surrogateescape")
            except UnicodeEncodeError:
                line = _utf8(entry.line)
            if max_line and len(line) > max_line:
                cut = self._too_long(tenant, line)
                if cut is None:
                    continue
                line = cut
            metadata = entry.structured_metadata
            size = len(line) + metadata_size(tuple(metadata)) if metadata else len(line)
            if labels == last_labels:  # the lines of one file: compared, not hashed again
                text = last_text
            else:
                key = tuple(labels.items())
                known = cache.get(key)
                if known is None:
                    if len(cache) > 100_000:
                        cache.clear()
                    known = cache[key] = labels_string(labels)
                text = known
                last_labels, last_text = labels.copy(), text
            batch = batches.get(tenant)
            if batch is None:
                batch = batches[tenant] = Batch(limits.max_streams, self._monotonic())
                self._init_tenant_metrics(tenant)
            elif batch.bytes + size > batch_size:
                self._full.append((tenant, batch))
                batch = batches[tenant] = Batch(limits.max_streams, self._monotonic())
            stream = batch.streams.get(text)
            if metadata:
                tail = metadata_fields(metadata)
                pieces = [head(entry.timestamp_ns, len(line), len(tail)), line, tail]
            elif stream is not None:  # batch.add's common case, inline
                stream.append(head(entry.timestamp_ns, len(line)))
                stream.append(line)
                batch.bytes += size
                batch.entries += 1
                continue
            else:
                pieces = [head(entry.timestamp_ns, len(line)), line]
            error = batch.add(text, pieces, size)
            if error:
                log.error("batch add err tenant=%s error=%s", tenant, error)
                self._drop(tenant, messages.REASON_GENERIC, 1, len(line))
                self._dead.set()  # client.go's run loop returns here and never reads again
                self._full.extend(batches.items())
                batches.clear()
                return

    def _too_long(self, tenant: str, line: bytes) -> bytes | None:
        """max_line_size: None when the line is dropped, else the truncated line."""
        reason, limit = messages.REASON_LINE_TOO_LONG, self._limits.max_line_size
        if not self._limits.max_line_size_truncate:
            self._drop(tenant, reason, 1, len(line))
            return None
        self._metrics.mutated_entries.labels(self.host, tenant, reason).inc()
        self._metrics.mutated_bytes.labels(self.host, tenant, reason).inc(len(line) - limit)
        return line[:limit]

    async def _flush_full(self) -> None:
        full, self._full = self._full, []
        for tenant, batch in full:
            await self._send_batch(tenant, batch)

    async def send_expired(self) -> None:
        """The max-wait check: sends every batch at least `batchwait` old."""
        async with self._lock:
            now = self._monotonic()
            wait = self.config.batch_wait_ns / 1e9
            for tenant, batch in list(self._batches.items()):
                if batch.age(now) >= wait:
                    del self._batches[tenant]
                    await self._send_batch(tenant, batch)

    async def run(self) -> None:
        """The ticker task: checks batch ages every batchwait/10 (at least 10 ms apart)."""
        period = max(self.config.batch_wait_ns / 10 / 1e9, 0.01)
        while not self._stopped.is_set():
            await asyncio.sleep(period)
            await self.send_expired()

    async def stop(self) -> None:
        """Sends what is pending (with retries, as Client.Stop does) and stops."""
        async with self._lock:
            await self._flush_full()
            pending, self._batches = list(self._batches.items()), {}
            for tenant, batch in pending:
                await self._send_batch(tenant, batch)
        self._stopped.set()
        await self._transport.close()

    def release_if_dead(self) -> None:
        """At shutdown, lets senders blocked on a client that stopped reading go (their entries
        are never sent, as in Promtail, which would hang here until killed)."""
        if self._dead.is_set():
            self._stopped.set()

    def stop_now(self) -> None:
        """StopNow: cancels retries under way (the batch being retried is dropped)."""
        for backoff in self._backoffs:
            backoff.cancelled = True

    async def _send_batch(self, tenant: str, batch: Batch) -> None:
        if not batch.streams:
            return
        body, count = batch.encode()
        size = len(body)
        m, host = self._metrics, self.host
        m.encoded_bytes.labels(host).inc(size)
        backoff = Backoff(self.config.backoff, self._sleep, self._rng)
        self._backoffs.add(backoff)
        status, error = 0, ""
        try:
            while True:
                started = time.monotonic()
                status, error = await self._send(tenant, body)
                m.request_duration.labels(str(status), host).observe(time.monotonic() - started)
                if self.config.drop_rate_limited_batches and status == 429:
                    log.warning("dropping batch due to rate limiting applied at ingester")
                    self._drop(tenant, messages.REASON_RATE_LIMITED, count, size)
                    return
                if not error:
                    m.sent_bytes.labels(host).inc(size)
                    m.sent_entries.labels(host).inc(count)
                    return
                if status > 0 and status != 429 and status // 100 != 5:
                    break  # only 429s, 5xx and connection errors are retried
                log.warning(
                    "error sending batch, will retry status=%d tenant=%s error=%s",
                    status,
                    tenant,
                    error,
                )
                m.batch_retries.labels(host, tenant).inc()
                await backoff.wait()
                if not backoff.ongoing():
                    break
        finally:
            self._backoffs.discard(backoff)
        log.error("final error sending batch status=%d tenant=%s error=%s", status, tenant, error)
        reason = messages.REASON_RATE_LIMITED if status == 429 else messages.REASON_GENERIC
        self._drop(tenant, reason, count, size)

    async def _send(self, tenant: str, body: bytes) -> tuple[int, str]:
        """client.send: (status, error text); status -1 when no response came back."""
        headers = {"Content-Type": messages.CONTENT_TYPE, "User-Agent": messages.USER_AGENT}
        if tenant:
            headers["X-Scope-OrgID"] = tenant
        present = {name.lower() for name in headers}
        for name, value in self.config.headers.items():
            if name.lower() in present:
                log.warning("custom header key already exists, skipping key=%s", name)
                continue
            headers[name] = value
            present.add(name.lower())
        try:
            auth = auth_header(self.config)
            if auth is not None and "authorization" not in present:
                headers["Authorization"] = auth
            response = await self._transport.post(
                self.config.url, body, headers, self.config.timeout_ns / 1e9
            )
        except (TransportError, OSError) as err:
            return -1, str(err)
        if response.status // 100 == 2:
            return response.status, ""
        first = response.body.decode("utf-8", "replace").split("\n", 1)[0]
        text = messages.SERVER_RETURNED.format(
            status=f"{response.status} {response.reason}", code=response.status, line=first
        )
        return response.status, text
