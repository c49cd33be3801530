"""The store as the query engine's LogSource (sim/loki/engine/source.py).

The engine hands over a list of label matchers; the store takes one predicate over a
stream's labels. A label the stream lacks matches as "" (Prometheus semantics).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Literal

from sim.loki.logql.matchers import Matcher
from sim.loki.store import Entry, Store
from sim.loki.store.colselect import StreamColumns, select_columns

Direction = Literal["forward", "backward"]


def stream_matcher(
    matchers: Sequence[Matcher],
) -> Callable[[Mapping[str, str]], bool] | None:
    """A predicate for Store.select (None when there is nothing to match)."""
    if not matchers:
        return None
    chosen = tuple(matchers)

    def matches(labels: Mapping[str, str]) -> bool:
        return all(m.matches(labels.get(m.name, "")) for m in chosen)

    return matches


class StoreSource:
    """LogSource (and ColumnSource) over a Store: same streams, same order of entries."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def select(
        self,
        tenant: str,
        matchers: Sequence[Matcher],
        start_ns: int,
        end_ns: int,
        direction: Direction,
    ) -> Iterator[tuple[Mapping[str, str], Iterator[Entry]]]:
        predicate = stream_matcher(matchers)
        yield from self.store.select(tenant, predicate, start_ns, end_ns, direction=direction)

    def select_columns(
        self, tenant: str, matchers: Sequence[Matcher], start_ns: int, end_ns: int
    ) -> Iterator[StreamColumns]:
        """select's streams, forward, as columns where they can be (store/colselect.py)."""
        return select_columns(self.store, tenant, stream_matcher(matchers), start_ns, end_ns)
