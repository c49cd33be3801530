"""The labelallow stage: upstream labelallow_test.go Test_addLabelStage_Process."""

from __future__ import annotations

import pytest

from sim.errors import AgentConfigError

from .conftest import entry, pipeline, run, stage


@pytest.mark.parametrize(
    ("config", "labels", "expected"),
    [
        (
            ["testLabel1"],
            {"testLabel1": "testValue", "testLabel2": "testValue"},
            {"testLabel1": "testValue"},
        ),
        (
            ["testLabel1", "testLabel2"],
            {"testLabel1": "testValue", "testLabel2": "testValue", "testLabel3": "testValue"},
            {"testLabel1": "testValue", "testLabel2": "testValue"},
        ),
        (["foobar"], {"testLabel1": "testValue", "testLabel2": "testValue"}, {}),
    ],
    ids=["allow single label", "allow multiple labels", "allow non-existing label"],
)
def test_labelallow(config: list[str], labels: dict[str, str], expected: dict[str, str]) -> None:
    assert run(stage("labelallow", config), entry(labels=labels))[0].labels == expected


def test_not_a_list() -> None:
    # mapstructure v1.5 decodeSlice (strict Decode).
    with pytest.raises(AgentConfigError) as caught:
        pipeline([{"labelallow": "app"}])
    assert caught.value.detail == (
        "invalid labelallow stage config: '': source data must be an array or slice, got string"
    )
