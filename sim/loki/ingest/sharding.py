"""Rate-based stream sharding (`shard_streams.enabled`, on by default in 3.6).

Three upstream parts, on one injected clock:
  * pkg/ingester/stream_rate_calculator.go: bytes and pushes per stream over a 1 s window;
  * pkg/distributor/ratestore.go: every ~1 s the distributor reads those windows, sums shards
    of one stream, and keeps a moving average (0.4 new + 0.6 old; a stream absent from a
    window decays by 0.6; entries older than 10 minutes are dropped);
  * pkg/distributor/distributor.go shardStream: shards = ceil((rate + push size x min(push
    rate, 1)) / desired_rate) when above 1 and the push rate is known; the entries are dealt
    round-robin over `__stream_shard__="N"` copies, starting after the last shard used.

Loki runs the calculator tick and the rate-store poll as two free-running timers (the poll
jittered by 20%); here both fire together on each whole second since the first push. That
phase is the one liberty taken; the arithmetic is upstream's.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from sim.loki import messages as msg
from sim.loki.ingest.streamdata import Columns
from sim.loki.push import labels as lbl
from sim.loki.push.model import Entry

_SECOND = 1_000_000_000
_KEEP_ALIVE = 600 * _SECOND
_SMOOTHING = 0.4


@dataclass
class _Window:
    bytes: int = 0
    pushes: int = 0


@dataclass
class _Rate:
    created_at: int
    rate: int
    shards: int
    pushes: float


class StreamRates:
    """The calculator's windows and the rate store's averages, per tenant and base stream."""

    def __init__(self) -> None:
        self._tick: int | None = None
        self._window: dict[tuple[str, str], tuple[str, _Window]] = {}
        self._rates: dict[tuple[str, str], _Rate] = {}

    def record(self, tenant: str, labels: str, base_labels: str, size: int, now: int) -> None:
        """StreamRateCalculator.Record, once per stream push."""
        self.advance(now)
        _, window = self._window.setdefault((tenant, labels), (base_labels, _Window()))
        window.bytes += size
        window.pushes += 1

    def rate_for(self, tenant: str, base_labels: str, now: int) -> tuple[int, float]:
        """rateStore.RateFor: (bytes per second, pushes per second) of the unsharded stream."""
        self.advance(now)
        found = self._rates.get((tenant, base_labels))
        return (found.rate, found.pushes) if found else (0, 0.0)

    def advance(self, now: int) -> None:
        if self._tick is None:
            self._tick = now + _SECOND
        while now >= self._tick:
            self._update(self._tick)
            self._tick += _SECOND

    def _update(self, at: int) -> None:
        """Publish the window, then updateAllRates: aggregateByShard, average, expire."""
        fresh: dict[tuple[str, str], _Rate] = {}
        for (tenant, _labels), (base, window) in self._window.items():
            rate = fresh.setdefault((tenant, base), _Rate(at, 0, 0, 0.0))
            rate.rate += window.bytes
            rate.pushes = max(float(window.pushes), rate.pushes)
            rate.shards += 1
        self._window = {}
        for key, rate in fresh.items():
            old = self._rates.get(key)
            if old is not None:
                rate.rate = int(_SMOOTHING * rate.rate + (1 - _SMOOTHING) * old.rate)
                rate.pushes = _SMOOTHING * rate.pushes + (1 - _SMOOTHING) * old.pushes
            self._rates[key] = rate
        for key, rate in list(self._rates.items()):
            if at - rate.created_at > _KEEP_ALIVE:
                del self._rates[key]
            elif key not in fresh:
                rate.rate = int((1 - _SMOOTHING) * rate.rate)
                rate.pushes = (1 - _SMOOTHING) * rate.pushes


def shard_count(rate: int, push_rate: float, push_size: int, desired_rate: int) -> int:
    """Distributor.shardCountFor with calculateShards."""
    if desired_rate <= 0 or push_rate == 0:
        return 1
    push_rate = min(push_rate, 1.0)
    shards = (rate + int(push_size * push_rate)) / desired_rate
    return 1 if shards <= 1 else math.ceil(shards)


class ShardTracker:
    """pkg/distributor/shard_tracker.go: where the next round-robin over shards starts."""

    def __init__(self) -> None:
        self._last: dict[tuple[str, str], int] = {}

    def shard_labels(
        self, tenant: str, labels: lbl.Labels, labels_text: str, shards: int, entries: int
    ) -> list[tuple[lbl.Labels, str]]:
        """createShards: the shard streams' labels, in the order entries are dealt to them."""
        pattern = lbl.labels_string(
            lbl.with_label(labels, msg.SHARD_LABEL, msg.SHARD_LABEL_PLACEHOLDER)
        )
        count = min(entries, shards)
        start = self._last.get((tenant, labels_text), 0)
        derived = []
        for index in range(count):
            number = str((start + index) % shards)
            shard = lbl.with_label(labels, msg.SHARD_LABEL, number)
            derived.append((shard, pattern.replace(msg.SHARD_LABEL_PLACEHOLDER, number, 1)))
        self._last[(tenant, labels_text)] = start + count
        return derived


def deal(entries: list[Entry], shards: int) -> list[list[Entry]]:
    """divideEntriesBetweenShards: entry i goes to shard stream i modulo their number."""
    dealt: list[list[Entry]] = [[] for _ in range(shards)]
    for index, entry in enumerate(entries):
        dealt[index % shards].append(entry)
    return dealt


def deal_columns(columns: Columns, shards: int) -> list[Columns]:
    """deal() of entries held as (timestamps, lines, metadata) columns."""
    stamps, lines, metas = columns
    return [(stamps[i::shards], lines[i::shards], metas[i::shards]) for i in range(shards)]
