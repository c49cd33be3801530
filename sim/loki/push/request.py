"""pkg/loghttp/push/push.go ParseLokiRequest: body, then every stream's labels normalized.

Each stream's labels are parsed (a failure rejects the whole request: 400 "couldn't parse
labels: ..."), re-printed sorted with empty values dropped, and, unless the stream already
has `service_name` or is an internal stream (`__aggregated_metric__`, `__pattern__`), given
`service_name` from the first `discover_service_name` label present, else `unknown_service`
(when the list is empty, nothing is added).
"""

from __future__ import annotations

import operator
from dataclasses import dataclass

from sim.loki import messages as msg
from sim.loki.push import labels as lbl
from sim.loki.push.body import DEFAULT_MAX_RECV_MSG_SIZE, PushBodyError, RawPush, read_push_body
from sim.loki.push.model import PushRequest, metadata_size


@dataclass
class ReceivedStats:
    """What push.go counts as received (loki_distributor_*_received_total)."""

    lines: int = 0
    line_bytes: int = 0
    metadata_bytes: int = 0
    stream_labels_size: int = 0
    has_internal_streams: bool = False
    body_size: int = 0

    @property
    def bytes(self) -> int:
        """loki_distributor_bytes_received_total: lines plus structured metadata."""
        return self.line_bytes + self.metadata_bytes


def is_internal(labels: lbl.Labels) -> bool:
    """Aggregated-metric and pattern streams are Loki's own."""
    return lbl.has(labels, msg.AGGREGATED_METRIC_LABEL) or lbl.has(labels, msg.PATTERN_LABEL)


def discover_service_name(labels: lbl.Labels, discover: tuple[str, ...]) -> lbl.Labels:
    """Add service_name as ParseLokiRequest does."""
    if lbl.has(labels, msg.LABEL_SERVICE_NAME) or not discover or is_internal(labels):
        return labels
    service = msg.SERVICE_UNKNOWN
    for name in discover:
        value = lbl.get(labels, name)
        if value:
            service = value
            break
    return lbl.with_label(labels, msg.LABEL_SERVICE_NAME, service)


def normalize_streams(request: PushRequest, discover: tuple[str, ...]) -> ReceivedStats:
    """Rewrite every stream's labels in place; raise PushBodyError(400) on a parse error."""
    stats = ReceivedStats()
    for stream in request.streams:
        known = _normalized.get((stream.labels, discover))
        if known is None:
            known = _normalize(stream.labels, discover)
        stats.has_internal_streams |= known[1]
        stream.labels = known[0]
        stats.stream_labels_size += known[2]
        if stream.columns is not None:  # entries without metadata
            stats.lines += len(stream.columns[0])
            stats.line_bytes += sum(map(len, stream.columns[1]))
            continue
        entries = stream.entries
        stats.lines += len(entries)
        stats.line_bytes += sum(map(len, map(_LINE, entries)))
        if any(map(_METADATA, entries)):
            stats.metadata_bytes += sum(metadata_size(e.metadata) for e in entries if e.metadata)
    return stats


_LINE, _METADATA = map(operator.attrgetter, ("line", "metadata"))


# a stream's labels as sent -> (as normalized, internal, byte size): pushes repeat them
_normalized: dict[tuple[str, tuple[str, ...]], tuple[str, bool, int]] = {}


def _normalize(sent: str, discover: tuple[str, ...]) -> tuple[str, bool, int]:
    try:
        labels = lbl.parse_labels(sent)
    except lbl.LabelsParseError as err:
        raise PushBodyError(400, msg.go_format(msg.COULD_NOT_PARSE_LABELS, err)) from err
    text = lbl.labels_string(discover_service_name(labels, discover))
    known = (text, is_internal(labels), len(text.encode("utf-8", "surrogateescape")))
    if len(_normalized) >= 100_000:
        _normalized.clear()
    _normalized[(sent, discover)] = known
    return known


def parse_loki_request(
    raw: RawPush,
    discover: tuple[str, ...],
    max_recv_msg_size: int = DEFAULT_MAX_RECV_MSG_SIZE,
    json_max_bytes: int = 0,
) -> tuple[PushRequest, ReceivedStats]:
    """Decode and normalize a push; PushBodyError carries the status and text on refusal."""
    request = read_push_body(raw, max_recv_msg_size, json_max_bytes)
    stats = normalize_streams(request, discover)
    stats.body_size = len(raw.body)
    return request, stats
