"""JSON push bodies: /loki/api/v1/push (pkg/loghttp/query.go LogProtoStream) and the legacy
/api/prom/push form (logproto.PushRequest decoded by json-iterator).

v1: `{"streams": [{"stream": {"app": "x"}, "values": [["<ns>", "<line>", {<metadata>}]]}]}`.
The timestamp must be a JSON string holding base-10 integer nanoseconds (grafana/jsonparser
ParseInt: no sign but `-`, no leading zeros, no float/exponent forms); entries beyond the
third element are ignored, `null` entries are skipped. Stream label values may be any JSON
value, whose raw text becomes the value (jsonparser.ParseString on a number gives "1").
The labels text is `LabelSet.String()`: keys sorted, never quoted, values strconv-quoted.

Divergences, in error texts only (the status, 400, is Loki's): errors raised inside a
stream end, in Loki, with json-iterator's byte-offset context (", error found in #N byte of
...|...|..."), left out here; a body that is not JSON at all is described in Python's words.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from sim.errors import UnsupportedFeature
from sim.loki import messages as msg
from sim.loki.push.gofmt import go_quote
from sim.loki.push.model import GO_ZERO_TIME_NS, Entry, PushRequest, Stream

_STREAM_ERROR_PREFIX = "loghttp.PushRequest.Streams: []loghttp.LogProtoStream: unmarshalerDecoder: "
_INT = re.compile(r"-?(?:0|[1-9][0-9]*)")
_RFC3339 = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})"
)
# lone surrogates that do not stand for an undecodable byte (those are \udc80-\udcff)
_ESCAPED_SURROGATE = re.compile("[\ud800-\udc7f\udd00-\udfff]")


class JSONPushError(ValueError):
    """The JSON body cannot be decoded; str() is the text Loki answers with (400)."""


class _Raw(str):
    """A JSON number or literal kept as its source text."""


class _Object(list[tuple[str, Any]]):
    """A JSON object as its (key, value) pairs, in order, duplicates kept."""


def _load(body: bytes) -> Any:
    text = body.decode("utf-8", "surrogateescape")  # Go keeps bytes that are not UTF-8
    if not text.strip():
        raise JSONPushError(msg.GO_EOF)
    decoder = json.JSONDecoder(
        object_pairs_hook=_Object, parse_int=_Raw, parse_float=_Raw, parse_constant=_Raw
    )
    try:
        # json-iterator's Decoder.Decode reads one value and ignores what follows it
        value, _ = decoder.raw_decode(text, len(text) - len(text.lstrip()))
    except json.JSONDecodeError as err:
        raise JSONPushError(
            f"ReadObject: {err.msg} at line {err.lineno} column {err.colno}"
        ) from None
    return value


def _field(pairs: _Object, name: str) -> Any:
    """json-iterator matches struct fields case-insensitively; the last duplicate wins."""
    found = None
    for key, value in pairs:
        if key.lower() == name:
            found = value
    return found


def _line_bytes(text: str) -> bytes:
    """Raw bytes come back as they were; a lone `\\ud800`-style escape becomes U+FFFD."""
    try:
        return text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return _ESCAPED_SURROGATE.sub("\ufffd", text).encode("utf-8", "surrogateescape")


def _raw_text(value: Any) -> str:
    """jsonparser.ParseString on any JSON value: the value's own text."""
    if isinstance(value, str):
        return str(value)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(_plain(value), separators=(",", ":"), ensure_ascii=False)


def _plain(value: Any) -> Any:
    if isinstance(value, _Object):
        return {key: _plain(item) for key, item in value}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, _Raw):
        return json.loads(value)
    return value


def label_set_string(pairs: _Object) -> str:
    """loghttp.LabelSet.String(): map semantics (last key wins), sorted, names unquoted."""
    labels = {key: _raw_text(value) for key, value in pairs}
    inner = ", ".join(f"{key}={go_quote(labels[key])}" for key in sorted(labels))
    return "{" + inner + "}"


def _parse_timestamp(value: Any) -> int:
    if not isinstance(value, str) or isinstance(value, _Raw):
        raise JSONPushError(_STREAM_ERROR_PREFIX + msg.JSONPARSER_MALFORMED_STRING)
    if not _INT.fullmatch(value):
        raise JSONPushError(_STREAM_ERROR_PREFIX + msg.JSONPARSER_MALFORMED_VALUE)
    stamp = int(value)
    if not -(1 << 63) <= stamp < 1 << 63:
        raise JSONPushError(_STREAM_ERROR_PREFIX + msg.JSONPARSER_OVERFLOW_INTEGER)
    return stamp


