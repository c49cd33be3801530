"""Loki's v1 JSON answer to /query and /query_range (pkg/util/marshal/query.go, v3.6.0).

    {"status":"success","data":{"resultType":"streams","result":[...],"stats":{...}}}

Byte for byte as Loki writes it: compact, keys in Loki's order, a trailing newline, entry
timestamps as nanosecond strings, sample times as seconds with the milliseconds after the
point (`1700000000.123`), sample values as strconv.FormatFloat(v, 'f', -1) (`"0.1"`,
`"1000000"`, `"NaN"`, `"+Inf"`). With the `categorize-labels` encoding flag each entry gets
a third element with its structured metadata and parsed labels.
"""

from __future__ import annotations

from sim.loki.engine.jsonenc import encode, html_string, string
from sim.loki.engine.labels import Labels
from sim.loki.engine.results import (
    CATEGORIZE_LABELS,
    QueryResult,
    Scalar,
    Series,
    Stream,
)
from sim.loki.logql.gostrconv import format_float_f


def _labels(labels: Labels) -> bytes:
    return b"{" + b",".join(string(n) + b":" + string(v) for n, v in labels) + b"}"


def _time(t_ms: int) -> bytes:
    """model.Time.String(): seconds, shortest form."""
    return format_float_f(t_ms / 1000).encode()


def _value(t_ms: int, value: float) -> bytes:
    return b"[" + _time(t_ms) + b"," + string(format_float_f(value)) + b"]"


def _stream(stream: Stream, categorize: bool) -> bytes:
    values = []
    for entry in stream.entries:
        item = b'["' + str(entry.ts_ns).encode() + b'",' + html_string(entry.line)
        if categorize:
            parts = []
            if entry.structured_metadata:
                parts.append(b'"structuredMetadata":' + _labels(entry.structured_metadata))
            if entry.parsed:
                parts.append(b'"parsed":' + _labels(entry.parsed))
            item += b",{" + b",".join(parts) + b"}"
        values.append(item + b"]")
    return b'{"stream":' + _labels(stream.labels) + b',"values":[' + b",".join(values) + b"]}"


def _series(series: Series) -> bytes:
    values = b",".join(_value(t, v) for t, v in series.points)
    return b'{"metric":' + _labels(series.labels) + b',"values":[' + values + b"]}"


def _result(result: QueryResult) -> bytes:
    data = result.data
    if isinstance(data, Scalar):
        return b"[" + _time(data.t_ms) + b"," + string(format_float_f(data.value)) + b"]"
    categorize = CATEGORIZE_LABELS in result.encoding_flags
    items: list[bytes] = []
    for item in data:
        if isinstance(item, Stream):
            items.append(_stream(item, categorize))
        elif isinstance(item, Series):
            items.append(_series(item))
        else:
            items.append(
                b'{"metric":' + _labels(item.labels) + b',"value":' + _value(item.t_ms, item.value)
                + b"}"
            )  # fmt: skip
    return b"[" + b",".join(items) + b"]"


def to_json(result: QueryResult, warnings: list[str] | None = None) -> bytes:
    """WriteQueryResponseJSON: the body of a successful query answer."""
    out = b'{"status":"success"'
    notes = result.warnings if warnings is None else warnings
    if notes:
        out += b',"warnings":[' + b",".join(string(w) for w in notes) + b"]"
    out += b',"data":{"resultType":' + string(result.result_type)
    if result.encoding_flags:
        out += b',"encodingFlags":[' + b",".join(string(f) for f in result.encoding_flags) + b"]"
    out += b',"result":' + _result(result)
    out += b',"stats":' + encode(result.stats.to_dict()) + b"}}\n"
    return out
