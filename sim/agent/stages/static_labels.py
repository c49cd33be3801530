"""The `static_labels` stage (static_labels.go): fixed labels on every entry."""

from __future__ import annotations

from typing import Any

from . import messages
from .base import BuildContext, Entry, ProcessorStage, StageConfigError
from .decode import MAP_PSTRING
from .helpers import decode_plain
from .labels import is_valid_utf8


class StaticLabelsStage(ProcessorStage):
    name = "static_labels"

    def __init__(self, labels: dict[str, str]) -> None:
        self._labels = labels

    def apply(self, entry: Entry, now: float) -> None:
        entry.labels.update(self._labels)


def new_static_labels_stage(config: Any, ctx: BuildContext) -> StaticLabelsStage:
    decoded = decode_plain(config, MAP_PSTRING)
    if decoded is None:
        raise StageConfigError(messages.ERR_EMPTY_STATIC_LABEL_STAGE_CONFIG)
    labels: dict[str, str] = {}
    for name, value in decoded.items():
        # Names only need to be valid UTF-8 here (model.LabelName.IsValid, UTF-8 scheme).
        if not name or not is_valid_utf8(name):
            raise StageConfigError(messages.ERR_INVALID_LABEL_NAME.format(name=name), name)
        # A null or empty value is skipped; any other must be valid UTF-8.
        if value and is_valid_utf8(value):
            labels[name] = value
    return StaticLabelsStage(labels)
