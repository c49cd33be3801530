"""sim/loki/engine/source.py: the MemorySource behind the LogSource protocol."""

from __future__ import annotations

from sim.loki.engine.source import MemorySource
from sim.loki.logql import parse_matchers


def _select(source, query, start, end, direction):
    return [
        (dict(labels), [e[0] for e in entries])
        for labels, entries in source.select("t", parse_matchers(query), start, end, direction)
    ]


def test_range_is_start_inclusive_end_exclusive_and_sorted():
    source = MemorySource()
    source.push("t", {"app": "a"}, [(30, b"c"), (10, b"a"), (20, b"b")])
    assert _select(source, '{app="a"}', 10, 30, "forward") == [({"app": "a"}, [10, 20])]
    assert _select(source, '{app="a"}', 10, 31, "backward") == [({"app": "a"}, [30, 20, 10])]


def test_matchers_and_tenants():
    source = MemorySource()
    source.push("t", {"app": "a", "env": "prod"}, [(1, b"x")])
    source.push("t", {"app": "b"}, [(1, b"y")])
    source.push("other", {"app": "a"}, [(1, b"z")])
    assert _select(source, '{app=~"a|b", env!="prod"}', 0, 10, "forward") == [({"app": "b"}, [1])]
    assert _select(source, '{app="c"}', 0, 10, "forward") == []
