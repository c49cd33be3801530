"""The push side of the load client: prebuilt push.proto bodies, stamped per request.

A `PushTemplate` holds a PushRequest (pkg/push/push.proto at v3.6.0) already encoded,
cut where the two things that change per request go: every entry's Timestamp and the
varying part of every stream's pod name. Both have a fixed width, so no length prefix
changes, and a request costs a few `bytes.join`s and one snappy block compression (~1 GB/s
in cramjam) instead of a protobuf encode. Entries of one stream in a push are 1 ns apart,
in order, as a Promtail's lines are each stamped when read (a push whose entries all share
one timestamp makes Loki test every line against the others for duplicates).

Wire layout (protobuf, minimal varints as Promtail's gogo encoder writes them):
  PushRequest  1: StreamAdapter (repeated)
  StreamAdapter 1: labels (string)  2: EntryAdapter (repeated)
  EntryAdapter 1: Timestamp  2: line (bytes)
  Timestamp    1: seconds (int64)  2: nanos (int32)
Seconds >= 2**28 (after 1978) and nanos kept in [2**28, 1e9) are 5-byte varints, so a
Timestamp field is always 12 bytes. An entry's nanos are the push's base plus the entry's
index in its stream; the base is the request's sub-second time mapped linearly into that
range (at most 0.27 s early) and rounded down to a multiple of 2**(7*k), k being the
fewest 7-bit groups that count the template's longest stream. The index then fills the
first k varint bytes of the nanos, and the request's time the rest.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain, repeat

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
_NANOS_AT = 7  # the nanos varint's first byte in a Timestamp: tag, 5 bytes, tag
MAX_INDEX_GROUPS = 3  # 2**21 lines in one stream of one push, at most
MAX_STREAM_LINES = 1 << (7 * MAX_INDEX_GROUPS)

# Locust request types: a 429 is neither a success nor a failure of the push itself.
TYPE_RATE_LIMITED = "RATE_LIMITED"
OK, RATE_LIMITED, FAILED = "ok", "rate_limited", "failed"


def outcome(status: int) -> str:
    """How a Loki answer counts: 2xx ok, 429 rate limited, anything else failed."""
    if 200 <= status < 300:
        return OK
    return RATE_LIMITED if status == 429 else FAILED


def timestamp_bytes(unix_ns: int, groups: int = 0) -> bytes:
    """The 12-byte Timestamp message for entry 0 of a push sent at `unix_ns` whose streams'
    entry indexes take `groups` 7-bit groups (0: the nanos mapped without rounding)."""
    seconds, within = divmod(unix_ns, _NS)
    if not _NANOS_FLOOR <= seconds < 1 << 35:
        raise ValueError(f"expected a time between 1978 and 3058, got {unix_ns} ns")
    step = 1 << (7 * groups)
    slots = (_NS - _NANOS_FLOOR) // step
    nanos = _NANOS_FLOOR + within * slots // _NS * step
    return b"\x08" + varint(seconds) + b"\x10" + varint(nanos)


def index_groups(longest: int) -> int:
    """The 7-bit groups that count entry indexes 0..longest-1 (1 to 3)."""
    groups = max(1, -(-max(longest - 1, 1).bit_length() // 7))
    if groups > MAX_INDEX_GROUPS:
        raise ValueError(f"expected at most {MAX_STREAM_LINES} lines per stream, got {longest}")
    return groups


def index_bytes(groups: int, count: int) -> list[bytes]:
    """The first `groups` varint bytes of nanos base+i for i in 0..count-1 (each continues)."""
    return [
        bytes(0x80 | (index >> (7 * group)) & 0x7F for group in range(groups))
        for index in range(count)
    ]


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

    __slots__ = ("_groups", "_parts", "entries", "line_bytes", "streams")

    def __init__(self, streams: Sequence[StreamLines]) -> None:
        self._parts: list[tuple[list[bytes], list[bytes], list[bytes]]] = []
        self.streams = len(streams)
        self.entries = sum(len(stream.lines) for stream in streams)
        self.line_bytes = sum(len(line) for stream in streams for line in stream.lines)
        longest = max((len(stream.lines) for stream in streams), default=1)
        self._groups = index_groups(longest)
        indexes = index_bytes(self._groups, longest)
        for stream in streams:
            heads, entries = _encode_stream(stream)
            self._parts.append((heads, entries, indexes[: len(stream.lines)]))

    def body(self, unix_ns: int, suffix_index: int) -> bytes:
        """The snappy-compressed push body stamped with `unix_ns` and pod suffix #index."""
        return bytes(cramjam.snappy.compress_raw(self.raw(unix_ns, suffix_index)))

    def raw(self, unix_ns: int, suffix_index: int) -> bytes:
        """The uncompressed PushRequest."""
        stamp, suffix = timestamp_bytes(unix_ns, self._groups), pod_suffix(suffix_index)
        before, after = stamp[:_NANOS_AT], stamp[_NANOS_AT + self._groups :]
        out: list[bytes] = []
        for head, entries, indexes in self._parts:
            out.append(suffix.join(head))
            # entry i: its leading bytes, then its Timestamp with index i in the nanos
            out += chain.from_iterable(zip(entries, repeat(before), indexes, repeat(after)))
            out.append(entries[-1])
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
