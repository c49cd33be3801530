"""The per-tenant active stream limit, computed as pkg/ingester/limiter.go does.

The global limit is turned into this ingester's share: global / healthy ingesters *
replication factor (zone-aware: global * RF / zones / ingesters in this zone), truncated.
The limit in force is the smaller of the local limit and that share, a 0 meaning "no limit";
when both are 0 it is MaxInt32. A new stream is allowed while the tenant holds fewer streams
than the limit.

With the ADR's `max_streams_per_user: 10000`, the default `max_global_streams_per_user:
5000`, one ingester and replication factor 1: min(10000, 5000 / 1 * 1) = 5000.
"""

from __future__ import annotations

from dataclasses import dataclass

from sim.loki import messages as msg
from sim.loki.limits import Limits

MAX_INT32 = (1 << 31) - 1


@dataclass(frozen=True)
class IngesterRing:
    """What the ingester ring tells the limiter: healthy instances, zones, the RF."""

    replication_factor: int = 3  # common.replication_factor default (pkg/loki/common)
    healthy_instances: int = 1
    zones: int = 1
    healthy_in_zone: int = 1

    def global_to_local(self, global_limit: int) -> int:
        """ingesterRingLimiterStrategy.convertGlobalToLocalLimit."""
        if global_limit == 0 or self.replication_factor == 0:
            return 0
        if self.zones <= 1:
            if self.healthy_instances <= 0:
                return 0
            return int(global_limit / self.healthy_instances * self.replication_factor)
        if self.healthy_in_zone <= 0:
            return 0
        return int(global_limit * self.replication_factor / self.zones / self.healthy_in_zone)


def min_non_zero(first: int, second: int) -> int:
    """Limiter.minNonZero."""
    if first == 0 or (second != 0 and first > second):
        return second
    return first


@dataclass(frozen=True)
class StreamLimit:
    """GetStreamCountLimit's four numbers."""

    calculated: int
    local: int
    global_: int
    adjusted_global: int

    def allows(self, streams: int) -> bool:
        return streams < self.calculated

    def ingester_message(self, tenant: str, streams: int) -> str:
        """errMaxStreamsPerUserLimitExceeded: what the ingester logs (not what it answers)."""
        return msg.go_format(
            msg.MAX_STREAMS_PER_USER_LIMIT_EXCEEDED,
            tenant,
            streams,
            self.calculated,
            self.local,
            self.global_,
            self.adjusted_global,
        )


def combine(local: int, global_: int, adjusted: int) -> StreamLimit:
    """The limit in force from the local limit and this ingester's share of the global one."""
    return StreamLimit(min_non_zero(local, adjusted) or MAX_INT32, local, global_, adjusted)


def stream_limit(limits: Limits, ring: IngesterRing) -> StreamLimit:
    """Limiter.GetStreamCountLimit for a stream without a policy."""
    global_ = limits.max_global_streams_per_user
    return combine(limits.max_streams_per_user, global_, ring.global_to_local(global_))


def stream_limit_message(labels: str, tenant: str) -> str:
    """validation.StreamLimitErrorMsg: the 429 text the client receives."""
    return msg.go_format(msg.STREAM_LIMIT_ERROR_MSG, labels, tenant)
