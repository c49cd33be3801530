"""The `structured_metadata` stage (structuredmetadata.go), also `non_indexed_labels`.

Values come from the extracted map or, failing that, from a label of the same source
name; a label whose value moved into structured metadata is then removed.
"""

from __future__ import annotations

from typing import Any

from .base import BuildContext, Entry, ProcessorStage
from .labels import for_each_label, labels_config


class StructuredMetadataStage(ProcessorStage):
    name = "structured_metadata"

    def __init__(self, configs: dict[str, str]) -> None:
        self._configs = configs

    def apply(self, entry: Entry, now: float) -> None:
        taken: dict[str, str] = {}

        def add(source: str, name: str, value: str) -> None:
            entry.structured_metadata.append((name, value))
            taken[source] = value

        for_each_label(entry.extracted, self._configs, add)
        for name, source in self._configs.items():
            if source in taken or source not in entry.labels:
                continue
            add(source, name, entry.labels[source])
        for source, value in taken.items():
            if entry.labels.get(source) == value:
                del entry.labels[source]


def new_structured_metadata_stage(config: Any, ctx: BuildContext) -> StructuredMetadataStage:
    return StructuredMetadataStage(labels_config(config))
