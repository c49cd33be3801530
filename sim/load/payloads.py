"""Prebuilt push batches: the homelab's streams, written by the fleet's own workloads.

Streams carry the labels the ADR's collector gives a pod's log file (namespace, pod,
container, app, job = namespace/pod, node, and Promtail's filename), laid out as the
homelab scenario's 17 pods (scenarios/homelab.yaml); more streams add replicas. Pod names
take a Deployment's form, `<app>-<hash>-<suffix>`, whose suffix varies per push when the
label cardinality asks for new series. Lines come from `sim.fleet.workloads` at startup
(Faker is loaded once, here), never per request.
"""

from __future__ import annotations

import random
import time
import uuid
from dataclasses import dataclass

from sim.load.client import SLOT, SUFFIX_ALPHABET, PushTemplate, StreamLines
from sim.load.options import MIXED, LoadOptions

TEMPLATES = 4  # distinct batches per process: Loki's chunks should not see one batch repeated


@dataclass(frozen=True, slots=True)
class StreamBase:
    namespace: str
    name: str  # the pod's name stem: the ADR collector's `app` label
    container: str
    workload: str
    node: str
    kib_per_s: float  # the homelab's rate for one replica: its share of a mixed batch


def _pods(
    ns: str, name: str, container: str, workload: str, node: str, rate: float, replicas: int = 1
) -> list[StreamBase]:
    return [StreamBase(ns, name, container, workload, node, rate)] * replicas


# scenarios/homelab.yaml, one entry per replica (a test checks the two agree).
HOMELAB: tuple[StreamBase, ...] = (
    *_pods("production", "api", "api", "json-api", "k3s-node-1", 12, replicas=2),
    *_pods("production", "web", "nginx", "nginx", "k3s-node-2", 10, replicas=2),
    *_pods("production", "orders", "orders", "java", "k3s-node-3", 15),
    *_pods("production", "worker", "worker", "logfmt-worker", "k3s-node-1", 6),
    *_pods("production", "postgres", "postgres", "postgres", "k3s-node-2", 3),
    *_pods("auth", "keycloak", "keycloak", "java", "k3s-node-3", 8),
    *_pods("staging", "api", "api", "json-api", "k3s-node-2", 5),
    *_pods("home", "home-assistant", "home-assistant", "python-worker", "k3s-node-1", 6),
    *_pods("home", "redis", "redis", "redis", "k3s-node-3", 2),
    *_pods("monitoring", "grafana", "grafana", "logfmt-worker", "k3s-node-2", 4),
    *_pods("kube-system", "coredns", "coredns", "kube-system", "k3s-node-1", 2, replicas=2),
    *_pods("kube-system", "kube-proxy", "kube-proxy", "kube-system", "k3s-node-1", 1, replicas=3),
)


@dataclass(frozen=True, slots=True)
class StreamPlan:
    base: StreamBase
    labels: str  # Promtail's label string, SLOT where the pod suffix goes
    pod_prefix: str  # the pod name up to its suffix
    workload: str


def stream_plans(options: LoadOptions) -> list[StreamPlan]:
    """The streams of every batch, in order; labels unique per stream."""
    plans = []
    rng = random.Random(options.seed)
    seen: dict[tuple[str, str], int] = {}
    for index in range(options.streams):
        base = HOMELAB[index % len(HOMELAB)]
        key = (base.namespace, base.name)
        replica = seen[key] = seen.get(key, -1) + 1
        alphabet = SUFFIX_ALPHABET
        # A new ReplicaSet hash every len(alphabet) replicas keeps pod names distinct.
        hash_rng = random.Random(
            f"{options.seed}/{base.namespace}/{base.name}/{replica // len(alphabet)}"
        )
        pod_hash = "".join(hash_rng.choice(alphabet) for _ in range(10))
        prefix = f"{base.name}-{pod_hash}-"
        pod = f"{prefix}{SLOT}{alphabet[replica % len(alphabet)]}"
        uid = uuid.UUID(int=rng.getrandbits(128), version=4)
        labels = {
            "app": base.name,
            "container": base.container,
            "filename": f"/var/log/pods/{base.namespace}_{pod}_{uid}/{base.container}/0.log",
            "job": f"{base.namespace}/{pod}",
            "namespace": base.namespace,
            "node": base.node,
            "pod": pod,
        }
        text = "{" + ", ".join(f'{name}="{value}"' for name, value in labels.items()) + "}"
        workload = base.workload if options.line_format == MIXED else options.line_format
        plans.append(StreamPlan(base, text, prefix, workload))
    return plans


def fit_line(line: bytes, size: int) -> bytes:
    """`line` made exactly `size` bytes: cut at a character boundary, or padded with a
    field its format keeps parseable (`"pad":"..."` in a JSON object, else ` pad=...`)."""
    if len(line) >= size:
        return line[:size].decode("utf-8", "ignore").encode("utf-8").ljust(size, b" ")
    missing = size - len(line)
    if line.startswith(b"{") and line.endswith(b"}") and missing > len(b',"pad":""'):
        return line[:-1] + b',"pad":"' + b"x" * (missing - 9) + b'"}'
    if missing > len(b" pad="):
        return line + b" pad=" + b"x" * (missing - 5)
    return line + b" " * missing


def build_templates(
    options: LoadOptions, count: int = TEMPLATES, now: float | None = None
) -> list[PushTemplate]:
    """`count` distinct batches of about `batch_bytes` line bytes each."""
    from sim.fleet.workloads import make_workload

    plans = stream_plans(options)
    started = time.time() if now is None else now
    weights = [p.base.kib_per_s if options.line_format == MIXED else 1.0 for p in plans]
    total = sum(weights)
    shares = [max(1, int(options.batch_bytes * w / total)) for w in weights]
    writers = [
        make_workload(
            plan.workload,
            app=plan.base.name,
            pod=plan.pod_prefix.rstrip("-"),
            namespace=plan.base.namespace,
            seed=options.seed * 1_000_003 + index,
        )
        for index, plan in enumerate(plans)
    ]
    pending: list[list[bytes]] = [[] for _ in plans]
    templates = []
    clock = started
    for _ in range(count):
        streams = []
        for index, plan in enumerate(plans):
            lines: list[bytes] = []
            size = 0
            while size < shares[index]:
                if not pending[index]:
                    clock += 0.001
                    emitted = writers[index].next(clock).lines
                    pending[index] = [text.encode("utf-8", "surrogateescape") for text in emitted]
                line = pending[index].pop(0)
                if options.line_size:
                    line = fit_line(line, options.line_size)
                lines.append(line)
                size += len(line)
            streams.append(StreamLines(plan.labels, lines))
        templates.append(PushTemplate(streams))
    return templates
