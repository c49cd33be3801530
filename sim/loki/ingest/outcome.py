"""What one push did: the answer for the client, what to store, what was counted as lost.

The HTTP server answers `status` with `body` the way Loki's handler does: 204 with no body on
success, otherwise Go's http.Error (text/plain; charset=utf-8, X-Content-Type-Options:
nosniff, body followed by a newline). Discards are keyed by the label values of Loki's
loki_discarded_samples_total / loki_discarded_bytes_total series.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

from sim.loki import messages as msg
from sim.loki.ingest.streamdata import Columns, StoredStream, column_entries
from sim.loki.push.request import ReceivedStats

__all__ = ["Columns", "Count", "DiscardKey", "PushOutcome", "StoredStream", "column_entries"]


class DiscardKey(NamedTuple):
    """Label values of the discarded metrics, in Loki's order."""

    reason: str
    tenant: str
    retention_hours: str = ""
    policy: str = ""
    format: str = msg.FORMAT_LOKI


@dataclass
class Count:
    samples: int = 0
    bytes: int = 0

    def add(self, samples: int, size: int) -> None:
        self.samples += samples
        self.bytes += size


@dataclass
class PushOutcome:
    """The result of one push request, as values."""

    tenant: str
    status: int = 204
    body: str = ""
    stored: list[StoredStream] = field(default_factory=list)
    discarded: defaultdict[DiscardKey, Count] = field(default_factory=lambda: defaultdict(Count))
    truncated: Count = field(default_factory=Count)  # loki_mutated_*{reason="line_too_long"}
    received: ReceivedStats = field(default_factory=ReceivedStats)
    sanitized_metadata: int = 0  # loki_distributor_push_structured_metadata_sanitized_total
    streams_created: list[str] = field(default_factory=list)
    shardings: int = 0  # loki_stream_sharding_count
    stand_in_limit: bool = False  # refused by a lokisim limit, not by Loki's

    def discard(self, key: DiscardKey, samples: int, size: int) -> None:
        self.discarded[key].add(samples, size)

    def discarded_by_reason(self) -> dict[str, Count]:
        """Samples and bytes lost per Loki `reason`, all tenants and policies summed."""
        totals: dict[str, Count] = defaultdict(Count)
        for key, count in self.discarded.items():
            totals[key.reason].add(count.samples, count.bytes)
        return dict(totals)

    @property
    def stored_entries(self) -> int:
        return sum(stream.entry_count() for stream in self.stored)
