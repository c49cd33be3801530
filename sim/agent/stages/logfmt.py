"""The `logfmt` stage (logfmt.go), reading keys the way go-logfmt v0.6's Decoder does.

Records are lines (bufio.Scanner: `\\r\\n` endings, a 64 KiB limit per line); a key is a
run of bytes above space without `=` or `"`; a value is bare or double-quoted with JSON
escapes. On a syntax error decoding stops, but keys already read stay extracted.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from . import messages
from .base import BuildContext, Entry, ProcessorStage, StageConfigError
from .decode import MAP_STRING, STRING
from .helpers import decode_config, source_string

_MAX_RECORD_BYTES = 64 * 1024


class LogfmtSyntaxError(ValueError):
    """go-logfmt stopped decoding."""


def _records(text: str) -> Iterator[str]:
    segments = text.split("\n")
    if segments and segments[-1] == "":
        segments.pop()
    for segment in segments:
        if (
            len(segment) >= _MAX_RECORD_BYTES // 4
            and len(segment.encode("utf-8", "surrogatepass")) >= _MAX_RECORD_BYTES
        ):
            raise LogfmtSyntaxError("bufio.Scanner: token too long")
        yield segment[:-1] if segment.endswith("\r") else segment


_SIMPLE_ESCAPES = {
    '"': '"',
    "\\": "\\",
    "/": "/",
    "'": "'",
    "b": "\b",
    "f": "\f",
    "n": "\n",
    "r": "\r",
    "t": "\t",
}


def _hex4(text: str, i: int) -> int:
    digits = text[i : i + 4]
    if len(digits) != 4 or not all(c in "0123456789abcdefABCDEF" for c in digits):
        return -1
    return int(digits, 16)


def _unquote(quoted: str) -> str:
    """unquoteBytes: JSON-style escapes plus `\\'`; raw control characters are invalid."""
    body, out, i = quoted[1:-1], [], 0
    while i < len(body):
        c = body[i]
        if c == '"' or c < " ":
            raise LogfmtSyntaxError("invalid quoted value")
        if c != "\\":
            out.append(c)
            i += 1
            continue
        escape = body[i + 1 : i + 2]
        if escape in _SIMPLE_ESCAPES:
            out.append(_SIMPLE_ESCAPES[escape])
            i += 2
            continue
        code = _hex4(body, i + 2) if escape == "u" else -1
        if code < 0:
            raise LogfmtSyntaxError("invalid quoted value")
        i += 6
        if 0xD800 <= code < 0xE000:
            low = _hex4(body, i + 2) if body[i : i + 2] == "\\u" else -1
            if 0xD800 <= code < 0xDC00 and 0xDC00 <= low < 0xE000:
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                i += 6
            else:
                code = 0xFFFD
        out.append(chr(code))
    return "".join(out)


def pairs(record: str) -> Iterator[tuple[str, str]]:
    """Key/value pairs of one record, in order; raises LogfmtSyntaxError where go-logfmt does."""
    pos, end = 0, len(record)
    while True:
        while pos < end and record[pos] <= " ":
            pos += 1
        if pos >= end:
            return
        start = pos
        while pos < end and record[pos] > " " and record[pos] not in '="':
            pos += 1
        if pos < end and record[pos] == '"':
            raise LogfmtSyntaxError("unexpected '\"'")
        key = record[start:pos]
        if pos >= end or record[pos] != "=":
            yield key, ""
            continue
        if not key:
            raise LogfmtSyntaxError("unexpected '='")
        pos += 1
        if pos >= end or record[pos] <= " ":
            yield key, ""
            continue
        if record[pos] == '"':
            close, escaped, has_escape = -1, False, False
            for i in range(pos + 1, end):
                c = record[i]
                if escaped:
                    escaped = False
                elif c == "\\":
                    escaped = has_escape = True
                elif c == '"':
                    close = i
                    break
            if close < 0:
                raise LogfmtSyntaxError("unterminated quoted value")
            quoted = record[pos : close + 1]
            pos = close + 1
            yield key, _unquote(quoted) if has_escape else quoted[1:-1]
            continue
        start = pos
        while pos < end and record[pos] > " ":
            if record[pos] in '="':
                raise LogfmtSyntaxError(f"unexpected {record[pos]!r}")
            pos += 1
        yield key, record[start:pos]


class LogfmtStage(ProcessorStage):
    name = "logfmt"

    def __init__(self, inverse_mapping: dict[str, str], source: str | None) -> None:
        self._inverse = inverse_mapping
        self._source = source

    def apply(self, entry: Entry, now: float) -> None:
        extracted = entry.extracted
        text = entry.line
        if self._source is not None:
            value = source_string(extracted, self._source)
            if value is None:
                return
            text = value
        inverse = self._inverse
        try:
            for record in _records(text):
                for key, value in pairs(record):
                    target = inverse.get(key)
                    if target is not None:
                        extracted[target] = value
        except LogfmtSyntaxError:
            return


def new_logfmt_stage(config: Any, ctx: BuildContext) -> LogfmtStage:
    values = decode_config(ctx, config, {"mapping": MAP_STRING, "source": STRING})
    mapping: dict[str, str] = values.get("mapping") or {}
    if not mapping:
        raise StageConfigError(messages.ERR_MAPPING_REQUIRED, "mapping")
    source = values.get("source")
    if source == "":
        raise StageConfigError(messages.ERR_EMPTY_LOGFMT_STAGE_SOURCE, "source")
    # Inverted as upstream does: logfmt key -> extracted name (a later entry wins a clash).
    inverse = {(logfmt_key or name): name for name, logfmt_key in mapping.items()}
    return LogfmtStage(inverse, source)
