"""The `timestamp` stage (timestamp.go): an extracted value becomes the entry's time.

On failure (missing value, no string form, unparseable) `action_on_failure: fudge` (the
default) sets the time to 1ns after the last timestamp this stage set for the same label
set, remembering up to 10000 label sets (an LRU); `skip` keeps the entry's time.
"""

from __future__ import annotations

from typing import Any

from . import messages
from .base import BuildContext, Entry, LabelKeys, ProcessorStage, StageConfigError
from .decode import LIST_STRING, STRING
from .goconv import NotConvertible, get_string
from .golayout import TimeParseError
from .gotime import UTC, UnknownLocation, load_location
from .helpers import decode_config
from .timeformats import TimeParser, make_parser

ACTION_SKIP = "skip"
ACTION_FUDGE = "fudge"
_MAX_LAST_KNOWN = 10000


class _LastKnown:
    """hashicorp/golang-lru: Get and Add both refresh; the least recent is evicted.

    A plain dict in recency order (re-inserting moves a key to the end). Adding to the
    most recent key again (the next line of the same file) only updates its value.
    """

    def __init__(self, size: int) -> None:
        self._size = size
        self._items: dict[frozenset[tuple[str, str]], int] = {}
        self._newest: frozenset[tuple[str, str]] | None = None  # the last key, if present

    def get(self, key: frozenset[tuple[str, str]]) -> int | None:
        value = self._items.pop(key, None)
        if value is not None:
            self._items[key] = value
            self._newest = key
        return value

    def add(self, key: frozenset[tuple[str, str]], value: int) -> None:
        items = self._items
        if key is self._newest:
            items[key] = value  # already the most recent: the order stays
            return
        items.pop(key, None)
        items[key] = value
        self._newest = key
        if len(items) > self._size:
            oldest = next(iter(items))
            del items[oldest]
            if oldest == key:
                self._newest = None


class TimestampStage(ProcessorStage):
    name = "timestamp"

    def __init__(self, source: str, parsers: list[TimeParser], fudge: bool) -> None:
        self._source = source
        self._parsers = parsers
        self._last_known = _LastKnown(_MAX_LAST_KNOWN) if fudge else None
        self._keys = LabelKeys()

    def _parse(self, entry: Entry, now: float) -> int | None:
        extracted = entry.extracted
        if self._source not in extracted:
            return None
        value = extracted[self._source]
        if type(value) is not str:
            try:
                value = get_string(value)
            except NotConvertible:
                return None
        for parser in self._parsers:
            try:
                return parser(value, now)
            except (TimeParseError, ValueError, OverflowError):
                continue
        return None

    def remember(self, labels: dict[str, str], parsed: int) -> None:
        """What a successful parse does besides setting the time: feed the fudge memory."""
        if self._last_known is not None:
            self._last_known.add(self._keys(labels), parsed)

    def apply(self, entry: Entry, now: float) -> None:
        parsed = self._parse(entry, now)
        last_known = self._last_known
        if parsed is not None:
            entry.timestamp_ns = parsed
            if last_known is not None:
                last_known.add(self._keys(entry.labels), parsed)
            return
        if last_known is None:
            return
        key = self._keys(entry.labels)
        previous = last_known.get(key)
        if previous is None:
            return
        entry.timestamp_ns = previous + 1
        last_known.add(key, entry.timestamp_ns)


def new_timestamp_stage(config: Any, ctx: BuildContext) -> TimestampStage:
    values = decode_config(
        ctx,
        config,
        {
            "source": STRING,
            "format": STRING,
            "fallback_formats": LIST_STRING,
            "location": STRING,
            "action_on_failure": STRING,
        },
    )
    return timestamp_stage(
        values.get("source", ""),
        values.get("format", ""),
        values.get("fallback_formats") or [],
        values.get("location"),
        values.get("action_on_failure"),
    )


def timestamp_stage(
    source: str,
    fmt: str,
    fallback_formats: list[str],
    location: str | None = None,
    action_on_failure: str | None = None,
) -> TimestampStage:
    """validateTimestampConfig + newTimestampStage."""
    if source == "":
        raise StageConfigError(messages.ERR_TIMESTAMP_SOURCE_REQUIRED, "source")
    if fmt == "":
        raise StageConfigError(messages.ERR_TIMESTAMP_FORMAT_REQUIRED, "format")
    zone = UTC
    if location is not None:
        try:
            zone = load_location(location)
        except UnknownLocation as err:
            raise StageConfigError(
                messages.ERR_INVALID_LOCATION.format(err=err), "location"
            ) from None
    action = ACTION_FUDGE if action_on_failure is None else action_on_failure
    if action not in (ACTION_SKIP, ACTION_FUDGE):
        raise StageConfigError(messages.ERR_INVALID_ACTION_ON_FAILURE, "action_on_failure")
    # The main format first, then each fallback; the first that parses wins.
    parsers = [make_parser(f, zone) for f in [fmt, *fallback_formats]]
    return TimestampStage(source, parsers, action == ACTION_FUDGE)
