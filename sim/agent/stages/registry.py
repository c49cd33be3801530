"""Stage name -> constructor (stage.go's stageCreators) and building a pipeline from YAML.

`build_pipeline` takes a scrape config's `pipeline_stages` list as PyYAML loaded it and
returns a Pipeline, or raises AgentConfigError naming the file, the field
(`scrape_configs[0].pipeline_stages[3].replace.expression`) and Promtail's own message
(`invalid replace stage config: ...`). Stages lokisim does not implement raise
UnsupportedFeature rather than being skipped.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sim.errors import AgentConfigError, UnsupportedFeature

from . import messages
from .base import BuildContext, Stage, StageConfigError
from .cri import new_cri_stage
from .decolorize import new_decolorize_stage
from .docker import new_docker_stage
from .drop import new_drop_stage
from .goconv import go_v
from .json import new_json_stage
from .labelallow import new_labelallow_stage
from .labeldrop import new_labeldrop_stage
from .labels import new_labels_stage
from .limit import new_limit_stage
from .logfmt import new_logfmt_stage
from .multiline import new_multiline_stage
from .output import new_output_stage
from .pipeline import Pipeline
from .regex import new_regex_stage
from .sampling import new_sampling_stage
from .static_labels import new_static_labels_stage
from .structured_metadata import new_structured_metadata_stage
from .tenant import new_tenant_stage
from .timestamp import new_timestamp_stage

StageConstructor = Callable[[Any, BuildContext], Stage]


class PipelineBuildError(Exception):
    """A stage failed to build: the field it is about and Promtail's message."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


class _LocatedUnsupported(UnsupportedFeature):
    """An UnsupportedFeature whose component is the stage's field path."""


def _unsupported(feature: str) -> StageConstructor:
    def refuse(config: Any, ctx: BuildContext) -> Stage:
        raise UnsupportedFeature("promtail pipeline", feature)

    return refuse


def _replace(config: Any, ctx: BuildContext) -> Stage:
    from .replace import new_replace_stage

    return new_replace_stage(config, ctx)


def _template(config: Any, ctx: BuildContext) -> Stage:
    from .template import new_template_stage

    return new_template_stage(config, ctx)


def _match(config: Any, ctx: BuildContext) -> Stage:
    from .match import new_match_stage

    return new_match_stage(config, ctx)


STAGES: dict[str, StageConstructor] = {
    "docker": new_docker_stage,
    "cri": new_cri_stage,
    "json": new_json_stage,
    "logfmt": new_logfmt_stage,
    "regex": new_regex_stage,
    "replace": _replace,
    "labels": new_labels_stage,
    "labeldrop": new_labeldrop_stage,
    "labelallow": new_labelallow_stage,
    "static_labels": new_static_labels_stage,
    "timestamp": new_timestamp_stage,
    "output": new_output_stage,
    "match": _match,
    "template": _template,
    "tenant": new_tenant_stage,
    "drop": new_drop_stage,
    "sampling": new_sampling_stage,
    "limit": new_limit_stage,
    "multiline": new_multiline_stage,
    "decolorize": new_decolorize_stage,
    "structured_metadata": new_structured_metadata_stage,
    "non_indexed_labels": new_structured_metadata_stage,
    "metrics": _unsupported("the `metrics` stage (Prometheus metrics from log lines)"),
    "pack": _unsupported("the `pack` stage"),
    "eventlogmessage": _unsupported("the `eventlogmessage` stage (Windows event logs)"),
    "geoip": _unsupported("the `geoip` stage (needs a MaxMind database)"),
}


def build_stages(stages_config: Any, ctx: BuildContext, field: str) -> list[Stage]:
    """NewPipeline's loop: one single-key map per stage; raises PipelineBuildError."""
    if stages_config is None:
        return []  # `pipeline_stages:` with no value is an empty pipeline
    if not isinstance(stages_config, list):
        raise PipelineBuildError(field, f"expected a list of stages, got {go_v(stages_config)}")
    stages: list[Stage] = []
    for index, item in enumerate(stages_config):
        where = f"{field}[{index}]"
        if not isinstance(item, dict):
            raise PipelineBuildError(where, messages.STAGE_NOT_A_MAP.format(value=go_v(item)))
        if len(item) > 1:
            raise PipelineBuildError(where, messages.STAGE_ONE_KEY)
        for key, config in item.items():
            if not isinstance(key, str):
                raise PipelineBuildError(where, messages.STAGE_KEY_NOT_STRING)
            stages.append(_build_one(key, config, ctx, f"{where}.{key}"))
    return stages


def _build_one(name: str, config: Any, ctx: BuildContext, where: str) -> Stage:
    constructor = STAGES.get(name)
    if constructor is None:
        unknown = messages.UNKNOWN_STAGE_TYPE.format(name=name)
        raise PipelineBuildError(
            where, messages.INVALID_STAGE_CONFIG.format(name=name, err=unknown)
        )
    ctx.stage_field = where
    try:
        return constructor(config, ctx)
    except StageConfigError as err:
        field = f"{where}.{err.key}" if err.key else where
        message = messages.INVALID_STAGE_CONFIG.format(name=name, err=err)
        raise PipelineBuildError(field, message) from None
    except PipelineBuildError as err:
        # A nested pipeline (match) failed: keep its field, prefix this stage's wording.
        message = messages.INVALID_STAGE_CONFIG.format(name=name, err=err.message)
        raise PipelineBuildError(err.field, message) from None
    except _LocatedUnsupported:
        raise  # a nested stage already said where
    except UnsupportedFeature as err:
        raise _LocatedUnsupported(where, err.feature) from None


def build_pipeline(
    stages_config: list[Any],
    *,
    path: str,
    field: str = "pipeline_stages",
    job_name: str | None = None,
    seed: int = 0,
) -> Pipeline:
    """The Pipeline for a `pipeline_stages` list; errors name `path` and the failing field."""
    import random

    ctx = BuildContext(job_name=job_name, rng=random.Random(seed))
    try:
        stages = build_stages(stages_config, ctx, field)
    except PipelineBuildError as err:
        raise AgentConfigError(path, err.field, err.message) from None
    except UnsupportedFeature as err:
        raise UnsupportedFeature(f"{path}: {err.component}", err.feature) from None
    return Pipeline(stages, ctx)
