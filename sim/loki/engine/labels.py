"""Label sets as the engine passes them around: sorted tuples of (name, value) pairs.

Prometheus keeps labels sorted by name (model/labels); a tuple sorted the same way compares
as labels.Compare does (name, then value, then length) and hashes cheaply. `labels_string`
is labels.String(), the form Loki uses as a stream's identity (`{app="api", level="info"}`).
Values are `str`; a byte that was not UTF-8 is carried as a surrogateescape code point.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache

from sim.loki.push.gofmt import go_quote

Label = tuple[str, str]
Labels = tuple[Label, ...]
EMPTY: Labels = ()

_LEGACY_NAME = re.compile(r"[a-zA-Z_][a-zA-Z0-9_]*\Z")


def new_labels(pairs: Iterable[Label]) -> Labels:
    """labels.New: sorted by name (a later duplicate name is kept after the earlier one)."""
    return tuple(sorted(pairs, key=lambda pair: pair[0]))


def from_mapping(mapping: Mapping[str, str]) -> Labels:
    return tuple(sorted(mapping.items()))


@lru_cache(maxsize=65536)
def labels_string(labels: Labels) -> str:
    """labels.String(): names quoted only when not legacy-valid, values with strconv.Quote."""
    parts = []
    for name, value in labels:
        shown = name if _LEGACY_NAME.match(name) else go_quote(name)
        parts.append(f"{shown}={go_quote(value)}")
    return "{" + ", ".join(parts) + "}"


def get(labels: Labels, name: str) -> str:
    """labels.Get: "" when absent."""
    for key, value in labels:
        if key == name:
            return value
    return ""


def has(labels: Labels, name: str) -> bool:
    return any(key == name for key, _ in labels)


def keep(labels: Labels, names: Iterable[str]) -> Labels:
    """labels.Builder.Keep."""
    wanted = set(names)
    return tuple(pair for pair in labels if pair[0] in wanted)


def drop(labels: Labels, names: Iterable[str]) -> Labels:
    """labels.Builder.Del."""
    unwanted = set(names)
    return tuple(pair for pair in labels if pair[0] not in unwanted)


def with_label(labels: Labels, name: str, value: str) -> Labels:
    """labels.Builder.Set (an empty value deletes, as in Prometheus)."""
    rest = [pair for pair in labels if pair[0] != name]
    if value:
        rest.append((name, value))
    return new_labels(rest)


@dataclass(frozen=True, eq=False)
class LabelsResult:
    """log.LabelsResult: the labels of a processed entry and the category of each one."""

    labels: Labels
    stream: Labels = EMPTY
    structured_metadata: Labels = EMPTY
    parsed: Labels = EMPTY
    _string: list[str] = field(default_factory=list, repr=False)

    @property
    def string(self) -> str:
        if not self._string:
            self._string.append(labels_string(self.labels))
        return self._string[0]


def uncategorized(labels: Labels) -> LabelsResult:
    """A result whose labels all count as stream labels (grouped and base results)."""
    return LabelsResult(labels, labels)


EMPTY_RESULT = uncategorized(EMPTY)
