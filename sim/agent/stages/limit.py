"""The `limit` stage (limit.go): a token bucket (golang.org/x/time/rate) on entries.

With `drop: true` an entry over the rate is dropped (reason `ratelimit_drop_stage`);
otherwise Promtail blocks until a token is due, which here means the entry is held and
released by `tick` at the time Promtail would have let it through (later entries queue
behind it, as behind a blocked goroutine). `by_label_name` keeps one bucket per value of
that label (entries without it pass), at most `max_distinct_labels` (at least 10000) in
two generations.
"""

from __future__ import annotations

from collections import Counter, deque
from typing import Any, ClassVar

from . import messages
from .base import BuildContext, Entry, StageConfigError
from .decode import BOOL, FLOAT64, INT, STRING
from .helpers import decode_config

_NS = 1_000_000_000


class TokenBucket:
    """rate.Limiter: starts full; Allow/reserve at a time in nanoseconds."""

    __slots__ = ("_burst", "_last", "_rate", "_tokens")

    def __init__(self, rate: float, burst: int) -> None:
        self._rate = rate
        self._burst = burst
        self._tokens = float(burst)
        self._last = -(1 << 62)

    def _advance(self, now_ns: int) -> float:
        last = min(self._last, now_ns)
        tokens = self._tokens + (now_ns - last) / _NS * self._rate
        return min(tokens, float(self._burst))

    def reserve(self, now_ns: int, max_wait_ns: float) -> int | None:
        """Take a token; the time it may be used, or None if that is beyond max_wait_ns."""
        tokens = self._advance(now_ns) - 1
        wait_ns = int(-tokens / self._rate * _NS) if tokens < 0 else 0
        if self._burst < 1 or wait_ns > max_wait_ns:
            return None
        self._last = now_ns
        self._tokens = tokens
        return now_ns + wait_ns

    def allow(self, now_ns: int) -> bool:
        return self.reserve(now_ns, 0) is not None


class _Generations:
    """util.GenerationalMap: at most max_size recently used buckets, in two generations."""

    def __init__(self, max_size: int, rate: float, burst: int, on_gc: Any) -> None:
        self._max_size, self._rate, self._burst, self._on_gc = max_size, rate, burst, on_gc
        self._old: dict[str, TokenBucket] = {}
        self._new: dict[str, TokenBucket] = {}

    def get(self, key: str) -> TokenBucket:
        bucket = self._new.get(key)
        if bucket is None:
            bucket = self._old.get(key) or TokenBucket(self._rate, self._burst)
            self._new[key] = bucket
            if len(self._new) == self._max_size:
                self._old, self._new = self._new, {}
                self._on_gc()
        return bucket


class LimitStage:
    name = "limit"
    in_place: ClassVar[bool] = False

    def __init__(
        self,
        ctx: BuildContext,
        rate: float,
        burst: int,
        drop: bool,
        by_label: str,
        max_distinct: int,
    ) -> None:
        self._ctx = ctx
        self._drop = drop
        self._by_label = by_label
        self._bucket = TokenBucket(rate, burst)
        # logentry_dropped_lines_by_label_total{label_name, label_value}; reset on each GC.
        self.dropped_by_label: Counter[tuple[str, str]] = Counter()
        self._buckets = _Generations(max_distinct, rate, burst, self.dropped_by_label.clear)
        self._held: deque[tuple[int, Entry]] = deque()

    def process(self, entry: Entry, now: float) -> list[Entry]:
        now_ns = int(now * _NS)
        if self._by_label:
            value = entry.labels.get(self._by_label)
            if value is None or self._buckets.get(value).allow(now_ns):
                return [entry]
            self._ctx.dropped[messages.DROP_REASON_RATELIMIT] += 1
            self.dropped_by_label[(self._by_label, value)] += 1
            return []
        if self._drop:
            if self._bucket.allow(now_ns):
                return [entry]
            self._ctx.dropped[messages.DROP_REASON_RATELIMIT] += 1
            return []
        due = self._bucket.reserve(
            max(now_ns, self._held[-1][0]) if self._held else now_ns, float("inf")
        )
        assert due is not None
        if not self._held and due <= now_ns:
            return [entry]
        self._held.append((due, entry))
        return self.tick(now)

    def tick(self, now: float) -> list[Entry]:
        now_ns = int(now * _NS)
        out: list[Entry] = []
        while self._held and self._held[0][0] <= now_ns:
            out.append(self._held.popleft()[1])
        return out

    def flush(self) -> list[Entry]:
        out = [entry for _, entry in self._held]
        self._held.clear()
        return out


def new_limit_stage(config: Any, ctx: BuildContext) -> LimitStage:
    fields = {
        "rate": FLOAT64,
        "burst": INT,
        "drop": BOOL,
        "by_label_name": STRING,
        "max_distinct_labels": INT,
    }
    values = decode_config(ctx, config, fields, weak=True)
    rate, burst = values.get("rate", 0.0), values.get("burst", 0)
    if rate <= 0 or burst <= 0:
        raise StageConfigError(messages.ERR_LIMIT_INVALID_RATE_OR_BURST)
    by_label = values.get("by_label_name", "")
    drop = bool(values.get("drop"))
    if by_label and not drop:
        raise StageConfigError(messages.ERR_LIMIT_BY_LABEL_MUST_DROP, "drop")
    max_distinct = values.get("max_distinct_labels", 0)
    if by_label and max_distinct < messages.MIN_REASONABLE_MAX_DISTINCT_LABELS:
        ctx.warnings.append(
            f"{ctx.stage_field}.max_distinct_labels: max_distinct_labels was adjusted up to the "
            f"minimal reasonable value of {messages.MIN_REASONABLE_MAX_DISTINCT_LABELS}"
        )
        max_distinct = messages.MIN_REASONABLE_MAX_DISTINCT_LABELS
    return LimitStage(ctx, rate, burst, drop, by_label, max_distinct)
