"""Tailing one file as Promtail does (targets/file/tailer.go over grafana/tail, polling).

The tailer starts at the saved position and hands over whole lines only: a last line
without `\\n` waits for the rest. When it reaches the end it polls the path (every
file_watch_config.min_poll_frequency, backing off to max_poll_frequency) like
grafana/tail's PollingFileWatcher: a smaller size is a truncation (the file is reopened
and read from 0); another file at the path, or none, means the file moved: it reads the
old file to its end once more, then reopens the path (waiting for it to exist) and reads
the new file from 0. Lines keep the bytes they had (decoded with `surrogateescape`).

The position saved (every positions.sync_period and at stop) is the *read* offset: lines
read but not yet sent to Loki are behind it, which is why Promtail loses them on kill -9.
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from .config_model import WatchConfig
from .metrics import AgentMetrics
from .positions import Positions

LineHandler = Callable[[list[str], int], Awaitable[None]]
CHUNK = 1 << 20
REOPEN_RETRIES = 20  # grafana/tail reopen(): attempts to find a different file
log = logging.getLogger("lokisim.agent.tailer")


class TailError(Exception):
    """The tail died (grafana/tail Kill): the target restarts it at its next sync."""


@dataclass(slots=True)
class _Poller:
    """grafana/tail's PollingFileWatcher state for one ChangeEvents() call."""

    ident: tuple[int, int]
    prev_size: int
    prev_mtime: int = -1
    wait: float = 0.0


