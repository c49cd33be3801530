"""The `cri` stage (extensions.go): containerd/CRI-O log lines, with partial-line joining.

It is Promtail's composition, run here as one pass, step for step: regex
`^(?s)(?P<time>\\S+?) (?P<stream>stdout|stderr) (?P<flags>\\S+?) (?P<content>.*)$`,
labels {stream}, timestamp {time, RFC3339Nano}, output {content}, output {tags}, as a
nested pipeline. Then, per label set, lines flagged `P` are held and joined to the next
line of that label set; once `max_partial_lines` (default 100) label sets hold partial
lines, the next `P` line releases all of them unjoined. With
`max_partial_line_size_truncate`, joined lines are cut to `max_partial_line_size` bytes.
Lines still held when input ends are lost, as in Promtail (lokisim counts them as
silently dropped).
"""

from __future__ import annotations

from typing import Any, ClassVar

from . import messages
from .base import BuildContext, Entry, label_key
from .decode import BOOL, BYTE_SIZE, INT
from .goconv import NotConvertible, get_string
from .golayout import RFC3339_NANO
from .helpers import decode_config
from .labels import is_valid_utf8
from .timeformats import rfc3339_fast
from .timestamp import timestamp_stage

DEFAULT_MAX_PARTIAL_LINES = 100
_SPACES = "\t\n\f\r"  # with " ", RE2's \s


class CriLineSplitter:
    """The CRI regex above, written out: RE2 and this agree on every line (see tests).

    `\\S+?` cannot cross whitespace, so `time` ends at the first whitespace, which must be
    a space; likewise `flags`; `(?s).*$` takes everything after.
    """

    def __init__(self) -> None:
        self.subexp_names = ["", "time", "stream", "flags", "content"]

    def find_submatch(self, text: str) -> list[str] | None:
        first = text.find(" ")
        if first <= 0:
            return None
        time_part = text[:first]
        stream = text[first + 1 : first + 7]
        if (stream != "stdout" and stream != "stderr") or text[first + 7 : first + 8] != " ":
            return None
        flags_start = first + 8
        second = text.find(" ", flags_start)
        if second <= flags_start:
            return None
        flags = text[flags_start:second]
        for space in _SPACES:
            if space in time_part or space in flags:
                return None
        return [text, time_part, stream, flags, text[second + 1 :]]


class _CriParse:
    """The composed pipeline's five stages in one pass (same steps, same order)."""

    def __init__(self) -> None:
        self._split = CriLineSplitter()
        self._timestamp = timestamp_stage("time", RFC3339_NANO, [])

    def apply(self, entry: Entry, now: float) -> None:
        extracted, labels = entry.extracted, entry.labels
        extracted.update(labels)  # the nested Pipeline.Run's first step
        match = self._split.find_submatch(entry.line)  # regex stage
        if match is not None:
            extracted["time"] = time_text = match[1]
            extracted["stream"], extracted["flags"], extracted["content"] = match[2:]
        if "stream" in extracted:  # labels {stream}
            stream = _as_string(extracted["stream"])
            if stream is not None and is_valid_utf8(stream):
                labels["stream"] = stream
        # timestamp {time, RFC3339Nano}; the common shape parsed here, the rest by the stage.
        parsed = rfc3339_fast(time_text) if match is not None else None
        if parsed is None:
            self._timestamp.apply(entry, now)
        else:
            entry.timestamp_ns = parsed
            self._timestamp.remember(labels, parsed)
        if "content" in extracted:  # output {content}
            content = extracted["content"]
            line = content if type(content) is str else _as_string(content)
            if line is not None:
                entry.line = line
        if "tags" in extracted:  # output {tags}
            line = _as_string(extracted["tags"])
            if line is not None:
                entry.line = line


def _as_string(value: Any) -> str | None:
    if type(value) is str:
        return value
    try:
        return get_string(value)
    except NotConvertible:
        return None


class CriStage:
    name = "cri"
    in_place: ClassVar[bool] = False

    def __init__(
        self, ctx: BuildContext, max_partial_lines: int, max_line_size: int, truncate: bool
    ) -> None:
        self._ctx = ctx
        self._parse = _CriParse()
        self._max_partial_lines = max_partial_lines
        self._max_line_size = max_line_size
        self._truncate = truncate
        self._partials: dict[frozenset[tuple[str, str]], Entry] = {}

    def _cut(self, entry: Entry) -> None:
        limit = self._max_line_size
        # A str of n characters is at most 4n UTF-8 bytes: most lines need no encoding.
        if not self._truncate or len(entry.line) * 4 <= limit:
            return
        data = entry.line.encode("utf-8", "surrogateescape")
        if len(data) > limit:
            entry.line = data[: max(limit, 0)].decode("utf-8", "surrogateescape")

    def process(self, entry: Entry, now: float) -> list[Entry]:
        self._parse.apply(entry, now)
        return self._join(entry)

    def process_batch(self, entries: list[Entry], now: float) -> list[Entry]:
        parse, join = self._parse.apply, self._join
        out: list[Entry] = []
        for entry in entries:
            parse(entry, now)
            if not self._partials and entry.extracted.get("flags") != "P":
                out.append(entry)
            else:
                out.extend(join(entry))
        return out

    def _join(self, entry: Entry) -> list[Entry]:
        partials = self._partials
        if entry.extracted.get("flags") == "P":
            key = label_key(entry.labels)
            if len(partials) >= self._max_partial_lines:
                released = list(partials.values())
                partials.clear()
                self._cut(entry)
                partials[key] = entry
                return released
            previous = partials.get(key)
            if previous is not None:
                entry.line = previous.line + entry.line
            self._cut(entry)
            partials[key] = entry
            return []
        if partials:
            previous = partials.pop(label_key(entry.labels), None)
            if previous is not None:
                entry.line = previous.line + entry.line
                self._cut(entry)
        return [entry]

    def tick(self, now: float) -> list[Entry]:
        return []

    def flush(self) -> list[Entry]:
        if self._partials:
            self._ctx.silently_dropped[messages.SILENT_CRI_PARTIAL_AT_SHUTDOWN] += len(
                self._partials
            )
            self._partials.clear()
        return []


def new_cri_stage(config: Any, ctx: BuildContext) -> CriStage:
    values = decode_config(
        ctx,
        config,
        {
            "max_partial_lines": INT,
            "max_partial_line_size": BYTE_SIZE,
            "max_partial_line_size_truncate": BOOL,
        },
        weak=True,
    )
    max_partial_lines = values.get("max_partial_lines", 0) or DEFAULT_MAX_PARTIAL_LINES
    # ByteSize.Val() reads the uint64 back as an int.
    size = values.get("max_partial_line_size", 0)
    size = size - (1 << 64) if size >= 1 << 63 else size
    return CriStage(
        ctx, max_partial_lines, size, bool(values.get("max_partial_line_size_truncate"))
    )
