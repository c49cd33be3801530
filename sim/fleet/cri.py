"""The CRI log format as containerd writes it (internal/cri/io/logger.go).

Each line is `<timestamp> <stream> <tag> <content>\n`: the timestamp is Go's
time.RFC3339Nano (trailing zeros of the fraction trimmed, `Z` for UTC), the tag `F` for
a full line and `P` for a partial one. Content longer than `max_line_size` (containerd's
`max_container_log_line_size`, 16 KiB by default) is cut into `P` chunks of exactly that
many bytes, the last chunk tagged `F`; an empty line is one `F` with empty content.
"""

from __future__ import annotations

import time

DEFAULT_MAX_LINE_SIZE = 16 * 1024

# Caches the formatted seconds part: every line of a second shares it.
_last_second: int = -1
_last_prefix: str = ""


def format_timestamp(ns: int) -> str:
    """Go's `time.Time.Format(time.RFC3339Nano)` for a UTC instant in nanoseconds."""
    global _last_second, _last_prefix
    seconds, fraction = divmod(ns, 1_000_000_000)
    if seconds != _last_second:
        _last_prefix = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(seconds))
        _last_second = seconds
    if fraction == 0:
        return _last_prefix + "Z"
    return _last_prefix + "." + f"{fraction:09d}".rstrip("0") + "Z"


def split_content(content: bytes, max_line_size: int = DEFAULT_MAX_LINE_SIZE) -> list[bytes]:
    """The chunks containerd writes for one line of output (all but the last are partial)."""
    if max_line_size <= 0 or len(content) <= max_line_size:
        return [content]
    return [content[i : i + max_line_size] for i in range(0, len(content), max_line_size)]


def encode_lines(
    content: bytes, stream: str, first_ns: int, max_line_size: int = DEFAULT_MAX_LINE_SIZE
) -> tuple[bytes, int]:
    """CRI bytes for one line of output and the number of CRI lines they hold.

    Chunk i carries timestamp `first_ns + i`: containerd stamps each chunk when it writes it.
    """
    chunks = split_content(content, max_line_size)
    if len(chunks) == 1:
        head = f"{format_timestamp(first_ns)} {stream} F ".encode()
        return head + content + b"\n", 1
    parts: list[bytes] = []
    last = len(chunks) - 1
    for index, chunk in enumerate(chunks):
        tag = "F" if index == last else "P"
        parts.append(f"{format_timestamp(first_ns + index)} {stream} {tag} ".encode())
        parts.append(chunk)
        parts.append(b"\n")
    return b"".join(parts), len(chunks)


def parse_line(line: bytes) -> tuple[str, str, str, bytes]:
    """(timestamp, stream, tag, content) of one CRI line without its newline."""
    timestamp, stream, tag, content = line.split(b" ", 3)
    return timestamp.decode(), stream.decode(), tag.decode(), content
