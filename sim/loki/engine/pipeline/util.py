"""Helpers the parser stages share (pkg/logql/log/util.go and parser.go, v3.6.0)."""

from __future__ import annotations

from collections.abc import Callable

from sim.loki.engine.messages import PRESERVE_ERROR_LABEL
from sim.loki.engine.pipeline.builder import PARSED, LabelsBuilder

MAX_INTERNED_STRINGS = 1024
# unicode.IsSpace: Python's str.isspace also counts U+001C..U+001F, Go does not
_GO_SPACE = frozenset("\t\n\v\f\r \x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000") | frozenset(
    chr(c) for c in range(0x2000, 0x200B)
)


class LabelDoesNotMatch(Exception):
    """A label filter hinted to the parser rejected the label it just set: drop the line."""


class FoundAllLabels(Exception):
    """Every label the query needs is extracted: stop parsing (not an error)."""


def to_str(data: bytes) -> str:
    """Go's string(bytes): invalid bytes are kept (as surrogateescape code points)."""
    return data.decode("utf-8", "surrogateescape")


def to_bytes(text: str) -> bytes:
    return text.encode("utf-8", "surrogateescape")


def go_trim_space(text: str) -> str:
    start, end = 0, len(text)
    while start < end and text[start] in _GO_SPACE:
        start += 1
    while end > start and text[end - 1] in _GO_SPACE:
        end -= 1
    return text[start:end]


def _sanitized_char(ch: str) -> str:
    return ch if ch == "_" or ("a" <= ch <= "z") or ("A" <= ch <= "Z") or "0" <= ch <= "9" else "_"


def sanitize_label_key(key: str, is_prefix: bool) -> str:
    """sanitizeLabelKey: every rune outside [a-zA-Z0-9_] becomes `_`."""
    key = go_trim_space(key)
    if not key:
        return key
    if is_prefix and "0" <= key[0] <= "9":
        key = "_" + key
    return "".join(map(_sanitized_char, key))


def append_sanitized(to: str, key: str) -> str:
    """appendSanitized, as the json parser builds nested keys."""
    key = go_trim_space(key)
    if not key:
        return to
    if not to and "0" <= key[0] <= "9":
        to = "_"
    return to + "".join(map(_sanitized_char, key))


def without_rune_error(text: str) -> str:
    """removeInvalidUtf: U+FFFD and every byte that is not UTF-8 become a space."""
    if text.isascii():
        return text
    return "".join(" " if ch == "\ufffd" or 0xDC80 <= ord(ch) <= 0xDCFF else ch for ch in text)


def add_err_label(kind: str, details: str | None, lbs: LabelsBuilder) -> None:
    """addErrLabel."""
    lbs.err = kind
    if details:
        lbs.err_details = details
    if lbs.hints.preserve_error:
        lbs.set(PARSED, PRESERVE_ERROR_LABEL, "true")


class Interned:
    """internedStringSet: a parser remembers its key decisions for the whole query (for every
    stream, so the `_extracted` choice made for the first stream sticks), up to 1024 keys."""

    def __init__(self) -> None:
        self.known: dict[bytes, tuple[str, bool]] = {}

    def get(self, data: bytes, create: Callable[[], tuple[str, bool]]) -> tuple[str, bool]:
        found = self.known.get(data)
        if found is not None:
            return found
        made = create()
        if len(self.known) < MAX_INTERNED_STRINGS:
            self.known[data] = made
        return made
