"""What the runner hands the verifier: plain data fetched from Loki, the collector and the fleet.

Nothing here talks to a network or a process. A field left `None` means the runner could
not fetch it (Loki unreachable, a data dir it could not measure): the report then says
so under `tool_errors` instead of pretending a zero was observed.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from sim.errors import ToolError
from sim.fleet.ledger import ContainerCounts, SecretRecord
from sim.scenario import Scenario


@dataclass(frozen=True, slots=True)
class StoredEntry:
    """One entry Loki holds for the run window, as a query returned it."""

    labels: Mapping[str, str]
    timestamp_ns: int
    line: str


@dataclass(frozen=True, slots=True)
class QueryTiming:
    """One run of a query: wall seconds, the number of results, Loki's error text if any."""

    seconds: float
    results: int
    error: str | None = None


@dataclass(frozen=True, slots=True)
class MetricsSample:
    """A /metrics scrape taken `at_s` (Unix seconds) during the run."""

    at_s: float
    text: str


@dataclass(frozen=True, slots=True)
class FreshnessSample:
    """A probe line: when it was written, and when a query first returned it (None: never)."""

    written_at_s: float
    first_seen_at_s: float | None


@dataclass(frozen=True, slots=True)
class ContainerStatsSample:
    """One `docker stats` reading of a compose container, the engine's JSON as it came.

    `container` is its role in the run (`loki` or `collector`), `service` its Compose service
    (`loki`, `promtail`, `alloy`), `stats` the answer of /containers/{id}/stats?stream=false.
    """

    container: str
    service: str
    at_s: float
    stats: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class RunFacts:
    target: str  # "embedded", "compose" or the Loki URL
    collector: str  # "adr", "recommended", a config path, "alloy", ...
    started_at_s: float
    ended_at_s: float
    stored_bytes: int | None = None  # Loki's data dir on disk at the end
    raw_bytes: int | None = None  # content bytes written; None: summed from the accounting
    tenant: str | None = None  # the collector's tenant; None: every tenant counts
    ingestion_rate_limit_bytes: float | None = None  # Loki's limit in force, for the chart
    ingestion_burst_bytes: float | None = None  # its burst (ingestion_burst_size_mb)
    # The collector had to be killed at the end of the run: Promtail's Stop waits for the
    # batch it is retrying (client.go), so it was still retrying when the run ended.
    collector_killed_at_stop: bool = False


@dataclass(frozen=True, slots=True)
class VerifyInputs:
    scenario: Scenario
    facts: RunFacts
    ledger: Sequence[SecretRecord]
    accounting: Sequence[ContainerCounts]
    pods_dir: Path | None
    stored: Sequence[StoredEntry] | None
    loki_metrics: str | None = None
    loki_samples: Sequence[MetricsSample] = ()
    collector_metrics: Sequence[str] = ()
    query_timings: Mapping[str, Sequence[QueryTiming]] = field(default_factory=dict)
    freshness: Sequence[FreshnessSample] = ()
    # per scenario pod under a log bomb (`namespace/name`), its own probed lines
    pod_freshness: Mapping[str, Sequence[FreshnessSample]] = field(default_factory=dict)
    tool_errors: Sequence[str] = ()  # what the runner itself could not do
    load: Mapping[str, Any] | None = None  # Locust's results (sim/load/results.py), if it ran
    # The compose containers' stats while the run went; None: not sampled (other targets)
    container_stats: Sequence[ContainerStatsSample] | None = None


_COUNT_FIELDS = {f.name for f in fields(ContainerCounts)}


def load_accounting(path: Path) -> list[ContainerCounts]:
    """The per-container counts of the fleet's `accounting.json`."""
    try:
        body = json.loads(path.read_text(encoding="utf-8"))
        return [
            ContainerCounts(**{k: v for k, v in row.items() if k in _COUNT_FIELDS})
            for row in body["containers"]
        ]
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise ToolError(
            f"{path}: expected the fleet's accounting.json, could not read it: {err}"
        ) from None
