"""Pod identities as Kubernetes makes them: generated names, uids, the log directory.

Names follow the controllers' conventions: a Deployment's pod is
`<name>-<pod-template-hash>-<5 chars>`, a DaemonSet's `<name>-<5 chars>`, a StatefulSet's
`<name>-<ordinal>`; the random parts use apimachinery's alphabet (no vowels, no 0/1/3),
which util/rand.String draws from.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import dataclass
from pathlib import Path

from sim.scenario import Pod

# k8s.io/apimachinery/pkg/util/rand: alphanums without vowels and lookalike digits.
_ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789"


def _rand_string(rng: random.Random, length: int) -> str:
    return "".join(rng.choice(_ALPHANUMS) for _ in range(length))


@dataclass(frozen=True, slots=True)
class PodInstance:
    """One incarnation of a pod: churn and blowups make new ones with new uids."""

    spec: Pod
    name: str
    uid: str

    @property
    def namespace(self) -> str:
        return self.spec.namespace

    @property
    def ref(self) -> str:
        return f"{self.spec.namespace}/{self.name}"

    def log_dir(self, pods_dir: Path) -> Path:
        """`/var/log/pods/<namespace>_<pod>_<uid>` as kubelet lays it out."""
        return pods_dir / f"{self.spec.namespace}_{self.name}_{self.uid}"


class PodNamer:
    """Deterministic pod names and uids for one scenario run."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._template_hash: dict[str, str] = {}
        self._ordinals: dict[str, int] = {}

    def new_uid(self) -> str:
        return str(uuid.UUID(int=self._rng.getrandbits(128), version=4))

    def new_instance(self, spec: Pod, replica: int = 0, *, same_name_as: str = "") -> PodInstance:
        return PodInstance(spec, same_name_as or self._new_name(spec, replica), self.new_uid())

    def _new_name(self, spec: Pod, replica: int) -> str:
        if spec.controller == "pod":
            return spec.name if replica == 0 else f"{spec.name}-{replica}"
        if spec.controller == "statefulset":
            key = spec.ref
            ordinal = self._ordinals.get(key, 0)
            self._ordinals[key] = ordinal + 1
            return f"{spec.name}-{ordinal}"
        if spec.controller == "daemonset":
            return f"{spec.name}-{_rand_string(self._rng, 5)}"
        template = self._template_hash.setdefault(spec.ref, _rand_string(self._rng, 10))
        return f"{spec.name}-{template}-{_rand_string(self._rng, 5)}"
