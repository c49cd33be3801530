"""sim/loki/engine/pipeline/pipeline.py and stages.py against grafana/loki v3.6.0
pkg/logql/log/pipeline_test.go (TestNoopPipeline, TestPipeline, TestPipelineWithStructuredMetadata)
and pkg/logql/syntax/ast.go (reorderStages, NewStageError)."""

from __future__ import annotations

import pytest

from sim.loki.engine.pipeline.pipeline import Pipeline, new_pipeline
from sim.loki.engine.pipeline.stages import build_stages, reorder
from sim.loki.logql import LogQLParseError, parse_expr, to_string

from .support import labels_of

FOO = labels_of({"foo": "bar"})


def _pipeline(query: str) -> Pipeline:
    return new_pipeline(parse_expr(query))


def test_noop_pipeline_adds_metadata():
    # TestNoopPipeline: metadata becomes labels, `_extracted` when the stream has the name
    stream = _pipeline('{foo="bar"}').for_stream(FOO)
    line, result = stream.process(0, b"line", (("foo", "baz"), ("user", "bob")))
    assert line == b"line"
    assert result.labels == labels_of({"foo": "bar", "foo_extracted": "baz", "user": "bob"})
    assert result.structured_metadata == labels_of({"foo_extracted": "baz", "user": "bob"})


def test_pipeline():
    # TestPipeline
    pipeline = _pipeline('{foo="bar"} | foo="bar" | line_format "lbs {{.foo}}"')
    line, result = pipeline.for_stream(FOO).process(0, b"line")
    assert (line, result.labels, result.string) == (b"lbs bar", FOO, '{foo="bar"}')
    assert pipeline.for_stream(()).process(0, b"line") is None


def test_pipeline_with_structured_metadata():
    # TestPipelineWithStructuredMetadata
    pipeline = _pipeline(
        '{foo="bar"} | foo="bar" | user="bob" | line_format "lbs {{.foo}} {{.user}}"'
    )
    stream = pipeline.for_stream(FOO)
    line, result = stream.process(0, b"line", (("user", "bob"),))
    assert (line, result.stream, result.structured_metadata) == (
        b"lbs bar bob",
        FOO,
        labels_of({"user": "bob"}),
    )
    line, result = stream.process(0, b"line", (("foo", "baz"), ("user", "bob")))
    assert line == b"lbs bar bob"
    assert result.labels == labels_of({"foo": "bar", "foo_extracted": "baz", "user": "bob"})
    assert result.structured_metadata == labels_of({"user": "bob", "foo_extracted": "baz"})
    assert stream.process(0, b"line") is None
    assert pipeline.for_stream(()).process(0, b"line", (("user", "bob"),)) is None


# ast.go reorderStages: line filters move ahead of parsers, not past line_format or filters
@pytest.mark.parametrize(
    ("query", "order"),
    [
        ('{a="b"} | json |= "x"', '|= "x" | json'),
        ('{a="b"} | decolorize |= "x"', '|= "x" | decolorize'),
        ('{a="b"} |= "x" | json |= "y"', '|= "x" |= "y" | json'),
        ('{a="b"} | line_format "{{.a}}" |= "x"', '| line_format "{{.a}}" |= "x"'),
        ('{a="b"} | unpack |= "x"', '| unpack |= "x"'),
        ('{a="b"} | json | level="error" |= "x"', '| json | level="error" |= "x"'),
    ],
)
def test_reorder(query, order):
    assert " ".join(to_string(stage) for stage in reorder(parse_expr(query).stages)) == order


def test_stage_error_names_the_stage():
    # ast.go MultiStageExpr.stages: logqlmodel.NewStageError(e.String(), err)
    with pytest.raises(LogQLParseError) as caught:
        build_stages(parse_expr('{a="b"} | label_format __error__="x"').stages)
    assert str(caught.value) == (
        "parse error : stage '| label_format __error__=\"x\"' : __error__ cannot be formatted"
    )


def test_filter_only_pipeline_keeps_stream_labels():
    stream = _pipeline('{foo="bar"} |= "x" !~ "y+"').for_stream(FOO)
    assert stream.process(0, b"x") == (b"x", stream.builder.current)
    assert stream.process(0, b"xy") is None
