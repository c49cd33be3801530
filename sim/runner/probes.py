"""While the fleet writes: Loki's /metrics sampled over time, and freshness probes.

Freshness is measured on the fleet's own lines: a line's CRI timestamp is when it was
written (the fleet stamps with the wall clock), and the first query that returns it says
when Loki made it visible. The newest lines of all streams come mostly from streams that
are not behind, so a pod under a log bomb is probed on its own as well: its delay is what
a lagging collector adds.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Sequence

from sim.stack.lokiclient import LokiClient
from sim.verify.inputs import FreshnessSample, MetricsSample

METRICS_EVERY = 5.0
PROBE_EVERY = 2.0
PROBE_WINDOW_NS = 30 * 10**9
FOCUS_WINDOW_NS = 600 * 10**9  # a pod's collector may lag far behind: its newest lines are old
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


def pod_selector(label_names: list[str], namespace: str, name: str) -> str | None:
    """A selector for the streams of the scenario pod `namespace/name` (any replica: its
    generated names are `name`, `name-N`, `name-<hash>-<suffix>`), by the `pod` label or
    else by kubelet's directory in `filename`; None when Loki has neither label."""
    replicas = re.escape(name) + "(-[a-z0-9]+){0,2}"
    if "pod" in label_names and "namespace" in label_names:
        return f'{{namespace="{namespace}", pod=~"{replicas}"}}'
    if "filename" in label_names:
        return f'{{filename=~".*/{re.escape(namespace)}_{replicas}_[^/]+/.+"}}'
    return None


class Probes:
    """A background thread that scrapes and probes until stopped."""

    def __init__(self, loki: LokiClient, selector: str | None, focus: Sequence[str] = ()) -> None:
        """`selector` None: one chosen from Loki's label names once streams exist; `focus`:
        scenario pods (`namespace/name`) probed on their own as well."""
        self.loki = loki
        self.selector = selector
        self.focus = list(focus)
        self.focus_selectors: dict[str, str] = {}
        self.focus_seen: dict[str, dict[tuple[str, int, str], tuple[float, float]]] = {
            pod: {} for pod in self.focus
        }
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

    def focus_freshness(self) -> dict[str, list[FreshnessSample]]:
        """Per focus pod, its probed lines (none if its streams were never found)."""
        return {
            pod: [FreshnessSample(written, seen) for written, seen in seen_lines.values()]
            for pod, seen_lines in self.focus_seen.items()
        }

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
            if self.selector is None or len(self.focus_selectors) < len(self.focus):
                names = self.loki.label_names(end - PROBE_WINDOW_NS, end)
                self.selector = self.selector or any_stream_selector(names)
                for pod in self.focus:
                    namespace, _, name = pod.partition("/")
                    found = pod_selector(names, namespace, name)
                    if found is not None:
                        self.focus_selectors[pod] = found
                if self.selector is None:
                    return  # nothing stored yet
            self._record(self.first_seen, self.selector, end - PROBE_WINDOW_NS, end, 200)
            for pod, selector in self.focus_selectors.items():
                self._record(self.focus_seen[pod], selector, end - FOCUS_WINDOW_NS, end, 50)
        except Exception as err:
            self.errors.append(f"freshness probe failed: {err}")

    def _record(
        self,
        seen_lines: dict[tuple[str, int, str], tuple[float, float]],
        selector: str,
        start: int,
        end: int,
        limit: int,
    ) -> None:
        """The first time each of the newest `limit` lines of `selector` was seen."""
        entries = self.loki.recent(selector, start, end, limit=limit)
        seen_at = time.time()
        for entry in entries:
            key = (
                entry.labels.get("filename", str(sorted(entry.labels.items()))),
                entry.timestamp_ns,
                entry.line[:64],
            )
            seen_lines.setdefault(key, (entry.timestamp_ns / 1e9, seen_at))
