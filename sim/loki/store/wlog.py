"""Prometheus' write log (tsdb/wlog, vendored in grafana/loki v3.6.0), which Loki's WAL uses.

Segments are files named by 8-digit index, written as 32 KiB pages. A record is split into
fragments (full / first / middle / last), each with a 7-byte header (type, length, CRC) and
never crossing a page. Facts that decide what survives a crash:

- Each `log` call ends by writing its partial page to the file (an OS write, no fsync):
  an acknowledged record survives a killed process. Segments are fsynced only when a new
  segment is cut and on close; Loki's ingester segments are 4 x 128 MiB.
- Opening a write log always starts a new segment after the last one; a torn tail stays.
- Reading treats all segments as one stream, short segments zero-padded to a page, and stops
  at the first error (torn or corrupt record): nothing after it is read, not even later
  segments. CRCs here are zlib CRC-32 (Prometheus uses Castagnoli; same size).
"""

from __future__ import annotations

import os
import re
import struct
from collections.abc import Iterator
from pathlib import Path
from zlib import crc32

PAGE_SIZE = 32 * 1024
HEADER_SIZE = 7
DEFAULT_SEGMENT_SIZE = 128 * 1024 * 1024
LOKI_SEGMENT_SIZE = 4 * DEFAULT_SEGMENT_SIZE  # pkg/ingester/wal.go walSegmentSize
REC_PAGE_TERM, REC_FULL, REC_FIRST, REC_MIDDLE, REC_LAST = 0, 1, 2, 3, 4
_SEGMENT_NAME = re.compile(r"^\d{8}$")
_HEADER = struct.Struct(">BHI")  # fragment type, length, CRC


class WALCorruption(ValueError):
    """A record could not be read; everything before it was."""


def segment_indexes(directory: Path) -> list[int]:
    if not directory.is_dir():
        return []
    return sorted(int(p.name) for p in directory.iterdir() if _SEGMENT_NAME.match(p.name))


def segment_path(directory: Path, index: int) -> Path:
    return directory / f"{index:08d}"


def fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class SegmentWriter:
    """wlog.WL's writer side."""

    def __init__(self, directory: Path, segment_size: int = LOKI_SEGMENT_SIZE) -> None:
        if segment_size % PAGE_SIZE:
            raise ValueError("segment size must be a multiple of the page size")
        self.directory = directory
        self.segment_size = segment_size
        directory.mkdir(parents=True, exist_ok=True)
        existing = segment_indexes(directory)
        self.pending: list[bytes | memoryview] = []  # fragments of the page, not written yet
        self.alloc = self.done_pages = 0
        self.fd = -1
        self.index = -1
        self._open(existing[-1] + 1 if existing else 0)

    def _open(self, index: int) -> None:
        path = segment_path(self.directory, index)
        self.fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        self.index = index
        self.done_pages = os.fstat(self.fd).st_size // PAGE_SIZE
        fsync_dir(self.directory)

    def log(self, *records: bytes) -> int:
        """Append records; returns the bytes written. Durable against a killed process."""
        written = 0
        for record in records:
            written += self._log(record)
        return written + self._write_pending()

    def _log(self, record: bytes) -> int:
        """Queue the record's fragments; returns the bytes written if a segment was cut."""
        written = 0
        if PAGE_SIZE - self.alloc < HEADER_SIZE:
            self._end_page()
        pages_left = self.segment_size // PAGE_SIZE - self.done_pages - 1
        room = PAGE_SIZE - self.alloc - HEADER_SIZE + (PAGE_SIZE - HEADER_SIZE) * pages_left
        if len(record) > room:
            written += self.next_segment()
        view = memoryview(record)
        first = True
        pending = self.pending
        while first or len(view):
            size = min(len(view), PAGE_SIZE - self.alloc - HEADER_SIZE)
            part = view[:size]
            if first:
                kind = REC_FULL if size == len(view) else REC_FIRST
            else:
                kind = REC_LAST if size == len(view) else REC_MIDDLE
            pending += (_HEADER.pack(kind, size, crc32(part)), part)
            self.alloc += size + HEADER_SIZE
            if PAGE_SIZE - self.alloc < HEADER_SIZE:
                self._end_page()
            view = view[size:]
            first = False
        return written

    def _end_page(self) -> None:
        """Pad the current page with zeros to its end; a new page begins."""
        self.pending.append(bytes(PAGE_SIZE - self.alloc))
        self.alloc = 0
        self.done_pages += 1

    def _write_pending(self) -> int:
        """Write the queued fragments and paddings (whole pages, then the current page's
        part), in as few writes as they allow; returns their size. Like Prometheus, the
        partial page is written at the end of each `log` call, and written again whole as
        it fills (the file is opened for appending: here only what is new is written)."""
        if not self.pending:
            return 0
        size = sum(map(len, self.pending))
        _write_all(self.fd, self.pending)  # the fragments as they are: no joined copy
        self.pending.clear()
        return size

    def next_segment(self) -> int:
        """Pad the page, fsync and close the segment, open the next; returns bytes written."""
        if self.alloc > 0:
            self._end_page()
        written = self._write_pending()
        os.fsync(self.fd)
        os.close(self.fd)
        self._open(self.index + 1)
        return written

    def truncate(self, below: int) -> None:
        """Delete the segments whose index is below `below`."""
        for index in segment_indexes(self.directory):
            if index >= below:
                break
            segment_path(self.directory, index).unlink()

    def close(self) -> None:
        if self.fd < 0:
            return
        if self.alloc > 0:
            self._end_page()
        self._write_pending()
        os.fsync(self.fd)
        os.close(self.fd)
        self.fd = -1


