"""Store.select, forward, for a metric query that needs no line content: each stream's
entries as columns (colread.py), or, for a stream whose runs overlap or repeat a timestamp
(where merging and dedupe must look at lines), its entries exactly as Store.select yields
them.

    for pairs, data in select_columns(store, tenant, matcher, start_ns, end_ns):
        if isinstance(data, list): ...  # list[Columns], end to end in time order
        else: ...  # Iterator[Entry]
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping

from sim.loki.store.blockcols import Columns
from sim.loki.store.colread import in_order
from sim.loki.store.head import Entry
from sim.loki.store.lazyrun import merged_slices
from sim.loki.store.merge import dedupe_slices
from sim.loki.store.reader import StreamMatcher
from sim.loki.store.store import Store

StreamColumns = tuple[Mapping[str, str], list[Columns] | Iterator[Entry]]


def select_columns(
    store: Store, tenant: str, matchers: StreamMatcher | None, start_ns: int, end_ns: int
) -> Iterator[StreamColumns]:
    """Streams with entries in [start, end), by labels, as Store.select orders them."""
    reader = store.reader
    found = store.sources(tenant, matchers, start_ns, end_ns)
    for labels in sorted(found):
        sources = found[labels]
        runs = [run for run in reader.column_runs(sources, start_ns, end_ns) if len(run)]
        if not runs:
            continue
        if in_order(runs):
            yield sources.pairs, runs
            continue
        lazy = reader.lazy_runs(sources, start_ns, end_ns, False)
        entries = itertools.chain.from_iterable(dedupe_slices(merged_slices(lazy, False)))
        yield sources.pairs, entries
