"""The `multiline` stage (multiline.go): lines of one block become one entry.

Per label set: lines before the first line matching `firstline` pass through untouched.
From then on each matching line starts a block (flushing the previous one); other lines
join the current block with "\\n". A block is flushed when it reaches `max_lines`
(default 128), when `max_wait_time` (default 3s) passes with no new line for that label
set (the timer restarts on every line), or at end of input. The flushed entry carries the
block's first line's timestamp, labels and extracted map (not its structured metadata);
after a flush, following lines of the same label set join a new block that reuses that
same first entry.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Iterable
from typing import Any, ClassVar

from . import messages
from .base import BuildContext, Entry, LabelKeys, StageConfigError
from .decode import STRING, UINT64
from .goparse import GoParseError, parse_duration
from .goregexp import GoRegexp
from .helpers import compile_regexp, decode_config

DEFAULT_MAX_LINES = 128
DEFAULT_MAX_WAIT_NS = 3_000_000_000


class _Block:
    __slots__ = ("deadline", "lines", "nonempty", "parts", "start")

    def __init__(self, start: Entry) -> None:
        self.start = start
        self.parts: list[str] = []
        self.nonempty = False  # bytes.Buffer.Len() > 0
        self.lines = 0
        self.deadline = math.inf


class MultilineStage:
    name = "multiline"
    in_place: ClassVar[bool] = False

    def __init__(self, firstline: GoRegexp, max_lines: int, max_wait_s: float) -> None:
        self._firstline = firstline
        self._max_lines = max_lines
        self._max_wait = max_wait_s
        self._blocks: dict[frozenset[tuple[str, str]], _Block] = {}
        # Label sets with a running timer, earliest deadline first (deadlines only grow).
        self._timers: OrderedDict[frozenset[tuple[str, str]], None] = OrderedDict()
        self._keys = LabelKeys()

    def _flush(self, block: _Block, out: list[Entry]) -> None:
        if not block.nonempty:
            return
        start = block.start
        out.append(
            Entry(
                dict(start.labels),
                dict(start.extracted),
                start.timestamp_ns,
                "".join(block.parts),
            )
        )
        block.parts = []
        block.nonempty = False
        block.lines = 0

    def _hand_over(self, block: _Block, out: list[Entry]) -> None:
        """_flush when a new first line replaces the block's start entry: nothing else
        refers to that entry any more, so it becomes the flushed entry (no copies)."""
        start = block.start
        start.line = "".join(block.parts)
        if start.structured_metadata:
            start.structured_metadata = []  # the flushed entry has none
        out.append(start)
        block.parts = []
        block.nonempty = False
        block.lines = 0

    def _expire(self, now: float, out: list[Entry]) -> None:
        timers, blocks = self._timers, self._blocks
        while timers:
            key = next(iter(timers))
            block = blocks[key]
            if block.deadline > now:
                return
            del timers[key]
            block.deadline = math.inf
            self._flush(block, out)

    def process(self, entry: Entry, now: float) -> list[Entry]:
        out: list[Entry] = []
        self._take((entry,), now, out, each=True)
        return out

    def process_batch(self, entries: list[Entry], now: float) -> list[Entry]:
        out: list[Entry] = []
        # With one `now` for the batch, only the first line can find a timer run out:
        # every deadline set during the batch is now + max_wait, later than now (if it is).
        self._take(entries, now, out, each=now + self._max_wait <= now)
        return out

    def _take(self, entries: Iterable[Entry], now: float, out: list[Entry], each: bool) -> None:
        """Each entry in turn; timers are checked before the first (and each, if `each`)."""
        timers, blocks, keys = self._timers, self._blocks, self._keys
        match, max_lines, deadline = (
            self._firstline.match_string,
            self._max_lines,
            now + self._max_wait,
        )
        check = True
        last_labels: dict[str, str] | None = None
        key: frozenset[tuple[str, str]] = frozenset()
        for entry in entries:
            if check:
                if timers and blocks[next(iter(timers))].deadline <= now:
                    self._expire(now, out)
                check = each
            labels = entry.labels
            if labels != last_labels:  # this loop changes no label set: a reference will do
                key, last_labels = keys(labels), labels
            block = blocks.get(key)
            line = entry.line
            is_first = match(line)
            if block is None:
                if not is_first:
                    out.append(entry)
                    continue
                block = blocks[key] = _Block(entry)
            if is_first:
                if block.nonempty:
                    self._hand_over(block, out)
                block.start = entry
            if block.nonempty:
                block.parts.append("\n")
                block.parts.append(line)
            else:
                block.parts.append(line)
                block.nonempty = line != ""
            block.lines += 1
            if block.lines == max_lines:
                self._flush(block, out)
            block.deadline = deadline
            if key in timers:
                timers.move_to_end(key)
            else:
                timers[key] = None

    def tick(self, now: float) -> list[Entry]:
        out: list[Entry] = []
        self._expire(now, out)
        return out

    def flush(self) -> list[Entry]:
        out: list[Entry] = []
        for block in self._blocks.values():
            self._flush(block, out)
        self._timers.clear()
        return out


def new_multiline_stage(config: Any, ctx: BuildContext) -> MultilineStage:
    values = decode_config(
        ctx,
        config,
        {"firstline": STRING, "max_lines": UINT64, "max_wait_time": STRING},
        weak=True,
    )
    firstline = values.get("firstline")
    if firstline is None:
        raise StageConfigError(messages.ERR_MULTILINE_EMPTY, "firstline")
    regex = compile_regexp(firstline, messages.ERR_MULTILINE_INVALID_REGEX, "firstline")
    wait_ns = DEFAULT_MAX_WAIT_NS
    if "max_wait_time" in values:
        try:
            wait_ns = parse_duration(values["max_wait_time"])
        except GoParseError as err:
            raise StageConfigError(
                messages.ERR_MULTILINE_INVALID_MAX_WAIT.format(err=err), "max_wait_time"
            ) from None
    max_lines = values.get("max_lines", DEFAULT_MAX_LINES)
    return MultilineStage(regex, max_lines, max(wait_ns, 0) / 1e9)
