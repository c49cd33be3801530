"""One container of one pod instance: a workload paced by a token bucket, written as CRI."""

from __future__ import annotations

import random
import string
from dataclasses import dataclass

from sim.fleet.cri import encode_lines, format_timestamp
from sim.fleet.ledger import ContainerCounts, Ledger, SecretRecord
from sim.fleet.pods import PodInstance
from sim.fleet.workloads import Emission, InjectedSecret, Workload
from sim.fleet.writer import ContainerLog
from sim.units import Rate

_MARKER_LETTERS = string.ascii_lowercase


@dataclass(frozen=True, slots=True)
class SecretPlan:
    kinds: tuple[str, ...]
    ratio: float


class ContainerSource:
    """Writes one container's output; `produce` fills one time slice at the paced rate."""

    def __init__(
        self,
        pod: PodInstance,
        container: str,
        workload: Workload,
        rate: Rate,
        log: ContainerLog,
        rng: random.Random,
        *,
        max_line_size: int,
        line_budget: int | None = None,
    ) -> None:
        self.pod = pod
        self.container = container
        self.workload = workload
        self.rate = rate
        self.log = log
        self.rng = rng
        self.max_line_size = max_line_size
        self.remaining_lines = line_budget  # None: writes until stopped
        self.stopped = False
        self._budget = rng.random()  # a random phase so containers do not write in lockstep
        self._last_ns = 0
        self.counts = ContainerCounts(
            namespace=pod.namespace,
            pod=pod.name,
            pod_uid=pod.uid,
            container=container,
            app=pod.spec.app_name,
            node=pod.spec.node,
        )

    def produce(
        self, start: float, end: float, factor: float, secrets: SecretPlan, ledger: Ledger
    ) -> int:
        """Write what is due in [start, end); returns the bytes written."""
        if self.stopped:
            return 0
        due = self.rate.per_second * factor * (end - start)
        self._budget += due
        span = end - start
        chunks: list[bytes] = []
        written = 0
        while self._budget > 0 and not self.stopped:
            # Spread the slice's writes over it so timestamps advance smoothly.
            progress = 1.0 - min(self._budget / due, 1.0) if due > 0 else 0.0
            now = start + span * progress
            emission, secret, marker = self._next(now, secrets)
            data, cost = self._encode(emission, now, secret, marker, ledger)
            chunks.append(data)
            written += len(data)
            self._budget -= cost if self.rate.unit == "bytes" else len(emission.lines)
            if self.remaining_lines is not None:
                self.remaining_lines -= len(emission.lines)
                self.stopped = self.remaining_lines <= 0
        if chunks:
            self.log.write(b"".join(chunks))
        return written

    def _next(self, now: float, secrets: SecretPlan) -> tuple[Emission, InjectedSecret | None, str]:
        if secrets.kinds and secrets.ratio > 0 and self.rng.random() < secrets.ratio:
            kind = self.rng.choice(secrets.kinds)
            # Letters only: no redaction regex for digits, keys or addresses can touch it.
            marker = "lsm" + "".join(self.rng.choices(_MARKER_LETTERS, k=11))
            emission, secret = self.workload.next_with_secret(now, kind, marker)
            return emission, secret, marker
        return self.workload.next(now), None, ""

    def _encode(
        self,
        emission: Emission,
        now: float,
        secret: InjectedSecret | None,
        marker: str,
        ledger: Ledger,
    ) -> tuple[bytes, int]:
        counts = self.counts
        ns = max(int(now * 1_000_000_000), self._last_ns + 1)
        parts: list[bytes] = []
        content_bytes = 0
        for index, line in enumerate(emission.lines):
            content = line.encode()
            data, cri_lines = encode_lines(content, emission.stream, ns, self.max_line_size)
            if secret is not None and index == secret.line_index:
                self._record(secret, emission, marker, ns, ledger)
            parts.append(data)
            content_bytes += len(content)
            counts.cri_lines += cri_lines
            counts.partial_lines += cri_lines - 1
            ns += cri_lines
        data = b"".join(parts)
        self._last_ns = ns - 1
        counts.entries += len(emission.lines)
        counts.emissions += 1
        counts.multiline_emissions += len(emission.lines) > 1
        counts.content_bytes += content_bytes
        counts.file_bytes += len(data)
        counts.first_ns = counts.first_ns or int(now * 1_000_000_000)
        counts.last_ns = self._last_ns
        return data, content_bytes

    def _record(
        self, secret: InjectedSecret, emission: Emission, marker: str, ns: int, ledger: Ledger
    ) -> None:
        counts = self.counts
        counts.secrets[secret.kind] = counts.secrets.get(secret.kind, 0) + 1
        ledger.record(
            SecretRecord(
                kind=secret.kind,
                value=secret.value,
                form=secret.form,
                marker=marker,
                namespace=self.pod.namespace,
                pod=self.pod.name,
                pod_uid=self.pod.uid,
                container=self.container,
                node=self.pod.spec.node,
                app=self.pod.spec.app_name,
                stream=emission.stream,
                file=str(self.log.path),
                timestamp=format_timestamp(ns),
                timestamp_ns=ns,
            )
        )
