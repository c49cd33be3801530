"""The `output` stage (output.go): an extracted value becomes the log line."""

from __future__ import annotations

from typing import Any

from . import messages
from .base import BuildContext, Entry, ProcessorStage, StageConfigError
from .decode import STRING
from .goconv import NotConvertible, get_string
from .helpers import decode_config


class OutputStage(ProcessorStage):
    name = "output"

    def __init__(self, source: str) -> None:
        self._source = source

    def apply(self, entry: Entry, now: float) -> None:
        extracted = entry.extracted
        if self._source not in extracted:
            return
        value = extracted[self._source]
        if type(value) is str:
            entry.line = value
            return
        try:
            entry.line = get_string(value)
        except NotConvertible:
            return


def new_output_stage(config: Any, ctx: BuildContext) -> OutputStage:
    values = decode_config(ctx, config, {"source": STRING})
    source = values.get("source", "")
    if source == "":
        raise StageConfigError(messages.ERR_OUTPUT_SOURCE_REQUIRED, "source")
    return OutputStage(source)
