"""`detected_level` discovery (pkg/distributor/field_detection.go), on by default in 3.6.

Order: an existing `detected_level` wins; then the first configured field present in the
stream labels, then in structured metadata (their raw value is used as is); then OTLP's
`severity_number`; then the line: JSON (first string value under an allowed key, depth-first,
`log_level_from_json_max_depth` levels deep, as jsonparser walks it: jsonlevel.py), logfmt
(case-insensitive key match, the earliest hint wins), or plain-text markers. Values from
lines are folded to trace/debug/info/warn/error/critical/fatal, else the plain-text markers
decide, else `unknown`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator

from sim.loki.ingest.jsonlevel import json_level_value
from sim.loki.push.model import Metadata

LEVEL_LABEL = "detected_level"
DEFAULT_ALLOWED_FIELDS = (
    "level", "LEVEL", "Level", "log.level", "severity", "SEVERITY", "Severity", "SeverityText",
    "lvl", "LVL", "Lvl", "severity_text", "Severity_Text", "SEVERITY_TEXT",
)  # fmt: skip
_FOLDS = {
    "trace": "trace", "trc": "trace", "debug": "debug", "dbg": "debug", "info": "info",
    "inf": "info", "information": "info", "warn": "warn", "wrn": "warn", "warning": "warn",
    "error": "error", "err": "error", "critical": "critical", "fatal": "fatal",
}  # fmt: skip
# detectLevelFromLogLine's markers, checked level by level in this order; markers that
# contain another marker of the same level are left out ("[info]" contains "info")
# (level, a word every marker of that level contains once lower-cased, the markers)
MARKERS = (
    ("info", b"info", (b"info", b"INFO")),
    ("error", b"err", (b"err:", b"ERR:", b"[err]", b"[ERR]", b"[error]", b"[ERROR]")),
    ("warn", b"warn", (b"warn:", b"WARN:", b"[warn]", b"[WARN]", b"warning", b"WARNING")),
    ("critical", b"critical", (b"critical:", b"CRITICAL:", b"[critical]", b"[CRITICAL]")),
    ("debug", b"debug", (b"debug", b"DEBUG")),
)
LINE_LEVELS = tuple(dict.fromkeys([*_FOLDS.values(), *(level for level, _, _ in MARKERS)]))
UNKNOWN_LEVEL = "unknown"  # what a line gives when nothing else does
_SPACE_BYTES = b" \t\n\v\f\r\x85\xa0"
# unicode.IsSpace: Latin-1's spaces, then categories Z (str.isspace also counts U+001C-1F)
GO_SPACES = (
    " \t\n\v\f\r\x85\xa0\u1680"
    + "".join(map(chr, range(0x2000, 0x200B)))
    + ("\u2028\u2029\u202f\u205f\u3000")
)
# one logfmt token: spaces, a key, then `=` and a quoted or bare value (logfmt/decode.go)
_PAIR = re.compile(
    rb'[\x00-\x20]*([^\x00-\x20="]*)(?:=(?:"((?:[^"\\]|\\.)*)"|([^\x00-\x20="]*)))?', re.S
)


def _first_of(pairs: Metadata, names: tuple[str, ...]) -> str | None:
    present = dict(reversed(pairs))  # labels.Get returns the first pair of a name
    for name in names:
        if name in present:
            return present[name]
    return None


def level_fields(fields: tuple[str, ...]) -> tuple[str, ...]:
    """allowedLabelsForLevel: the configured fields, or the built-in list when empty."""
    return fields or DEFAULT_ALLOWED_FIELDS


def level_from_labels(stream_labels: Metadata, fields: tuple[str, ...]) -> str | None:
    """The stream-label step of extractLogLevel; the same for every entry of a stream."""
    return _first_of(stream_labels, level_fields(fields))


def detect_level(
    stream_labels: Metadata,
    metadata: Metadata,
    line: bytes,
    fields: tuple[str, ...],
    max_depth: int,
    from_labels: str | None = None,
) -> str | None:
    """FieldDetector.extractLogLevel: the value to add as `detected_level`, or None.

    `from_labels` may carry level_from_labels(stream_labels, fields), computed once per stream.
    """
    allowed = level_fields(fields)
    if metadata and any(name == LEVEL_LABEL for name, _ in metadata):
        return None
    found = from_labels if from_labels is not None else _first_of(stream_labels, allowed)
    if found is None and metadata:
        found = _first_of(metadata, allowed)
    if found is None:
        severity = _first_of(metadata, ("severity_number",)) if metadata else None
        found = _from_severity(severity) if severity else _from_line(line, allowed, max_depth)
    return found or None


def _from_severity(text: str) -> str:
    """OTLP SeverityNumber ranges (plog): 1-4 trace ... 21-24 fatal."""
    try:
        number = int(text)
    except ValueError:
        return "info"
    if number == 0:
        return "unknown"
    for upper, level in ((4, "trace"), (8, "debug"), (12, "info"), (16, "warn"), (20, "error")):
        if number <= upper:
            return level
    return "fatal" if number <= 24 else "unknown"


def _from_line(line: bytes, allowed: tuple[str, ...], max_depth: int) -> str:
    if _is_json(line):
        value = _json_level(line, set(allowed), max_depth)
    elif b"=" in line:
        value = _logfmt_value(line, allowed)
    else:
        return _from_markers(line)
    folded = _FOLDS.get(value.lower()) if value is not None else None
    return folded or _from_markers(line)


def _from_markers(line: bytes) -> str:
    lowered = line.lower()
    for level, word, markers in MARKERS:
        if word in lowered:
            for marker in markers:
                if marker in line:
                    return level
    return UNKNOWN_LEVEL


def _is_json(line: bytes) -> bool:
    """isJSON: `{` first and `}` last, past spaces (runes by unicode.IsSpace at the start,
    single bytes read as runes at the end)."""
    # the cheap bytes test first: most lines are not JSON, and decoding a line costs
    if not line.rstrip(_SPACE_BYTES).endswith(b"}"):
        return False
    return line.decode("utf-8", "replace").lstrip(GO_SPACES).startswith("{")


def allowed_bytes(allowed: Iterable[str]) -> frozenset[bytes]:
    """The allowed fields as jsonparser's keys are compared: bytes, case and all."""
    return frozenset(field.encode("utf-8", "surrogateescape") for field in allowed)


