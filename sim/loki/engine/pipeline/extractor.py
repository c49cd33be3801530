"""Sample extractors: what a metric query takes from each entry (v3.6.0
pkg/logql/log/metrics_extraction.go and pkg/logql/syntax/extractor.go).

`count_over_time`/`rate`/`absent_over_time` count entries, `bytes_*` sum line lengths,
`| unwrap x` reads label x (skipping entries where it is empty; a value that does not convert
sets `__error__="SampleExtractionErr"`). The grouping of a `sum by (...)` around the range
aggregation is applied here already ("pushed down"), which also limits what parsers extract.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

from sim.gotemplate.errors import GoError
from sim.gotemplate.funcs_logql import convert_bytes
from sim.gotemplate.goduration import duration_seconds, parse_duration
from sim.gotemplate.gostrconv import NumError, parse_float
from sim.loki.engine.labels import Labels, LabelsResult
from sim.loki.engine.messages import ERR_SAMPLE_EXTRACTION, UNSUPPORTED_RANGE_OP
from sim.loki.engine.pipeline.builder import METADATA, BaseBuilder, LabelsBuilder
from sim.loki.engine.pipeline.hints import Stage, new_hints
from sim.loki.engine.pipeline.labelfilter import BinaryFilter, NoopFilter, label_filter
from sim.loki.engine.pipeline.stages import build_stages, run_stages
from sim.loki.logql import ast

Metadata = tuple[tuple[str, str], ...]
Extracted = tuple[float, LabelsResult] | None
COUNT_OPS = ("rate", "count_over_time", "absent_over_time")
BYTES_OPS = ("bytes_over_time", "bytes_rate")


def _count(_: bytes) -> float:
    return 1.0


def _bytes(line: bytes) -> float:
    return float(len(line))


def _duration(text: str) -> float:
    return duration_seconds(parse_duration(text))


_CONVERSIONS: dict[str, Callable[[str], float]] = {
    "": parse_float,
    "bytes": convert_bytes,
    "duration": _duration,
    "duration_seconds": _duration,
}


def _failed_value(err: Exception, text: str) -> float:
    """The value Go's conversion returns with its error: ±Inf for a float out of range."""
    if isinstance(err, NumError) and err.err == "value out of range":
        return -math.inf if text.startswith("-") else math.inf
    return 0.0


class StreamExtractor:
    def __init__(self, extractor: SampleExtractor, builder: LabelsBuilder) -> None:
        self.x = extractor
        self.builder = builder

    def process(self, ts: int, line: bytes, metadata: Metadata = ()) -> Extracted:
        x = self.x
        lbs = self.builder
        lbs.reset()
        if metadata:
            lbs.add(METADATA, metadata)
        if x.stages:
            out = run_stages(x.stages, ts, line, lbs)
            if out is None:
                return None
            line = out
        if x.label is None:
            return x.line_value(line), lbs.grouped_labels()
        text, _ = lbs.get(x.label)
        if text == "":
            return None
        try:
            value = x.convert(text)
        except (NumError, GoError) as err:
            value = _failed_value(err, text)
            lbs.err = ERR_SAMPLE_EXTRACTION
            lbs.err_details = str(err)
        if x.post_filter.process(ts, line, lbs) is None:
            return None
        return value, lbs.grouped_labels()


