"""The embedded Loki's one composition root: config, push path, store, metrics, tailers.

Handlers reach the parts only through this object. The store opens (and replays its WAL)
after the server listens, as Loki's ingester replays before it joins the ring; until then
pushes meet an empty ring. After a restart the push path's ingester is given back the
streams the WAL restored (their last entry, for the duplicate check and the stream limit),
and after each flush sweep it forgets the streams the store dropped, as instance.go does.
"""

from __future__ import annotations

import operator
import time
from collections.abc import Callable
from pathlib import Path

from aiohttp import web

from sim.loki.config import LokiConfig
from sim.loki.engine import QueryLimits
from sim.loki.http import messages as m
from sim.loki.http import wiring
from sim.loki.http.metrics import LokiMetrics
from sim.loki.http.ready import RUNNING, STOPPING, Readiness, min_ready_duration
from sim.loki.http.source import StoreSource
from sim.loki.http.storemetrics import StoreCollector
from sim.loki.http.tailer import TailHub
from sim.loki.ingest.ingester import Ingester, MemoryStream, TenantInstance
from sim.loki.ingest.outcome import PushOutcome, StoredStream
from sim.loki.ingest.pushpath import PushPath
from sim.loki.ingest.ratelimit import stream_limiter
from sim.loki.push import labels as lbl
from sim.loki.push.body import RawPush
from sim.loki.push.model import GO_ZERO_TIME_NS, Metadata
from sim.loki.store import Store

_SHARD_LABEL = "__stream_shard__"
_TIMESTAMP, _LINE, _METADATA = map(operator.attrgetter, ("timestamp", "line", "metadata"))


class LokiRuntime:
    def __init__(
        self, cfg: LokiConfig, data_dir: Path | None, *, clock: Callable[[], float] = time.time
    ) -> None:
        self.cfg = cfg
        self.clock = clock
        self.store_dir, self.wal_dir = wiring.data_paths(cfg, data_dir)
        self.store_config = wiring.store_config(cfg, self.wal_dir)
        self.serving_limits = wiring.ServingLimits.from_others(cfg.limits.others)
        self._engine_limits = QueryLimits.from_limits(cfg.limits)
        self.push_path = PushPath(
            cfg.limits,
            ring=wiring.ingester_ring(cfg),
            ingester_config=wiring.push_ingester_config(cfg),
            max_recv_msg_size=cfg.distributor.max_recv_msg_size,
        )
        self.metrics = LokiMetrics()
        self.store: Store | None = None
        self.store_collector = StoreCollector(
            lambda: self.store.metrics if self.store else None, self.metrics.registry
        )
        self.readiness = Readiness(min_ready_duration(cfg.raw))
        self.tail_hub = TailHub()

    def now_ns(self) -> int:
        return int(self.clock() * 1_000_000_000)

    def engine_limits(self) -> QueryLimits:
        return self._engine_limits

    # --- lifecycle --------------------------------------------------------------------
    def open_store(self) -> None:
        """Open the store (WAL replay; may take a while: run it off the event loop)."""
        self.store = Store(
            self.store_dir, self.store_config, clock=self.clock, config_path=str(self.cfg.path)
        )
        self._restore_streams(self.store)

    def start(self) -> None:
        """Every module runs: pushes are accepted from now on."""
        self.readiness.state = RUNNING
        self._export_memory_streams()

    def stop(self, *, flush: bool | None = None) -> None:
        """Stop accepting, then flush as configured and close the store."""
        self.readiness.shutdown_requested = True
        self.readiness.state = STOPPING
        if self.store is not None:
            self.store.close(flush=flush)

    def tick(self) -> None:
        """What Loki's timers run: flush sweep, checkpoint, retention; then forget streams
        the store dropped from memory."""
        if self.store is None or not self.readiness.accepting:
            return
        self.store.tick()
        self._forget_flushed_streams(self.store)
        self.store_collector.drain()
        self._export_memory_streams()

    # --- write path -------------------------------------------------------------------
    def push(self, tenant: str, raw: RawPush) -> PushOutcome:
        """One push: validation and limits, then the store (WAL first), then metrics."""
        if self.store is None or not self.readiness.accepting:
            return PushOutcome(tenant, status=500, body=m.ERR_EMPTY_RING)
        outcome = self.push_path.handle(tenant, raw, self.now_ns())
        if outcome.stored:
            self.store.append_columns(tenant, [_columns(s) for s in outcome.stored])
        self.metrics.record_push(outcome, self.cfg.limits.retention_hours)
        if outcome.streams_created:
            self._export_memory_streams()
        if outcome.stored:
            self.tail_hub.on_push(tenant, outcome)
        return outcome

    # --- read path --------------------------------------------------------------------
    def source(self) -> StoreSource | None:
        return StoreSource(self.store) if self.store is not None else None

    # --- the push path's ingester and the store's memory ---------------------------------
    def _ingester(self) -> Ingester | None:
        ingester = self.push_path.distributor.ingester
        return ingester if isinstance(ingester, Ingester) else None

    def _restore_streams(self, store: Store) -> None:
        ingester = self._ingester()
        if ingester is None:
            return
        for tenant in list(store.memory.tenants):
            instance = ingester.tenants.setdefault(tenant, TenantInstance(tenant))
            for labels in store.memory_streams(tenant):
                state = store.stream_state(tenant, labels)
                stream = MemoryStream(labels, _base_labels(labels), stream_limiter(ingester.limits))
                if state is not None:
                    stream.last_ts = GO_ZERO_TIME_NS if state.last_ts is None else state.last_ts
                    stream.last_line = state.last_line
                    stream.highest_ts = (
                        GO_ZERO_TIME_NS if state.highest_ts is None else state.highest_ts
                    )
                instance.streams[labels] = stream

    def _forget_flushed_streams(self, store: Store) -> None:
        ingester = self._ingester()
        if ingester is None:
            return
        for tenant, instance in ingester.tenants.items():
            kept = set(store.memory_streams(tenant))
            for labels in [name for name in instance.streams if name not in kept]:
                ingester.forget_stream(tenant, labels)

    def _export_memory_streams(self) -> None:
        ingester = self._ingester()
        if ingester is not None:
            self.metrics.set_memory_streams(
                {tenant: len(instance.streams) for tenant, instance in ingester.tenants.items()}
            )


def _columns(stored: StoredStream) -> tuple[str, list[int], list[bytes], list[Metadata]]:
    """A stored stream as the store takes it: labels, timestamps, lines, metadata."""
    if stored.columns is not None:
        return stored.labels, *stored.columns
    entries = stored.entries
    stamps, lines = list(map(_TIMESTAMP, entries)), list(map(_LINE, entries))
    return stored.labels, stamps, lines, list(map(_METADATA, entries))


def _base_labels(labels: str) -> str:
    """A shard stream's unsharded identity: its labels without __stream_shard__."""
    if _SHARD_LABEL not in labels:
        return labels
    parsed = lbl.parse_labels(labels)
    return lbl.labels_string(tuple(pair for pair in parsed if pair[0] != _SHARD_LABEL))


RUNTIME: web.AppKey[LokiRuntime] = web.AppKey("runtime", LokiRuntime)
