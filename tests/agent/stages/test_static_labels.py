"""The static_labels stage: upstream static_labels_test.go Test_staticLabelStage_Process."""

from __future__ import annotations

from typing import Any

import pytest

from sim.errors import AgentConfigError

from .conftest import entry, pipeline, run, stage


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ({"staticLabel": "val"}, {"testLabel": "testValue", "staticLabel": "val"}),
        ({"staticLabel": None}, {"testLabel": "testValue"}),
    ],
    ids=["add static label", "add static label with empty value"],
)
def test_static_labels(config: dict[str, Any], expected: dict[str, str]) -> None:
    out = run(stage("static_labels", config), entry(labels={"testLabel": "testValue"}))
    assert out[0].labels == expected


def test_empty_config() -> None:
    # static_labels.go validateLabelStaticConfig
    with pytest.raises(AgentConfigError) as caught:
        pipeline([{"static_labels": None}])
    assert (
        caught.value.detail
        == "invalid static_labels stage config: static_labels stage config cannot be empty"
    )


def test_names_need_only_be_utf8() -> None:
    # static_labels.go uses LabelName.IsValid, which is UTF-8 validation in prometheus/common 0.65.
    out = run(stage("static_labels", {"app.kubernetes.io/name": "x"}), entry())
    assert out[0].labels == {"app.kubernetes.io/name": "x"}
