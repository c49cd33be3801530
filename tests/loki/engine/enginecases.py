"""The sample generators and fake querier of grafana/loki v3.6.0 pkg/logql/engine_test.go
(newSeries, identity, factor, offset, constantValue, incValue, inverse, querierRecorder).

Like Loki's querierRecorder, the fake ignores the query: each range aggregation the engine
evaluates receives the next list of series, whatever its selector says.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from sim.loki.engine.labels import Labels, from_mapping
from sim.loki.engine.select import SeriesData
from sim.loki.logql import parse_matchers

S = 1_000_000_000
Sample = tuple[int, float]  # (ns, value)
Generator = Callable[[int], Sample]
SeriesIn = tuple[str, list[Sample]]


def identity(i: int) -> Sample:
    return i * S, 1.0


def factor(j: int, g: Generator) -> Generator:
    return lambda i: g(i * j)


def offset(j: int, g: Generator) -> Generator:
    return lambda i: g(i + j)


def constant_value(t: int) -> Generator:
    return lambda i: (i * S, float(t))


def inc_value(val: int) -> Generator:
    return lambda i: (i * S, float(val + i))


def inverse(g: Generator) -> Generator:
    return lambda i: g(-i)


def series(n: int, gen: Generator, labels: str) -> SeriesIn:
    return labels, [gen(i) for i in range(n)]


def parse_labels(text: str) -> Labels:
    return from_mapping({m.name: m.value for m in parse_matchers(text, validate=False)})


def fake_select(calls: Sequence[Sequence[SeriesIn]]) -> Callable[..., dict[Labels, SeriesData]]:
    """Each call returns the next group of series (merged by label set, sorted by time)."""
    pending = list(calls)

    def select(*_: object) -> dict[Labels, SeriesData]:
        group = pending.pop(0) if pending else []
        out: dict[Labels, SeriesData] = {}
        for text, samples in group:
            ordered = sorted(samples)
            run = ([t for t, _ in ordered], [v for _, v in ordered])
            out.setdefault(parse_labels(text), SeriesData()).runs.append(run)
        return out

    return select
