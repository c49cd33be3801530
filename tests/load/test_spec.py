"""The scenario `load:` block: strict, and errors name the field, what was expected and found."""

from __future__ import annotations

import pytest

from sim.errors import ScenarioError
from sim.load.options import LoadOptions
from sim.load.spec import parse_load_spec

WHERE = "scenarios/x.yaml"


@pytest.mark.parametrize(
    ("raw", "field", "message"),
    [
        ([1], "load", "expected a mapping of load settings, got list"),
        ({"users": 3}, "load.users", "unknown key"),
        ({"push_users": -1}, "load.push_users", "expected a value >= 0, got -1"),
        ({"push_users": "two"}, "load.push_users", "expected an integer, got 'two'"),
        (
            {"push_users": 0, "query_users": 0},
            "load",
            "expected at least one user (push_users + query_users >= 1), got push_users=0 query_users=0",
        ),
        # sim/load/client.py: a push stamps a stream's entries apart in 3 bytes of nanoseconds
        (
            {"line_size": "1B", "batch_bytes": "4MiB"},
            "load",
            "expected batch_bytes / line_size to be at most 2097152 lines per stream, got 4194304 / 1",
        ),
        ({"spawn_rate": 0}, "load.spawn_rate", "expected a value > 0, got 0"),
        (
            {"for": "soon"},
            "load.for",
            "expected a duration like '30s', '5m' or '1h30m', got 'soon'",
        ),
        (
            {"shape": {"kind": "sine"}},
            "load.shape.kind",
            "expected one of 'ramp', 'spike' or 'log_bomb', got 'sine'",
        ),
        (
            {"shape": {"kind": "spike", "factor": 0}},
            "load.shape.factor",
            "expected a value > 0, got 0",
        ),
        ({"shape": {"kind": "spike", "every": "1m"}}, "load.shape.every", "unknown key"),
        ({"streams": 0}, "load.streams", "expected a value >= 1, got 0"),
        (
            {"label_cardinality": 600000},
            "load.label_cardinality",
            "expected a value <= 531441, got 600000",
        ),
        (
            {"line_size": "big"},
            "load.line_size",
            "expected a size like '16KiB', '10MiB' or '256kb', got 'big'",
        ),
        (
            {"line_format": "cobol"},
            "load.line_format",
            "expected one of mixed, json-api, nginx, java, logfmt-worker, postgres, kube-system, python-worker, redis, grafana, prometheus, payload-dump, got 'cobol'",
        ),
        (
            {"tenants": ["a|b"]},
            "load.tenants",
            "expected tenant IDs of at most 150 bytes without '|', got 'a|b'",
        ),
        (
            {"batch_bytes": "lots"},
            "load.batch_bytes",
            "expected a size like '16KiB', '10MiB' or '256kb', got 'lots'",
        ),
        ({"query_range": "0s"}, "load.query_range", "expected a value > 0, got '0s'"),
        (
            {"queries": []},
            "load.queries",
            "expected list should have at least 1 item after validation, not 0",
        ),
        (
            {"queries": ["vector(1)"]},
            "load.queries",
            "expected a LogQL query with a stream selector, got 'vector(1)'",
        ),
        (
            {"endpoints": ["tail"]},
            "load.endpoints[0]",
            "expected one of 'query_range', 'logs_volume', 'query', 'labels', 'label_values', 'series', 'index_stats' or 'index_volume', got 'tail'",
        ),
    ],
)
def test_bad_blocks_name_field_expected_and_found(raw, field, message):
    with pytest.raises(ScenarioError) as caught:
        parse_load_spec(raw, WHERE)
    assert (caught.value.path, caught.value.field, caught.value.detail) == (WHERE, field, message)
    assert str(caught.value) == f"{WHERE}: {field}: {message}"


def test_an_empty_block_is_one_push_user_and_one_query_user_for_the_whole_run():
    spec = parse_load_spec({}, WHERE)
    assert spec.users() == {"PushUser": 1, "QueryUser": 1}
    assert (spec.at, spec.for_, spec.shape) == (0.0, None, None)
    assert spec.options(seed=7) == LoadOptions(seed=7)


def test_a_full_block_becomes_the_locustfile_options():
    spec = parse_load_spec(
        {
            "at": "10s",
            "for": "1m",
            "push_users": 3,
            "query_users": 0,
            "shape": {"kind": "log_bomb", "at": "20s", "for": "10s", "factor": 20},
            "streams": 5,
            "label_cardinality": 100,
            "line_size": "1KiB",
            "line_format": "nginx",
            "tenants": ["team-a"],
            "batch_bytes": "256KiB",
            "push_wait": "500ms",
            "query_wait": 2,
            "query_range": "15m",
            "queries": ['{app="api"}'],
            "endpoints": ["query_range", "labels"],
            "seed": 4,
        },
        WHERE,
    )
    assert (spec.at, spec.for_) == (10.0, 60.0)
    assert spec.options(seed=1, queries_file="q.txt") == LoadOptions(
        streams=5,
        label_cardinality=100,
        line_size=1024,
        line_format="nginx",
        tenants=("team-a",),
        batch_bytes=262144,
        push_wait=0.5,
        query_wait=2.0,
        query_range=900.0,
        queries_file="q.txt",
        query_endpoints=("query_range", "labels"),
        shape="log_bomb",
        shape_at=20.0,
        shape_for=10.0,
        shape_factor=20.0,
        seed=4,
    )
