"""The server process's collector settings (sim/loki/http/gctune.py)."""

from __future__ import annotations

import gc

from sim.loki.http.gctune import THRESHOLDS, restore_gc, tune_gc


def test_tune_then_restore() -> None:
    before = gc.get_threshold()
    previous = tune_gc()
    try:
        assert previous == before
        assert gc.get_threshold() == THRESHOLDS
        assert gc.get_freeze_count() > 0  # what start-up built is left out of collections
    finally:
        restore_gc(previous)
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0
