"""The template stage: tables ported from upstream clients/pkg/logentry/stages/template_test.go.

Upstream's TestTemplateStage_Process feeds each row's expected map as input; the rows are
ported here as what they state: input extracted map -> expected extracted map.
"""

from __future__ import annotations

from typing import Any

import pytest

from sim.errors import AgentConfigError

from .conftest import HAS_TEMPLATES, entry, pipeline, run, stage

pytestmark = pytest.mark.skipif(not HAS_TEMPLATES, reason="needs sim.gotemplate")

TEMPLATE_YAML = """
pipeline_stages:
- json:
    expressions:
      app:  app
      level: level
- template:
    source: app
    template: '{{ .Value | ToUpper }} doki'
- template:
    source: level
    template: '{{ if eq .Value "WARN" }}{{ Replace .Value "WARN" "OK" -1 }}{{ else }}{{ .Value }}{{ end }}'
- template:
    source: nonexistent
    template: "TEST"
- labels:
    app: ''
    level: ''
    type: nonexistent
"""


def test_pipeline_template() -> None:
    # template_test.go TestPipeline_Template
    line = '{"time":"2012-11-01T22:08:41+00:00","app":"loki","level":"WARN","message":"x"}'
    out = run(pipeline(TEMPLATE_YAML), entry(line))
    assert out[0].labels == {"app": "LOKI doki", "level": "OK", "type": "TEST"}


def test_missing_json_key() -> None:
    # template_test.go TestPipelineWithMissingKey_Template: app is null (no string form),
    # so `.Value | ToUpper` fails to execute and the stage leaves app as it is.
    line = '{"time":"2012-11-01T22:08:41+00:00","level":"WARN","message":"x"}'
    out = run(pipeline(TEMPLATE_YAML), entry(line))
    assert out[0].labels == {"level": "OK", "type": "TEST"}


@pytest.mark.parametrize("config", [None, {"source": ""}])
def test_template_validation(config: Any) -> None:
    # template_test.go TestTemplateValidation
    with pytest.raises(AgentConfigError) as caught:
        pipeline([{"template": config}])
    assert caught.value.detail == "invalid template stage config: template source value is required"


def test_parse_error_is_a_config_error() -> None:
    # template.go validateTemplateConfig returns Parse's error.
    with pytest.raises(AgentConfigError) as caught:
        pipeline([{"template": {"source": "a", "template": "{{ .Value "}}])
    assert caught.value.detail.startswith(
        "invalid template stage config: template: pipeline_template:1:"
    )
    assert caught.value.field == "pipeline_stages[0].template.template"


LINE = "not important for this test"
SPACES = "Some Silly Value With Lots Of Spaces"


# template_test.go TestTemplateStage_Process
@pytest.mark.parametrize(
    ("source", "template", "extracted", "expected"),
    [
        pytest.param(
            "some",
            "{{ .Value }} appended",
            {"some": "value"},
            {"some": "value appended"},
            id="simple",
        ),
        pytest.param(
            "missing",
            "newval",
            {"notmissing": "value"},
            {"notmissing": "value", "missing": "newval"},
            id="add missing",
        ),
        pytest.param(
            "message",
            "{{.Value}} in module {{.module}}",
            {"level": "warn", "app": "loki", "message": "warn for app loki", "module": "test"},
            {
                "level": "warn",
                "app": "loki",
                "module": "test",
                "message": "warn for app loki in module test",
            },
            id="multiple keys",
        ),
        pytest.param(
            "missing",
            "{{ .level }} for app {{ .app | ToUpper }}",
            {"level": "warn", "app": "loki"},
            {"level": "warn", "app": "loki", "missing": "warn for app LOKI"},
            id="multiple keys with missing source",
        ),
        pytest.param(
            "message",
            "{{.Value}} in module {{.module}}",
            {"level": "warn", "app": "loki", "message": "warn for app loki"},
            {"level": "warn", "app": "loki", "message": "warn for app loki in module <no value>"},
            id="multiple keys with missing key",
        ),
        pytest.param(
            "level",
            '{{ Replace .Value "Warning" "warn" 1 }}',
            {"level": "Warning", "testval": None},
            {"level": "warn", "testval": None},
            id="nil value in extracted key",
        ),
        pytest.param(
            "testval",
            "{{ .Value | ToLower }}",
            {"testval": "Value"},
            {"testval": "value"},
            id="ToLower",
        ),
        pytest.param(
            "testval", "{{ add 7 3 }}", {"testval": "Value"}, {"testval": "10"}, id="sprig"
        ),
        pytest.param(
            "testval",
            "{{ ToLower .Value }}",
            {"testval": "Value"},
            {"testval": "value"},
            id="ToLowerParams",
        ),
        pytest.param("testval", "{{ .Value | ToLower }}", {}, {}, id="ToLowerEmptyValue"),
        pytest.param(
            "testval",
            '{{ Replace .Value " " "_" -1 | ToLower }}',
            {"testval": SPACES},
            {"testval": "some_silly_value_with_lots_of_spaces"},
            id="ReplaceAllToLower",
        ),
        pytest.param(
            "testval",
            '{{ regexReplaceAll "(Silly)" .Value "${1}foo"  }}',
            {"testval": SPACES},
            {"testval": "Some Sillyfoo Value With Lots Of Spaces"},
            id="regexReplaceAll",
        ),
        pytest.param(
            "testval",
            '{{ regexReplaceAll "\\\\K" .Value "${1}foo"  }}',
            {"testval": SPACES},
            {"testval": SPACES},
            id="regexReplaceAllerr",
        ),
        pytest.param(
            "testval",
            '{{ regexReplaceAll "( |Of)" .Value "_"  }}',
            {"testval": SPACES},
            {"testval": "Some_Silly_Value_With_Lots___Spaces"},
            id="regexReplaceAllLiteral",
        ),
        pytest.param(
            "testval",
            '{{ Trim .Value "!" }}',
            {"testval": "!!!!!WOOOOO!!!!!"},
            {"testval": "WOOOOO"},
            id="Trim",
        ),
        pytest.param("testval", "", {"testval": "WOOOOO"}, {}, id="Remove label empty value"),
        pytest.param("testval", "", {}, {}, id="Don't add label with empty value"),
        pytest.param(
            "testval",
            '{{ Sha2Hash .Value "salt" }}',
            {"testval": "this is PII data"},
            {"testval": "5526fd6f8ad457279cf8ff06453c6cb61bf479fa826e3b099caa6c846f9376f2"},
            id="Sha2Hash",
        ),
        pytest.param(
            "testval",
            '{{ Hash .Value "salt" }}',
            {"testval": "this is PII data"},
            {"testval": "0807ea24e992127128b38e4930f7155013786a4999c73a25910318a793847658"},
            id="Hash",
        ),
    ],
)
def test_template_stage_process(
    source: str, template: str, extracted: dict[str, Any], expected: dict[str, Any]
) -> None:
    out = run(
        stage("template", {"source": source, "template": template}),
        entry(LINE, extracted=extracted),
    )
    assert out[0].extracted == expected


def test_entry_is_the_line() -> None:
    # template.go: td["Entry"] is the log line.
    out = run(stage("template", {"source": "s", "template": "{{ .Entry }}!"}), entry("the line"))
    assert out[0].extracted == {"s": "the line!"}
