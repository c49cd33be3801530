"""The `drop` stage (drop.go): drop entries that meet every configured condition.

`longer_than` (bytes, datasize units), `older_than` (a duration before "now"), `source`
(keys that must all be extracted), and `expression`/`value` (a regexp over the line, or
over the joined source values when `source` is set; `value` is an exact match). Dropped
entries count under `drop_counter_reason` (default `drop_stage`).
"""

from __future__ import annotations

from typing import Any

from . import messages
from .base import BuildContext, Entry, FilterStage, StageConfigError
from .decode import ANY, STRING
from .goconv import NotConvertible, get_string
from .goparse import GoParseError, parse_byte_size, parse_duration
from .goregexp import GoRegexp
from .helpers import compile_regexp, decode_config


def _quote_meta(text: str) -> str:
    """regexp.QuoteMeta."""
    return "".join("\\" + c if c in "\\.+*?()|[]{}^$" else c for c in text)


def _byte_len(line: str) -> int:
    if line.isascii():
        return len(line)
    return len(line.encode("utf-8", "surrogateescape"))


class DropStage(FilterStage):
    name = "drop"

    def __init__(
        self,
        ctx: BuildContext,
        reason: str,
        sources: list[str] | None,
        separator: str,
        regex: GoRegexp | None,
        older_than_ns: int | None,
        longer_than: int | None,
    ) -> None:
        self._ctx = ctx
        self._reason = reason
        self._sources = sources
        self._separator = separator
        self._regex = regex
        self._older_than_ns = older_than_ns
        self._longer_than = longer_than

    def _should_drop(self, entry: Entry, now: float) -> bool:
        if self._longer_than is not None and _byte_len(entry.line) <= self._longer_than:
            return False
        older_than = self._older_than_ns
        if older_than is not None and entry.timestamp_ns >= int(now * 1e9) - older_than:
            return False
        sources, regex = self._sources, self._regex
        if sources is not None and regex is None:
            return all(source in entry.extracted for source in sources)
        if sources is None and regex is not None:
            return regex.match_string(entry.line)
        if sources is not None and regex is not None:
            values: list[str] = []
            for source in sources:
                if source in entry.extracted:
                    try:
                        values.append(get_string(entry.extracted[source]))
                    except NotConvertible:
                        return False
            return regex.match_string(self._separator.join(values))
        return True

    def process(self, entry: Entry, now: float) -> list[Entry]:
        if self._should_drop(entry, now):
            self._ctx.dropped[self._reason] += 1
            return []
        return [entry]


def _sources(raw: Any) -> list[str]:
    """unifySourceField: a string or a list of strings."""
    if isinstance(raw, str):
        return [raw]
    if isinstance(raw, list):
        if not all(isinstance(item, str) for item in raw):
            # Promtail panics on a non-string list item (a failed type assertion).
            raise StageConfigError(
                messages.ERR_DROP_INVALID_SOURCE + " (Promtail would panic on this config)",
                "source",
            )
        return list(raw)
    raise StageConfigError(messages.ERR_DROP_INVALID_SOURCE, "source")


def new_drop_stage(config: Any, ctx: BuildContext) -> DropStage:
    fields = {
        "drop_counter_reason": STRING,
        "source": ANY,
        "value": STRING,
        "separator": STRING,
        "expression": STRING,
        "older_than": STRING,
        "longer_than": STRING,
    }
    values = decode_config(ctx, config, fields, weak=True)
    present = [k for k in ("source", "expression", "older_than", "longer_than") if k in values]
    if not present:
        raise StageConfigError(messages.ERR_DROP_EMPTY)
    sources = _sources(values["source"]) if "source" in values else None
    reason = values.get("drop_counter_reason") or messages.DROP_REASON_DROP_STAGE
    separator = values.get("separator", ";")
    older_than = None
    if "older_than" in values:
        try:
            older_than = parse_duration(values["older_than"])
        except GoParseError as err:
            raise StageConfigError(
                messages.ERR_DROP_INVALID_DURATION.format(value=values["older_than"], err=err),
                "older_than",
            ) from None
    if "value" in values and sources is None:
        raise StageConfigError(messages.ERR_DROP_NO_SOURCE_WITH_VALUE, "value")
    if "value" in values and "expression" in values:
        raise StageConfigError(messages.ERR_DROP_INVALID_CONFIG, "value")
    regex = None
    if "expression" in values:
        regex = compile_regexp(values["expression"], messages.ERR_DROP_INVALID_REGEX, "expression")
    if "value" in values:
        pattern = f"^{_quote_meta(values['value'])}$"
        regex = compile_regexp(pattern, messages.ERR_DROP_INVALID_REGEX, "value")
    longer_than = None
    if "longer_than" in values:
        try:
            longer_than = parse_byte_size(values["longer_than"])
        except GoParseError as err:
            raise StageConfigError(
                messages.ERR_DROP_INVALID_BYTE_SIZE.format(err=err), "longer_than"
            ) from None
    return DropStage(ctx, reason, sources, separator, regex, older_than, longer_than)
