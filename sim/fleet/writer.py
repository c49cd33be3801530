"""One container's log file: kubelet's path layout, restarts and size-based rotation.

Follows kubelet's container log manager (pkg/kubelet/logs/container_log_manager.go):
rotation happens when a periodic check finds the live file at or over `max_size`; it
removes the oldest rotated files so at most `max_files - 2` remain, gzips the rotated
files not yet compressed, then renames the live file to `<n>.log.<YYYYMMDD-hhmmss>` and
the runtime reopens a fresh `<n>.log`. A restarted container writes `<restart+1>.log`.
"""

from __future__ import annotations

import gzip
import shutil
import time
from pathlib import Path
from typing import BinaryIO

# kubelet's rotated-file suffix: Go layout "20060102-150405".
_ROTATED_SUFFIX = "%Y%m%d-%H%M%S"


class ContainerLog:
    """The live CRI file of one container of one pod instance."""

    def __init__(self, container_dir: Path, *, max_size: int, max_files: int) -> None:
        self.dir = container_dir
        self.max_size = max_size
        self.max_files = max_files
        self.restart = 0
        self.rotations = 0
        self.writes = 0
        self.dir.mkdir(parents=True, exist_ok=True)
        self._file: BinaryIO = self.path.open("ab")
        self._size = self.path.stat().st_size

    @property
    def path(self) -> Path:
        return self.dir / f"{self.restart}.log"

    @property
    def size(self) -> int:
        return self._size

    def write(self, data: bytes) -> None:
        self._file.write(data)
        self._size += len(data)
        self.writes += 1

    def flush(self) -> None:
        self._file.flush()

    def close(self) -> None:
        self._file.close()

    def restart_container(self) -> None:
        """The container restarted: the runtime opens `<restart+1>.log`, the old file stays."""
        self._file.close()
        self.restart += 1
        self._file = self.path.open("ab")
        self._size = 0

    def maybe_rotate(self, now: float) -> bool:
        """kubelet's periodic check: rotate when the live file reached `max_size`."""
        if self.max_size <= 0 or self._size < self.max_size:
            return False
        self._file.flush()
        rotated = sorted(p for p in self.dir.glob(f"{self.path.name}.*") if _in_use(p))
        keep = max(self.max_files - 2, 0)
        for old in rotated[: max(len(rotated) - keep, 0)]:
            old.unlink()
        for old in rotated[max(len(rotated) - keep, 0) :]:
            if old.suffix != ".gz":
                _gzip_in_place(old)
        stamp = time.strftime(_ROTATED_SUFFIX, time.gmtime(now))
        target = self.dir / f"{self.path.name}.{stamp}"
        # Two rotations in one second would reuse the name; kubelet's rename would replace it.
        self.path.rename(target)
        self._file.close()
        self._file = self.path.open("ab")
        self._size = 0
        self.rotations += 1
        return True


def _in_use(path: Path) -> bool:
    """kubelet's isInUse: temporary files and already-compressed originals are not."""
    if path.name.endswith(".tmp"):
        return False
    return path.suffix == ".gz" or not path.with_name(path.name + ".gz").exists()


def _gzip_in_place(path: Path) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with path.open("rb") as src, gzip.open(tmp, "wb") as dst:
        shutil.copyfileobj(src, dst)
    tmp.rename(path.with_name(path.name + ".gz"))
    path.unlink()
