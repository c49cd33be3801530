"""The fleet: every container of every pod, writing its scenario's logs over time."""

from __future__ import annotations

import random
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sim.fleet.clock import Clock
from sim.fleet.ledger import ContainerCounts, Ledger
from sim.fleet.metrics import FleetMetrics
from sim.fleet.pods import PodInstance, PodNamer
from sim.fleet.source import ContainerSource, SecretPlan
from sim.fleet.timeline import Event, events, rate_factor
from sim.fleet.workloads import make_workload
from sim.fleet.writer import ContainerLog
from sim.scenario import Pod, Scenario

TICK_SECONDS = 0.1


@dataclass(frozen=True, slots=True)
class Progress:
    elapsed: float
    duration: float
    bytes_written: int
    entries: int
    secrets: int
    pods: int


class Fleet:
    """Builds the pods of a scenario and writes their logs under `pods_dir`."""

    def __init__(
        self,
        scenario: Scenario,
        pods_dir: Path,
        ledger: Ledger,
        clock: Clock,
        *,
        seed: int | None = None,
        metrics: FleetMetrics | None = None,
    ) -> None:
        self.scenario = scenario
        self.pods_dir = pods_dir
        self.ledger = ledger
        self.clock = clock
        self.metrics = metrics
        self.seed = scenario.seed if seed is None else seed
        self._rng = random.Random(self.seed)
        self._namer = PodNamer(random.Random(self._rng.getrandbits(64)))
        self._secrets = SecretPlan(scenario.secrets.kind_list(), scenario.secrets.ratio)
        self.sources: list[ContainerSource] = []  # every source ever made, stopped ones too
        self._live: dict[str, list[list[ContainerSource]]] = {}  # pod ref -> replicas
        self._jobs: list[tuple[str, list[ContainerSource]]] = []  # blowup pods still writing
        self._exported: dict[int, tuple[int, int, dict[str, int]]] = {}
        self._doomed: list[tuple[float, Path]] = []  # (when, dir) of deleted pods' log dirs
        self.deleted_pod_dirs: list[Path] = []
        self.bytes_written = 0
        for pod in scenario.pods:
            self._live[pod.ref] = [self._start_pod(pod, r) for r in range(pod.replicas)]

    def _start_pod(
        self, spec: Pod, replica: int, *, same_name_as: str = ""
    ) -> list[ContainerSource]:
        instance = self._namer.new_instance(spec, replica, same_name_as=same_name_as)
        return [self._start_container(instance, index) for index in range(len(spec.containers))]

    def _start_container(
        self, instance: PodInstance, index: int, line_budget: int | None = None
    ) -> ContainerSource:
        spec = instance.spec.containers[index]
        rotation = self.scenario.rotation
        log = ContainerLog(
            instance.log_dir(self.pods_dir) / spec.name,
            max_size=rotation.max_size,
            max_files=rotation.max_files,
        )
        workload = make_workload(
            spec.workload,
            app=instance.spec.app_name,
            pod=instance.name,
            namespace=instance.namespace,
            seed=self._rng.getrandbits(63),
        )
        source = ContainerSource(
            instance,
            spec.name,
            workload,
            spec.rate,
            log,
            random.Random(self._rng.getrandbits(64)),
            max_line_size=self.scenario.cri_max_line_size,
            line_budget=line_budget,
        )
        self.sources.append(source)
        return source

    async def run(
        self,
        duration: float | None = None,
        on_progress: Callable[[Progress], None] | None = None,
        progress_every: float = 1.0,
    ) -> list[ContainerCounts]:
        """Write the scenario for `duration` seconds (default: the scenario's)."""
        duration = self.scenario.duration if duration is None else duration
        pending = [event for event in events(self.scenario) if event.at < duration]
        start = self.clock.now()
        elapsed, next_check, next_report = 0.0, 0.0, 0.0
        try:
            while elapsed < duration:
                step = min(TICK_SECONDS, duration - elapsed)
                while pending and pending[0].at < elapsed + step:
                    self._apply(pending.pop(0), elapsed)
                self._collect_garbage(elapsed)
                self._tick(start + elapsed, start + elapsed + step, elapsed)
                elapsed += step
                if elapsed >= next_check:
                    self._check_rotation(start + elapsed)
                    next_check += self.scenario.rotation.check_interval
                if elapsed >= next_report:
                    self._export_metrics()
                    if on_progress is not None:
                        on_progress(self.progress(elapsed, duration))
                    next_report += progress_every
                await self.clock.sleep_until(start + elapsed)
        finally:
            self._close()
        if on_progress is not None:
            on_progress(self.progress(elapsed, duration))
        return [source.counts for source in self.sources]

    def _tick(self, begin: float, end: float, elapsed: float) -> None:
        for ref, replicas in self._live.items():
            factor = rate_factor(self.scenario, ref, elapsed)
            for containers in replicas:
                self._produce(containers, begin, end, factor)
        if self._jobs:
            for ref, containers in self._jobs:
                self._produce(containers, begin, end, rate_factor(self.scenario, ref, elapsed))
            # A finished Job pod's file is closed: thousands of them must not hold descriptors.
            self._jobs = [(ref, c) for ref, c in self._jobs if not all(s.stopped for s in c)]

    def _produce(
        self, containers: list[ContainerSource], begin: float, end: float, factor: float
    ) -> None:
        for source in containers:
            self.bytes_written += source.produce(begin, end, factor, self._secrets, self.ledger)
            if source.stopped:
                source.log.close()

    def _apply(self, event: Event, elapsed: float) -> None:
        spec = self.scenario.pod_by_ref(event.pod)
        replicas = self._live[event.pod]
        if event.kind == "restart":
            for containers in replicas:
                for source in containers:
                    if not source.stopped and event.container in (None, source.container):
                        source.log.restart_container()
                        source.counts.restarts += 1
        elif event.kind == "churn":
            for index, containers in enumerate(replicas):
                for source in containers:
                    source.stopped = True
                    source.log.close()
                # kubelet's container GC removes a deleted pod's logs on its next pass.
                pod_dir = containers[0].pod.log_dir(self.pods_dir)
                self._doomed.append((elapsed + self.scenario.pod_gc_delay, pod_dir))
                # A StatefulSet's replacement keeps the name; other controllers' do not.
                keep = containers[0].pod.name if spec.controller == "statefulset" else ""
                replicas[index] = self._start_pod(spec, index, same_name_as=keep)
        else:
            instance = self._namer.new_instance(spec, len(self.sources))
            job = [
                self._start_container(instance, index, line_budget=event.lines)
                for index in range(len(spec.containers))
            ]
            self._jobs.append((event.pod, job))

    def _collect_garbage(self, elapsed: float) -> None:
        while self._doomed and self._doomed[0][0] <= elapsed:
            _, pod_dir = self._doomed.pop(0)
            shutil.rmtree(pod_dir, ignore_errors=True)
            self.deleted_pod_dirs.append(pod_dir)

    def _check_rotation(self, now: float) -> None:
        for source in self.sources:
            if not source.stopped and source.log.maybe_rotate(now):
                source.counts.rotations += 1

    def _close(self) -> None:
        for source in self.sources:
            source.log.close()
        self._export_metrics()
        self.ledger.flush()

    def _export_metrics(self) -> None:
        """Adds what each container wrote since the last export to the counters."""
        if self.metrics is None:
            return
        for source in self.sources:
            counts = source.counts
            entries, file_bytes, secrets = self._exported.get(id(source), (0, 0, {}))
            if counts.entries == entries:
                continue
            labels = (counts.namespace, counts.pod, counts.container)
            self.metrics.lines.labels(*labels).inc(counts.entries - entries)
            self.metrics.bytes.labels(*labels).inc(counts.file_bytes - file_bytes)
            for kind, number in counts.secrets.items():
                if number != secrets.get(kind, 0):
                    pod_labels = (counts.namespace, counts.pod, kind)
                    self.metrics.secrets.labels(*pod_labels).inc(number - secrets.get(kind, 0))
            self._exported[id(source)] = (counts.entries, counts.file_bytes, dict(counts.secrets))

    def progress(self, elapsed: float, duration: float) -> Progress:
        return Progress(
            elapsed=elapsed,
            duration=duration,
            bytes_written=self.bytes_written,
            entries=sum(source.counts.entries for source in self.sources),
            secrets=self.ledger.secrets_written,
            pods=sum(len(replicas) for replicas in self._live.values()) + len(self._jobs),
        )

    def summary(self) -> dict[str, Any]:
        counts = [source.counts for source in self.sources]
        return {
            "scenario": self.scenario.name,
            "seed": self.seed,
            "pods_dir": str(self.pods_dir),
            "containers": len(counts),
            "entries": sum(c.entries for c in counts),
            "cri_lines": sum(c.cri_lines for c in counts),
            "content_bytes": sum(c.content_bytes for c in counts),
            "file_bytes": sum(c.file_bytes for c in counts),
            "secrets": self.ledger.secrets_written,
        }
