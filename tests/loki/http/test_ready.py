"""GET /ready's state machine (pkg/loki/loki.go readyHandler, dskit ring/lifecycler.go)."""

from __future__ import annotations

import pytest

from sim.loki.http.ready import RUNNING, Readiness, min_ready_duration

_S = 1_000_000_000


def test_min_ready_duration_counts_from_the_first_check_after_start() -> None:
    ready = Readiness(15 * _S)
    # modules still starting (WAL replay): the service manager is not healthy
    assert ready.check(0) == (503, "Some services are not Running:\nStarting: 1\n")
    ready.state = RUNNING
    assert ready.accepting
    waiting = (503, "Ingester not ready: waiting for 15s after being ready")
    assert ready.check(100 * _S) == waiting  # the counter starts here (readySince)
    assert ready.check(114 * _S) == waiting
    assert ready.check(115 * _S) == (200, "ready")
    assert ready.check(115 * _S) == (200, "ready")  # i.ready is kept


def test_shutdown_is_checked_first() -> None:
    ready = Readiness(0)
    ready.state = RUNNING
    assert ready.check(0) == (200, "ready")
    ready.shutdown_requested = True
    assert not ready.accepting
    assert ready.check(1) == (503, "Application is stopping")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ({}, 15 * _S),  # -ingester.min-ready-duration default
        ({"ingester": {"lifecycler": {"min_ready_duration": "0s"}}}, 0),
        ({"ingester": {"lifecycler": {"min_ready_duration": "1m30s"}}}, 90 * _S),
        ({"ingester": {"lifecycler": {"min_ready_duration": None}}}, 0),  # YAML null: zero
        ({"ingester": None}, 15 * _S),
    ],
)
def test_min_ready_duration_from_the_file(raw: dict[str, object], expected: int) -> None:
    assert min_ready_duration(raw) == expected