class Tailer:
    """One file being read; `run()` is its task, `stop()` ends it and saves its position."""

    def __init__(
        self,
        path: str,
        positions: Positions,
        handler: LineHandler,
        watch: WatchConfig,
        metrics: AgentMetrics,
    ) -> None:
        size = os.stat(path).st_size  # FileNotFoundError: "failed to start tailer"
        position = positions.get(path)  # ValueError on a non-numeric saved offset
        if size < position:
            positions.remove(path)  # tailer.go forgets it, yet grafana/tail still seeks there
        self.path = path
        self._positions = positions
        self._handler = handler
        self._min_wait = watch.min_poll_ns / 1e9
        self._max_wait = watch.max_poll_ns / 1e9
        self._metrics = metrics
        self._fd: int | None = os.open(path, os.O_RDONLY)
        self.offset = position
        self._poller: _Poller | None = None
        self._one_more_run = False
        self._stop = asyncio.Event()
        self.running = False
        self.task: asyncio.Task[None] | None = None
        self._marker: asyncio.Task[None] | None = None
        self._forgotten = False

    def start(self) -> None:
        self.running = True
        self._metrics.files_active.inc()
        loop = asyncio.get_running_loop()
        self.task = loop.create_task(self._run(), name=f"tail {self.path}")
        self._marker = loop.create_task(self._mark_every_period(), name=f"position {self.path}")

    async def _mark_every_period(self) -> None:
        """tailer.go updatePosition: the read offset into the positions every sync period."""
        period = self._positions.sync_period_s
        while not await self._sleep(period) and self.running:
            try:
                self.mark_position_and_size()
            except OSError as err:
                log.error(
                    "position timer: error getting tail position and/or size, "
                    "stopping tailer path=%s error=%s",
                    self.path,
                    err,
                )
                self._stop.set()
                return

    async def _run(self) -> None:
        try:
            while not self._stop.is_set():
                await self._read_to_end()
                if self._stop.is_set():
                    break
                if self._one_more_run:
                    self._one_more_run = False
                    await self._reopen(truncated=False)
                    continue
                await self._wait_for_changes()
        except TailError as err:
            log.warning(
                "tail routine: tail channel closed, stopping tailer path=%s reason=%s",
                self.path,
                err,
            )
            self._close()
            self._forget()
        finally:
            self.running = False

    async def _read_to_end(self) -> None:
        """Hands over every complete line from the offset to the end of the file."""
        want = CHUNK
        while self._fd is not None and not self._stop.is_set():
            data = os.pread(self._fd, want, self.offset)
            end = data.rfind(b"\n") + 1
            if end == 0:
                if len(data) < want:
                    return  # at the end: nothing, or a partial line that waits
                want *= 2  # one line longer than the chunk
                continue
            want = CHUNK
            text = data[:end].decode("utf-8", "surrogateescape")
            lines = text.split("\n")
            lines.pop()
            self.offset += end
            self._metrics.read_lines.labels(self.path).inc(len(lines))
            await self._handler(lines, time.time_ns())
            if len(data) < CHUNK:
                return

    async def _sleep(self, seconds: float) -> bool:
        """Sleeps unless stopped first; True when stopped."""
        try:
            await asyncio.wait_for(self._stop.wait(), seconds)
        except TimeoutError:
            return False
        return True

    def _stat_path(self) -> os.stat_result | None:
        try:
            return os.stat(self.path)
        except FileNotFoundError:
            return None
        except OSError as err:
            raise TailError(f"Failed to stat file {self.path}: {err}") from None

    async def _wait_for_changes(self) -> None:
        if self._poller is None:
            found = self._stat_path()
            if found is None:
                raise TailError(f"stat {self.path}: no such file or directory")
            self._poller = _Poller((found.st_dev, found.st_ino), self.offset, wait=self._min_wait)
        poller = self._poller
        while True:
            if await self._sleep(poller.wait):
                return
            found = self._stat_path()
            if found is None or (found.st_dev, found.st_ino) != poller.ident:
                self._one_more_run = True  # moved or deleted: read the old file once more
                return
            size, previous = found.st_size, poller.prev_size
            poller.prev_size = size
            if previous > 0 and size < previous:
                poller.wait = self._min_wait
                await self._reopen(truncated=True)
                return
            if 0 < previous < size or found.st_mtime_ns != poller.prev_mtime:
                poller.prev_mtime = found.st_mtime_ns
                poller.wait = self._min_wait
                return
            poller.wait = min(poller.wait * 2, self._max_wait)

    async def _reopen(self, *, truncated: bool) -> None:
        """grafana/tail reopen(): the file now at the path, read from its start."""
        old = None if self._fd is None else os.fstat(self._fd)
        self._close()
        if not truncated:
            self._poller = None
        retries = REOPEN_RETRIES
        wait = self._min_wait
        while not self._stop.is_set():
            try:
                fd = os.open(self.path, os.O_RDONLY)
            except FileNotFoundError:
                if await self._sleep(wait):  # BlockUntilExists
                    return
                wait = min(wait * 2, self._max_wait)
                continue
            new = os.fstat(fd)
            if (
                not truncated
                and old is not None
                and (new.st_dev, new.st_ino) == (old.st_dev, old.st_ino)
            ):
                os.close(fd)
                retries -= 1
                if retries <= 0:
                    raise TailError("gave up trying to reopen log file with a different handle")
                if await self._sleep(0.25):
                    return
                continue
            self._fd = fd
            self.offset = 0
            return

    def _close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def mark_position_and_size(self) -> None:
        """tailer.go MarkPositionAndSize: the read offset into the positions, sizes into metrics."""
        if self._fd is None:
            return  # the file is gone: "skipping update of position"
        size = os.fstat(self._fd).st_size
        self._metrics.file_bytes.labels(self.path).set(size)
        self._metrics.read_bytes.labels(self.path).set(self.offset)
        self._positions.put(self.path, self.offset)

    async def stop(self) -> None:
        """Stops reading (lines already read are handed over first) and saves the position."""
        self._stop.set()
        for task in (self.task, self._marker):
            if task is not None:
                await task
        self.mark_position_and_size()
        self._close()
        self._forget()

    def _forget(self) -> None:
        if not self._forgotten:
            self._forgotten = True
            self._metrics.forget_file(self.path)
