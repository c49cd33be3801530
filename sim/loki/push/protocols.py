"""PushRequest entries read as columns, at C speed (see proto.py for the message classes).

Reading each entry's fields through the protobuf objects costs Python calls per entry;
here protobuf itself does the splitting. The body is parsed a second time with classes in
which a stream's `entries` and an entry's `timestamp` are single messages, so protobuf
merges every occurrence into one, and an entry's fields are `repeated`: each stream comes
out as its lines, its seconds and its nanos, three lists in entry order.

That is the entry-by-entry reading only when every entry holds exactly one timestamp with
both fields, one line and no metadata. The caller has parsed the body with the real classes
(so it is well formed) and checks once per body that re-encoding that parse, unknown fields
dropped, gives as many bytes as were received: a field repeated within an entry or a
timestamp would have shrunk it (the last one wins, sub-messages merge), and no encoding
grows when re-encoded except a negative nanos (int32) sent in 5 bytes, which the range
check refuses. Then, per stream, as many lines, seconds and nanos as entries means one of
each in every entry. A stream that fails any check is read entry by entry.
"""

from __future__ import annotations

import operator
from itertools import repeat
from typing import Any

from google.protobuf import descriptor_pb2

from sim.loki.push.descriptors import Layout, message_class
from sim.loki.push.model import PlainColumns

_NS = 1_000_000_000
_MIN_SECONDS = -62135596800
_MAX_SECONDS = 253402300800
_PACKAGE = "lokisim_merged"


def _merged_class() -> Any:
    field = descriptor_pb2.FieldDescriptorProto
    optional, repeated = field.LABEL_OPTIONAL, field.LABEL_REPEATED
    raw, message = field.TYPE_BYTES, field.TYPE_MESSAGE
    layout: Layout = {
        "PushRequest": [
            ("streams", 1, message, repeated, f".{_PACKAGE}.StreamAdapter"),
            ("format", 2, raw, optional, ""),
        ],
        "StreamAdapter": [
            ("labels", 1, raw, optional, ""),
            (
                "entries",
                2,
                message,
                optional,
                f".{_PACKAGE}.EntryFields",
            ),  # every entry merged into one
            ("hash", 3, field.TYPE_UINT64, optional, ""),
        ],
        "EntryFields": [
            ("timestamp", 1, message, optional, f".{_PACKAGE}.TimestampFields"),  # merged too
            ("line", 2, raw, repeated, ""),
            ("structuredMetadata", 3, raw, repeated, ""),
            ("parsed", 4, raw, repeated, ""),
        ],
        "TimestampFields": [
            ("seconds", 1, field.TYPE_INT64, repeated, ""),
            ("nanos", 2, field.TYPE_INT32, repeated, ""),
        ],
    }
    return message_class(_PACKAGE, layout, "PushRequest")


_MergedRequest = _merged_class()


def canonical(parsed: Any, size: int) -> bool:
    """Whether `parsed` (the real classes' parse of `size` bytes) re-encodes, unknown
    fields dropped, to `size` bytes. Drops the unknown fields of `parsed`."""
    parsed.DiscardUnknownFields()
    return bool(parsed.ByteSize() == size)


def merged_streams(data: bytes) -> Any:
    """The body's streams, each with its entries merged (labels, entries, hash)."""
    return _MergedRequest.FromString(data).streams


def plain_columns(merged: Any, count: int) -> PlainColumns | None:
    """(timestamps, lines) of a merged stream of `count` entries when every entry holds one
    timestamp in the valid range, one line and nothing else; None otherwise."""
    entries = merged.entries
    lines = entries.line
    if len(lines) != count or entries.structuredMetadata:
        return None
    seconds, nanos = list(entries.timestamp.seconds), list(entries.timestamp.nanos)
    if not nanos and len(seconds) == count:
        nanos = [0] * count  # whole seconds: each nanos field was left out, being zero
    if len(seconds) != count or len(nanos) != count:
        return None  # some zero fields were left out: read entry by entry
    if min(seconds) < _MIN_SECONDS or max(seconds) >= _MAX_SECONDS:
        return None
    if min(nanos) < 0 or max(nanos) >= _NS:
        return None
    return list(map(operator.add, map(operator.mul, seconds, repeat(_NS)), nanos)), list(lines)
