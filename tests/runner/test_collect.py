"""Reading back one run's streams from a shared Loki, and knowing when the collector is done."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

from sim.loki.logql.parser import parse_matchers
from sim.runner.collect import (
    QUERY_REPEATS,
    fleet_files,
    probe_selector,
    run_streams,
    stored_entries,
    time_queries,
    unread_bytes,
)
from sim.scenario import parse_scenario
from sim.stack.lokiclient import Entry, Timed

POD = "production_api-7d9f8b6c5d-x2v4q_0b6c1d9e-1111-4222-8333-444455556666"


@pytest.fixture
def pods(tmp_path: Path) -> Path:
    directory = tmp_path / "run+1" / "pods"
    (directory / POD / "api").mkdir(parents=True)
    (directory / POD / "api" / "0.log").write_bytes(b"x" * 100)
    (directory / POD / "api" / "0.log.20261126-120000").write_bytes(b"y" * 50)  # rotated
    return directory


@pytest.mark.parametrize(
    ("labels", "kept"),
    [
        # compose/promtail/adr.yaml keeps Promtail's `filename`: under this run's pods dir
        ({"filename": "{pods}/" + POD + "/api/0.log", "namespace": "production"}, True),
        ({"filename": "/var/log/pods/" + POD + "/api/0.log", "namespace": "production"}, False),
        ({"filename": "{pods}-other/" + POD + "/api/0.log"}, False),
        # compose/promtail/recommended.yaml drops `filename`: namespace and pod name it
        ({"namespace": "production", "pod": "api-7d9f8b6c5d-x2v4q", "level": "info"}, True),
        ({"namespace": "production", "pod": "api-7d9f8b6c5d-zzzzz"}, False),
        ({"namespace": "staging", "pod": "api-7d9f8b6c5d-x2v4q"}, False),
        ({"job": "loadtest"}, False),
    ],
)
def test_run_streams(pods: Path, labels: dict[str, str], kept: bool) -> None:
    resolved = str(pods.resolve())
    labels = {k: v.replace("{pods}", resolved) for k, v in labels.items()}
    assert run_streams(pods)(labels) is kept


@pytest.mark.parametrize(
    ("labels", "kept"),
    [
        ({"filename": "{pods}/" + POD + "/api/0.log"}, True),
        # sim/load/payloads.py: Locust's streams name files under /var/log/pods
        ({"filename": "/var/log/pods/" + POD + "/api/0.log", "namespace": "production"}, False),
        ({"filename": "{pods}-other/" + POD + "/api/0.log"}, False),
        # without `filename` nothing says whose it is: read back, as on a Loki of one's own
        ({"namespace": "production", "pod": "api-7d9f8b6c5d-zzzzz"}, True),
    ],
)
def test_fleet_files_skip_only_streams_of_files_elsewhere(
    pods: Path, labels: dict[str, str], kept: bool
) -> None:
    resolved = str(pods.resolve())
    labels = {k: v.replace("{pods}", resolved) for k, v in labels.items()}
    assert fleet_files(pods)(labels) is kept


def test_probe_selector_matches_only_this_runs_files(pods: Path) -> None:
    assert probe_selector(None) is None  # the probes choose a label Loki has (probes.py)
    # The path holds `+`, a regexp operator: it must be escaped, and the selector valid LogQL.
    (matcher,) = parse_matchers(probe_selector(pods))
    assert matcher.matches(f"{pods.resolve()}/{POD}/api/0.log")
    assert not matcher.matches(f"{pods.resolve()}x/{POD}/api/0.log")
    assert not matcher.matches(f"/var/log/pods/{POD}/api/0.log")


@pytest.mark.parametrize(
    ("read", "unread"),
    [
        ({}, 100),  # not discovered yet: Promtail finds new files every sync_period (10 s)
        ({f"/var/log/pods/{POD}/api/0.log": 40.0}, 60),  # a container's path for the file
        ({f"/elsewhere/{POD}/api/0.log": 100.0}, 0),
        ({f"/x/{POD}/api/0.log": 150.0}, 0),  # read past the size: truncated and re-read
    ],
)
def test_unread_bytes_counts_current_files_only(
    pods: Path, read: dict[str, float], unread: int
) -> None:
    assert unread_bytes(pods, read) == unread


class FakeLoki:
    """series() and entries() over fixed streams; remembers the selectors asked."""

    def __init__(self, streams: list[dict[str, str]]) -> None:
        self.streams = streams
        self.selectors: list[str] = []

    def series(self, start_ns: int, end_ns: int) -> list[dict[str, str]]:
        return self.streams

    def entries(self, selector: str, start_ns: int, end_ns: int) -> Iterator[Entry]:
        self.selectors.append(selector)
        for i, labels in enumerate(self.streams):
            if all(f'{k}="{v}"' in selector for k, v in labels.items()) or "=~" in selector:
                yield Entry(labels, 1000 + i, f"line {i}")


def test_a_shared_loki_is_read_stream_by_stream(pods: Path) -> None:
    ours: Mapping[str, str] = {"namespace": "production", "pod": "api-7d9f8b6c5d-x2v4q"}
    theirs = {"namespace": "production", "pod": "payments-5c8d7f6b9d-abcde"}
    loki = FakeLoki([dict(ours), theirs])
    stored = stored_entries(loki, 0, 10, run_streams(pods))  # type: ignore[arg-type]
    assert [(dict(e.labels), e.line) for e in stored] == [(ours, "line 0")]
    assert loki.selectors == ['{namespace="production", pod="api-7d9f8b6c5d-x2v4q"}']


def test_an_own_loki_is_read_whole(pods: Path) -> None:
    loki = FakeLoki([{"namespace": "a"}, {"namespace": "b"}, {"job": "c"}])
    stored = stored_entries(loki, 0, 10)  # type: ignore[arg-type]
    assert len(stored) == 3
    assert loki.selectors == ['{namespace=~".+"}', '{job="c"}']


class _TimedLoki:
    """Answers each query after the seconds its text names (no clock involved)."""

    def timed_query(self, query: str, *, start_ns: int, end_ns: int, instant: bool) -> Timed:
        return Timed(float(query.split("#")[1]), 1, None)


def test_slow_queries_are_timed_fewer_times_never_skipped() -> None:
    scenario = parse_scenario(
        "name: q\npods: [{namespace: a, name: b, containers: [{name: c, workload: json-api,"
        " rate: 1/s}]}]\nqueries: ['{a=\"b\"} #0.1', '{a=\"b\"} #6', '{a=\"b\"} #30']\n",
        "q.yaml",
    )
    timings = time_queries(_TimedLoki(), scenario, 0, 10**12)  # type: ignore[arg-type]
    runs = {query.split("#")[1]: len(found) for query, found in timings.items()}
    assert runs == {"0.1": QUERY_REPEATS, "6": 2, "30": 1}  # QUERY_BUDGET_S is 10 s