_MAX_PARTS = min(1024, os.sysconf("SC_IOV_MAX")) if hasattr(os, "sysconf") else 16  # IOV_MAX


def _write_all(fd: int, parts: list[bytes | memoryview]) -> None:
    """The parts in one write: os.writev for a few, else joined (writev takes at most
    IOV_MAX parts); a short write is finished."""
    if len(parts) > _MAX_PARTS:
        data = b"".join(parts)
        written = os.write(fd, data)
    else:
        written = os.writev(fd, parts)
        data = b""
    total = sum(map(len, parts))
    if written < total:
        os.write(fd, (data or b"".join(parts))[written:])


def _padded(paths: list[Path]) -> Iterator[bytes]:
    """segmentBufReader: the segments as one byte stream, short ones padded to a page."""
    for path in paths:
        with path.open("rb") as handle:
            size = 0
            while block := handle.read(4 * 1024 * 1024):
                size += len(block)
                yield block
        if size % PAGE_SIZE:
            yield bytes(PAGE_SIZE - size % PAGE_SIZE)


def read_records(paths: list[Path]) -> Iterator[bytes]:
    """wlog.Reader over `paths`: each record, then WALCorruption at the first bad one."""
    stream = _padded(paths)
    buffer = b""
    pos = 0
    total = 0

    def take(count: int) -> bytes:
        nonlocal buffer, pos
        while len(buffer) - pos < count:
            block = next(stream, None)
            if block is None:
                break
            buffer = buffer[pos:] + block
            pos = 0
        data = buffer[pos : pos + count]
        pos += len(data)
        return data

    while True:
        fragments: list[bytes] = []
        kind = REC_PAGE_TERM
        while True:
            head = take(1)
            if not head:
                if kind in (REC_FIRST, REC_MIDDLE):
                    raise WALCorruption("last record is torn")
                return
            total += 1
            kind = head[0] & 0x07
            if kind == REC_PAGE_TERM:
                rest = PAGE_SIZE - total % PAGE_SIZE
                if rest == PAGE_SIZE:
                    continue
                zeros = take(rest)
                total += len(zeros)
                if len(zeros) < rest:
                    raise WALCorruption("read remaining zeros: unexpected EOF")
                if zeros.count(0) != len(zeros):
                    raise WALCorruption("unexpected non-zero byte in padded page")
                continue
            header = take(HEADER_SIZE - 1)
            total += len(header)
            if len(header) < HEADER_SIZE - 1:
                raise WALCorruption("read remaining header: unexpected EOF")
            length = int.from_bytes(header[:2], "big")
            if length > PAGE_SIZE - HEADER_SIZE:
                raise WALCorruption(f"invalid record size {length}")
            body = take(length)
            total += len(body)
            if len(body) < length:
                raise WALCorruption("unexpected EOF")
            if crc32(body) != int.from_bytes(header[2:6], "big"):
                raise WALCorruption("unexpected checksum")
            _validate(kind, len(fragments))
            fragments.append(body)
            if kind in (REC_LAST, REC_FULL):
                yield b"".join(fragments)
                break


def _validate(kind: int, index: int) -> None:
    """validateRecord: fragments must come as full, or first (middle...) last."""
    if kind > REC_LAST:
        raise WALCorruption(f"unexpected record type {kind}")
    if kind == REC_FULL and index != 0:
        raise WALCorruption("unexpected full record")
    if kind == REC_FIRST and index != 0:
        raise WALCorruption("unexpected first record, dropping buffer")
    if kind == REC_MIDDLE and index == 0:
        raise WALCorruption("unexpected middle record, dropping buffer")
    if kind == REC_LAST and index == 0:
        raise WALCorruption("unexpected last record, dropping buffer")
