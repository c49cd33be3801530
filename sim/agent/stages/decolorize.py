"""The `decolorize` stage (decolorize.go): strips ANSI escape sequences from the line.

The pattern is Loki's pkg/logql/log Decolorizer's (stripansi), applied with ReplaceAll.
"""

from __future__ import annotations

from typing import Any

from .base import BuildContext, Entry, ProcessorStage
from .goregexp import GoRegexp

ANSI_PATTERN = (
    "[\u001b\u009b][[\\]()#;?]*(?:(?:(?:[a-zA-Z\\d]*(?:;[a-zA-Z\\d]*)*)?\u0007)"
    "|(?:(?:\\d{1,4}(?:;\\d{0,4})*)?[\\dA-PRZcf-ntqry=><~]))"
)


class DecolorizeStage(ProcessorStage):
    name = "decolorize"

    def __init__(self) -> None:
        self._ansi = GoRegexp(ANSI_PATTERN)

    def apply(self, entry: Entry, now: float) -> None:
        line = entry.line
        if "\u001b" not in line and "\u009b" not in line:
            return
        pieces, last = [], 0
        for match in self._ansi.find_all_submatch_index(line):
            pieces.append(line[last : match[0]])
            last = match[1]
        pieces.append(line[last:])
        entry.line = "".join(pieces)


def new_decolorize_stage(config: Any, ctx: BuildContext) -> DecolorizeStage:
    return DecolorizeStage()
