"""Container log files: kubelet's rotation and restart behaviour
(kubernetes pkg/kubelet/logs/container_log_manager.go)."""

from __future__ import annotations

import gzip
import time
from pathlib import Path

from sim.fleet.writer import ContainerLog

T0 = 1_795_703_941.0  # 2026-11-26T14:39:01Z


def _names(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir())


def test_no_rotation_below_max_size(tmp_path: Path) -> None:
    log = ContainerLog(tmp_path / "c", max_size=100, max_files=5)
    log.write(b"x" * 99)
    assert not log.maybe_rotate(T0)
    log.close()
    assert _names(tmp_path / "c") == ["0.log"]


def test_rotation_renames_with_kubelet_timestamp_and_reopens(tmp_path: Path) -> None:
    log = ContainerLog(tmp_path / "c", max_size=100, max_files=5)
    log.write(b"a" * 100)  # rotation happens at size >= MaxSize
    assert log.maybe_rotate(T0)
    log.write(b"b")
    log.close()
    # rotateLatestLog: "<log>.<now formatted as 20060102-150405>", latest left uncompressed.
    assert _names(tmp_path / "c") == ["0.log", "0.log.20261126-143901"]
    assert (tmp_path / "c" / "0.log.20261126-143901").read_bytes() == b"a" * 100
    assert (tmp_path / "c" / "0.log").read_bytes() == b"b"


def test_older_rotated_files_are_gzipped_and_excess_removed(tmp_path: Path) -> None:
    log = ContainerLog(tmp_path / "c", max_size=10, max_files=4)
    for index in range(5):
        log.write(bytes([65 + index]) * 10)
        assert log.maybe_rotate(T0 + index)
    log.close()
    names = _names(tmp_path / "c")
    # MaxFiles 4: the live file, the latest rotated one, and MaxFiles-2 = 2 older ones (gzipped).
    assert names == [
        "0.log",
        "0.log.20261126-143903.gz",
        "0.log.20261126-143904.gz",
        "0.log.20261126-143905",
    ]
    assert gzip.decompress((tmp_path / "c" / "0.log.20261126-143904.gz").read_bytes()) == b"D" * 10
    assert time.gmtime(T0 + 4).tm_sec == 5


def test_restart_writes_the_next_file_and_keeps_the_old(tmp_path: Path) -> None:
    log = ContainerLog(tmp_path / "c", max_size=0, max_files=5)
    log.write(b"first\n")
    log.restart_container()
    log.write(b"second\n")
    log.close()
    assert _names(tmp_path / "c") == ["0.log", "1.log"]
    assert (tmp_path / "c" / "1.log").read_bytes() == b"second\n"
    assert log.path.name == "1.log"
