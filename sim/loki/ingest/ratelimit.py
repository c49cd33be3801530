"""Token buckets as golang.org/x/time/rate.Limiter runs them, on an injected clock.

Used twice on the push path: the distributor's per-tenant ingestion limiter (dskit
limiter.RateLimiter with pkg/distributor/ingestion_rate_strategy.go: `ingestion_rate_mb`
per second, `ingestion_burst_size_mb` burst; the global strategy divides the rate by the
healthy distributors, here one) and the ingester's per-stream limiter (pkg/ingester/limiter.go
StreamRateLimiter: `per_stream_rate_limit`, `per_stream_rate_limit_burst`). A bucket starts
full; a request of n tokens passes only if n <= burst and the bucket would not have to wait,
and a refused request takes nothing.
"""

from __future__ import annotations

import math

from sim.loki import messages as msg
from sim.loki.limits import Limits

_NS = 1_000_000_000
_MAX_INT64 = (1 << 63) - 1


def _go_seconds(nanoseconds: int) -> float:
    """time.Duration.Seconds()."""
    whole, rest = divmod(nanoseconds, _NS)
    return whole + rest / 1e9


class TokenBucket:
    """rate.Limiter: `limit` tokens per second (math.inf for no limit), `burst` capacity."""

    __slots__ = ("burst", "last", "limit", "tokens")

    def __init__(self, limit: float, burst: int) -> None:
        self.limit = limit
        self.burst = burst
        self.tokens = float(burst)
        self.last: int | None = None

    def allow_n(self, now: int, n: int) -> bool:
        """AllowN(now, n) with `now` in Unix nanoseconds."""
        if self.limit == math.inf:
            return True
        last = self.last if self.last is not None else now
        elapsed = now - min(last, now)
        tokens = self.tokens
        if self.limit > 0 and self.last is not None:
            tokens += _go_seconds(elapsed) * self.limit
        tokens = min(tokens, float(self.burst))
        tokens -= n
        wait = 0
        if tokens < 0:
            wait = _MAX_INT64 if self.limit <= 0 else self._wait_ns(-tokens)
        if n > self.burst or wait > 0:
            return False
        self.last, self.tokens = now, tokens
        return True

    def _wait_ns(self, missing: float) -> int:
        """durationFromTokens, truncated to whole nanoseconds as Go's conversion does."""
        duration = missing / self.limit * 1e9
        return _MAX_INT64 if duration > _MAX_INT64 else int(duration)


class IngestionRateLimiter:
    """The distributor's per-tenant limiter (one distributor: local and global agree)."""

    def __init__(self, limits: Limits, distributors: int = 1) -> None:
        self.limits = limits
        self.distributors = distributors
        self._buckets: dict[str, TokenBucket] = {}

    def limit(self, tenant: str) -> float:
        """localStrategy / globalStrategy Limit()."""
        rate = self.limits.ingestion_rate_bytes
        if self.limits.ingestion_rate_strategy == msg.GLOBAL_INGESTION_RATE_STRATEGY:
            return rate / self.distributors if self.distributors else rate
        return rate

    def allow_n(self, now: int, tenant: str, size: int) -> bool:
        bucket = self._buckets.get(tenant)
        if bucket is None:
            bucket = TokenBucket(self.limit(tenant), self.limits.ingestion_burst_size_bytes)
            self._buckets[tenant] = bucket
        return bucket.allow_n(now, size)


def rate_limited_message(tenant: str, limit: float, lines: int, size: int) -> str:
    """validation.RateLimitedErrorMsg, the limit shown as Go's int(float64)."""
    return msg.go_format(msg.RATE_LIMITED_ERROR_MSG, tenant, int(limit), lines, size)


def stream_limiter(limits: Limits) -> TokenBucket:
    """A new stream's limiter: validation.RateLimit{Limit, Burst} from the tenant's limits."""
    return TokenBucket(float(limits.per_stream_rate_limit), limits.per_stream_rate_limit_burst)
