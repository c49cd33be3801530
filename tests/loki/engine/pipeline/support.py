"""Test helpers: run one stage the way the upstream log tests do (Process, then
LabelsResult().Labels() or the returned line)."""

from __future__ import annotations

from collections.abc import Mapping

from sim.loki.engine.labels import Labels, from_mapping
from sim.loki.engine.pipeline.builder import BaseBuilder, LabelsBuilder
from sim.loki.engine.pipeline.hints import Hints, Stage


def builder(base: Mapping[str, str] | None = None, hints: Hints | None = None) -> LabelsBuilder:
    lbs = BaseBuilder(hints).for_labels(from_mapping(base or {}))
    lbs.reset()
    return lbs


def run(
    stage: Stage,
    line: str | bytes,
    base: Mapping[str, str] | None = None,
    hints: Hints | None = None,
) -> tuple[bytes | None, Labels]:
    lbs = builder(base, hints)
    data = line.encode() if isinstance(line, str) else line
    out = stage.process(0, data, lbs)
    return out, lbs.labels_result().labels


def labels(**pairs: str) -> Labels:
    return from_mapping(pairs)


def labels_of(mapping: Mapping[str, str]) -> Labels:
    return from_mapping(mapping)
