"""The `labeldrop` stage (labeldrop.go): remove the named labels."""

from __future__ import annotations

from typing import Any

from . import messages
from .base import BuildContext, Entry, ProcessorStage, StageConfigError
from .decode import LIST_STRING
from .helpers import decode_plain


class LabelDropStage(ProcessorStage):
    name = "labeldrop"

    def __init__(self, names: list[str]) -> None:
        self._names = names

    def apply(self, entry: Entry, now: float) -> None:
        labels = entry.labels
        for name in self._names:
            labels.pop(name, None)


def new_labeldrop_stage(config: Any, ctx: BuildContext) -> LabelDropStage:
    names = decode_plain(config, LIST_STRING)
    if not names:
        raise StageConfigError(messages.ERR_EMPTY_LABEL_DROP_STAGE_CONFIG)
    return LabelDropStage(names)
