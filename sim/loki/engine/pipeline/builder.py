"""The labels builder every pipeline stage reads and writes (pkg/logql/log/labels.go, v3.6.0).

An entry starts with its stream labels (`base`); stages add labels in three categories
(stream, structured metadata, parsed: a parsed label hides the others of the same name),
delete labels, and set `__error__` / `__error_details__`, which live apart from the labels.
Results are cached by label set in a cache shared by all streams of a pipeline, as in Loki:
two entries with the same labels get the same result, categories included.
"""

from __future__ import annotations

from sim.loki.engine.labels import EMPTY_RESULT, Label, Labels, LabelsResult, new_labels
from sim.loki.engine.messages import DUPLICATE_SUFFIX, ERROR_DETAILS_LABEL, ERROR_LABEL
from sim.loki.engine.pipeline.hints import Hints

STREAM, METADATA, PARSED = 0, 1, 2
ALL_CATEGORIES = (STREAM, METADATA, PARSED)


class BaseBuilder:
    """BaseLabelsBuilder: grouping, hints and the result cache shared by a pipeline."""

    def __init__(
        self,
        hints: Hints | None = None,
        groups: tuple[str, ...] = (),
        without: bool = False,
        no_labels: bool = False,
    ) -> None:
        self.hints = hints or Hints()
        self.groups = tuple(sorted(groups))
        self.without = without
        self.no_labels = no_labels
        self.cache: dict[Labels, LabelsResult] = {}
        self.referenced_metadata = False

    def for_labels(self, labels: Labels) -> LabelsBuilder:
        current = self.cache.get(labels)
        if current is None:
            current = LabelsResult(labels, labels)
            self.cache[labels] = current
        return LabelsBuilder(self, labels, current)

    def uncategorized(self, labels: Labels) -> LabelsResult:
        cached = self.cache.get(labels)
        if cached is None:
            cached = self.cache[labels] = LabelsResult(labels, labels)
        return cached


