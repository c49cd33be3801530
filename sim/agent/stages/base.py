"""The contract every pipeline stage keeps, and what stages share while being built.

An Entry is Promtail's stages.Entry: a label set, the extracted map, a timestamp and the
line (plus structured metadata). A Stage turns one entry into zero or more (a drop gives
none, multiline may hold lines back) and releases held entries on `tick` (time passes)
and `flush` (end of input). `now` is Unix seconds from the caller's clock: stages never
read the wall clock, so tests drive them with a fake one.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, ClassVar, Protocol


@dataclass(slots=True)
class Entry:
    """One log entry travelling through the pipeline."""

    labels: dict[str, str]
    extracted: dict[str, Any]
    timestamp_ns: int
    line: str
    structured_metadata: list[tuple[str, str]] = field(default_factory=list)


class Stage(Protocol):
    """A pipeline stage (Promtail's stages.Stage, driven synchronously).

    A stage may also offer `process_batch(entries, now) -> list[Entry]`, equal to
    process() on each entry in turn; the pipeline uses it when present.
    """

    name: str

    def process(self, entry: Entry, now: float) -> list[Entry]:
        """Entries out for one entry in: [] when dropped or held back."""
        ...

    def tick(self, now: float) -> list[Entry]:
        """Entries released because time passed (multiline's max_wait_time)."""
        ...

    def flush(self) -> list[Entry]:
        """Entries still held at end of input."""
        ...


class StageConfigError(ValueError):
    """A stage config is invalid: Promtail's message, and the key it is about (if known)."""

    def __init__(self, message: str, key: str = "") -> None:
        super().__init__(message)
        self.key = key


@dataclass(slots=True)
class BuildContext:
    """Shared by all stages of one pipeline, including nested match pipelines.

    `dropped` mirrors Promtail's logentry_dropped_lines_total{reason}; `silently_dropped`
    counts lines Promtail discards without counting them (json drop_malformed, ...).
    """

    job_name: str | None = None
    stage_field: str = ""  # the stage being built, for warnings
    dropped: Counter[str] = field(default_factory=Counter)
    silently_dropped: Counter[str] = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)
    rng: random.Random = field(default_factory=lambda: random.Random(0))


class ProcessorStage:
    """A stage that changes each entry in place and never drops or holds one.

    Promtail's "Processor" stages (regex, labels, timestamp, output, ...): subclasses
    implement `apply`; the pipeline calls it directly on its fast path.
    """

    name: str = ""
    in_place: ClassVar[bool] = True

    def apply(self, entry: Entry, now: float) -> None:
        raise NotImplementedError

    def process(self, entry: Entry, now: float) -> list[Entry]:
        self.apply(entry, now)
        return [entry]

    def process_batch(self, entries: list[Entry], now: float) -> list[Entry]:
        apply = self.apply
        for entry in entries:
            apply(entry, now)
        return entries

    def tick(self, now: float) -> list[Entry]:
        return []

    def flush(self) -> list[Entry]:
        return []


class FilterStage:
    """A stage that passes or drops each entry and holds nothing back."""

    name: str = ""
    in_place: ClassVar[bool] = False

    def process(self, entry: Entry, now: float) -> list[Entry]:
        raise NotImplementedError

    def process_batch(self, entries: list[Entry], now: float) -> list[Entry]:
        return process_each(self, entries, now)

    def tick(self, now: float) -> list[Entry]:
        return []

    def flush(self) -> list[Entry]:
        return []


def process_each(stage: Stage, entries: list[Entry], now: float) -> list[Entry]:
    """A batch through a stage one entry at a time (the order of output is kept)."""
    out: list[Entry] = []
    process = stage.process
    for entry in entries:
        out.extend(process(entry, now))
    return out


def label_key(labels: dict[str, str]) -> frozenset[tuple[str, str]]:
    """A hashable identity of a label set (Promtail's label fingerprint, without collisions)."""
    return frozenset(labels.items())


class LabelKeys:
    """label_key() for label sets that mostly repeat (the lines of one file).

    Comparing two dicts costs a sixth of building the frozenset, so the last label set
    seen (a copy: the caller's dict may change later) and its key are kept and reused.
    """

    __slots__ = ("_key", "_labels")

    def __init__(self) -> None:
        self._labels: dict[str, str] | None = None
        self._key: frozenset[tuple[str, str]] = frozenset()

    def __call__(self, labels: dict[str, str]) -> frozenset[tuple[str, str]]:
        if labels == self._labels:
            return self._key
        self._labels = labels.copy()
        key = self._key = frozenset(labels.items())
        return key
