"""The distributor's per-stream and per-entry checks (pkg/distributor/validator.go).

Entry checks, in Loki's order: too old (`reject_old_samples`, `reject_old_samples_max_age`),
too new (`creation_grace_period`), line too long (`max_line_size`; 0 disables), then
structured metadata (allowed, size, count). Stream checks: no labels, too many labels
(`service_name` not counted), then per label in name order: name too long, value too long,
duplicate name. Error texts show times as RFC 3339 (seconds) in UTC.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sim.loki import messages as msg
from sim.loki.limits import Limits
from sim.loki.push.gofmt import go_byte_len, rfc3339
from sim.loki.push.labels import Labels
from sim.loki.push.model import Entry, Stream, metadata_size


@dataclass(frozen=True)
class Rejection:
    """One refused entry or stream: the `reason` label value and Loki's text."""

    reason: str
    message: str


@dataclass(frozen=True)
class ValidationContext:
    """getValidationContextForTime: the tenant's limits resolved at `now` (Unix ns)."""

    tenant: str
    now: int
    limits: Limits

    @property
    def oldest_ns(self) -> int:
        return self.now - self.limits.reject_old_samples_max_age

    @property
    def newest_ns(self) -> int:
        return self.now + self.limits.creation_grace_period


def validate_entry(ctx: ValidationContext, labels_text: str, entry: Entry) -> Rejection | None:
    """Validator.ValidateEntry; `labels_text` is the stream's labels.String()."""
    limits = ctx.limits
    stamp = entry.timestamp
    if limits.reject_old_samples and stamp < ctx.oldest_ns:
        text = msg.go_format(
            msg.GREATER_THAN_MAX_SAMPLE_AGE_ERROR_MSG,
            labels_text,
            rfc3339(stamp),
            rfc3339(ctx.oldest_ns),
        )
        return Rejection(msg.GREATER_THAN_MAX_SAMPLE_AGE, text)
    if stamp > ctx.newest_ns:
        text = msg.go_format(msg.TOO_FAR_IN_FUTURE_ERROR_MSG, labels_text, rfc3339(stamp))
        return Rejection(msg.TOO_FAR_IN_FUTURE, text)
    max_size = limits.max_line_size
    if max_size and len(entry.line) > max_size:
        text = msg.go_format(msg.LINE_TOO_LONG_ERROR_MSG, max_size, labels_text, len(entry.line))
        return Rejection(msg.LINE_TOO_LONG, text)
    if entry.metadata:
        return _validate_metadata(limits, labels_text, entry)
    return None


def _validate_metadata(limits: Limits, labels_text: str, entry: Entry) -> Rejection | None:
    if not limits.allow_structured_metadata:
        text = msg.go_format(msg.DISALLOWED_STRUCTURED_METADATA_ERROR_MSG, labels_text)
        return Rejection(msg.DISALLOWED_STRUCTURED_METADATA, text)
    size = metadata_size(entry.metadata)
    max_size = limits.max_structured_metadata_size
    if max_size and size > max_size:
        template = msg.STRUCTURED_METADATA_TOO_LARGE_ERROR_MSG
        text = msg.go_format(template, labels_text, size, max_size)
        return Rejection(msg.STRUCTURED_METADATA_TOO_LARGE, text)
    count = len(entry.metadata)
    max_count = limits.max_structured_metadata_entries_count
    if max_count and count > max_count:
        template = msg.STRUCTURED_METADATA_TOO_MANY_ERROR_MSG
        text = msg.go_format(template, labels_text, count, max_count)
        return Rejection(msg.STRUCTURED_METADATA_TOO_MANY, text)
    return None


def validate_labels(ctx: ValidationContext, labels: Labels, stream: Stream) -> Rejection | None:
    """Validator.ValidateLabels; texts quote the stream's labels as they were sent."""
    if not labels:
        return Rejection(msg.MISSING_LABELS, msg.MISSING_LABELS_ERROR_MSG)
    names = [name for name, _ in labels]
    if msg.AGGREGATED_METRIC_LABEL in names or msg.PATTERN_LABEL in names:
        return None  # Loki's own streams are not checked
    limits = ctx.limits
    count = len(names) - (1 if msg.LABEL_SERVICE_NAME in names else 0)
    if count > limits.max_label_names_per_series:
        template = msg.MAX_LABEL_NAMES_PER_SERIES_ERROR_MSG
        text = msg.go_format(template, stream.labels, count, limits.max_label_names_per_series)
        return Rejection(msg.MAX_LABEL_NAMES_PER_SERIES, text)
    previous = ""
    for name, value in labels:
        if go_byte_len(name) > limits.max_label_name_length:
            text = msg.go_format(msg.LABEL_NAME_TOO_LONG_ERROR_MSG, stream.labels, name)
            return Rejection(msg.LABEL_NAME_TOO_LONG, text)
        if go_byte_len(value) > limits.max_label_value_length:
            text = msg.go_format(msg.LABEL_VALUE_TOO_LONG_ERROR_MSG, stream.labels, value)
            return Rejection(msg.LABEL_VALUE_TOO_LONG, text)
        if name == previous:
            text = msg.go_format(msg.DUPLICATE_LABEL_NAMES_ERROR_MSG, stream.labels, name)
            return Rejection(msg.DUPLICATE_LABEL_NAMES, text)
        previous = name
    return None


