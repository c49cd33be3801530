"""The `regex` stage (regex.go): named capture groups into the extracted map."""

from __future__ import annotations

from typing import Any, Protocol

from . import messages
from .base import BuildContext, Entry, ProcessorStage, StageConfigError
from .decode import STRING
from .helpers import compile_regexp, decode_config, source_string


class Submatcher(Protocol):
    """What the regex stage needs of a compiled expression (GoRegexp, or CRI's splitter)."""

    subexp_names: list[str]

    def find_submatch(self, text: str) -> list[str] | None: ...


class RegexStage(ProcessorStage):
    """Sets extracted[name] for each named group of the first match ("" if it took no part)."""

    name = "regex"

    def __init__(self, expression: Submatcher, source: str | None) -> None:
        self._expression = expression
        self._source = source
        self._named = [(i, n) for i, n in enumerate(expression.subexp_names) if i and n]

    def apply(self, entry: Entry, now: float) -> None:
        extracted = entry.extracted
        text = entry.line
        if self._source is not None:
            value = source_string(extracted, self._source)
            if value is None:
                return
            text = value
        match = self._expression.find_submatch(text)
        if match is None:
            return
        for index, group in self._named:
            extracted[group] = match[index]


def new_regex_stage(config: Any, ctx: BuildContext) -> RegexStage:
    values = decode_config(ctx, config, {"expression": STRING, "source": STRING})
    expression = values.get("expression", "")
    if expression == "":
        raise StageConfigError(messages.ERR_EXPRESSION_REQUIRED, "expression")
    source = values.get("source")
    if source == "":
        raise StageConfigError(messages.ERR_EMPTY_REGEX_STAGE_SOURCE, "source")
    compiled = compile_regexp(
        expression, messages.ERR_COULD_NOT_COMPILE_REGEX + ": {err}", "expression"
    )
    return RegexStage(compiled, source)
