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
        """Write what is due in [start, end); returns the bytes written.

        The hot loop of the fleet: one pass builds the slice's CRI text, framing inlined,
        and one write() puts it in the file. Partial-line splits and secrets take the
        slower general path.
        """
        if self.stopped:
            return 0
        due = self.rate.per_second * factor * (end - start)
        budget = self._budget + due
        if budget <= 0 or due <= 0:
            self._budget = budget
            return 0
        # Spread the slice's writes over it so timestamps advance smoothly.
        step = (end - start) / due
        by_bytes = self.rate.unit == "bytes"
        ratio = secrets.ratio if secrets.kinds else 0.0
        chance, next_emission = self.rng.random, self.workload.next
        safe = self.max_line_size // 4  # a line this short fits whatever its UTF-8 width
        counts, last_ns, remaining = self.counts, self._last_ns, self.remaining_lines
        out: list[str] = []
        framing = entries = cri_lines = emissions = multiline = 0
        while budget > 0:
            now = end - budget * step if budget < due else start
            secret: InjectedSecret | None = None
            marker = ""
            if ratio and chance() < ratio:
                emission, secret, marker = self._with_secret(now, secrets)
            else:
                emission = next_emission(now)
            lines = emission.lines
            ns = int(now * 1_000_000_000)
            if ns <= last_ns:
                ns = last_ns + 1
            head_tail = " stdout F " if emission.stream == "stdout" else " stderr F "
            cost = 0
            for index, line in enumerate(lines):
                if secret is not None and index == secret.line_index:
                    self._record(secret, emission.stream, marker, ns, ledger)
                if len(line) > safe and len(line.encode()) > self.max_line_size:
                    text, chunks = self._split(line, emission.stream, ns)
                    out.append(text)
                    framing += len(text) - len(line)
                    cri_lines += chunks
                    ns += chunks
                else:
                    head = format_timestamp(ns) + head_tail
                    out.append(head + line + "\n")
                    framing += len(head) + 1
                    cri_lines += 1
                    ns += 1
                cost += len(line)
            last_ns = ns - 1
            entries += len(lines)
            emissions += 1
            multiline += len(lines) > 1
            budget -= cost if by_bytes else len(lines)
            if remaining is not None:
                remaining -= len(lines)
                if remaining <= 0:
                    self.stopped = True
                    break
        self._budget, self._last_ns, self.remaining_lines = budget, last_ns, remaining
        if not out:
            return 0
        data = "".join(out).encode("utf-8", "surrogateescape")
        self.log.write(data)
        counts.entries += entries
        counts.cri_lines += cri_lines
        counts.partial_lines += cri_lines - entries
        counts.emissions += emissions
        counts.multiline_emissions += multiline
        counts.file_bytes += len(data)
        counts.content_bytes += len(data) - framing
        counts.first_ns = counts.first_ns or int(start * 1_000_000_000)
        counts.last_ns = last_ns
        return len(data)

    def _with_secret(self, now: float, secrets: SecretPlan) -> tuple[Emission, InjectedSecret, str]:
        kind = self.rng.choice(secrets.kinds)
        # Letters only: no redaction regex for digits, keys or addresses can touch it.
        marker = "lsm" + "".join(self.rng.choices(_MARKER_LETTERS, k=11))
        emission, secret = self.workload.next_with_secret(now, kind, marker)
        return emission, secret, marker

    def _split(self, line: str, stream: str, ns: int) -> tuple[str, int]:
        """CRI text for a line containerd cuts into P chunks (a chunk may cut a character)."""
        data, chunks = encode_lines(line.encode(), stream, ns, self.max_line_size)
        return data.decode("utf-8", "surrogateescape"), chunks

    def _record(
        self, secret: InjectedSecret, stream: str, marker: str, ns: int, ledger: Ledger
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
                stream=stream,
                file=str(self.log.path),
                timestamp=format_timestamp(ns),
                timestamp_ns=ns,
            )
        )