def truncate_lines(limits: Limits, stream: Stream) -> tuple[int, int]:
    """Distributor.truncateLines: cut long lines (bytes) and add the identifier."""
    if not limits.max_line_size_truncate or not limits.max_line_size:
        return 0, 0
    suffix = limits.max_line_size_truncate_identifier.encode("utf-8", "surrogateescape")
    keep = limits.max_line_size - len(suffix)
    samples = removed = 0
    if keep <= 0:
        return 0, 0
    columns = stream.columns
    if columns is not None and max(map(len, columns[1]), default=0) <= limits.max_line_size:
        return 0, 0  # nothing to cut: the entries can stay columns
    for entry in stream.entries:
        if len(entry.line) > limits.max_line_size:
            removed += len(entry.line) - keep
            entry.line = entry.line[:keep] + suffix
            samples += 1
    return samples, removed


def missing_enforced_labels(limits: Limits, labels: Labels, policy: str = "") -> list[str]:
    """Distributor.missingEnforcedLabels: tenant labels, then the `*` and policy lists."""
    policy_labels = limits.policy_enforced_labels
    required = (
        *limits.enforced_labels,
        *policy_labels.get(msg.GLOBAL_POLICY, ()),
        *policy_labels.get(policy, ()),
    )
    present = {name for name, _ in labels}
    missing: list[str] = []
    for name in dict.fromkeys(required):
        if name not in present:
            missing.append(name)
    return missing


def blocked(ctx: ValidationContext, policy: str = "") -> tuple[int, Rejection] | None:
    """Validator.ShouldBlockIngestion: tenant block first, then the policy (or `*`) block."""
    limits = ctx.limits
    code = limits.block_ingestion_status_code
    until = limits.block_ingestion_until
    if until is not None and ctx.now < _ns(until):
        text = msg.go_format(msg.BLOCKED_INGESTION_ERROR_MSG, ctx.tenant, _go_rfc3339(until), code)
        return code, Rejection(msg.BLOCKED_INGESTION, text)
    policies = limits.block_ingestion_policy_until
    # Overrides.BlockIngestionPolicyUntil: the policy's own entry, else `*` for no policy
    until = policies.get(policy) if policy in policies or policy else policies.get("*")
    if until is not None and ctx.now < _ns(until):
        template = msg.BLOCKED_INGESTION_POLICY_ERROR_MSG
        text = msg.go_format(template, ctx.tenant, _go_rfc3339(until), code)
        return code, Rejection(msg.BLOCKED_INGESTION_POLICY, text)
    return None


def _ns(moment: dt.datetime) -> int:
    delta = moment - dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    return (delta.days * 86400 + delta.seconds) * 1_000_000_000 + delta.microseconds * 1000


def _go_rfc3339(moment: dt.datetime) -> str:
    """time.Time.Format(time.RFC3339) in the time's own offset."""
    text = moment.strftime("%Y-%m-%dT%H:%M:%S")
    offset = moment.utcoffset() or dt.timedelta(0)
    if not offset:
        return text + "Z"
    minutes = int(offset.total_seconds()) // 60
    sign = "+" if minutes >= 0 else "-"
    return f"{text}{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


class GroupedErrors:
    """util.GroupedErrors: identical texts counted, `N errors like: ` when it matters.

    Go builds the text from a map, so its order of distinct texts is random; here it is the
    order in which each text first occurred.
    """

    def __init__(self) -> None:
        self._counts: dict[str, int] = {}

    def add(self, text: str) -> None:
        self._counts[text] = self._counts.get(text, 0) + 1

    def __bool__(self) -> bool:
        return bool(self._counts)

    def text(self) -> str:
        several = len(self._counts) > 1
        parts = []
        for text, count in self._counts.items():
            prefix = msg.go_format(msg.GROUPED_ERRORS_PREFIX, count) if several or count > 1 else ""
            parts.append(prefix + text)
        return msg.GROUPED_ERRORS_SEPARATOR.join(parts)
