"""The output stage: tables ported from upstream clients/pkg/logentry/stages/output_test.go."""

from __future__ import annotations

import pytest

from sim.errors import AgentConfigError

from .conftest import entry, pipeline, run, stage

CONFIG = [{"json": {"expressions": {"out": "message"}}}, {"output": {"source": "out"}}]


def test_pipeline_output() -> None:
    # output_test.go TestPipeline_Output
    line = '{"time":"2012-11-01T22:08:41+00:00","app":"loki","message":"this is a log line"}'
    assert run(pipeline(CONFIG), entry(line))[0].line == "this is a log line"


def test_missing_key_keeps_line() -> None:
    # output_test.go TestPipelineWithMissingKey_Output: a null has no string form.
    line = '{"time":"2012-11-01T22:08:41+00:00","app":"loki"}'
    assert run(pipeline(CONFIG), entry(line))[0].line == line


@pytest.mark.parametrize("config", [None, {"source": ""}])
def test_output_validation(config: object) -> None:
    # output_test.go TestOutputValidation (mapstructure leaves nil config empty)
    with pytest.raises(AgentConfigError) as caught:
        pipeline([{"output": config}])
    assert caught.value.detail == (
        "invalid output stage config: output source value is required if output is specified"
    )


def test_output_stage_process() -> None:
    # output_test.go TestOutputStage_Process "sets output"
    out = run(
        stage("output", {"source": "out"}),
        entry("replaceme", extracted={"something": "notimportant", "out": "outmessage"}),
    )
    assert out[0].line == "outmessage"