class SampleExtractor:
    """lineSampleExtractor or labelSampleExtractor."""

    def __init__(
        self,
        stages: list[Stage],
        groups: Sequence[str],
        without: bool,
        no_labels: bool,
        line_value: Callable[[bytes], float] = _count,
        unwrap: ast.UnwrapExpr | None = None,
    ) -> None:
        self.stages = stages
        self.line_value = line_value
        self.label: str | None = None
        required = [name for s in stages for name in s.required_label_names()]
        hint_stages: list[Stage] = list(stages)
        if unwrap is not None:
            self.label = unwrap.identifier
            self.convert = _CONVERSIONS[unwrap.operation]
            self.post_filter = _post_filter(unwrap.post_filters)
            if not groups or without:
                without = True
                groups = sorted([*groups, unwrap.identifier])
            required += self.post_filter.required_label_names()
            hint_stages.append(self.post_filter)
        hints = new_hints(required, groups, without, no_labels, self.label or "", hint_stages)
        self.base = BaseBuilder(hints, tuple(groups), without, no_labels)
        self.streams: dict[Labels, StreamExtractor] = {}

    def for_stream(self, labels: Labels) -> StreamExtractor:
        found = self.streams.get(labels)
        if found is None:
            found = self.streams[labels] = StreamExtractor(self, self.base.for_labels(labels))
        return found

    @property
    def referenced_metadata(self) -> bool:
        return self.base.referenced_metadata


def length_value(extractor: SampleExtractor) -> Callable[[int], float] | None:
    """The sample value as a function of the line's length, when that is all the extractor
    reads of an entry's line (no stages, no unwrap: `count_over_time`, `rate`, `bytes_*`)."""
    if extractor.stages or extractor.label is not None:
        return None
    if extractor.line_value is _count:
        return _one
    if extractor.line_value is _bytes:
        return float
    return None


def _one(_: int) -> float:
    return 1.0


def _post_filter(filters: Sequence[ast.LabelFilter]) -> Stage:
    """ReduceAndLabelFilter: the post-unwrap filters joined with `and`."""
    if not filters:
        return NoopFilter()
    result: Stage = label_filter(filters[0])
    for node in filters[1:]:
        result = BinaryFilter(result, label_filter(node), and_=True)
    return result


def new_extractor(
    expr: ast.RangeAggregationExpr, override: ast.Grouping | None = None
) -> SampleExtractor:
    """RangeAggregationExpr.extractor(override); raises LogQLParseError for a bad stage."""
    groups: Sequence[str] = ()
    without = no_labels = False
    for grouping in (expr.grouping, override):
        if grouping is not None:
            groups, without, no_labels = grouping.groups, grouping.without, grouping.singleton
    if expr.operation == "absent_over_time":
        no_labels = True
    groups = sorted(groups)
    selector = expr.left.left
    stages = build_stages(selector.stages) if isinstance(selector, ast.PipelineExpr) else []
    if expr.left.unwrap is not None:
        return SampleExtractor(stages, groups, without, no_labels, unwrap=expr.left.unwrap)
    if expr.operation in COUNT_OPS:
        return SampleExtractor(stages, groups, without, no_labels, _count)
    if expr.operation in BYTES_OPS:
        return SampleExtractor(stages, groups, without, no_labels, _bytes)
    raise ValueError(UNSUPPORTED_RANGE_OP % expr.operation)


PUSHDOWN_RANGE_OPS = ("bytes_over_time", "bytes_rate", "sum_over_time", "rate", "count_over_time")


def pushdown_grouping(expr: ast.VectorAggregationExpr) -> ast.Grouping | None:
    """canInjectVectorGrouping: a `sum` hands its grouping to the range aggregation below."""
    left = expr.left
    if (
        expr.operation == "sum"
        and isinstance(left, ast.RangeAggregationExpr)
        and left.operation in PUSHDOWN_RANGE_OPS
        and left.grouping is None
    ):
        return expr.grouping
    return None


def extractor_for(expr: ast.SampleExpr) -> SampleExtractor:
    """SampleExpr.Extractors() for an expression over one range aggregation."""
    if isinstance(expr, ast.RangeAggregationExpr):
        return new_extractor(expr)
    if isinstance(expr, ast.VectorAggregationExpr):
        override = pushdown_grouping(expr)
        if override is not None:
            assert isinstance(expr.left, ast.RangeAggregationExpr)
            return new_extractor(expr.left, override)
        return extractor_for(expr.left)
    if isinstance(expr, ast.LabelReplaceExpr):
        return extractor_for(expr.left)
    raise ValueError(f"no single extractor for {type(expr).__name__}")
