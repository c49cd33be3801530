"""Crafted pods dirs for the verifier's tests: CRI files, accounting and ledger in step."""

from __future__ import annotations

import gzip
from dataclasses import dataclass, field
from pathlib import Path

from sim.fleet.cri import encode_lines
from sim.fleet.ledger import ContainerCounts, SecretRecord
from sim.fleet.secrets import ADR_SECRET_KINDS
from sim.scenario import Scenario, parse_scenario
from sim.verify.inputs import RunFacts, StoredEntry, VerifyInputs

T0_NS = 1_795_703_941_000_000_000
T0_S = T0_NS / 1e9


@dataclass
class Written:
    ns: int
    text: str
    stream: str


@dataclass
class Container:
    root: Path
    namespace: str
    pod: str
    uid: str
    name: str
    app: str
    clock: list[int]
    lines: list[Written] = field(default_factory=list)
    records: list[SecretRecord] = field(default_factory=list)
    content_bytes: int = 0

    @property
    def dir(self) -> Path:
        return self.root / f"{self.namespace}_{self.pod}_{self.uid}" / self.name

    @property
    def labels(self) -> dict[str, str]:
        return {"namespace": self.namespace, "pod": self.pod, "container": self.name}

    def write(
        self,
        text: str,
        *,
        stream: str = "stdout",
        secret: tuple[str, str] | None = None,
        marker: str = "",
        file: str = "0.log",
        max_line_size: int = 16 * 1024,
    ) -> Written:
        """Appends one application line (split into P chunks past `max_line_size`)."""
        self.clock[0] += 1000
        ns = self.clock[0]
        data, chunks = encode_lines(text.encode(), stream, ns, max_line_size)
        self.clock[0] += chunks
        self.dir.mkdir(parents=True, exist_ok=True)
        with (self.dir / file).open("ab") as out:
            out.write(data)
        written = Written(ns, text, stream)
        self.lines.append(written)
        self.content_bytes += len(text.encode())
        if secret is not None:
            kind, value = secret
            where = {"namespace": self.namespace, "pod": self.pod, "pod_uid": self.uid}
            self.records.append(
                SecretRecord(
                    kind=kind,
                    value=value,
                    form="test",
                    marker=marker,
                    **where,
                    container=self.name,
                    node="node-1",
                    app=self.app,
                    stream=stream,
                    file=file,
                    timestamp="",
                    timestamp_ns=ns,
                )
            )
        return written

    def gzip(self, file: str) -> None:
        """kubelet's rotation: compress a rotated file in place."""
        path = self.dir / file
        path.with_name(file + ".gz").write_bytes(gzip.compress(path.read_bytes()))
        path.unlink()

    def counts(self, extra_entries: int = 0) -> ContainerCounts:
        return ContainerCounts(
            namespace=self.namespace,
            pod=self.pod,
            pod_uid=self.uid,
            container=self.name,
            app=self.app,
            node="node-1",
            entries=len(self.lines) + extra_entries,
            content_bytes=self.content_bytes,
        )

    def stored(self, written: Written, line: str | None = None) -> StoredEntry:
        """The entry Loki holds for `written` (its text, or `line` as a stage changed it)."""
        labels = {**self.labels, "stream": written.stream}
        return StoredEntry(labels, written.ns, written.text if line is None else line)


class Pods:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.clock = [T0_NS]
        self.containers: list[Container] = []

    def container(
        self,
        namespace: str = "production",
        pod: str = "api-5d9c7b8f-xk2m9",
        uid: str = "0b1c",
        name: str = "api",
        app: str = "api",
    ) -> Container:
        made = Container(self.root, namespace, pod, uid, name, app, self.clock)
        self.containers.append(made)
        return made

    def accounting(self) -> list[ContainerCounts]:
        return [c.counts() for c in self.containers]

    def ledger(self) -> list[SecretRecord]:
        return [r for c in self.containers for r in c.records]


SCENARIO = """
name: crafted
duration: 60s
pods:
  - {namespace: production, name: api, containers: [{name: api, workload: json-api, rate: 1/s}]}
"""


def scenario(expect: str = "") -> Scenario:
    return parse_scenario(SCENARIO + expect, "crafted.yaml")


def inputs(pods: Pods, stored: list[StoredEntry] | None, **kwargs: object) -> VerifyInputs:
    facts = kwargs.pop("facts", None) or RunFacts(
        "embedded", "adr", T0_S, T0_S + 60, stored_bytes=1000
    )
    return VerifyInputs(
        scenario=kwargs.pop("scenario", None) or scenario(),  # type: ignore[arg-type]
        facts=facts,  # type: ignore[arg-type]
        ledger=pods.ledger(),
        accounting=pods.accounting(),
        pods_dir=pods.root,
        stored=stored,
        **kwargs,  # type: ignore[arg-type]
    )


KINDS = ADR_SECRET_KINDS
