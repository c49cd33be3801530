"""The ingester's side of a push (pkg/ingester/instance.go Push, stream.go Push).

Per tenant, in request order, each stream is looked up or created (creation is refused
past the stream limit: 429 with validation.StreamLimitErrorMsg). Then per entry: an entry
equal in timestamp and line to the stream's last accepted one is dropped silently; the
per-stream rate limit applies (to the whole stream push at once when
`shard_streams.enabled`, the default, else entry by entry); an entry older than the
stream's newest minus max_chunk_age/2 is `too_far_behind`. Failed entries are reported as
stream.go errorForFailedEntries does (at most `max_returned_stream_errors` listed).

The instance answers with the error of the LAST stream it processed only (instance.go
overwrites `appendErr` per stream): a failure on an earlier stream is not reported to the
client when a later stream succeeds, though its data is lost and counted.
"""

from __future__ import annotations

import itertools
import operator
from dataclasses import dataclass, field
from typing import NamedTuple

from sim.loki import messages as msg
from sim.loki.ingest.outcome import DiscardKey, PushOutcome
from sim.loki.ingest.ratelimit import TokenBucket, stream_limiter
from sim.loki.ingest.sharding import StreamRates
from sim.loki.ingest.streamdata import PushStream, StoredStream
from sim.loki.ingest.streams import IngesterRing, stream_limit, stream_limit_message
from sim.loki.limits import Limits
from sim.loki.push.gofmt import datasize_string, go_time_string, rfc3339
from sim.loki.push.model import GO_ZERO_TIME_NS, Entry, entries_size, entry_size

# PushStream lives in streamdata.py; it is part of this module's interface too
__all__ = [
    "IngestError", "Ingester", "IngesterConfig", "MemoryStream", "PushStream", "TenantInstance",
]  # fmt: skip

_HOUR = 3600 * 1_000_000_000
_TIMESTAMP, _LINE = operator.attrgetter("timestamp"), operator.attrgetter("line")


@dataclass(frozen=True)
class IngesterConfig:
    """The `ingester:` settings the push path reads (pkg/ingester/ingester.go defaults)."""

    max_chunk_age: int = 2 * _HOUR
    max_returned_stream_errors: int = 10


@dataclass
class IngestError:
    """An error the ingester answers with: HTTP status and body."""

    status: int
    text: str


class _Failure(NamedTuple):
    entry: Entry
    text: str
    rate_limited: bool


@dataclass
class MemoryStream:
    """stream.go's per-stream state; Go's zero time where nothing was accepted yet."""

    labels: str
    base_labels: str
    limiter: TokenBucket
    last_ts: int = GO_ZERO_TIME_NS
    last_line: bytes = b""
    highest_ts: int = GO_ZERO_TIME_NS


@dataclass
class TenantInstance:
    """instance.go: a tenant's streams in memory."""

    tenant: str
    streams: dict[str, MemoryStream] = field(default_factory=dict)


