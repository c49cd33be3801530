"""One file target: which files a `__path__` glob matches, kept in step with the disk.

targets/file/filetarget.go: every target_config.sync_period the glob is evaluated again;
new files are tailed (from their saved position), files no longer matched are stopped and
their positions removed, tailers that died are restarted. Promtail also tails a file as
soon as it is created in a directory it already watches (fsnotify); lokisim lists those
directories at the file-watch poll frequency to the same effect. A new directory (a new
pod) is only found by the next sync, as with Promtail's static_configs.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
from functools import partial

from . import doublestar, messages
from .config_model import TargetConfig, WatchConfig
from .discovery import TargetSpec
from .metrics import AgentMetrics
from .positions import Positions
from .scrape import ScrapePipeline
from .tailer import Tailer

log = logging.getLogger("lokisim.agent.filetarget")


def _matches(pattern: str) -> list[str]:
    if not pattern:
        return []
    if os.path.isfile(pattern):
        return [pattern]  # an existing file: no glob needed
    return doublestar.filepath_glob(pattern)


class FileTarget:
    def __init__(
        self,
        spec: TargetSpec,
        scrape: ScrapePipeline,
        positions: Positions,
        target_config: TargetConfig,
        watch: WatchConfig,
        metrics: AgentMetrics,
    ) -> None:
        self.spec = spec
        self._scrape = scrape
        self._positions = positions
        self._sync_period = target_config.sync_period_ns / 1e9
        self._watch = watch
        self._metrics = metrics
        self.readers: dict[str, Tailer] = {}
        self._listings: dict[str, set[str]] = {}
        self._stop = asyncio.Event()
        self.task: asyncio.Task[None] | None = None

    def ready(self) -> bool:
        return bool(self.readers)

    def start(self) -> None:
        self.task = asyncio.get_running_loop().create_task(
            self._run(), name=f"target {self.spec.key}"
        )

    async def _run(self) -> None:
        await self.sync()
        poll = self._watch.min_poll_ns / 1e9
        since_sync = 0.0
        while True:
            try:
                await asyncio.wait_for(self._stop.wait(), poll)
                return
            except TimeoutError:
                pass
            since_sync += poll
            if since_sync >= self._sync_period:
                since_sync = 0.0
                await self.sync()
            else:
                self._created_files()

    async def sync(self) -> None:
        spec = self.spec
        try:
            excluded = set(_matches(spec.exclude))
            matches = [os.path.abspath(m) for m in _matches(spec.path) if m not in excluded]
        except doublestar.BadPattern as err:
            log.error("error running sync function error=%s", err)
            return
        self._report_size(matches)
        watched = {os.path.dirname(m) for m in matches}
        for directory in watched - set(self._listings):
            self._listings[directory] = _listdir(directory)
        for directory in set(self._listings) - watched:
            del self._listings[directory]
        for path, reader in list(self.readers.items()):
            if not reader.running:  # pruneStoppedTailers: restarted below
                del self.readers[path]
                await reader.stop()
        self.start_tailing(matches)
        keep = set(matches)
        for path in [p for p in self.readers if p not in keep]:
            reader = self.readers.pop(path)
            await reader.stop()
            self._positions.remove(path)

    def _report_size(self, matches: list[str]) -> None:
        for path in matches:
            reader = self.readers.get(path)
            try:
                if reader is not None:
                    reader.mark_position_and_size()
                else:
                    self._metrics.file_bytes.labels(path).set(os.stat(path).st_size)
            except OSError:
                return  # filetarget.go gives up reporting sizes for this round

    def _created_files(self) -> None:
        """fsnotify Create events in watched directories, for paths the glob matches."""
        for directory, before in self._listings.items():
            now = _listdir(directory)
            self._listings[directory] = now
            for name in sorted(now - before):
                full = os.path.join(directory, name)
                try:
                    matched = doublestar.match(self.spec.path, full)
                except doublestar.BadPattern:
                    matched = False
                if matched:
                    self.start_tailing([full])

    def start_tailing(self, paths: list[str]) -> None:
        exclude = self.spec.exclude
        for path in paths:
            if path in self.readers:
                continue
            if not os.path.exists(path):
                log.error("failed to tail file, stat failed filename=%s", path)
                _forget(self._metrics, path)
                continue
            if os.path.isdir(path):
                _forget(self._metrics, path)
                continue
            try:
                if exclude and doublestar.match(exclude, path):
                    _forget(self._metrics, path)
                    continue
            except doublestar.BadPattern:
                continue
            labels = {**self.spec.labels, messages.FILENAME_LABEL: path}
            handler = partial(self._scrape.handle, labels)
            try:
                tailer = Tailer(path, self._positions, handler, self._watch, self._metrics)
            except (OSError, ValueError) as err:
                log.error("failed to start tailer error=%s filename=%s", err, path)
                continue
            tailer.start()
            self.readers[path] = tailer

    async def stop(self) -> None:
        self._stop.set()
        if self.task is not None:
            await self.task
        for reader in list(self.readers.values()):
            await reader.stop()
        self.readers.clear()


def _listdir(directory: str) -> set[str]:
    try:
        return set(os.listdir(directory))
    except OSError:
        return set()


def _forget(metrics: AgentMetrics, path: str) -> None:
    with contextlib.suppress(KeyError):
        metrics.file_bytes.remove(path)
