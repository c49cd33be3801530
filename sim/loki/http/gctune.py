"""Garbage-collector settings for the embedded Loki's process.

A push allocates tens of thousands of short-lived objects (entries, tuples, protobuf
wrappers). With CPython's default first threshold (700) the collector runs dozens of times
per push and promotes the push's own live objects into older generations, which later full
collections walk again: about a tenth of the ingest time. A first threshold above one
push's allocations lets them die young, and freezing what start-up built (config, grammar,
registries) keeps full collections from walking it. Nothing here changes what the server
does, only when cycles are reclaimed.
"""

from __future__ import annotations

import gc

THRESHOLDS = (50_000, 20, 100)


def tune_gc() -> tuple[int, int, int]:
    """Freeze the objects alive now and raise the thresholds; returns the previous ones."""
    previous = gc.get_threshold()
    gc.collect()
    gc.freeze()
    gc.set_threshold(*THRESHOLDS)
    return previous


def restore_gc(previous: tuple[int, int, int]) -> None:
    """Undo tune_gc (for callers that share the process, such as the benchmarks)."""
    gc.set_threshold(*previous)
    gc.unfreeze()