class Ingester:
    """The single ingester of the single binary."""

    def __init__(
        self,
        limits: Limits,
        ring: IngesterRing,
        config: IngesterConfig,
        rates: StreamRates,
    ) -> None:
        self.limits = limits
        self.ring = ring
        self.config = config
        self.rates = rates
        self.tenants: dict[str, TenantInstance] = {}

    def stream_count(self, tenant: str) -> int:
        instance = self.tenants.get(tenant)
        return len(instance.streams) if instance else 0

    def forget_stream(self, tenant: str, labels: str) -> None:
        """A flushed, idle stream leaves memory and no longer counts against the limit."""
        instance = self.tenants.get(tenant)
        if instance:
            instance.streams.pop(labels, None)

    def push(
        self, tenant: str, streams: list[PushStream], now: int, out: PushOutcome
    ) -> IngestError | None:
        """instance.Push: every stream in order; the last stream's error is the answer."""
        instance = self.tenants.setdefault(tenant, TenantInstance(tenant))
        whole = self.limits.shard_streams.enabled
        error: IngestError | None = None
        for request in streams:
            stream = instance.streams.get(request.labels)
            if stream is None:
                limit = stream_limit(self.limits, self.ring)
                if not limit.allows(len(instance.streams)):
                    self._discard(out, tenant, msg.STREAM_LIMIT, request.entries)
                    error = IngestError(429, stream_limit_message(request.labels, tenant))
                    continue
                limiter = stream_limiter(self.limits)
                stream = MemoryStream(request.labels, request.base_labels, limiter)
                instance.streams[request.labels] = stream
                out.streams_created.append(request.labels)
            error = self._push_stream(tenant, stream, request, whole, now, out)
        return error

    def _discard(self, out: PushOutcome, tenant: str, reason: str, entries: list[Entry]) -> None:
        key = DiscardKey(reason, tenant, self.limits.retention_hours)
        out.discard(key, len(entries), sum(entry_size(entry) for entry in entries))

    def _push_stream(
        self,
        tenant: str,
        stream: MemoryStream,
        request: PushStream,
        whole: bool,
        now: int,
        out: PushOutcome,
    ) -> IngestError | None:
        """stream.Push: validateEntries, then store unless the whole push was rate limited.

        With columns, the in-order case reads them alone: no entry object is made."""
        columns = request.columns
        failed: list[_Failure] = []
        to_store: list[Entry] = []
        every = False  # whether every entry is stored (then to_store stays empty)
        last_ts, last_line, highest = stream.last_ts, stream.last_line, stream.highest_ts
        total = valid = limited_bytes = behind_bytes = behind = 0
        if columns is not None:
            stamps, lines = columns[0], columns[1]
        else:
            entries = request.entries
            stamps, lines = list(map(_TIMESTAMP, entries)), list(map(_LINE, entries))
        count = len(stamps)
        checked: list[Entry] = []
        in_order = whole and self._in_order(stream, stamps, lines)
        if in_order:
            # what the loop below does when it refuses nothing: the usual push, in bulk
            every = True
            size = request.size
            total = valid = entries_size(request.entries) if size is None else size
            last_ts, last_line = stamps[-1], lines[-1]
            highest = max(highest, last_ts)
        else:
            checked = request.entries
        for entry in checked:
            if entry.timestamp == last_ts and entry.line == last_line:
                continue
            size = entry_size(entry)
            total += size
            if not whole and not stream.limiter.allow_n(now, size):
                failed.append(_Failure(entry, self._rate_text(stream, size), True))
                limited_bytes += size
                continue
            cutoff = highest - self.config.max_chunk_age // 2
            if highest != GO_ZERO_TIME_NS and cutoff > entry.timestamp:
                failed.append(_Failure(entry, _behind_text(entry.timestamp, cutoff), False))
                behind, behind_bytes = behind + 1, behind_bytes + size
                continue
            valid += size
            last_ts, last_line = entry.timestamp, entry.line
            highest = max(highest, entry.timestamp)
            to_store.append(entry)
        limited = sum(1 for failure in failed if failure.rate_limited)
        if whole and not stream.limiter.allow_n(now, valid):
            kept = request.entries if every else to_store
            failed = [_Failure(e, self._rate_text(stream, entry_size(e)), True) for e in kept]
            limited, limited_bytes = len(kept), sum(entry_size(e) for e in kept)
        self.rates.record(tenant, stream.labels, stream.base_labels, total, now)
        retention = self.limits.retention_hours
        if behind:
            out.discard(DiscardKey(msg.TOO_FAR_BEHIND, tenant, retention), behind, behind_bytes)
        if limited:
            out.discard(
                DiscardKey(msg.STREAM_RATE_LIMIT, tenant, retention), limited, limited_bytes
            )
        if whole and failed and failed[-1].rate_limited:
            return self._error(tenant, stream, failed, count)
        if every:  # in order: the columns go on as they are
            stream.last_ts, stream.last_line, stream.highest_ts = last_ts, last_line, highest
            stored = list(request.entries) if columns is None else None
            out.stored.append(StoredStream(stream.labels, stored, columns))
        elif to_store:
            stream.last_ts, stream.last_line, stream.highest_ts = last_ts, last_line, highest
            out.stored.append(StoredStream(stream.labels, to_store))
        return self._error(tenant, stream, failed, count) if failed else None

    def _in_order(self, stream: MemoryStream, stamps: list[int], lines: list[bytes]) -> bool:
        """Whether no entry is a duplicate of the one before it or too far behind: true of
        strictly increasing timestamps, when the first is neither the stream's last entry
        nor behind the stream's newest (a later entry is never behind an earlier one)."""
        if not stamps:
            return False
        if stamps[0] == stream.last_ts and lines[0] == stream.last_line:
            return False
        half = self.config.max_chunk_age // 2
        if half < 0:
            return False
        highest = stream.highest_ts
        if highest != GO_ZERO_TIME_NS and highest - half > stamps[0]:
            return False
        return all(map(operator.lt, stamps, itertools.islice(stamps, 1, None)))

    def _rate_text(self, stream: MemoryStream, size: int) -> str:
        limit = datasize_string(int(stream.limiter.limit))
        template = msg.STREAM_RATE_LIMIT_ERROR_MSG
        return msg.go_format(template, limit, stream.labels, datasize_string(size))

    def _error(
        self, tenant: str, stream: MemoryStream, failed: list[_Failure], total: int
    ) -> IngestError:
        """errorForFailedEntries: 429 when the last failure is a rate limit, else 400."""
        status = 429 if failed[-1].rate_limited else 400
        cap = self.config.max_returned_stream_errors
        shown = failed[:cap] if cap > 0 else failed
        lines = [
            msg.go_format(msg.FAILED_ENTRY_LINE, go_time_string(f.entry.timestamp), f.text)
            for f in shown
        ]
        footer = msg.go_format(msg.FAILED_ENTRIES_FOOTER, tenant, len(failed), total, stream.labels)
        return IngestError(status, "".join(lines) + footer)


def _behind_text(stamp: int, cutoff: int) -> str:
    return msg.go_format(msg.TOO_FAR_BEHIND_ERROR_MSG, rfc3339(stamp), rfc3339(cutoff))
