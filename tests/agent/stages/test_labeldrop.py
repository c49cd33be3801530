"""The labeldrop stage: upstream labeldrop_test.go Test_dropLabelStage_Process."""

from __future__ import annotations

import pytest

from sim.errors import AgentConfigError

from .conftest import entry, pipeline, run, stage

LABELS = {"testLabel1": "testValue", "testLabel2": "testValue"}


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        (["testLabel1"], {"testLabel2": "testValue"}),
        (["testLabel1", "testLabel2"], {}),
        (["foobar"], LABELS),
    ],
    ids=["drop one label", "drop two labels", "drop non-existing label"],
)
def test_labeldrop(config: list[str], expected: dict[str, str]) -> None:
    assert run(stage("labeldrop", config), entry(labels=LABELS))[0].labels == expected


@pytest.mark.parametrize("config", [None, []])
def test_empty_config(config: list[str] | None) -> None:
    # labeldrop.go validateLabelDropConfig
    with pytest.raises(AgentConfigError) as caught:
        pipeline([{"labeldrop": config}])
    assert (
        caught.value.detail
        == "invalid labeldrop stage config: labeldrop stage config cannot be empty"
    )
