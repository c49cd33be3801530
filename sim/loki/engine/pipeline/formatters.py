"""`| line_format`, `| label_format`, `| decolorize`, `| drop`, `| keep` (v3.6.0
pkg/logql/log/fmt.go, drop_labels.go, keep_labels.go).

Templates are Go text/template with Loki's functions (sim.gotemplate), missing keys render
as "". A template that fails at run time keeps the line (or label) unchanged and sets
`__error__="TemplateFormatErr"`. In one `label_format` the templates see the labels as they
were when the first template ran, as in Loki; `a=a` deletes `a`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import re2

from sim.gotemplate import (
    LOGQL_FUNCS,
    Template,
    TemplateError,
    TemplateExecError,
    UnsupportedTemplateFeature,
    compile_template,
    with_line_and_timestamp,
)
from sim.loki.engine.messages import (
    ANSI_PATTERN,
    ERR_TEMPLATE_FORMAT,
    ERROR_DETAILS_LABEL,
    ERROR_LABEL,
    PRESERVE_ERROR_LABEL,
)
from sim.loki.engine.pipeline.builder import PARSED, LabelsBuilder
from sim.loki.engine.pipeline.util import to_bytes, to_str
from sim.loki.logql import ast

_ANSI = re2.compile(ANSI_PATTERN.encode())


class StageBuildError(ValueError):
    """A stage Loki refuses to build; str() is Loki's error (wrapped as a stage error)."""


class _Current:
    """The entry a formatter is working on, for `__line__` and `__timestamp__`."""

    def __init__(self) -> None:
        self.line = b""
        self.ts = 0

    def funcs(self) -> dict[str, Callable[..., Any]]:
        line = lambda: to_str(self.line)  # noqa: E731 - read at each call, not now
        return dict(with_line_and_timestamp(LOGQL_FUNCS, line, lambda: self.ts))


def _compile(text: str, name: str, current: _Current) -> Template:
    return compile_template(
        text, name=name, funcs=current.funcs(), missingkey="zero", data_type="map[string]string"
    )


class LineFormatter:
    def __init__(self, text: str) -> None:
        self.current = _Current()
        try:
            self.template = _compile(text, "line", self.current)
        except UnsupportedTemplateFeature:
            raise
        except TemplateError as err:
            raise StageBuildError(f"invalid line template: {err}") from None
        self.simple_key = self.template.simple_key

    def required_label_names(self) -> list[str]:
        return self.template.field_names()

    def process(self, ts: int, line: bytes, lbs: LabelsBuilder) -> bytes | None:
        if self.simple_key is not None:
            value, ok = lbs.get(self.simple_key)
            return to_bytes(value) if ok else b""
        self.current.line, self.current.ts = line, ts
        try:
            return to_bytes(self.template.execute(lbs.as_map()))
        except TemplateExecError as err:
            lbs.err = ERR_TEMPLATE_FORMAT
            lbs.err_details = str(err)
            return line


class LabelsFormatter:
    def __init__(self, formats: Sequence[ast.LabelFmt]) -> None:
        seen: set[str] = set()
        for fmt in formats:
            if fmt.name == ERROR_LABEL:
                raise StageBuildError(f"{fmt.name} cannot be formatted")
            if fmt.name in seen:
                raise StageBuildError(
                    f"multiple label name '{fmt.name}' not allowed in a single format operation"
                )
            seen.add(fmt.name)
        self.current = _Current()
        self.formats: list[tuple[ast.LabelFmt, Template | None]] = []
        for fmt in formats:
            template = None
            if not fmt.rename:
                try:
                    template = _compile(fmt.value, "label", self.current)
                except UnsupportedTemplateFeature:
                    raise
                except TemplateError as err:
                    raise StageBuildError(
                        f"invalid template for label '{fmt.name}': {err}"
                    ) from None
            self.formats.append((fmt, template))

    def required_label_names(self) -> list[str]:
        names: list[str] = []
        for fmt, template in self.formats:
            names += [fmt.value] if template is None else template.field_names()
        return list(dict.fromkeys(n for n in names if n))

    def process(self, ts: int, line: bytes, lbs: LabelsBuilder) -> bytes | None:
        self.current.line, self.current.ts = line, ts
        data: dict[str, str] = {}
        for fmt, template in self.formats:
            if template is None:
                found = lbs.get_with_category(fmt.value)
                if found is not None:
                    lbs.set(PARSED, fmt.name, found[0])
                    lbs.delete(fmt.value)
                continue
            if not data:
                data = lbs.as_map()
            try:
                rendered = template.execute(data)
            except TemplateExecError as err:
                lbs.err = ERR_TEMPLATE_FORMAT
                lbs.err_details = str(err)
                continue
            lbs.set(PARSED, fmt.name, rendered)
        return line


class Decolorizer:
    def required_label_names(self) -> list[str]:
        return []

    def process(self, ts: int, line: bytes, lbs: LabelsBuilder) -> bytes | None:
        return bytes(_ANSI.sub(b"", line))


def _matches(matcher: ast.Matcher, value: str) -> bool:
    return matcher.matches(value)


class DropLabels:
    def __init__(self, labels: Sequence[ast.NamedLabelMatcher]) -> None:
        self.labels = labels

    def required_label_names(self) -> list[str]:
        return []

    def process(self, ts: int, line: bytes, lbs: LabelsBuilder) -> bytes | None:
        for named in self.labels:
            matcher = named.matcher
            name = matcher.name if matcher is not None else named.name
            if name == ERROR_LABEL:
                if matcher is None or _matches(matcher, lbs.err):
                    lbs.err = ""
            elif name == ERROR_DETAILS_LABEL:
                if matcher is None or _matches(matcher, lbs.err_details):
                    lbs.err_details = ""
            elif matcher is not None:
                if _matches(matcher, lbs.get(name)[0]):
                    lbs.delete(name)
            elif lbs.get(name)[1]:
                lbs.delete(name)
        return line


_SPECIAL = (ERROR_LABEL, ERROR_DETAILS_LABEL, PRESERVE_ERROR_LABEL)


class KeepLabels:
    def __init__(self, labels: Sequence[ast.NamedLabelMatcher]) -> None:
        self.labels = labels

    def required_label_names(self) -> list[str]:
        return []

    def process(self, ts: int, line: bytes, lbs: LabelsBuilder) -> bytes | None:
        if not self.labels:
            return line
        for name, value in lbs.unsorted_labels():
            if name in _SPECIAL:
                continue
            keep = any(
                (k.matcher is not None and k.matcher.name == name and _matches(k.matcher, value))
                or k.name == name
                for k in self.labels
            )
            if not keep:
                lbs.delete(name)
        return line
