"""What the pods wrote, rebuilt from the CRI files: one application line per `F` chunk.

Walks `<pods>/<namespace>_<pod>_<uid>/<container>/<n>.log` and its rotated siblings
(`<n>.log.<YYYYMMDD-hhmmss>`, gzipped or not), joins each line's `P` chunks to its `F`
chunk (per stream, as containerd writes them), and keys every line by its container and
the CRI timestamp of its first chunk: the key the ledger uses. Containers whose files are
gone (a deleted pod's dir, rotated files kubelet removed) cannot be rebuilt; their lines
are counted as unverifiable, never guessed.
"""

from __future__ import annotations

import calendar
import gzip
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from sim.fleet.ledger import ContainerCounts


class ContainerKey(NamedTuple):
    namespace: str
    pod: str
    pod_uid: str
    container: str


@dataclass(slots=True)
class OriginalLine:
    id: int  # index in Originals.lines
    key: ContainerKey
    stream: str
    first_ns: int  # CRI timestamp of the first chunk (the ledger's key)
    last_ns: int  # of the `F` chunk: Promtail's cri stage keeps this one on joined lines
    text: str
    file: str = ""  # the file it was found in: `0.log`, or a rotated `0.log.<stamp>[.gz]`


@dataclass(slots=True)
class Originals:
    lines: list[OriginalLine] = field(default_factory=list)
    # per container, and per (container, stream): lines in time order
    by_container: dict[ContainerKey, list[OriginalLine]] = field(default_factory=dict)
    by_stream: dict[tuple[ContainerKey, str], list[OriginalLine]] = field(default_factory=dict)
    unfinished_partials: int = 0  # P chunks never closed by an F chunk
    unreadable: list[str] = field(default_factory=list)  # files that could not be read
    _index: dict[tuple[bool, int], int] = field(default_factory=dict, repr=False)

    def position(self, line: OriginalLine, per_stream: bool) -> tuple[list[OriginalLine], int]:
        """The sequence holding `line` and its index there."""
        seq = self.by_stream[(line.key, line.stream)] if per_stream else self.by_container[line.key]
        return seq, self._index[(per_stream, line.id)]

    def finish(self) -> None:
        """Orders each container's lines by time and indexes positions."""
        by_stream: dict[tuple[ContainerKey, str], list[OriginalLine]] = defaultdict(list)
        for key, seq in self.by_container.items():
            seq.sort(key=lambda line: line.first_ns)
            for index, line in enumerate(seq):
                self._index[(False, line.id)] = index
                by_stream[(key, line.stream)].append(line)
        for seq in by_stream.values():
            for index, line in enumerate(seq):
                self._index[(True, line.id)] = index
        self.by_stream = dict(by_stream)


_seconds_cache: dict[str, int] = {}


def parse_cri_time(stamp: str) -> int:
    """Unix nanoseconds of an RFC3339Nano timestamp (`Z` or a numeric offset)."""
    head, zone = stamp[:19], stamp[19:]
    seconds = _seconds_cache.get(head)
    if seconds is None:
        seconds = calendar.timegm(time.strptime(head, "%Y-%m-%dT%H:%M:%S"))
        if len(_seconds_cache) > 100_000:
            _seconds_cache.clear()
        _seconds_cache[head] = seconds
    nanos = 0
    if zone.startswith("."):
        end = 1
        while end < len(zone) and zone[end].isdigit():
            end += 1
        nanos = int(zone[1:end].ljust(9, "0")[:9])
        zone = zone[end:]
    if zone not in ("Z", "z", ""):
        sign = -1 if zone[0] == "+" else 1  # local time ahead of UTC: subtract
        hours, minutes = int(zone[1:3]), int(zone[4:6])
        seconds += sign * (hours * 3600 + minutes * 60)
    return seconds * 1_000_000_000 + nanos


def _container_files(directory: Path) -> list[Path]:
    """Every log file of one container directory (live, rotated, gzipped)."""
    return sorted(
        p for p in directory.iterdir() if p.is_file() and ".log" in p.name and p.suffix != ".tmp"
    )


def _read(path: Path) -> bytes:
    if path.suffix == ".gz":
        with gzip.open(path, "rb") as handle:
            return handle.read()
    return path.read_bytes()


def _parse_file(data: bytes, key: ContainerKey, file: str, out: Originals) -> None:
    pending: dict[str, tuple[int, list[bytes]]] = {}  # stream -> (first ns, chunks)
    for raw in data.split(b"\n"):
        if not raw:
            continue
        parts = raw.split(b" ", 3)
        if len(parts) < 3:
            continue
        stamp, stream, tag = parts[0].decode("ascii", "replace"), parts[1].decode(), parts[2]
        content = parts[3] if len(parts) == 4 else b""
        ns = parse_cri_time(stamp)
        held = pending.get(stream)
        if tag == b"P":
            if held is None:
                pending[stream] = (ns, [content])
            else:
                held[1].append(content)
            continue
        first_ns = ns
        if held is not None:
            del pending[stream]
            first_ns = held[0]
            content = b"".join([*held[1], content])
        line = OriginalLine(
            len(out.lines), key, stream, first_ns, ns, content.decode("utf-8", "replace"), file
        )
        out.lines.append(line)
        out.by_container.setdefault(key, []).append(line)
    out.unfinished_partials += len(pending)


def pod_dir_key(name: str) -> tuple[str, str, str] | None:
    """(namespace, pod, uid) of `<namespace>_<pod>_<uid>`: none of them holds a `_`."""
    parts = name.split("_")
    return (parts[0], parts[1], parts[2]) if len(parts) == 3 else None


def rebuild(pods_dir: Path) -> Originals:
    """Every application line the files under `pods_dir` still hold."""
    out = Originals()
    pod_dirs = sorted(p for p in pods_dir.iterdir() if p.is_dir()) if pods_dir.is_dir() else []
    for pod_dir in pod_dirs:
        ident = pod_dir_key(pod_dir.name)
        if ident is None:
            continue
        for container_dir in sorted(p for p in pod_dir.iterdir() if p.is_dir()):
            key = ContainerKey(*ident, container_dir.name)
            for path in _container_files(container_dir):
                try:
                    data = _read(path)
                except (OSError, EOFError) as err:
                    out.unreadable.append(f"{path}: {err}")
                    continue
                _parse_file(data, key, path.name, out)
    out.finish()
    return out


def unverifiable_lines(
    originals: Originals, accounting: Sequence[ContainerCounts]
) -> dict[ContainerKey, int]:
    """Lines the accounting says were written that no file holds any more, per container."""
    gone: dict[ContainerKey, int] = {}
    for counts in accounting:
        key = ContainerKey(counts.namespace, counts.pod, counts.pod_uid, counts.container)
        missing = counts.entries - len(originals.by_container.get(key, ()))
        if missing > 0:
            gone[key] = missing
    return gone


def by_first_ns(lines: Iterable[OriginalLine]) -> dict[tuple[ContainerKey, int], OriginalLine]:
    return {(line.key, line.first_ns): line for line in lines}


def is_rotated(file: str) -> bool:
    """kubelet's rotated files are `<n>.log.<stamp>[.gz]`; the live one ends in `.log`."""
    return not file.endswith(".log")
