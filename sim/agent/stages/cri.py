"""The `cri` stage (extensions.go): containerd/CRI-O log lines, with partial-line joining.

It is Promtail's composition, run here as one pass, step for step: regex
`^(?s)(?P<time>\\S+?) (?P<stream>stdout|stderr) (?P<flags>\\S+?) (?P<content>.*)$`,
labels {stream}, timestamp {time, RFC3339Nano}, output {content}, output {tags}, as a
nested pipeline (cri_parse.py). Then, per label set, lines flagged `P` are held and
joined to the next line of that label set; once `max_partial_lines` (default 100) label
sets hold partial lines, the next `P` line releases all of them unjoined. With
`max_partial_line_size_truncate`, joined lines are cut to `max_partial_line_size` bytes.
Lines still held when input ends are lost, as in Promtail (lokisim counts them as
silently dropped).
"""

from __future__ import annotations

from typing import Any, ClassVar

from . import messages
from .base import BuildContext, Entry, LabelKeys
from .cri_parse import CriLineSplitter, CriParse, split_cri
from .decode import BOOL, BYTE_SIZE, INT
from .helpers import decode_config

__all__ = ["CriLineSplitter", "CriStage", "new_cri_stage", "split_cri"]
DEFAULT_MAX_PARTIAL_LINES = 100


class CriStage:
    name = "cri"
    in_place: ClassVar[bool] = False

    def __init__(
        self, ctx: BuildContext, max_partial_lines: int, max_line_size: int, truncate: bool
    ) -> None:
        self._ctx = ctx
        self._parse = CriParse()
        self._max_partial_lines = max_partial_lines
        self._max_line_size = max_line_size
        self._truncate = truncate
        self._partials: dict[frozenset[tuple[str, str]], Entry] = {}
        self._keys = LabelKeys()

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
        # Parsing an entry reads nothing the joining of earlier entries changes: all are
        # parsed first, then joined in order.
        self._parse.apply_all(entries, now)
        return self._join_all(entries)

    def process_lines(
        self,
        lines: list[str],
        labels: dict[str, str],
        extracted: dict[str, Any],
        timestamp_ns: int,
        now: float,
    ) -> list[Entry]:
        """process_batch of Entry(labels.copy(), extracted.copy(), timestamp_ns, line) for
        each line (one file's lines), without building the entries twice."""
        entries = self._parse.entries_from_lines(lines, labels, extracted, timestamp_ns, now)
        return self._join_all(entries)

    def _join_all(self, entries: list[Entry]) -> list[Entry]:
        partials, join = self._partials, self._join
        out: list[Entry] = []
        for entry in entries:
            if not partials and entry.extracted.get("flags") != "P":
                out.append(entry)
            else:
                out.extend(join(entry))
        return out

    def _join(self, entry: Entry) -> list[Entry]:
        partials = self._partials
        if entry.extracted.get("flags") == "P":
            key = self._keys(entry.labels)
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
            previous = partials.pop(self._keys(entry.labels), None)
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
