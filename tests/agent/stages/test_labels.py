"""The labels stage: tables ported from upstream clients/pkg/logentry/stages/labels_test.go."""

from __future__ import annotations

from typing import Any

import pytest

from sim.errors import AgentConfigError

from .conftest import entry, pipeline, run, stage


def test_labels_pipeline() -> None:
    # labels_test.go TestLabelsPipeline_Labels
    config = [
        {"json": {"expressions": {"level": None, "app_rename": "app"}}},
        {"labels": {"level": None, "app": "app_rename"}},
    ]
    line = '{"time":"2012-11-01T22:08:41+00:00","app":"loki","component":["parser","type"],"level":"WARN"}'
    assert run(pipeline(config), entry(line))[0].labels == {"level": "WARN", "app": "loki"}


def test_missing_json_key_sets_no_label() -> None:
    # labels_test.go TestLabelsPipelineWithMissingKey_Labels: a null value has no string form.
    config = [
        {"json": {"expressions": {"level": None, "app_rename": "app"}}},
        {"labels": {"level": None, "app": "app_rename"}},
    ]
    line = '{"time":"2012-11-01T22:08:41+00:00","app":"loki","component":["parser","type"]}'
    assert run(pipeline(config), entry(line))[0].labels == {"app": "loki"}


# labels_test.go TestLabels (validation)
@pytest.mark.parametrize(
    ("config", "message"),
    [
        (None, "label stage config cannot be empty"),
        ({"#*FDDS*": None}, "invalid label name: #*FDDS*"),
    ],
)
def test_labels_config_errors(config: Any, message: str) -> None:
    with pytest.raises(AgentConfigError) as caught:
        pipeline([{"labels": config}])
    assert caught.value.detail == f"invalid labels stage config: {message}"


def test_label_source_defaults_to_name() -> None:
    # labels_test.go TestLabels "label value is set from name": nil or "" source -> name.
    out = run(
        stage("labels", {"l1": "lv1", "l2": None, "l3": ""}),
        entry(extracted={"lv1": "a", "l2": "b", "l3": "c"}),
    )
    assert out[0].labels == {"l1": "a", "l2": "b", "l3": "c"}


# labels_test.go TestLabelStage_Process
@pytest.mark.parametrize(
    ("config", "extracted", "expected"),
    [
        ({"testLabel": None}, {"testLabel": "testValue"}, {"testLabel": "testValue"}),
        ({"testLabel": "diff_source"}, {"diff_source": "testValue"}, {"testLabel": "testValue"}),
        ({"testLabel": "diff_source"}, {}, {}),
    ],
    ids=["extract_success", "different_source_name", "empty_extracted_data"],
)
def test_label_stage_process(
    config: dict[str, Any], extracted: dict[str, Any], expected: dict[str, str]
) -> None:
    assert run(stage("labels", config), entry(extracted=extracted))[0].labels == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(125.0, {"n": "125"}), (True, {"n": "true"}), ([1], {}), (None, {})],
)
def test_label_value_conversion(value: Any, expected: dict[str, str]) -> None:
    # labels.go processLabelsConfigs: getString, skipped when there is no string form.
    assert run(stage("labels", {"n": None}), entry(extracted={"n": value}))[0].labels == expected


def test_label_value_invalid_utf8_is_skipped() -> None:
    # labels.go: model.LabelValue.IsValid (valid UTF-8).
    out = run(stage("labels", {"n": None}), entry(extracted={"n": "bad\udcff"}))
    assert out[0].labels == {}


def test_label_map_value_type_error_reads_like_mapstructure() -> None:
    # mapstructure v1.5 decodeMapFromMap + decodeString error text.
    with pytest.raises(AgentConfigError) as caught:
        pipeline([{"labels": {"app": 5}}])
    assert caught.value.detail == (
        "invalid labels stage config: 1 error(s) decoding:\n\n"
        "* '[<interface {} Value>]' expected type 'string', got unconvertible type 'int', value: '5'"
    )
