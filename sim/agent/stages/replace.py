"""The `replace` stage (replace.go): each capture group is replaced by the rendered template.

What Promtail really does, which is not what the YAML suggests:

- `replace` is a Go text/template, not a regexp replacement: `${1}` is literal text.
  Each participating capture group of every match is replaced by the rendered template
  (`.Value` is the group's text; other extracted values are available by name).
- An expression without a capture group matches but changes nothing.
- Groups are replaced left to right; a group nested in one already replaced is skipped.
- Named groups set extracted[name] to the replacement of the first match's group.
- With `source`, the result goes to extracted[source] instead of the line.
- A template that does not parse, or fails to execute, leaves the entry unchanged.

A template without `{{` renders as itself, so the common redaction configs need no
template engine; any other template uses sim.gotemplate. A batch's lines are searched
together (GoRegexp.find_all_many), each getting exactly its own matches.
"""

from __future__ import annotations

from typing import Any

from sim.errors import UnsupportedFeature

from . import messages
from .base import BuildContext, Entry, ProcessorStage, StageConfigError
from .decode import STRING
from .goconv import NotConvertible, get_string
from .goregexp import GoRegexp
from .helpers import compile_regexp, decode_config, source_string

TEMPLATE_NAME = "pipeline_template"


class TemplateEngine:
    """sim.gotemplate, loaded on first use: the stand-in for Go's text/template + sprig."""

    def __init__(self) -> None:
        try:
            import sim.gotemplate as engine
            from sim.gotemplate.errors import TemplateError, TemplateExecError
        except ImportError:
            raise UnsupportedFeature(
                "promtail pipeline", "Go templates with actions ({{ ... }})"
            ) from None
        self._engine: Any = engine
        self.parse_error: type[Exception] = TemplateError
        self.exec_error: type[Exception] = TemplateExecError

    def compile(self, text: str, data_type: str = "map[string]interface {}") -> Any:
        """template.New("pipeline_template").Funcs(functionMap).Parse(text).

        `data_type` is the Go type of the data the stage executes it with.
        """
        return self._engine.compile_template(
            text, name=TEMPLATE_NAME, funcs=self._engine.PROMTAIL_FUNCS, data_type=data_type
        )


def template_data(extracted: dict[str, Any]) -> dict[str, Any]:
    """getTemplateData: every extracted value that has a string form, as a string."""
    data: dict[str, Any] = {}
    for key, value in extracted.items():
        try:
            data[key] = get_string(value)
        except NotConvertible:
            continue
    return data


class ReplaceStage(ProcessorStage):
    name = "replace"

    def __init__(self, expression: GoRegexp, source: str | None, replace: str) -> None:
        self._regex = expression
        self._source = source
        self._named = [(i, n) for i, n in enumerate(expression.subexp_names) if i and n]
        # Without a source and without groups, Promtail rewrites the line with itself: the
        # pipeline leaves such a stage out.
        self.is_noop = source is None and expression.num_groups == 0
        self._literals = expression.literals
        self._constant: str | None = replace if "{{" not in replace else None
        self._template: Any = None
        self._broken = False
        self._exec_error: type[Exception] = Exception
        if self._constant is None:
            engine = TemplateEngine()
            self._exec_error = engine.exec_error
            try:
                # replace.go executes the template with a map[string]string.
                self._template = engine.compile(replace, "map[string]string")
            except UnsupportedFeature:
                raise
            except engine.parse_error:
                # Promtail parses the template for each line and gives up on the line.
                self._broken = True

    def _render(self, data: dict[str, Any], value: str) -> str | None:
        if self._constant is not None:
            return self._constant
        data["Value"] = value
        try:
            rendered: str = self._template.execute(data)
        except UnsupportedFeature:
            raise
        except self._exec_error:
            return None
        return rendered

    def process_batch(self, entries: list[Entry], now: float) -> list[Entry]:
        if self._source is not None:
            for entry in entries:
                self._apply_to_source(entry, self._source)
            return entries
        # The common case: lines that lack a required literal cannot match; the rest are
        # searched together (one RE2 call per match, not per line).
        candidates = entries
        for literal in self._literals:  # the longest (rarest) first
            candidates = [entry for entry in candidates if literal in entry.line]
        if len(candidates) == 1:
            line = candidates[0].line
            matches = self._regex.find_all_spans(line)
            if matches:
                self._rewrite(candidates[0], line, matches)
        elif candidates:
            found = self._regex.find_all_many([entry.line for entry in candidates])
            for index, matches in found.items():
                entry = candidates[index]
                self._rewrite(entry, entry.line, matches)
        return entries

    def apply(self, entry: Entry, now: float) -> None:
        self.process_batch([entry], now)

    def _apply_to_source(self, entry: Entry, source: str) -> None:
        value = source_string(entry.extracted, source)
        if value is not None and not self._regex.cannot_match(value):
            matches = self._regex.find_all_spans(value)
            if matches:
                self._rewrite(entry, value, matches)

    def _rewrite(self, entry: Entry, text: str, matches: list[list[tuple[int, int]]]) -> None:
        """Every participating group of every match replaced (`text` is the line or the
        source's value, `matches` its non-empty find_all_spans)."""
        if self._broken:
            return
        constant = self._constant
        extracted = entry.extracted
        data = template_data(extracted) if constant is None else {}
        parts: list[str] = []
        replaced: dict[str, str] = {}
        previous_end = 0
        for match in matches:
            for index in range(1, len(match)):
                start, end = match[index]
                if start == -1:
                    continue
                captured = text[start:end]
                rendered = constant if constant is not None else self._render(data, captured)
                if rendered is None:
                    return
                if previous_end == 0 or previous_end <= start:
                    parts.append(text[previous_end:start])
                    parts.append(rendered)
                    previous_end = end
                replaced[captured] = rendered
        parts.append(text[previous_end:])
        result = "".join(parts)
        if self._source is not None:
            extracted[self._source] = result
        else:
            entry.line = result
        first = matches[0]
        for index, group_name in self._named:
            start, end = first[index]
            key = text[start:end] if start != -1 else ""
            if key in replaced:
                extracted[group_name] = replaced[key]


def new_replace_stage(config: Any, ctx: BuildContext) -> ReplaceStage:
    values = decode_config(ctx, config, {"expression": STRING, "source": STRING, "replace": STRING})
    expression = values.get("expression", "")
    if expression == "":
        raise StageConfigError(messages.ERR_EXPRESSION_REQUIRED, "expression")
    source = values.get("source")
    if source == "":
        raise StageConfigError(messages.ERR_EMPTY_REPLACE_STAGE_SOURCE, "source")
    compiled = compile_regexp(
        expression, messages.ERR_COULD_NOT_COMPILE_REGEX + ": {err}", "expression"
    )
    return ReplaceStage(compiled, source, values.get("replace", ""))
