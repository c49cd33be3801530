"""A batch of entries for one tenant (clients/pkg/promtail/client/batch.go).

Entries are grouped by their label set, written as Promtail writes it
(`{app="api", namespace="production"}`: sorted names, strconv.Quote'd values, the
`__tenant_id__` label left out). A batch's size is the sum of its lines' bytes plus the
protobuf size of their structured metadata; it is sent as one snappy-compressed
PushRequest. Each entry is kept already encoded (pushproto.py), as the bytes of the
PushRequest Loki's push codec would write (sim/loki/push/proto.py).
"""

from __future__ import annotations

import time
from collections.abc import Mapping

import cramjam

from sim.golang.strconv_quote import quote

from . import messages
from .pushproto import encode_request


def labels_string(labels: Mapping[str, str]) -> str:
    """labelsMapToString(labels, ReservedLabelTenantID)."""
    names = sorted(name for name in labels if name != messages.RESERVED_LABEL_TENANT_ID)
    return "{" + ", ".join(f"{name}={quote(labels[name])}" for name in names) + "}"


def _varint_size(value: int) -> int:
    size = 1
    while value >= 0x80:
        value >>= 7
        size += 1
    return size


def metadata_size(metadata: tuple[tuple[str, str], ...]) -> int:
    """Sum of push.LabelAdapter.Size(): each non-empty field's tag, length varint and bytes."""
    total = 0
    for name, value in metadata:
        for text in (name, value):
            length = len(text.encode("utf-8", "surrogateescape"))
            if length:
                total += 1 + length + _varint_size(length)
    return total


class Batch:
    """Pending streams of one tenant; `created_at` is time.monotonic() of its first entry."""

    __slots__ = ("bytes", "created_at", "entries", "max_streams", "streams")

    def __init__(self, max_streams: int, created_at: float | None = None) -> None:
        self.streams: dict[str, list[bytes]] = {}  # label text -> its entries' pieces
        self.bytes = 0
        self.entries = 0
        self.max_streams = max_streams
        self.created_at = time.monotonic() if created_at is None else created_at

    def add(self, labels: str, pieces: list[bytes], size: int) -> str:
        """batch.add: "" when added, else the stream-limit error (the bytes still count)."""
        self.bytes += size
        stream = self.streams.get(labels)
        if stream is not None:
            stream += pieces
            self.entries += 1
            return ""
        count = len(self.streams)
        if self.max_streams > 0 and count >= self.max_streams:
            return messages.ERR_MAX_STREAMS.format(
                streams=count, limit=self.max_streams, labels=labels
            )
        self.streams[labels] = pieces
        self.entries += 1
        return ""

    def age(self, now: float) -> float:
        return now - self.created_at

    def encode(self) -> tuple[bytes, int]:
        """The snappy-compressed protobuf body and the number of entries in it."""
        body = encode_request(self.streams)
        return bytes(cramjam.snappy.compress_raw(body)), self.entries
