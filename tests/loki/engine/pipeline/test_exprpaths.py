"""sim/loki/engine/pipeline/exprpaths.py against grafana/loki v3.6.0
pkg/logql/log/jsonexpr/jsonexpr_test.go (TestJSONExpressionParser)."""

from __future__ import annotations

import pytest

from sim.loki.engine.pipeline.exprpaths import PathSyntaxError, parse_json_path


@pytest.mark.parametrize(
    ("expression", "want"),
    [
        ("app", ["app"]),
        ('["field with space"]', ["field with space"]),
        ('["field with ÜFT8👌"]', ["field with ÜFT8👌"]),
        ("[0]", [0]),
        ("pod.uuid", ["pod", "uuid"]),
        ('pod["uuid"]', ["pod", "uuid"]),
        ('["pod"]["uuid"]', ["pod", "uuid"]),
        ("pod.deployment.params[0]", ["pod", "deployment", "params", 0]),
        ("pod.deployment.params[0].param", ["pod", "deployment", "params", 0, "param"]),
        ('pod.deployment.params[0]["param"]', ["pod", "deployment", "params", 0, "param"]),
        ("utf8", ["utf8"]),
    ],
)
def test_json_paths(expression, want):
    assert parse_json_path(expression) == want


@pytest.mark.parametrize(
    ("expression", "error"),
    [
        ("field with space", "syntax error: unexpected FIELD"),
        ('"pod"]', "syntax error: unexpected STRING, expecting LSB or FIELD"),
        ('["pod"', "syntax error: unexpected $end, expecting RSB"),
        ('["pod""deployment"]', "syntax error: unexpected STRING, expecting RSB"),
        ("pod..uuid", "syntax error: unexpected DOT, expecting FIELD"),
        ('["key', "syntax error: unexpected $end, expecting RSB"),
        ("", "syntax error: unexpected $end, expecting LSB or FIELD"),
    ],
)
def test_json_path_errors(expression, error):
    with pytest.raises(PathSyntaxError) as caught:
        parse_json_path(expression)
    assert str(caught.value) == error
