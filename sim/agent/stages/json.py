"""The `json` stage (json.go): JMESPath expressions over a JSON line into extracted.

Scalars keep their JSON type (numbers are float64), null stays null, objects and arrays
are written back as compact JSON text. With `drop_malformed`, a line that is not a JSON
object is dropped (Promtail counts no reason for it; lokisim counts it as silent).
"""

from __future__ import annotations

from typing import Any

import jmespath
import jmespath.exceptions

from . import messages
from .base import BuildContext, Entry, FilterStage, StageConfigError
from .decode import BOOL, MAP_STRING, STRING
from .gojson import MalformedJSON, dumps, loads_object
from .helpers import decode_config, source_string


def _jmes_error(err: jmespath.exceptions.JMESPathError) -> str:
    """go-jmespath's text for the common lexer error; the library's own text otherwise."""
    value = getattr(err, "lexer_value", None)
    if (
        isinstance(err, jmespath.exceptions.LexerError)
        and isinstance(value, str)
        and len(value) == 1
    ):
        return f"SyntaxError: Unknown char: '{value}'"
    return f"SyntaxError: {err}"


class JSONStage(FilterStage):
    name = "json"

    def __init__(
        self,
        expressions: dict[str, Any],
        source: str | None,
        drop_malformed: bool,
        ctx: BuildContext,
    ) -> None:
        self._expressions = list(expressions.items())
        self._source = source
        self._drop_malformed = drop_malformed
        self._ctx = ctx

    def process(self, entry: Entry, now: float) -> list[Entry]:
        if self._extract(entry) or not self._drop_malformed:
            return [entry]
        self._ctx.silently_dropped[messages.SILENT_JSON_MALFORMED] += 1
        return []

    def _extract(self, entry: Entry) -> bool:
        """False when the input is malformed JSON."""
        extracted = entry.extracted
        text = entry.line
        if self._source is not None:
            value = source_string(extracted, self._source)
            if value is None:
                return True
            text = value
        try:
            data = loads_object(text)
        except MalformedJSON:
            return False
        for name, expression in self._expressions:
            try:
                result = expression.search(data)
            except jmespath.exceptions.JMESPathError:
                continue
            if isinstance(result, bool | str | float) or result is None:
                extracted[name] = result
            elif isinstance(result, int):
                extracted[name] = float(result)
            else:
                try:
                    extracted[name] = dumps(result)
                except ValueError:
                    continue
        return True


def new_json_stage(config: Any, ctx: BuildContext) -> JSONStage:
    values = decode_config(
        ctx, config, {"expressions": MAP_STRING, "source": STRING, "drop_malformed": BOOL}
    )
    expressions: dict[str, str] = values.get("expressions") or {}
    if not expressions:
        raise StageConfigError(messages.ERR_EXPRESSIONS_REQUIRED, "expressions")
    source = values.get("source")
    if source == "":
        raise StageConfigError(messages.ERR_EMPTY_JSON_STAGE_SOURCE, "source")
    compiled: dict[str, Any] = {}
    for name, expression in expressions.items():
        try:
            compiled[name] = jmespath.compile(expression or name)
        except jmespath.exceptions.JMESPathError as err:
            raise StageConfigError(
                f"{messages.ERR_COULD_NOT_COMPILE_JMES}: {_jmes_error(err)}", f"expressions.{name}"
            ) from None
    return JSONStage(compiled, source, bool(values.get("drop_malformed")), ctx)
