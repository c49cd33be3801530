"""Scenario files: the model, loading, and precise errors.

A scenario says which pods write what, what happens over time (log bombs, spikes, churn,
label blowups, restarts), which secrets to inject, which queries to time and what the
run must show (`expect:`). Every error names the file, the field path, what was expected
and what was found: `scenarios/x.yaml: pods[3].containers[0].rate: expected ...`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
)

from sim.adr import adr_query_strings
from sim.errors import ScenarioError
from sim.expect import Expectation, parse_expectation
from sim.load.spec import LoadSpec
from sim.scenario_errors import describe_pydantic_error
from sim.units import Rate, parse_duration, parse_rate, parse_size

Seconds = Annotated[float, BeforeValidator(parse_duration)]
Bytes = Annotated[int, BeforeValidator(parse_size)]
PaceRate = Annotated[Rate, BeforeValidator(parse_rate)]
DnsLabel = Annotated[str, Field(pattern=r"^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Container(_Strict):
    name: DnsLabel
    workload: str
    rate: PaceRate

    @field_validator("workload")
    @classmethod
    def _known_workload(cls, value: str) -> str:
        from sim.fleet.workloads import workload_names

        if value not in workload_names():
            raise ValueError(f"expected one of {', '.join(workload_names())}, got {value!r}")
        return value


class Pod(_Strict):
    namespace: DnsLabel
    name: DnsLabel
    app: DnsLabel | None = None
    node: str = "k3s-node-1"
    controller: Literal["deployment", "statefulset", "daemonset", "pod"] = "deployment"
    replicas: Annotated[int, Field(ge=1, le=1000)] = 1
    containers: Annotated[list[Container], Field(min_length=1)]

    @property
    def ref(self) -> str:
        return f"{self.namespace}/{self.name}"

    @property
    def app_name(self) -> str:
        return self.app or self.name


class _Phase(_Strict):
    at: Seconds = 0.0
    for_: Annotated[Seconds | None, Field(alias="for")] = None


class Steady(_Phase):
    kind: Literal["steady"]


class LogBomb(_Phase):
    kind: Literal["log_bomb"]
    pod: str
    factor: Annotated[float, Field(gt=0)] = 50.0


class Spike(_Phase):
    kind: Literal["spike"]
    pods: list[str] | Literal["all"] = "all"
    factor: Annotated[float, Field(gt=0)] = 5.0


class Churn(_Phase):
    kind: Literal["churn"]
    pods: Annotated[list[str], Field(min_length=1)]
    per_minute: Annotated[float, Field(gt=0)]


class LabelBlowup(_Phase):
    kind: Literal["label_blowup"]
    pod: str
    new_pods: Annotated[int, Field(ge=1, le=200_000)]
    # Like a Job's pods: each new pod writes a few lines and completes.
    lines_per_pod: Annotated[int, Field(ge=1)] = 5


class Restart(_Phase):
    kind: Literal["restart"]
    pod: str
    container: str | None = None


Phase = Annotated[
    Steady | LogBomb | Spike | Churn | LabelBlowup | Restart, Field(discriminator="kind")
]


class Secrets(_Strict):
    kinds: list[str] | None = None
    ratio: Annotated[float, Field(ge=0, le=1)] = 0.01

    @field_validator("kinds")
    @classmethod
    def _known_kinds(cls, value: list[str] | None) -> list[str] | None:
        from sim.fleet.secrets import SECRET_KINDS

        for kind in value or []:
            if kind not in SECRET_KINDS:
                raise ValueError(f"expected kinds from {', '.join(SECRET_KINDS)}, got {kind!r}")
        return value

    def kind_list(self) -> tuple[str, ...]:
        from sim.fleet.secrets import ADR_SECRET_KINDS

        return tuple(self.kinds) if self.kinds is not None else ADR_SECRET_KINDS


class Query(_Strict):
    query: Annotated[str, Field(min_length=1)]
    type: Literal["range", "instant"] = "range"
    range: Seconds = 3600.0


def _query_from_string(value: Any) -> Any:
    return {"query": value} if isinstance(value, str) else value


class Rotation(_Strict):
    # kubelet's defaults: containerLogMaxSize 10Mi, containerLogMaxFiles 5, monitor every 10s.
    max_size: Bytes = 10 * 1024 * 1024
    max_files: Annotated[int, Field(ge=2)] = 5
    check_interval: Seconds = 10.0


class Scenario(_Strict):
    name: DnsLabel
    description: str = ""
    duration: Annotated[Seconds, Field(gt=0)] = 60.0
    seed: int = 1
    pods: Annotated[list[Pod], Field(min_length=1)]
    timeline: list[Phase] = Field(default_factory=list)
    secrets: Secrets = Field(default_factory=Secrets)
    queries: list[Annotated[Query, BeforeValidator(_query_from_string)]] | None = None
    rotation: Rotation = Field(default_factory=Rotation)
    # containerd's max_container_log_line_size: longer content becomes P chunks.
    cri_max_line_size: Bytes = 16 * 1024
    # A churned (deleted) pod's log directory disappears at kubelet's next container GC
    # pass (ContainerGCPeriod, one minute); a collector must have read it by then.
    pod_gc_delay: Seconds = 60.0
    expect: dict[str, Any] = Field(default_factory=dict)
    load: LoadSpec | None = None  # Locust push and query load beside the fleet (docs/load.md)

    def query_list(self) -> list[Query]:
        if self.queries is not None:
            return list(self.queries)
        return [Query(query=q) for q in adr_query_strings()]

    def expectations(self) -> list[Expectation]:
        return [parse_expectation(metric, text) for metric, text in self.expect.items()]

    def pod_by_ref(self, ref: str) -> Pod:
        return next(pod for pod in self.pods if pod.ref == ref)


def load_scenario(path: str | Path) -> Scenario:
    """Read and validate a scenario file; ScenarioError names file, field and problem."""
    where = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ScenarioError(where, "", "no such file") from None
    except OSError as err:
        raise ScenarioError(where, "", f"cannot read: {err.strerror}") from None
    return parse_scenario(text, where)


def parse_scenario(text: str, where: str) -> Scenario:
    try:
        raw = yaml.safe_load(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "YAML"
        problem = getattr(err, "problem", None) or str(err)
        raise ScenarioError(where, line, f"invalid YAML: {problem}") from None
    if not isinstance(raw, dict):
        found = type(raw).__name__ if raw is not None else "an empty file"
        raise ScenarioError(where, "", f"expected a mapping of scenario fields, got {found}")
    try:
        scenario = Scenario.model_validate(raw)
    except ValidationError as err:
        field, message = describe_pydantic_error(err.errors()[0])
        raise ScenarioError(where, field, message) from None
    _check_references(scenario, raw, where)
    return scenario


def _check_references(scenario: Scenario, raw: dict[str, Any], where: str) -> None:
    seen: set[str] = set()
    for index, pod in enumerate(scenario.pods):
        if pod.ref in seen:
            raise ScenarioError(where, f"pods[{index}].name", f"duplicate pod {pod.ref!r}")
        seen.add(pod.ref)
        names = [c.name for c in pod.containers]
        for cindex, name in enumerate(names):
            if names.index(name) != cindex:
                field = f"pods[{index}].containers[{cindex}].name"
                raise ScenarioError(where, field, f"duplicate container {name!r}")
    for index, phase in enumerate(scenario.timeline):
        _check_phase(scenario, phase, f"timeline[{index}]", seen, where)
    for metric, text in raw.get("expect", {}).items():
        try:
            parse_expectation(str(metric), text)
        except ValueError as err:
            raise ScenarioError(where, f"expect.{metric}", str(err)) from None
    load = scenario.load
    if load is not None and (
        load.at >= scenario.duration or load.at + (load.for_ or 0.0) > scenario.duration
    ):
        raise ScenarioError(
            where,
            "load.at",
            f"expected the load to fit in the scenario's {scenario.duration:g}s, "
            f"got at={load.at:g}s for={load.for_ or 0:g}s",
        )


def _check_phase(scenario: Scenario, phase: Any, field: str, pods: set[str], where: str) -> None:
    refs: list[tuple[str, str]] = []
    if isinstance(phase, LogBomb | LabelBlowup | Restart):
        refs.append((f"{field}.pod", phase.pod))
    elif isinstance(phase, Churn) or (isinstance(phase, Spike) and phase.pods != "all"):
        refs.extend((f"{field}.pods[{i}]", ref) for i, ref in enumerate(phase.pods))
    for ref_field, ref in refs:
        if ref not in pods:
            known = ", ".join(sorted(pods))
            raise ScenarioError(
                where,
                ref_field,
                f"expected a pod 'namespace/name' from pods ({known}), got {ref!r}",
            )
    if isinstance(phase, Restart) and phase.container is not None:
        names = [c.name for c in scenario.pod_by_ref(phase.pod).containers]
        if phase.container not in names:
            raise ScenarioError(
                where,
                f"{field}.container",
                f"expected a container of {phase.pod} ({', '.join(names)}), "
                f"got {phase.container!r}",
            )
    end = phase.at + (phase.for_ or 0.0)
    if phase.at >= scenario.duration or end > scenario.duration:
        raise ScenarioError(
            where,
            f"{field}.at",
            f"expected the phase to fit in the scenario's duration ({scenario.duration:g}s), "
            f"got at={phase.at:g}s for={phase.for_ or 0:g}s",
        )
