"""The fleet end to end on a virtual clock: files, ledger, accounting, determinism."""

from __future__ import annotations

import asyncio
import hashlib
from pathlib import Path

import pytest

from sim.fleet.clock import VirtualClock
from sim.fleet.cri import parse_line
from sim.fleet.ledger import Ledger, read_ledger
from sim.fleet.runner import Fleet
from sim.scenario import parse_scenario

T0 = 1_795_703_941.0

SCENARIO = """
name: small
duration: 20s
seed: 5
pods:
  - {namespace: production, name: api, replicas: 2,
     containers: [{name: api, workload: json-api, rate: 50/s}]}
  - {namespace: production, name: orders, containers: [{name: orders, workload: java, rate: 8KiB/s}]}
  - {namespace: home, name: redis, controller: statefulset,
     containers: [{name: redis, workload: redis, rate: 5/s}]}
  - {namespace: production, name: gateway,
     containers: [{name: gateway, workload: payload-dump, rate: 1/s}]}
timeline:
  - {kind: restart, pod: production/orders, at: 10s}
  - {kind: churn, pods: [home/redis], per_minute: 6, at: 0s, for: 20s}
  - {kind: label_blowup, pod: production/api, new_pods: 20, lines_per_pod: 2, at: 5s, for: 5s}
secrets:
  ratio: 0.2
"""


def _run(tmp_path: Path, text: str = SCENARIO, seed: int | None = None) -> tuple[Fleet, Path]:
    scenario = parse_scenario(text, "small.yaml")
    ledger = Ledger(tmp_path / "run", tmp_path / "pods")
    fleet = Fleet(scenario, tmp_path / "pods", ledger, VirtualClock(T0), seed=seed)
    asyncio.run(fleet.run())
    ledger.close()
    return fleet, tmp_path / "pods"


def _cri_lines(pods: Path) -> dict[Path, list[bytes]]:
    return {path: path.read_bytes().split(b"\n")[:-1] for path in sorted(pods.rglob("*.log"))}


def _digest(pods: Path) -> str:
    digest = hashlib.sha256()
    for path, lines in _cri_lines(pods).items():
        digest.update(str(path.relative_to(pods)).encode())
        digest.update(b"\n".join(lines))
    return digest.hexdigest()


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path: Path) -> None:
    _, one = _run(tmp_path / "a")
    _, two = _run(tmp_path / "b")
    _, three = _run(tmp_path / "c", seed=6)
    assert _digest(one) == _digest(two)
    assert _digest(one) != _digest(three)


def test_layout_restarts_churn_and_blowup(tmp_path: Path) -> None:
    fleet, pods = _run(tmp_path)
    dirs = sorted(p.name for p in pods.iterdir())
    redis = [d for d in dirs if d.startswith("home_redis-0_")]
    # 6 per minute is one replacement every 10 s: at 10 s only (20 s is the end); the
    # deleted pod's directory outlives the run because kubelet's GC comes a minute later.
    assert len(redis) == 2
    assert fleet.deleted_pod_dirs == []
    api = [d for d in dirs if d.startswith("production_api-")]
    assert len(api) == 2 + 20
    orders = next(pods.glob("production_orders-*/orders"))
    assert sorted(p.name for p in orders.iterdir()) == ["0.log", "1.log"]
    blowup = [s for s in fleet.sources if s.remaining_lines is not None]
    assert len(blowup) == 20 and all(s.stopped for s in blowup)
    assert all(s.counts.entries >= 2 for s in blowup)


def test_every_line_is_valid_cri_in_time_order(tmp_path: Path) -> None:
    _, pods = _run(tmp_path)
    for path, lines in _cri_lines(pods).items():
        stamps = []
        for line in lines:
            stamp, stream, tag, _ = parse_line(line)
            assert stream in ("stdout", "stderr") and tag in ("F", "P"), path
            stamps.append(stamp)
        assert lines, path
        # RFC3339Nano strings of one second sort like their instants only with padding, so
        # compare parsed values.
        assert stamps == sorted(stamps, key=_ns), path


def _ns(stamp: str) -> int:
    head, _, frac = stamp.rstrip("Z").partition(".")
    return int(head.replace("-", "").replace("T", "").replace(":", "")) * 10**9 + int(
        (frac or "0").ljust(9, "0")
    )


def test_accounting_matches_the_files(tmp_path: Path) -> None:
    fleet, pods = _run(tmp_path)
    files = _cri_lines(pods)
    for source in fleet.sources:
        counts = source.counts
        mine = [
            line
            for path, lines in files.items()
            if path.parent.parent.name == f"{counts.namespace}_{counts.pod}_{counts.pod_uid}"
            and path.parent.name == counts.container
            for line in lines
        ]
        assert len(mine) == counts.cri_lines
        assert sum(1 for line in mine if parse_line(line)[2] == "F") == counts.entries
        assert sum(len(line) + 1 for line in mine) == counts.file_bytes
        assert sum(len(parse_line(line)[3]) for line in mine) == counts.content_bytes


def _entries(path: Path) -> list[tuple[str, str]]:
    """(timestamp of the first chunk, content) per application line: P chunks joined to their F."""
    entries: list[tuple[str, str]] = []
    pending: list[bytes] = []
    first = ""
    for raw in path.read_bytes().split(b"\n")[:-1]:
        stamp, _, tag, content = parse_line(raw)
        first = first if pending else stamp
        pending.append(content)
        if tag == "F":
            entries.append((first, b"".join(pending).decode()))
            pending = []
    return entries


def test_every_secret_is_where_the_ledger_says_exactly_once(tmp_path: Path) -> None:
    fleet, pods = _run(tmp_path)
    records = read_ledger(tmp_path / "run" / "ledger.jsonl")
    assert len(records) > 20
    assert {r.kind for r in records} == set(fleet.scenario.secrets.kind_list())
    by_file = {path: _entries(path) for path in pods.rglob("*.log")}
    everything = "\n".join(c for entries in by_file.values() for _, c in entries)
    for record in records:
        assert everything.count(record.value) == 1, record
        assert everything.count(record.marker) == 1, record
        directory = pods / f"{record.namespace}_{record.pod}_{record.pod_uid}" / record.container
        assert Path(record.file).parent == directory
        found = [
            (stamp, content)
            for path in directory.glob("*.log")
            for stamp, content in by_file[path]
            if record.marker in content
        ]
        assert len(found) == 1
        assert record.value in found[0][1]
        assert found[0][0] == record.timestamp


def test_deleted_pods_logs_are_collected_after_the_gc_delay(tmp_path: Path) -> None:
    text = SCENARIO.replace("name: small\n", "name: small\npod_gc_delay: 5s\n")
    fleet, pods = _run(tmp_path, text)
    assert len(fleet.deleted_pod_dirs) == 1  # churned at 10 s, collected at 15 s
    gone = fleet.deleted_pod_dirs[0]
    assert gone.name.startswith("home_redis-0_") and not gone.exists()
    assert len([d for d in pods.iterdir() if d.name.startswith("home_redis-0_")]) == 1


@pytest.mark.parametrize("size", [16384, 4096])
def test_long_content_becomes_partial_lines(tmp_path: Path, size: int) -> None:
    text = SCENARIO.replace("name: small\n", f"name: small\ncri_max_line_size: {size}\n")
    fleet, pods = _run(tmp_path, text)
    partial = sum(s.counts.partial_lines for s in fleet.sources)
    longest = max(len(parse_line(line)[3]) for lines in _cri_lines(pods).values() for line in lines)
    assert longest <= size
    assert partial > 0  # payload-dump bodies reach hundreds of KiB
