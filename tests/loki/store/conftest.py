"""Shared helpers: a fake clock and a way to read a whole selection back."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import pytest

from sim.loki.store import Store, StoreConfig

START = 1_750_000_000.0  # seconds


class FakeClock:
    def __init__(self, now: float = START) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds

    @property
    def ns(self) -> int:
        return int(self.now * 1e9)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def open_store(tmp_path: Path, clock: FakeClock) -> Iterator[Callable[..., Store]]:
    """Open (or reopen) the store in tmp_path with the given settings."""
    opened: list[Store] = []

    def opener(cfg: StoreConfig | None = None) -> Store:
        store = Store(tmp_path / "data", cfg or StoreConfig(), clock=clock)
        opened.append(store)
        return store

    yield opener
    for store in opened:
        store.close(flush=False)


def read(
    store: Store,
    matchers: Callable[[Mapping[str, str]], bool] | None = None,
    start: int = 0,
    end: int = 2**62,
    direction: str = "forward",
    tenant: str = "t",
) -> dict[tuple[tuple[str, str], ...], list[tuple[int, bytes]]]:
    """Every selected stream's (ts, line) list, keyed by its sorted label pairs."""
    return {
        tuple(sorted(pairs.items())): [(ts, line) for ts, line, _ in entries]
        for pairs, entries in store.select(tenant, matchers, start, end, direction=direction)  # type: ignore[arg-type]
    }
