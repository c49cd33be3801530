"""A scenario's `load:` block: Locust push and query load beside the fleet.

    load:
      at: 10s              # after the scenario starts (default 0)
      for: 60s             # default: to the end of the scenario
      push_users: 4        # PushUsers (Promtail-like clients pushing straight to Loki)
      query_users: 2       # QueryUsers (Grafana in front of one person)
      spawn_rate: 10       # users started per second
      shape: {kind: spike, at: 20s, for: 10s, factor: 5}   # ramp | spike | log_bomb
      streams: 17
      label_cardinality: 1
      line_size: natural   # or 512B, 4KiB, ...
      line_format: mixed   # or a workload: json-api, nginx, ...
      tenants: []          # X-Scope-OrgID values; none: no header
      batch_bytes: 1MiB
      push_wait: 1s
      query_wait: 5s
      query_range: 1h
      queries: [...]       # default: the ADR's queries
      endpoints: [...]     # default: what Grafana's Explore calls

Models are strict (unknown keys are errors) and errors name the field under `load.`.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
    model_validator,
)

from sim.errors import ScenarioError
from sim.load import options as opts
from sim.load.client import MAX_SUFFIXES
from sim.load.queries import DEFAULT_ENDPOINTS, Endpoint, stream_selector
from sim.scenario_errors import describe_pydantic_error
from sim.units import parse_duration

Seconds = Annotated[float, BeforeValidator(parse_duration)]
LineSize = Annotated[int, BeforeValidator(opts.parse_line_size)]
BatchBytes = Annotated[int, BeforeValidator(opts.parse_batch_bytes)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class LoadShape(_Strict):
    kind: Literal["ramp", "spike", "log_bomb"]
    at: Seconds | None = None
    for_: Annotated[Seconds | None, Field(alias="for")] = None
    factor: Annotated[float | None, Field(gt=0)] = None


class LoadSpec(_Strict):
    at: Seconds = 0.0
    for_: Annotated[Seconds | None, Field(alias="for", gt=0)] = None
    push_users: Annotated[int, Field(ge=0, le=10_000)] = 1
    query_users: Annotated[int, Field(ge=0, le=10_000)] = 1
    spawn_rate: Annotated[float, Field(gt=0)] = 10.0
    shape: LoadShape | None = None
    streams: Annotated[int, Field(ge=1, le=100_000)] = 17
    label_cardinality: Annotated[int, Field(ge=1, le=MAX_SUFFIXES)] = 1
    line_size: LineSize = 0
    line_format: str = opts.MIXED
    tenants: list[str] = Field(default_factory=list)
    batch_bytes: BatchBytes = opts.ADR_BATCH_BYTES
    push_wait: Seconds = 1.0
    query_wait: Seconds = 5.0
    query_range: Annotated[Seconds, Field(gt=0)] = 3600.0
    queries: Annotated[list[str], Field(min_length=1)] | None = None
    endpoints: Annotated[list[Endpoint], Field(min_length=1)] | None = None
    seed: int | None = None

    @field_validator("line_format")
    @classmethod
    def _known_format(cls, value: str) -> str:
        return opts.parse_line_format(value)

    @field_validator("tenants")
    @classmethod
    def _valid_tenants(cls, value: list[str]) -> list[str]:
        return list(opts.parse_tenants(value))

    @field_validator("queries")
    @classmethod
    def _selectors(cls, value: list[str] | None) -> list[str] | None:
        for query in value or []:
            stream_selector(query)
        return value

    @model_validator(mode="after")
    def _someone(self) -> LoadSpec:
        if self.push_users + self.query_users < 1:
            raise ValueError(
                "expected at least one user (push_users + query_users >= 1), got "
                f"push_users={self.push_users} query_users={self.query_users}"
            )
        opts.check_lines_per_stream(self.line_size, self.batch_bytes)
        return self

    def users(self) -> dict[str, int]:
        return {"PushUser": self.push_users, "QueryUser": self.query_users}

    def options(self, seed: int, queries_file: str = "") -> opts.LoadOptions:
        """The locustfile's settings for this block (`seed` when it sets none)."""
        shape = self.shape
        return opts.LoadOptions(
            streams=self.streams,
            label_cardinality=self.label_cardinality,
            line_size=self.line_size,
            line_format=self.line_format,
            tenants=tuple(self.tenants),
            batch_bytes=self.batch_bytes,
            push_wait=self.push_wait,
            query_wait=self.query_wait,
            query_range=self.query_range,
            queries_file=queries_file,
            query_endpoints=tuple(self.endpoints or DEFAULT_ENDPOINTS),
            shape=shape.kind if shape else "none",
            shape_at=shape.at if shape else None,
            shape_for=shape.for_ if shape else None,
            shape_factor=shape.factor if shape else None,
            seed=self.seed if self.seed is not None else seed,
        )


def parse_load_spec(raw: Any, where: str) -> LoadSpec:
    """Validate a `load:` mapping; ScenarioError names `load.<field>` and what was wrong."""
    if not isinstance(raw, dict):
        found = type(raw).__name__ if raw is not None else "nothing"
        raise ScenarioError(where, "load", f"expected a mapping of load settings, got {found}")
    try:
        return LoadSpec.model_validate(raw)
    except ValidationError as err:
        field, message = describe_pydantic_error(err.errors()[0])
        raise ScenarioError(where, f"load.{field}" if field else "load", message) from None
