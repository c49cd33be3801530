"""pkg/loghttp/push/push.go ParseLokiRequest: body, then every stream's labels normalized.

Each stream's labels are parsed (a failure rejects the whole request: 400 "couldn't parse
labels: ..."), re-printed sorted with empty values dropped, and, unless the stream already
has `service_name` or is an internal stream (`__aggregated_metric__`, `__pattern__`), given
`service_name` from the first `discover_service_name` label present, else `unknown_service`
(when the list is empty, nothing is added).
"""

from __future__ import annotations

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
        try:
            labels = lbl.parse_labels(stream.labels)
        except lbl.LabelsParseError as err:
            raise PushBodyError(400, msg.go_format(msg.COULD_NOT_PARSE_LABELS, err)) from err
        stats.has_internal_streams |= is_internal(labels)
        stream.labels = lbl.labels_string(discover_service_name(labels, discover))
        stats.stream_labels_size += len(stream.labels.encode("utf-8", "surrogateescape"))
        for entry in stream.entries:
            stats.lines += 1
            stats.line_bytes += len(entry.line)
            if entry.metadata:
                stats.metadata_bytes += metadata_size(entry.metadata)
    return stats


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
