"""What the emulated pods print: one workload per kind of application.

The fleet core calls `make_workload(name, ...)` once per container and then `next(now)`
for every write, or `next_with_secret(now, kind, marker)` when a secret is due. Names
are a public interface: scenario files use them.
"""

from __future__ import annotations

from sim.fleet.workloads._base import BaseWorkload
from sim.fleet.workloads._types import Emission, InjectedSecret, Stream, Workload
from sim.fleet.workloads.grafana import Grafana
from sim.fleet.workloads.java import Java
from sim.fleet.workloads.json_api import JsonApi
from sim.fleet.workloads.kube_system import KubeSystem
from sim.fleet.workloads.logfmt_worker import LogfmtWorker
from sim.fleet.workloads.nginx import Nginx
from sim.fleet.workloads.payload_dump import PayloadDump
from sim.fleet.workloads.postgres import Postgres
from sim.fleet.workloads.prometheus import Prometheus
from sim.fleet.workloads.python_worker import PythonWorker
from sim.fleet.workloads.redis import Redis

__all__ = [
    "Emission",
    "InjectedSecret",
    "Stream",
    "Workload",
    "make_workload",
    "workload_names",
]

_REGISTRY: dict[str, type[BaseWorkload]] = {
    cls.name: cls
    for cls in (
        JsonApi,
        Nginx,
        Java,
        LogfmtWorker,
        Postgres,
        KubeSystem,
        PythonWorker,
        Redis,
        Grafana,
        Prometheus,
        PayloadDump,
    )
}


def workload_names() -> tuple[str, ...]:
    return tuple(_REGISTRY)


def make_workload(name: str, *, app: str, pod: str, namespace: str, seed: int) -> Workload:
    """A fresh workload; the same arguments give the same sequence of emissions."""
    cls = _REGISTRY.get(name)
    if cls is None:
        raise ValueError(f"unknown workload {name!r}: expected one of {', '.join(_REGISTRY)}")
    return cls(app=app, pod=pod, namespace=namespace, seed=seed)
