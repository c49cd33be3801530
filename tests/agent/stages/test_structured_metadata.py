"""structured_metadata: upstream structuredmetadata_test.go Test_StructuredMetadataStage."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import HAS_LOGQL, HAS_TEMPLATES, entry, pipeline, run

CRI_REGEX = "^(?s)(?P<time>\\S+?) (?P<stream>stdout|stderr) (?P<flags>\\S+?) (?P<content>.*)$"


@pytest.mark.parametrize(
    ("stages", "line", "labels", "metadata", "expected_labels"),
    [
        pytest.param(
            [{"logfmt": {"mapping": {"app": None}}}, {"structured_metadata": {"app": None}}],
            "app=loki component=ingester",
            {},
            [("app", "loki")],
            {},
            id="logfmt",
        ),
        pytest.param(
            [{"json": {"expressions": {"app": None}}}, {"structured_metadata": {"app": None}}],
            '{"app":"loki" ,"component":"ingester"}',
            {},
            [("app", "loki")],
            {},
            id="json",
        ),
        pytest.param(
            [{"json": {"expressions": {"app": None}}}, {"non_indexed_labels": {"app": None}}],
            '{"app":"loki" ,"component":"ingester"}',
            {},
            [("app", "loki")],
            {},
            id="deprecated name",
        ),
        pytest.param(
            [{"regex": {"expression": CRI_REGEX}}, {"structured_metadata": {"stream": None}}],
            "2019-01-01T01:00:00.000000001Z stderr P i'm a log message!",
            {},
            [("stream", "stderr")],
            {},
            id="regex",
        ),
        pytest.param(
            [
                {"json": {"expressions": {"app": None}}},
                {"template": {"source": "app", "template": "{{ ToUpper .Value }}"}},
                {"structured_metadata": {"app": None}},
            ],
            '{"app":"loki" ,"component":"ingester"}',
            {},
            [("app", "LOKI")],
            {},
            id="template",
            marks=pytest.mark.skipif(not HAS_TEMPLATES, reason="needs sim.gotemplate"),
        ),
        pytest.param(
            [
                {"json": {"expressions": {"app": None, "component": None}}},
                {"structured_metadata": {"app": None}},
                {"labels": {"component": None}},
            ],
            '{"app":"loki" ,"component":"ingester"}',
            {},
            [("app", "loki")],
            {"component": "ingester"},
            id="and regular labels",
        ),
        pytest.param(
            [
                {
                    "match": {
                        "selector": '{source="test"}',
                        "stages": [
                            {"logfmt": {"mapping": {"app": None}}},
                            {"structured_metadata": {"app": None}},
                        ],
                    }
                }
            ],
            "app=loki component=ingester",
            {"source": "test"},
            [("app", "loki")],
            {"source": "test"},
            id="match",
            marks=pytest.mark.skipif(not HAS_LOGQL, reason="needs sim.loki.logql"),
        ),
        pytest.param(
            [
                {"static_labels": {"component": "querier", "pod": "loki-querier-664f97db8d-qhnwg"}},
                {"structured_metadata": {"pod": None}},
            ],
            "sample log line",
            {},
            [("pod", "loki-querier-664f97db8d-qhnwg")],
            {"component": "querier"},
            id="static labels",
        ),
        pytest.param(
            [
                {"static_labels": {"component": "querier", "pod": "loki-querier-664f97db8d-qhnwg"}},
                {"structured_metadata": {"pod_name": "pod"}},
            ],
            "sample log line",
            {},
            [("pod_name", "loki-querier-664f97db8d-qhnwg")],
            {"component": "querier"},
            id="static labels different key",
        ),
        pytest.param(
            [{"structured_metadata": {"pod": None}}],
            "app=loki component=ingester",
            {"source": "test", "pod": "ingester-0"},
            [("pod", "ingester-0")],
            {"source": "test"},
            id="stream labels",
        ),
        pytest.param(
            [
                {"logfmt": {"mapping": {"pod": None}}},
                {"structured_metadata": {"pod_name": "pod", "source_name": "source"}},
            ],
            "app=loki pod=ingester",
            {"source": "test", "pod": "ingester-0"},
            [("pod_name", "ingester"), ("source_name", "test")],
            {"pod": "ingester-0"},
            id="extracted map first",
        ),
    ],
)
def test_structured_metadata(
    stages: list[Any],
    line: str,
    labels: dict[str, str],
    metadata: list[tuple[str, str]],
    expected_labels: dict[str, str],
) -> None:
    out = run(pipeline(stages), entry(line, labels))[0]
    assert sorted(out.structured_metadata) == sorted(metadata)
    assert out.labels == expected_labels
