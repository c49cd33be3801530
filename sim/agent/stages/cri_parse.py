"""The cri stage's parse: its nested pipeline (regex, labels, timestamp, output x2) in one pass.

`CriParse.apply_all` runs the five steps on entries as they are; `entries_from_lines`
gives the same entries for fresh lines that all carry one label set and one extracted map
(a file's lines), building each entry's maps once, already in their final shape, instead
of copying the maps and then changing them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .base import Entry
from .goconv import NotConvertible, get_string
from .golayout import RFC3339_NANO
from .labels import is_valid_utf8
from .timeformats import Rfc3339Utc
from .timestamp import timestamp_stage

CRI_REGEX = "^(?s)(?P<time>\\S+?) (?P<stream>stdout|stderr) (?P<flags>\\S+?) (?P<content>.*)$"
_SPACES = "\t\n\f\r"  # with " ", RE2's \s
_PARSED = ("time", "stream", "flags", "content")  # what the regex step extracts, in order


def split_cri(text: str) -> tuple[str, str, str, str] | None:
    """(time, stream, flags, content) as the CRI regex above captures them, or None.

    `\\S+?` cannot cross whitespace, so `time` ends at the first space and `flags` at the
    next one after the stream; each must be non-empty and hold none of RE2's other `\\s`
    characters; `(?s).*$` takes everything after. RE2 and this agree on every line (see
    tests).
    """
    parts = text.split(" ", 3)
    if len(parts) != 4:
        return None
    time_part, stream, flags, content = parts
    if (stream != "stdout" and stream != "stderr") or not time_part or not flags:
        return None
    # Printable text has none of RE2's \s but the space (the common case, one C call).
    if not (time_part.isprintable() and flags.isprintable()):
        for space in _SPACES:
            if space in time_part or space in flags:
                return None
    return time_part, stream, flags, content


def _as_string(value: Any) -> str | None:
    if type(value) is str:
        return value
    try:
        return get_string(value)
    except NotConvertible:
        return None


class CriLineSplitter:
    """The CRI regex above, as the regex stage would use it (find_submatch)."""

    def __init__(self) -> None:
        self.subexp_names = ["", "time", "stream", "flags", "content"]

    def find_submatch(self, text: str) -> list[str] | None:
        parts = split_cri(text)
        return None if parts is None else [text, *parts]


class CriParse:
    """The composed pipeline's five stages in one pass (same steps, same order)."""

    def __init__(self) -> None:
        self._timestamp = timestamp_stage("time", RFC3339_NANO, [])
        self._parse_time = Rfc3339Utc()  # the timestamp stage's own fast path, memoised

    def apply(self, entry: Entry, now: float) -> None:
        self.apply_all((entry,), now)

    def apply_all(self, entries: Iterable[Entry], now: float) -> None:
        timestamp, parse_time = self._timestamp, self._parse_time
        remember = timestamp.remember
        # The fudge memory only needs the last time of a run of lines with equal labels
        # (the same memory after the run); it is fed before anything else reads it.
        pending: Entry | None = None
        for entry in entries:
            extracted, labels = entry.extracted, entry.labels
            extracted.update(labels)  # the nested Pipeline.Run's first step
            parts = split_cri(entry.line)  # regex stage
            if parts is None:
                if pending is not None:
                    remember(pending.labels, pending.timestamp_ns)
                    pending = None
                self._unmatched(entry, now)
                continue
            time_text, stream, flags, content = parts
            extracted["time"] = time_text
            extracted["stream"] = stream
            extracted["flags"] = flags
            extracted["content"] = content
            labels["stream"] = stream  # labels {stream}: "stdout" or "stderr", valid UTF-8
            # timestamp {time, RFC3339Nano}; the common shape parsed here, the rest by the stage.
            parsed = parse_time(time_text)
            if parsed is None:
                if pending is not None:
                    remember(pending.labels, pending.timestamp_ns)
                    pending = None
                timestamp.apply(entry, now)
            else:
                entry.timestamp_ns = parsed
                if pending is not None and labels != pending.labels:
                    remember(pending.labels, pending.timestamp_ns)
                pending = entry
            entry.line = content  # output {content}
            if "tags" in extracted:  # output {tags}
                line = _as_string(extracted["tags"])
                if line is not None:
                    entry.line = line
        if pending is not None:
            remember(pending.labels, pending.timestamp_ns)

    def _unmatched(self, entry: Entry, now: float) -> None:
        """The same steps for a line the regex does not match: values may come from labels."""
        extracted, labels = entry.extracted, entry.labels
        if "stream" in extracted:  # labels {stream}
            stream = _as_string(extracted["stream"])
            if stream is not None and is_valid_utf8(stream):
                labels["stream"] = stream
        self._timestamp.apply(entry, now)
        for source in ("content", "tags"):  # output {content}, output {tags}
            if source in extracted:
                line = _as_string(extracted[source])
                if line is not None:
                    entry.line = line

    def entries_from_lines(
        self,
        lines: list[str],
        labels: dict[str, str],
        extracted: dict[str, Any],
        timestamp_ns: int,
        now: float,
    ) -> list[Entry]:
        """apply_all([Entry(labels.copy(), extracted.copy(), timestamp_ns, line) for each
        line]), returning those entries: the same maps, values and order, each built once."""
        base = {**extracted, **labels}  # the nested Pipeline.Run's first step, for every line
        if "tags" in base:  # output {tags} reads it: the general path
            entries = [Entry(labels.copy(), extracted.copy(), timestamp_ns, line) for line in lines]
            self.apply_all(entries, now)
            return entries
        shaped = {**base, **dict.fromkeys(_PARSED, "")}  # the regex step's keys, in its order
        by_stream = {stream: {**labels, "stream": stream} for stream in ("stdout", "stderr")}
        timestamp, parse_time = self._timestamp, self._parse_time
        remember = timestamp.remember
        out: list[Entry] = []
        pending: Entry | None = None  # as in apply_all; label sets here differ by stream only
        for line in lines:
            parts = split_cri(line)
            if parts is None:
                if pending is not None:
                    remember(pending.labels, pending.timestamp_ns)
                    pending = None
                entry = Entry(labels.copy(), extracted.copy(), timestamp_ns, line)
                self.apply_all((entry,), now)
                out.append(entry)
                continue
            time_text, stream, flags, content = parts
            fields = shaped.copy()
            fields["time"] = time_text
            fields["stream"] = stream
            fields["flags"] = flags
            fields["content"] = content
            entry = Entry(by_stream[stream].copy(), fields, timestamp_ns, content)
            parsed = parse_time(time_text)
            if parsed is None:
                if pending is not None:
                    remember(pending.labels, pending.timestamp_ns)
                    pending = None
                timestamp.apply(entry, now)  # it reads `time` and the labels, not the line
            else:
                entry.timestamp_ns = parsed
                if pending is not None and pending.labels["stream"] != stream:
                    remember(pending.labels, pending.timestamp_ns)
                pending = entry
            out.append(entry)
        if pending is not None:
            remember(pending.labels, pending.timestamp_ns)
        return out
