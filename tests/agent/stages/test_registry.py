"""Stage names (stage.go stageCreators) and the stages lokisim refuses."""

from __future__ import annotations

import pytest

from sim.agent.stages import STAGES
from sim.errors import UnsupportedFeature

from .conftest import pipeline


def test_every_promtail_stage_name_is_known() -> None:
    # stage.go StageType* constants (pipeline is internal, not a config key).
    assert set(STAGES) == {
        "json",
        "logfmt",
        "regex",
        "replace",
        "metrics",
        "labels",
        "labeldrop",
        "timestamp",
        "output",
        "docker",
        "cri",
        "match",
        "template",
        "tenant",
        "drop",
        "sampling",
        "limit",
        "multiline",
        "pack",
        "labelallow",
        "static_labels",
        "decolorize",
        "eventlogmessage",
        "geoip",
        "non_indexed_labels",
        "structured_metadata",
    }


@pytest.mark.parametrize("name", ["metrics", "pack", "eventlogmessage", "geoip"])
def test_unimplemented_stages_fail_loudly(name: str) -> None:
    with pytest.raises(UnsupportedFeature) as caught:
        pipeline([{"cri": {}}, {name: {}}])
    assert caught.value.component == f"test.yaml: pipeline_stages[1].{name}"
    assert f"`{name}` stage" in str(caught.value)


def test_unsupported_inside_match_names_the_nested_stage() -> None:
    with pytest.raises(UnsupportedFeature) as caught:
        pipeline([{"match": {"selector": '{a="b"}', "stages": [{"geoip": {}}]}}])
    assert caught.value.component == "test.yaml: pipeline_stages[0].match.stages[0].geoip"
