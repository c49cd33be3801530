"""A chain of stages: Promtail's stages.Pipeline, driven synchronously.

Like Pipeline.Run, it first copies every label into the extracted map (so stages can use
`filename` and friends), then hands the entry down the stages. Entries a stage releases
on `tick` or `flush` continue through the stages after it. `process_lines` takes one
file's lines at once (one label set), the way the agent feeds it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from functools import partial
from typing import Any

from .base import BuildContext, Entry, Stage, process_each


class Pipeline:
    """Stages in order; also a Stage itself (match nests pipelines)."""

    name = "pipeline"

    def __init__(self, stages: Sequence[Stage], ctx: BuildContext) -> None:
        # Stages that provably change nothing (a replace without groups) are left out.
        self.stages: list[Stage] = [s for s in stages if not getattr(s, "is_noop", False)]
        self._ctx = ctx
        # (in place?, bound method): apply() for in-place stages, process() for the rest.
        self._calls: list[tuple[bool, Any]] = [
            (True, s.apply) if getattr(s, "in_place", False) else (False, s.process)  # type: ignore[attr-defined]
            for s in self.stages
        ]
        self._batches = [
            getattr(s, "process_batch", None) or partial(process_each, s) for s in self.stages
        ]
        self._last_now = 0.0

    @property
    def dropped(self) -> Counter[str]:
        """Lines dropped, by Promtail's logentry_dropped_lines_total reason."""
        return self._ctx.dropped

    @property
    def silently_dropped(self) -> Counter[str]:
        """Lines Promtail discards without counting them, by lokisim's name for the cause."""
        return self._ctx.silently_dropped

    @property
    def warnings(self) -> list[str]:
        """Config keys Promtail ignores (misspelt options, most likely)."""
        return self._ctx.warnings

    def process(self, entry: Entry, now: float) -> list[Entry]:
        self._last_now = now
        entry.extracted.update(entry.labels)
        out: list[Entry] = []
        self._feed(0, entry, now, out)
        return out

    def _feed(self, index: int, entry: Entry, now: float, out: list[Entry]) -> None:
        calls = self._calls
        count = len(calls)
        while index < count:
            in_place, call = calls[index]
            index += 1
            if in_place:
                call(entry, now)
                continue
            results = call(entry, now)
            if len(results) == 1:
                entry = results[0]
                continue
            for result in results:
                self._feed(index, result, now, out)
            return
        out.append(entry)

    def process_batch(self, entries: list[Entry], now: float) -> list[Entry]:
        """process() for many entries with one `now`: the same output, stage by stage.

        Every stage sees the same entries in the same order as with process(), so the
        result is identical; the per-entry dispatch is what it saves.
        """
        self._last_now = now
        for entry in entries:
            entry.extracted.update(entry.labels)
        return _through(self._batches, entries, now)

    def process_lines(
        self,
        lines: list[str],
        labels: dict[str, str],
        extracted: dict[str, Any],
        timestamp_ns: int,
        now: float,
        *,
        first_step: bool = True,
    ) -> list[Entry]:
        """process_batch of Entry(labels.copy(), extracted.copy(), timestamp_ns, line) for
        each line. Without `first_step` the labels are not copied into extracted (a caller
        that ran the stages before these did it already). A first stage that can build its
        output from the lines themselves (cri) is asked to."""
        self._last_now = now
        if first_step:
            extracted = {**extracted, **labels}
        from_lines = getattr(self.stages[0], "process_lines", None) if self.stages else None
        entries: list[Entry]
        if from_lines is not None:
            entries = from_lines(lines, labels, extracted, timestamp_ns, now)
            return _through(self._batches[1:], entries, now)
        entries = [Entry(labels.copy(), extracted.copy(), timestamp_ns, line) for line in lines]
        return _through(self._batches, entries, now)

    def tick(self, now: float) -> list[Entry]:
        self._last_now = now
        out: list[Entry] = []
        for index, stage in enumerate(self.stages):
            for entry in stage.tick(now):
                self._feed(index + 1, entry, now, out)
        return out

    def flush(self) -> list[Entry]:
        out: list[Entry] = []
        for index, stage in enumerate(self.stages):
            for entry in stage.flush():
                self._feed(index + 1, entry, self._last_now, out)
        return out


def _through(batches: Sequence[Any], entries: list[Entry], now: float) -> list[Entry]:
    """`entries` through each stage's batch call in order (Pipeline._batches)."""
    for batch in batches:
        if not entries:
            break
        entries = batch(entries, now)
    return entries
