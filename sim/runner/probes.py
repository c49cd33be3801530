"""While the fleet writes: Loki's /metrics sampled over time, and freshness probes.

Freshness is measured on the fleet's own lines: a line's CRI timestamp is when it was
written (the fleet stamps with the wall clock), and the first query that returns it says
when Loki made it visible.
"""

from __future__ import annotations

import threading
import time

from sim.stack.lokiclient import LokiClient
from sim.verify.inputs import FreshnessSample, MetricsSample

METRICS_EVERY = 5.0
PROBE_EVERY = 2.0
PROBE_WINDOW_NS = 30 * 10**9
# Labels a collector config is likely to set on every stream, in order of preference: the
# ADR's sets `filename`; one that drops it (recommended.yaml) still sets `namespace`.
PREFERRED_LABELS = ("filename", "namespace", "job", "app", "container", "pod")


def any_stream_selector(label_names: list[str]) -> str | None:
    """A selector matching every stream that carries the most common-looking label."""
    for name in PREFERRED_LABELS:
        if name in label_names:
            return f'{{{name}=~".+"}}'
    usable = sorted(n for n in label_names if not n.startswith("__"))
    return f'{{{usable[0]}=~".+"}}' if usable else None


class Probes:
    """A background thread that scrapes and probes until stopped."""

    def __init__(self, loki: LokiClient, selector: str | None) -> None:
        """`selector` None: one chosen from Loki's label names once streams exist."""
        self.loki = loki
        self.selector = selector
        self.samples: list[MetricsSample] = []
        self.first_seen: dict[tuple[str, int, str], tuple[float, float]] = {}
        self.errors: list[str] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="probes", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(30)

    def freshness(self) -> list[FreshnessSample]:
        return [FreshnessSample(written, seen) for written, seen in self.first_seen.values()]

    def _loop(self) -> None:
        next_scrape = 0.0
        while not self._stop.is_set():
            now = time.time()
            if now >= next_scrape:
                self._scrape(now)
                next_scrape = now + METRICS_EVERY
            self._probe()
            self._stop.wait(PROBE_EVERY)
        self._scrape(time.time())

    def _scrape(self, now: float) -> None:
        try:
            self.samples.append(MetricsSample(now, self.loki.metrics()))
        except Exception as err:  # a probe must never take the run down; it is reported
            self.errors.append(f"metrics scrape failed: {err}")

    def _probe(self) -> None:
        end = time.time_ns()
        try:
            if self.selector is None:
                names = self.loki.label_names(end - PROBE_WINDOW_NS, end)
                self.selector = any_stream_selector(names)
                if self.selector is None:
                    return  # nothing stored yet
            entries = self.loki.recent(self.selector, end - PROBE_WINDOW_NS, end, limit=200)
        except Exception as err:
            self.errors.append(f"freshness probe failed: {err}")
            return
        seen_at = time.time()
        for entry in entries:
            key = (
                entry.labels.get("filename", str(sorted(entry.labels.items()))),
                entry.timestamp_ns,
                entry.line[:64],
            )
            self.first_seen.setdefault(key, (entry.timestamp_ns / 1e9, seen_at))