def _json_level(line: bytes, allowed: Iterable[str], max_depth: int) -> str | None:
    value = json_level_value(line, allowed_bytes(allowed), max_depth)
    return None if value is None else value.decode("utf-8", "replace")


_last_hints: list[tuple[tuple[str, ...], dict[bytes, int]]] = []


def _hint_ranks(hints: tuple[str, ...]) -> dict[bytes, int]:
    """Each case-folded hint with the position of its first occurrence in the list (the
    last table is kept: a push asks for the same hints, one tuple, line after line)."""
    if _last_hints and _last_hints[0][0] is hints:
        return _last_hints[0][1]
    ranks: dict[bytes, int] = {}
    for index, hint in enumerate(hints):
        ranks.setdefault(hint.lower().encode(), index)
    _last_hints[:] = [(hints, ranks)]
    return ranks


def _logfmt_value(line: bytes, hints: tuple[str, ...]) -> str | None:
    """getValueUsingLogfmtParser over Loki's logfmt decoder; the earliest hint wins.

    The scan is _logfmt_pairs inlined (this runs for every logfmt line pushed). Before the
    second pair, a line holding no hint at all is answered at once: no key can match.
    """
    ranks = _hint_ranks(hints)
    best, result = len(hints), None
    pos, size = 0, len(line)
    match = _PAIR.match
    unchecked = True
    while pos < size:
        if pos and unchecked:
            unchecked = False
            if result is None and not any(map(line.lower().__contains__, ranks)):
                return None
        found = match(line, pos)
        if found is None:
            break
        pos = found.end()
        key, quoted, plain = found.group(1, 2, 3)
        if not key:
            break
        if quoted is None:
            if pos < size and line[pos] > 0x20:  # `=` or `"` inside a key or value
                break
            value = plain or b""
        elif b"\\" in quoted:
            try:
                value = json.loads(b'"' + quoted + b'"').encode()
            except ValueError:
                break  # unquoteBytes refused it
        else:
            value = quoted
        rank = ranks.get(key.lower())
        if rank is not None and rank < best:
            best, result = rank, value
            if rank == 0:
                break
    return None if result is None else result.decode("utf-8", "replace")


def _logfmt_pairs(line: bytes) -> Iterator[tuple[bytes, bytes]]:
    """pkg/logql/log/logfmt Decoder.ScanKeyval until its first syntax error."""
    pos, size = 0, len(line)
    while pos < size:
        match = _PAIR.match(line, pos)
        if match is None:
            break
        pos = match.end()
        key, quoted, plain = match.group(1, 2, 3)
        if not key:  # the end, `=` with no key, or `"` where a key starts
            return
        follows = line[pos : pos + 1]
        if quoted is None and follows and follows > b" ":  # `=` or `"` inside a key or value
            break
        if quoted is not None and b"\\" in quoted:
            try:
                quoted = json.loads(b'"' + quoted + b'"').encode()
            except ValueError:
                break  # unquoteBytes refused it
        yield key, quoted if quoted is not None else plain or b""
