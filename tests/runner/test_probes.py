"""The freshness probes' choice of selector when the collector config decides the labels."""

from __future__ import annotations

import pytest

from sim.runner.probes import any_stream_selector


@pytest.mark.parametrize(
    ("names", "selector"),
    [
        # compose/promtail/adr.yaml keeps `filename` (Promtail's file target sets it)
        (["app", "container", "filename", "job", "namespace", "pod"], '{filename=~".+"}'),
        # compose/promtail/recommended.yaml drops `filename`; every stream has `namespace`
        (["app", "container", "job", "level", "namespace", "pod"], '{namespace=~".+"}'),
        # a config of the user's with none of the usual labels; `__` names are Loki's own
        (["__stream_shard__", "team"], '{team=~".+"}'),
        ([], None),
    ],
)
def test_any_stream_selector(names: list[str], selector: str | None) -> None:
    assert any_stream_selector(names) == selector