def _entry(values: Any) -> Entry:
    """unmarshalHTTPToLogProtoEntry."""
    if not isinstance(values, list) or isinstance(values, _Object):
        raise JSONPushError(_STREAM_ERROR_PREFIX + msg.JSONPARSER_MALFORMED_ARRAY)
    entry = Entry(GO_ZERO_TIME_NS, b"")
    for index, value in enumerate(values):
        if index in (0, 1) and (not isinstance(value, str) or isinstance(value, _Raw)):
            raise JSONPushError(_STREAM_ERROR_PREFIX + msg.JSONPARSER_MALFORMED_STRING)
        if index == 0:
            entry.timestamp = _parse_timestamp(value)
        elif index == 1:
            entry.line = _line_bytes(value)
        elif index == 2:
            if not isinstance(value, _Object):
                raise JSONPushError(_STREAM_ERROR_PREFIX + msg.JSONPARSER_MALFORMED_OBJECT)
            pairs = []
            for name, item in value:
                if not isinstance(item, str) or isinstance(item, _Raw):
                    raise JSONPushError(_STREAM_ERROR_PREFIX + msg.JSONPARSER_MALFORMED_STRING)
                pairs.append((name, item))
            entry.metadata = tuple(pairs)
    return entry


def _stream(pairs: Any) -> Stream:
    """LogProtoStream.UnmarshalJSON: keys `stream` and `values`, case-sensitive."""
    if not isinstance(pairs, _Object):
        raise JSONPushError(_STREAM_ERROR_PREFIX + msg.JSONPARSER_MALFORMED_OBJECT)
    stream = Stream(labels="")
    for key, value in pairs:
        if key == "stream":
            if not isinstance(value, _Object):
                raise JSONPushError(_STREAM_ERROR_PREFIX + msg.JSONPARSER_MALFORMED_OBJECT)
            stream.labels = label_set_string(value)
        elif key == "values" and value is not None:
            if not isinstance(value, list) or isinstance(value, _Object):
                raise JSONPushError(_STREAM_ERROR_PREFIX + msg.JSONPARSER_MALFORMED_STRING)
            stream.entries = [_entry(item) for item in value if item is not None]
    return stream


def decode_v1(body: bytes) -> PushRequest:
    """Decode a /loki/api/v1/push JSON body."""
    document = _load(body)
    if document is None:
        return PushRequest()
    if not isinstance(document, _Object):
        raise JSONPushError("ReadObjectCB: expect { or n")
    streams = _field(document, "streams")
    if streams is None:
        return PushRequest()
    if not isinstance(streams, list) or isinstance(streams, _Object):
        raise JSONPushError("loghttp.PushRequest.Streams: decode slice: expect [ or n")
    return PushRequest([_stream(item) for item in streams])


def _legacy_timestamp(value: Any) -> int:
    """time.Time.UnmarshalJSON: RFC 3339 with optional fractional seconds."""
    match = _RFC3339.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        raise JSONPushError(f"parsing time {json.dumps(_raw_text(value))} as RFC3339")
    year, month, day, hour, minute, second, fraction, zone = match.groups()
    offset = dt.timedelta(0)
    if zone != "Z":
        sign = -1 if zone[0] == "-" else 1
        offset = sign * dt.timedelta(hours=int(zone[1:3]), minutes=int(zone[4:6]))
    moment = dt.datetime(int(year), int(month), int(day), int(hour), int(minute), int(second))
    epoch_seconds = int((moment - offset - dt.datetime(1970, 1, 1)).total_seconds())
    return epoch_seconds * 1_000_000_000 + int((fraction or "").ljust(9, "0"))


def decode_legacy(body: bytes) -> PushRequest:
    """Decode an /api/prom/push JSON body: `{"streams":[{"labels":..., "entries":[...]}]}`."""
    document = _load(body)
    if not isinstance(document, _Object):
        return PushRequest()
    request = PushRequest()
    for item in _field(document, "streams") or []:
        if not isinstance(item, _Object):
            raise JSONPushError("[]logproto.Stream: ReadObjectCB: expect { or n")
        labels = _field(item, "labels")
        stream = Stream(labels=labels if isinstance(labels, str) else "")
        for raw in _field(item, "entries") or []:
            if not isinstance(raw, _Object):
                raise JSONPushError("[]push.Entry: ReadObjectCB: expect { or n")
            if _field(raw, "structuredmetadata") is not None:
                raise UnsupportedFeature("loki", "structured metadata in legacy /api/prom/push")
            line = _field(raw, "line")
            stamp = _legacy_timestamp(_field(raw, "ts"))
            stream.entries.append(Entry(stamp, _line_bytes(line if isinstance(line, str) else "")))
        request.streams.append(stream)
    return request