class LabelsBuilder:
    """One stream's builder; `reset` starts a new entry."""

    def __init__(self, base: BaseBuilder, labels: Labels, current: LabelsResult) -> None:
        self.base_builder = base
        self.hints = base.hints
        self.base = labels
        self.base_map = dict(labels)
        self.current = current
        self.grouped: LabelsResult | None = None
        self.dels: list[str] = []
        self.adds: tuple[dict[str, str], dict[str, str], dict[str, str]] = ({}, {}, {})
        self.err = ""
        self.err_details = ""

    # --- per entry state ----------------------------------------------------------------------
    def reset(self) -> None:
        if self.dels:
            self.dels.clear()
        for added in self.adds:
            if added:
                added.clear()
        self.err = self.err_details = ""
        self.hints.reset()

    def changed(self) -> bool:
        return bool(self.dels or self.adds[0] or self.adds[1] or self.adds[2])

    def has_err(self) -> bool:
        return self.err != ""

    def base_has(self, name: str) -> bool:
        return name in self.base_map

    # --- reading --------------------------------------------------------------------------------
    def get_with_category(self, key: str) -> tuple[str, int] | None:
        """GetWithCategory: added labels first, then deletions hide base labels."""
        for category, added in enumerate(self.adds):
            if key in added:
                if category == METADATA:
                    self.base_builder.referenced_metadata = True
                return added[key], category
        if key in self.dels:
            return None
        value = self.base_map.get(key, "")
        return (value, STREAM) if value else None

    def get(self, key: str) -> tuple[str, bool]:
        found = self.get_with_category(key)
        return (found[0], True) if found else ("", False)

    # --- writing --------------------------------------------------------------------------------
    def delete(self, *names: str) -> None:
        for name in names:
            for added in self.adds:
                added.pop(name, None)
            self.dels.append(name)

    def set(self, category: int, name: str, value: str) -> None:
        """Set: parsed beats structured metadata, which beats stream labels."""
        adds = self.adds
        if category == PARSED:
            adds[METADATA].pop(name, None)
            adds[STREAM].pop(name, None)
        elif category == METADATA:
            adds[STREAM].pop(name, None)
            if name in adds[PARSED]:
                return
        elif name in adds[METADATA] or name in adds[PARSED]:
            return
        adds[category][name] = value
        if category == PARSED:
            self.hints.record_extracted(name)

    def add(self, category: int, labels: Labels) -> None:
        """Add: a name the stream already has gets the `_extracted` suffix."""
        for name, value in labels:
            if name in self.base_map:
                name += DUPLICATE_SUFFIX
            if name == ERROR_LABEL:
                self.err = value
            elif name == ERROR_DETAILS_LABEL:
                self.err_details = value
            else:
                self.set(category, name, value)

    # --- results --------------------------------------------------------------------------------
    def _errors(self) -> list[Label]:
        out = []
        if self.err:
            out.append((ERROR_LABEL, self.err))
        if self.err_details:
            out.append((ERROR_DETAILS_LABEL, self.err_details))
        return out

    def unsorted_labels(self, categories: tuple[int, ...] = ALL_CATEGORIES) -> list[Label]:
        if not self.changed() and STREAM in categories:
            out = list(self.base)
            return out + self._errors() if PARSED in categories else out
        stream_adds, meta, parsed = self.adds
        out = []
        if STREAM in categories:
            for name, value in self.base:
                if name in self.dels or name in meta or name in parsed:
                    continue
                out.append((name, stream_adds.get(name, value)))
        if METADATA in categories:
            out += [(n, v) for n, v in meta.items() if n not in parsed]
        if PARSED in categories:
            out += parsed.items()
            out += self._errors()
        return out

    def as_map(self) -> dict[str, str]:
        """Map / IntoMap: what templates see."""
        if not self.changed() and not self.err:
            return dict(self.base_map)
        return dict(self.unsorted_labels())

    def labels_result(self) -> LabelsResult:
        """LabelsResult: all labels, categorized, no grouping."""
        if not self.changed() and not self.err:
            return self.current
        labels = new_labels(self.unsorted_labels())
        cache = self.base_builder.cache
        cached = cache.get(labels)
        if cached is not None:
            return cached
        stream: list[Label] = []
        meta: list[Label] = []
        parsed: list[Label] = []
        for pair in labels:
            name = pair[0]
            if name in (ERROR_LABEL, ERROR_DETAILS_LABEL) or name in self.adds[PARSED]:
                parsed.append(pair)
            elif name in self.adds[METADATA]:
                meta.append(pair)
            else:
                stream.append(pair)
        result = LabelsResult(labels, tuple(stream), tuple(meta), tuple(parsed))
        cache[labels] = result
        return result

    def grouped_labels(self) -> LabelsResult:
        """GroupedLabels: an entry with an error keeps all its labels so the error is seen."""
        if self.err:
            return self.labels_result()
        base = self.base_builder
        if base.no_labels:
            return EMPTY_RESULT
        if not self.changed():
            return self._base_group() if base.groups else self.current
        if not base.groups:
            return self.labels_result()
        return self._without_result() if base.without else self._with_result()

    def _with_result(self) -> LabelsResult:
        out: list[Label] = []
        for group in self.base_builder.groups:
            if group in self.dels:
                continue
            for category, added in enumerate(self.adds):
                if group in added:
                    if category == METADATA:
                        self.base_builder.referenced_metadata = True
                    out.append((group, added[group]))
                    break
            else:
                value = self.base_map.get(group, "")
                if value:
                    out.append((group, value))
        return self.base_builder.uncategorized(new_labels(out))

    def _without_result(self) -> LabelsResult:
        groups = self.base_builder.groups
        adds = self.adds
        out = [
            pair
            for pair in self.base
            if pair[0] not in self.dels
            and not any(pair[0] in added for added in adds)
            and pair[0] not in groups
        ]
        for category, added in enumerate(adds):
            for name, value in added.items():
                if name in groups:
                    if category == METADATA:
                        self.base_builder.referenced_metadata = True
                    continue
                out.append((name, value))
        return self.base_builder.uncategorized(new_labels(out))

    def _base_group(self) -> LabelsResult:
        if self.grouped is None:
            groups = self.base_builder.groups
            if self.base_builder.without:
                kept = tuple(p for p in self.base if p[0] not in groups)
            else:
                kept = tuple(p for p in self.base if p[0] in groups)
            self.grouped = LabelsResult(kept, kept)
        return self.grouped
