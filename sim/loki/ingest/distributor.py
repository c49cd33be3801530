"""The distributor's Push (pkg/distributor/distributor.go PushWithResolver), end to end.

Per stream, in order: skip if empty; truncate long lines when configured; parse and check
the labels (a failure counts the stream's entries under its reason and again under
`invalid_labels`, as Loki does); enforced labels; ingestion block; then each entry is
validated, its structured metadata sanitized, `detected_level` added, and duplicate
timestamps incremented when configured. Refusals are grouped into one 400 text; the valid
entries still go on. Then the tenant rate limit takes or refuses the whole remainder (429),
streams are sharded by rate, and the ingester stores them. The ingester's error, if any, is
the answer; otherwise the grouped 400, the block status, or 204.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass
from typing import Protocol

from sim.loki import messages as msg
from sim.loki.ingest import validate as val
from sim.loki.ingest.entries import validate_columns, validate_entries
from sim.loki.ingest.ingester import Ingester, IngesterConfig, IngestError
from sim.loki.ingest.metadata import MetadataNameError
from sim.loki.ingest.outcome import Columns, DiscardKey, PushOutcome
from sim.loki.ingest.ratelimit import IngestionRateLimiter, rate_limited_message
from sim.loki.ingest.sharding import ShardTracker, StreamRates, deal, deal_columns, shard_count
from sim.loki.ingest.streamdata import PushStream
from sim.loki.ingest.streams import IngesterRing
from sim.loki.limits import Limits
from sim.loki.push import labels as lbl
from sim.loki.push.model import Entry, PushRequest, Stream, entries_size
from sim.loki.push.request import is_internal

_LABEL_CACHE_SIZE = 100_000  # maxLabelCacheSize; only valid label sets are kept
_LINE = operator.attrgetter("line")


class IngesterLike(Protocol):
    """What the distributor sends streams to (the real Ingester, or a recorder in tests)."""

    def push(
        self, tenant: str, streams: list[PushStream], now: int, out: PushOutcome
    ) -> IngestError | None: ...


@dataclass
class _Valid:
    labels: lbl.Labels
    text: str
    entries: list[Entry] | None  # None: the columns hold them
    count: int
    push_size: int
    size: int  # util.EntriesTotalSize of the entries
    columns: Columns | None  # timestamps, lines, metadata, when read as columns


class Distributor:
    """One distributor feeding one ingester, as the single binary runs them."""

    def __init__(
        self,
        limits: Limits,
        ring: IngesterRing | None = None,
        ingester_config: IngesterConfig | None = None,
        ingester: IngesterLike | None = None,
    ) -> None:
        limits.require_supported()
        self.limits = limits
        self.ring = ring or IngesterRing()
        self.rates = StreamRates()
        config = ingester_config or IngesterConfig()
        self.ingester = ingester or Ingester(limits, self.ring, config, self.rates)
        self.rate_limiter = IngestionRateLimiter(limits)
        self.shards = ShardTracker()
        self._label_cache: dict[str, tuple[lbl.Labels, str]] = {}  # Go's labelCache (LRU)

    def _key(self, reason: str, tenant: str) -> DiscardKey:
        return DiscardKey(reason, tenant, self.limits.retention_hours)

    def push(
        self, tenant: str, request: PushRequest, now: int, out: PushOutcome | None = None
    ) -> PushOutcome:
        """Push a parsed request for `tenant` at `now` (Unix ns); returns what happened."""
        out = out or PushOutcome(tenant)
        if not request.streams:
            out.status, out.body = 422, msg.MISSING_STREAMS_ERROR_MSG
            return out
        ctx = val.ValidationContext(tenant, now, self.limits)
        errors = val.GroupedErrors()
        blocked: tuple[int, str] | None = None
        valid: list[_Valid] = []
        try:
            for stream in request.streams:
                blocked = self._validate_stream(ctx, stream, errors, valid, out) or blocked
        except MetadataNameError as err:
            out.status, out.body = 500, str(err)
            return out
        answer = (400, errors.text()) if errors else blocked
        if not valid:
            return self._answer(out, answer)
        lines = sum(item.count for item in valid)
        size = sum(item.size for item in valid)
        if not self.rate_limiter.allow_n(now, tenant, size):
            out.discard(self._key(msg.RATE_LIMITED, tenant), lines, size)
            limit = self.rate_limiter.limit(tenant)
            out.status, out.body = 429, rate_limited_message(tenant, limit, lines, size)
            return out
        failure = self._replicas_error()
        if failure:
            out.status, out.body = 500, failure
            return out
        streams = [push for item in valid for push in self._shard(tenant, item, now, out)]
        error = self.ingester.push(tenant, streams, now, out)
        if error is not None:
            answer = (error.status, error.text)
        return self._answer(out, answer)

    def _answer(self, out: PushOutcome, answer: tuple[int, str] | None) -> PushOutcome:
        if answer is not None and answer[0] != 200:
            out.status, out.body = answer
        return out

    def _replicas_error(self) -> str | None:
        """dskit ring defaultReplicationStrategy.Filter: a quorum of ingesters must be up."""
        needed = self.ring.replication_factor // 2 + 1
        if self.ring.healthy_instances >= needed:
            return None
        template = msg.REPLICAS_REQUIRED
        return msg.go_format(template, needed, self.ring.healthy_instances)

    def _validate_stream(
        self,
        ctx: val.ValidationContext,
        stream: Stream,
        errors: val.GroupedErrors,
        valid: list[_Valid],
        out: PushOutcome,
    ) -> tuple[int, str] | None:
        tenant = ctx.tenant
        if not stream.entry_count():
            return None
        samples, removed = val.truncate_lines(self.limits, stream)
        out.truncated.add(samples, removed)
        cached = self._label_cache.get(stream.labels)
        if cached is None:
            labels = self._parse(ctx, stream, errors, out)
            if labels is None:
                return None
            cached = (labels, lbl.labels_string(labels))
            if len(self._label_cache) >= _LABEL_CACHE_SIZE:
                self._label_cache.clear()
            self._label_cache[stream.labels] = cached
        labels, text = cached
        if not is_internal(labels):
            missing = val.missing_enforced_labels(self.limits, labels)
            if missing:
                template = msg.MISSING_ENFORCED_LABELS_ERROR_MSG
                errors.add(msg.go_format(template, ",".join(missing), tenant, text))
                size = entries_size(stream.entries)
                out.discard(
                    self._key(msg.MISSING_ENFORCED_LABELS, tenant), len(stream.entries), size
                )
                return None
        block = val.blocked(ctx)
        if block is not None:
            code, rejection = block
            size = entries_size(stream.entries)
            out.discard(self._key(rejection.reason, tenant), len(stream.entries), size)
            return (code, rejection.message)
        if stream.columns is not None:
            stamps, lines = stream.columns
            by_column = validate_columns(ctx, labels, stamps, lines)
            if by_column is not None:  # nothing refused: the entries stay columns
                metas, size = by_column  # no metadata but detected_level: size is push size
                columns = (stamps, lines, metas)
                valid.append(_Valid(labels, text, None, len(stamps), size, size, columns))
                return None
        kept, size, found = validate_entries(ctx, labels, text, stream.entries, errors, out)
        if kept:
            push_size = sum(map(len, map(_LINE, kept)))
            valid.append(_Valid(labels, text, kept, len(kept), push_size, size, found))
        return None

    def _parse(
        self,
        ctx: val.ValidationContext,
        stream: Stream,
        errors: val.GroupedErrors,
        out: PushOutcome,
    ) -> lbl.Labels | None:
        """parseStreamLabels: parse, then ValidateLabels; both failures count twice."""
        tenant = ctx.tenant
        try:
            labels = lbl.parse_labels(stream.labels)
        except lbl.LabelsParseError as err:
            count, size = len(stream.entries), entries_size(stream.entries)
            template = msg.INVALID_LABELS_ERROR_MSG
            errors.add(msg.go_format(template, stream.labels, err))
            out.discard(self._key(msg.INVALID_LABELS, tenant), count, size)
            return None
        rejection = val.validate_labels(ctx, labels, stream)
        if rejection is None:
            return labels
        count, size = len(stream.entries), entries_size(stream.entries)
        if rejection.reason == msg.MISSING_LABELS:
            out.discard(self._key(msg.MISSING_LABELS, tenant), 1, 0)  # Loki counts one sample
        else:
            out.discard(self._key(rejection.reason, tenant), count, size)
        errors.add(rejection.message)
        out.discard(self._key(msg.INVALID_LABELS, tenant), count, size)
        return None

    def _shard(self, tenant: str, item: _Valid, now: int, out: PushOutcome) -> list[PushStream]:
        """maybeShardStreams with rate sharding only (time sharding is refused at start)."""
        config = self.limits.shard_streams
        whole = [PushStream(item.text, item.text, item.entries, item.columns, item.size)]
        if not config.enabled:
            return whole
        rate, pushes = self.rates.rate_for(tenant, item.text, now)
        shards = shard_count(rate, pushes, item.push_size, config.desired_rate)
        if shards <= 1:
            return whole
        out.shardings += 1
        derived = self.shards.shard_labels(tenant, item.labels, item.text, shards, item.count)
        if item.entries is None and item.columns is not None:
            # deal() by column: the metadata is detected_level alone, so sizes are lines'
            parts = deal_columns(item.columns, len(derived))
            return [
                PushStream(text, item.text, None, part, sum(map(len, part[1])))
                for (_, text), part in zip(derived, parts, strict=True)
            ]
        dealt = deal(item.entries or [], len(derived))
        return [
            PushStream(text, item.text, part)
            for (_, text), part in zip(derived, dealt, strict=True)
        ]
