"""Log pipelines: what a log query does to each entry (pkg/logql/log/pipeline.go, v3.6.0).

    pipeline = new_pipeline(selector_stages)
    stream = pipeline.for_stream(stream_labels)
    processed = stream.process(ts_ns, line, structured_metadata)  # None when dropped
    line, labels = processed  # labels: LabelsResult (stream / metadata / parsed)

Structured metadata becomes labels of the entry (a name the stream already has gets the
`_extracted` suffix). A pipeline of line filters only takes a fast path that never builds
labels per entry: its labels depend only on the stream and the metadata.
"""

from __future__ import annotations

from collections.abc import Sequence

from sim.loki.engine.labels import Labels, LabelsResult
from sim.loki.engine.pipeline.builder import METADATA, BaseBuilder, LabelsBuilder
from sim.loki.engine.pipeline.hints import Stage, new_hints
from sim.loki.engine.pipeline.linefilter import Predicate, all_of, always
from sim.loki.engine.pipeline.stages import LineFilterStage, build_stages, run_stages
from sim.loki.logql import ast

Metadata = tuple[tuple[str, str], ...]
Processed = tuple[bytes, LabelsResult] | None


def filters_only(stages: Sequence[Stage]) -> Predicate | None:
    """The combined predicate when every stage is a line filter, else None."""
    if not all(isinstance(s, LineFilterStage) for s in stages):
        return None
    return all_of([s.predicate for s in stages if isinstance(s, LineFilterStage)])


class StreamPipeline:
    def __init__(self, pipeline: Pipeline, builder: LabelsBuilder) -> None:
        self.stages = pipeline.stages
        self.predicate = pipeline.predicate
        self.builder = builder
        self.by_metadata: dict[Metadata, LabelsResult] = {}

    def labels_for(self, metadata: Metadata) -> LabelsResult:
        """Labels of an entry that only line filters touch: stream + metadata."""
        if not metadata:
            return self.builder.current
        found = self.by_metadata.get(metadata)
        if found is None:
            lbs = self.builder
            lbs.reset()
            lbs.add(METADATA, metadata)
            found = self.by_metadata[metadata] = lbs.labels_result()
        return found

    def process(self, ts: int, line: bytes, metadata: Metadata = ()) -> Processed:
        predicate = self.predicate
        if predicate is not None:
            if predicate is not always and not predicate(line):
                return None
            return line, self.labels_for(metadata)
        lbs = self.builder
        lbs.reset()
        if metadata:
            lbs.add(METADATA, metadata)
        out = run_stages(self.stages, ts, line, lbs)
        if out is None:
            return None
        return out, lbs.labels_result()

    @property
    def referenced_metadata(self) -> bool:
        return self.builder.base_builder.referenced_metadata


class Pipeline:
    def __init__(self, stages: list[Stage]) -> None:
        self.stages = stages
        self.predicate = filters_only(stages)
        hints = new_hints([], [], False, False, "", stages)
        self.base = BaseBuilder(hints)
        self.streams: dict[Labels, StreamPipeline] = {}

    def for_stream(self, labels: Labels) -> StreamPipeline:
        found = self.streams.get(labels)
        if found is None:
            found = self.streams[labels] = StreamPipeline(self, self.base.for_labels(labels))
        return found


def new_pipeline(selector: ast.LogSelectorExpr) -> Pipeline:
    """LogSelectorExpr.Pipeline(); raises LogQLParseError for a stage Loki cannot build."""
    if isinstance(selector, ast.MatchersExpr):
        return Pipeline([])
    return Pipeline(build_stages(selector.stages))
