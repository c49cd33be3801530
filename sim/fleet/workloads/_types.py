"""What a workload hands the fleet core: one application write, and where a secret sits."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

Stream = Literal["stdout", "stderr"]


@dataclass(frozen=True, slots=True)
class Emission:
    """One application write: usually one line; a stack trace or a dump is several."""

    stream: Stream
    lines: tuple[str, ...]  # no '\n' or '\r' inside a line


@dataclass(frozen=True, slots=True)
class InjectedSecret:
    """A secret written into an emission, for the ledger."""

    kind: str  # one of sim.fleet.secrets.SECRET_KINDS
    value: str  # verbatim, exactly once in the emission, on lines[line_index]
    form: str  # how it was logged: "postgres_url", "env_dump", "json_field", ...
    line_index: int  # the line holding both the value and the marker


class Workload(Protocol):
    name: str

    def next(self, now: float) -> Emission: ...

    def next_with_secret(
        self, now: float, kind: str, marker: str
    ) -> tuple[Emission, InjectedSecret]: ...
