"""The `template` stage (template.go): a Go template rendered into extracted[source].

The template sees every extracted value with a string form by name, `.Value` (the
source's value) and `.Entry` (the line). An empty result deletes the key; an execution
error leaves the entry unchanged; a parse error is a config error.
"""

from __future__ import annotations

from typing import Any

from sim.errors import UnsupportedFeature

from . import messages
from .base import BuildContext, Entry, ProcessorStage, StageConfigError
from .decode import STRING
from .goconv import NotConvertible, get_string
from .helpers import decode_config
from .replace import TemplateEngine


class TemplateStage(ProcessorStage):
    name = "template"

    def __init__(self, source: str, text: str) -> None:
        self._source = source
        self._constant: str | None = text if "{{" not in text else None
        self._template: Any = None
        self._exec_error: type[Exception] = Exception
        if self._constant is None:
            engine = TemplateEngine()
            self._exec_error = engine.exec_error
            try:
                self._template = engine.compile(text)
            except UnsupportedFeature:
                raise
            except engine.parse_error as err:
                raise StageConfigError(str(err), "template") from None

    def _render(self, entry: Entry) -> str | None:
        if self._constant is not None:
            return self._constant
        data: dict[str, Any] = {}
        for key, value in entry.extracted.items():
            try:
                text = get_string(value)
            except NotConvertible:
                continue
            data[key] = text
            if key == self._source:
                data["Value"] = text
        data["Entry"] = entry.line
        try:
            rendered: str = self._template.execute(data)
        except UnsupportedFeature:
            raise
        except self._exec_error:
            return None
        return rendered

    def apply(self, entry: Entry, now: float) -> None:
        rendered = self._render(entry)
        if rendered is None:
            return
        if rendered == "":
            entry.extracted.pop(self._source, None)
        else:
            entry.extracted[self._source] = rendered


def new_template_stage(config: Any, ctx: BuildContext) -> TemplateStage:
    values = decode_config(ctx, config, {"source": STRING, "template": STRING})
    source = values.get("source", "")
    if source == "":
        raise StageConfigError(messages.ERR_TEMPLATE_SOURCE_REQUIRED, "source")
    return TemplateStage(source, values.get("template", ""))
