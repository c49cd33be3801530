"""Homelab push batches for `lokisim bench loki`: what the ADR's Promtail sends Loki.

The homelab scenario's containers (scenarios/homelab.yaml: workloads, rates, replicas) are
sampled once into a pool of entries per stream; batches then replay the pool with fresh
timestamps, each container's share of the bytes as its rate sets it. Streams carry the
labels the ADR's Promtail gives (app, container, filename, job, namespace, node, pod,
stream); a multi-line emission (a stack trace) is one entry, as the multiline stage glues
it. Only the timing of entries is synthetic: they are spaced evenly over the batch's span.
"""

from __future__ import annotations

import heapq
import random
from dataclasses import dataclass, field
from pathlib import Path

from sim.fleet.pods import PodNamer
from sim.fleet.workloads import make_workload
from sim.loki.push.model import Entry, PushRequest, Stream
from sim.loki.push.proto import encode_snappy
from sim.scenario import load_scenario

HOMELAB = Path(__file__).resolve().parents[3] / "scenarios" / "homelab.yaml"
_POOL_SECONDS = 120.0  # of each container's output: enough that batches rarely repeat
_SEED = 20251127


@dataclass
class _Source:
    """One container's pool of (stream label, line), and where the replay is in it."""

    labels: dict[str, str]  # without `stream`
    rate: float  # bytes per second
    lines: list[tuple[str, bytes]]  # (labels text with `stream`, line)
    at: int = 0
    written: int = field(default=0)  # bytes handed out


class HomelabBatches:
    """Endless ~`size`-byte batches of homelab lines, timestamps increasing per stream."""

    def __init__(self, size: int = 1 << 20, seed: int = _SEED) -> None:
        self.size = size
        self.sources = _sources(seed)
        self.bytes_per_second = sum(source.rate for source in self.sources)

    def batch(self, start_ns: int, span_ns: int) -> tuple[bytes, int, int]:
        """One push (snappy body, line bytes, lines) whose entries fall in
        [start_ns, start_ns + span_ns)."""
        chosen: list[tuple[str, bytes]] = []  # (labels text, line)
        # the source that is furthest behind its rate writes next
        queue = [(s.written / s.rate, index) for index, s in enumerate(self.sources)]
        heapq.heapify(queue)
        size = 0
        while size < self.size:
            _, index = heapq.heappop(queue)
            source = self.sources[index]
            labels, line = source.lines[source.at]
            source.at = (source.at + 1) % len(source.lines)
            source.written += len(line)
            size += len(line)
            chosen.append((labels, line))
            heapq.heappush(queue, (source.written / source.rate, index))
        streams: dict[str, Stream] = {}
        step = max(1, span_ns // len(chosen))
        for number, (labels, line) in enumerate(chosen):
            stream = streams.get(labels)
            if stream is None:
                stream = streams[labels] = Stream(labels)
            stream.entries.append(Entry(start_ns + number * step, line))
        return encode_snappy(PushRequest(list(streams.values()))), size, len(chosen)


def _labels_text(labels: dict[str, str], stream: str) -> str:
    pairs = sorted({**labels, "stream": stream}.items())
    return "{" + ", ".join(f'{name}="{value}"' for name, value in pairs) + "}"


def _sources(seed: int) -> list[_Source]:
    scenario = load_scenario(HOMELAB)
    rng = random.Random(seed)
    namer = PodNamer(random.Random(rng.getrandbits(64)))
    sources: list[_Source] = []
    for pod in scenario.pods:
        for replica in range(pod.replicas):
            instance = namer.new_instance(pod, replica)
            for container in pod.containers:
                workload = make_workload(
                    container.workload,
                    app=pod.app_name,
                    pod=instance.name,
                    namespace=pod.namespace,
                    seed=rng.getrandbits(63),
                )
                rate = container.rate.per_second
                uid = instance.uid
                labels = {
                    "app": pod.app_name,
                    "container": container.name,
                    "filename": f"/var/log/pods/{pod.namespace}_{instance.name}_{uid}/"
                    f"{container.name}/0.log",
                    "job": f"{pod.namespace}/{instance.name}",
                    "namespace": pod.namespace,
                    "node": pod.node,
                    "pod": instance.name,
                }
                lines: list[tuple[str, bytes]] = []
                size, now = 0, 1.7e9
                while size < rate * _POOL_SECONDS:
                    emission = workload.next(now)
                    line = "\n".join(emission.lines).encode()
                    lines.append((_labels_text(labels, emission.stream), line))
                    size, now = size + len(line), now + 0.05
                sources.append(_Source(labels, rate, lines))
    return sources
