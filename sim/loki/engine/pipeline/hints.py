"""Parser hints (pkg/logql/log/parser_hints.go, grafana/loki v3.6.0).

Hints change what a query returns, not only how fast: in a metric query only the labels the
query needs are extracted (`sum by (level) (... | json ...)` stops reading the JSON once
`level` is found, so a malformed tail is never seen), `sum(rate({...} | json [1m]))` does not
run the parser at all, a label filter on a parsed label drops the line as soon as the label is
set, and a key already parsed by an earlier stage of the same entry is never overwritten.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from sim.loki.engine.messages import DUPLICATE_SUFFIX, ERROR_LABEL

if TYPE_CHECKING:
    from sim.loki.engine.pipeline.builder import LabelsBuilder


class Stage(Protocol):
    """log.Stage: returns the (possibly new) line, or None when the entry is dropped."""

    def process(self, ts: int, line: bytes, lbs: LabelsBuilder) -> bytes | None: ...

    def required_label_names(self) -> list[str]: ...


class Hints:
    """log.Hints; `extracted` is per entry (reset with the labels builder)."""

    def __init__(
        self,
        required: list[str] | None = None,
        no_labels: bool = False,
        preserve_error: bool = False,
        label_filters: Sequence[Stage] = (),
        label_names: Sequence[str] = (),
    ) -> None:
        self.required = required or []
        self.no_labels_flag = no_labels
        self.preserve_error = preserve_error
        self.label_filters = list(label_filters)
        self.label_names = list(label_names)
        self.extracted: set[str] = set()

    def is_extracted(self, key: str) -> bool:
        return key in self.extracted

    def should_extract(self, key: str) -> bool:
        return not self.required or key in self.required

    def should_extract_prefix(self, prefix: str) -> bool:
        return not self.required or any(name.startswith(prefix) for name in self.required)

    def no_labels(self) -> bool:
        return self.no_labels_flag or self.all_required_extracted()

    def record_extracted(self, key: str) -> None:
        self.extracted.add(key)

    def all_required_extracted(self) -> bool:
        if not self.required or len(self.extracted) < len(self.required):
            return False
        return all(name in self.extracted for name in self.required)

    def reset(self) -> None:
        if self.extracted:
            self.extracted.clear()

    def should_continue_parsing_line(self, label_name: str, lbs: LabelsBuilder) -> bool:
        # Loki pairs filters and names by position; a nameless filter shifts later pairs.
        for i, name in enumerate(self.label_names):
            if name == label_name:
                return self.label_filters[i].process(0, b"", lbs) is not None
        return True


def _with_unsuffixed(names: Sequence[str]) -> list[str]:
    """appendLabelHints: `x_extracted` is also hinted as `x` (the suffix comes later)."""
    out: list[str] = []
    for name in names:
        out.append(name)
        if name.endswith(DUPLICATE_SUFFIX):
            out.append(name.removesuffix(DUPLICATE_SUFFIX))
    return out


def _unique_non_empty(names: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(name for name in names if name))


def new_hints(
    required_label_names: Sequence[str],
    groups: Sequence[str],
    without: bool,
    no_labels: bool,
    metric_label: str,
    stages: Sequence[Stage],
) -> Hints:
    """NewParserHint."""
    hints = _unique_non_empty(
        _with_unsuffixed(required_label_names) + _with_unsuffixed(groups) + [metric_label]
    )
    label_filters: list[Stage] = []
    label_names: list[str] = []
    for stage in stages:
        if not getattr(stage, "is_label_filter", False) or getattr(stage, "is_binary", False):
            continue
        names = stage.required_label_names()
        if len(names) > 1:
            continue
        label_filters.append(stage)
        label_names += names
    if no_labels:
        if hints:
            return Hints(hints, False, ERROR_LABEL in hints, label_filters, label_names)
        return Hints(no_labels=True)
    if without or not groups:
        return Hints(label_filters=label_filters, label_names=label_names)
    return Hints(hints, preserve_error=ERROR_LABEL in hints)
