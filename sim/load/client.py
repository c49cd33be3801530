"""The push side of the load client: prebuilt push.proto bodies, stamped per request.

A `PushTemplate` holds a PushRequest (pkg/push/push.proto at v3.6.0) already encoded,
cut where the two things that change per request go: every entry's Timestamp and the
varying part of every stream's pod name. Both have a fixed width, so no length prefix
changes, and a request costs a few `bytes.join`s and one snappy block compression (~1 GB/s
in cramjam) instead of a protobuf encode. Entries of one push share its timestamp; each
push gets a new one, so Loki never sees a (timestamp, line) pair twice in a stream.

Wire layout (protobuf, minimal varints as Promtail's gogo encoder writes them):
  PushRequest  1: StreamAdapter (repeated)
  StreamAdapter 1: labels (string)  2: EntryAdapter (repeated)
  EntryAdapter 1: Timestamp  2: line (bytes)
  Timestamp    1: seconds (int64)  2: nanos (int32)
Seconds >= 2**28 (after 1978) and nanos kept in [2**28, 1e9) are 5-byte varints; the
nanos are the request's sub-second time mapped linearly into that range (at most 0.27 s
early), so a push's Timestamp field is always 12 bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import cramjam

from sim.protowire import length_delimited, varint

CONTENT_TYPE = "application/x-protobuf"
PUSH_PATH = "/loki/api/v1/push"
SLOT = "\x00"  # where the pod suffix goes in a labels string (never in a real label)
SUFFIX_WIDTH = 4  # the layout adds a fifth character per replica, as pod names have five
# Kubernetes' rand.String alphabet (no vowels, no 0/1/3): pod suffixes look like real ones.
SUFFIX_ALPHABET = "bcdfghjklmnpqrstvwxz2456789"
MAX_SUFFIXES = len(SUFFIX_ALPHABET) ** SUFFIX_WIDTH
_NS = 1_000_000_000
_NANOS_FLOOR = 1 << 28
_TIMESTAMP_LEN = 12

# Locust request types: a 429 is neither a success nor a failure of the push itself.
TYPE_RATE_LIMITED = "RATE_LIMITED"
OK, RATE_LIMITED, FAILED = "ok", "rate_limited", "failed"


def outcome(status: int) -> str:
    """How a Loki answer counts: 2xx ok, 429 rate limited, anything else failed."""
    if 200 <= status < 300:
        return OK
    return RATE_LIMITED if status == 429 else FAILED


def timestamp_bytes(unix_ns: int) -> bytes:
    """The 12-byte Timestamp message for a push sent at `unix_ns`."""
    seconds, within = divmod(unix_ns, _NS)
    if not _NANOS_FLOOR <= seconds < 1 << 35:
        raise ValueError(f"expected a time between 1978 and 3058, got {unix_ns} ns")
    nanos = _NANOS_FLOOR + within * (_NS - _NANOS_FLOOR) // _NS
    return b"\x08" + varint(seconds) + b"\x10" + varint(nanos)


def pod_suffix(index: int) -> bytes:
    """The `index`th pod-name suffix (cycling after MAX_SUFFIXES)."""
    base = len(SUFFIX_ALPHABET)
    chars = []
    for _ in range(SUFFIX_WIDTH):
        index, digit = divmod(index, base)
        chars.append(SUFFIX_ALPHABET[digit])
    return "".join(reversed(chars)).encode()


@dataclass(frozen=True, slots=True)
class StreamLines:
    """One stream of a template: its labels (with SLOT where the pod suffix goes), lines."""

    labels: str
    lines: Sequence[bytes]


class PushTemplate:
    """An encoded PushRequest with its timestamps and pod suffixes left open."""

    __slots__ = ("_parts", "entries", "line_bytes", "streams")

    def __init__(self, streams: Sequence[StreamLines]) -> None:
        self._parts: list[tuple[list[bytes], list[bytes]]] = []
        self.streams = len(streams)
        self.entries = sum(len(stream.lines) for stream in streams)
        self.line_bytes = sum(len(line) for stream in streams for line in stream.lines)
        for stream in streams:
            self._parts.append(_encode_stream(stream))

    def body(self, unix_ns: int, suffix_index: int) -> bytes:
        """The snappy-compressed push body stamped with `unix_ns` and pod suffix #index."""
        return bytes(cramjam.snappy.compress_raw(self.raw(unix_ns, suffix_index)))

    def raw(self, unix_ns: int, suffix_index: int) -> bytes:
        """The uncompressed PushRequest."""
        stamp, suffix = timestamp_bytes(unix_ns), pod_suffix(suffix_index)
        out: list[bytes] = []
        for head, entries in self._parts:
            out.append(suffix.join(head))
            out.append(stamp.join(entries))
        return b"".join(out)


def _encode_stream(stream: StreamLines) -> tuple[list[bytes], list[bytes]]:
    """(head pieces joined by the suffix, entry pieces joined by the timestamp)."""
    labels = stream.labels.encode("utf-8")
    slots = labels.count(SLOT.encode())
    labels_len = len(labels) + slots * (SUFFIX_WIDTH - 1)
    entry_heads: list[bytes] = []
    entry_tails: list[bytes] = []
    body_len = 1 + len(varint(labels_len)) + labels_len
    for line in stream.lines:
        line_field = length_delimited(2, line)
        entry_len = 2 + _TIMESTAMP_LEN + len(line_field)
        head = varint(2 << 3 | 2) + varint(entry_len) + b"\x0a" + bytes([_TIMESTAMP_LEN])
        entry_heads.append(head)
        entry_tails.append(line_field)
        body_len += len(head) + _TIMESTAMP_LEN + len(line_field)
    stream_head = varint(1 << 3 | 2) + varint(body_len) + b"\x0a" + varint(labels_len)
    head_pieces = labels.split(SLOT.encode())
    head_pieces[0] = stream_head + head_pieces[0]
    entry_pieces: list[bytes] = []
    previous_tail = b""
    for head, tail in zip(entry_heads, entry_tails, strict=True):
        entry_pieces.append(previous_tail + head)
        previous_tail = tail
    entry_pieces.append(previous_tail)
    if not stream.lines:
        entry_pieces = [b""]
    return head_pieces, entry_pieces
