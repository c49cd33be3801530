"""The `labelallow` stage (labelallow.go): keep only the named labels."""

from __future__ import annotations

from typing import Any

from . import messages
from .base import BuildContext, Entry, ProcessorStage, StageConfigError
from .decode import LIST_STRING
from .helpers import decode_plain


class LabelAllowStage(ProcessorStage):
    name = "labelallow"

    def __init__(self, names: list[str]) -> None:
        self._names = frozenset(names)

    def apply(self, entry: Entry, now: float) -> None:
        labels = entry.labels
        for name in [n for n in labels if n not in self._names]:
            del labels[name]


def new_labelallow_stage(config: Any, ctx: BuildContext) -> LabelAllowStage:
    names = decode_plain(config, LIST_STRING)
    if not names:
        raise StageConfigError(messages.ERR_EMPTY_LABEL_ALLOW_STAGE_CONFIG)
    return LabelAllowStage(names)
