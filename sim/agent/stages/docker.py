"""The `docker` stage (extensions.go NewDocker): Docker's json-file log lines.

Promtail's composition, config ignored: json {output: log, stream: stream, timestamp:
time}, labels {stream}, timestamp {timestamp, RFC3339Nano}, output {output}.
"""

from __future__ import annotations

from typing import Any

import jmespath

from .base import BuildContext
from .golayout import RFC3339_NANO
from .json import JSONStage
from .labels import LabelsStage
from .output import OutputStage
from .pipeline import Pipeline
from .timestamp import timestamp_stage


def new_docker_stage(config: Any, ctx: BuildContext) -> Pipeline:
    expressions = {"output": "log", "stream": "stream", "timestamp": "time"}
    compiled = {name: jmespath.compile(path) for name, path in expressions.items()}
    return Pipeline(
        [
            JSONStage(compiled, None, False, ctx),
            LabelsStage({"stream": "stream"}),
            timestamp_stage("timestamp", RFC3339_NANO, []),
            OutputStage("output"),
        ],
        ctx,
    )
