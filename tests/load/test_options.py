"""The load options: one table for Locust's flags, environment variables and the runner."""

from __future__ import annotations

import pytest

from sim.load.options import (
    OPTIONS,
    LoadOptions,
    add_arguments,
    from_values,
    to_argv,
    wanted_shapes,
)


@pytest.mark.parametrize(
    ("field", "text", "expected"),
    [
        ("streams", "20", 20),
        ("label_cardinality", "500", 500),
        ("line_size", "natural", 0),
        ("line_size", "1KiB", 1024),  # sim/units.py: IEC sizes
        ("line_size", "512", 512),
        ("line_format", "json-api", "json-api"),  # sim/fleet/workloads names
        ("tenants", "team-a, team-b", ("team-a", "team-b")),
        ("tenants", "", ()),
        ("batch_bytes", "64KiB", 65536),
        ("push_wait", "0", 0.0),
        ("push_wait", "0.25", 0.25),
        ("push_wait", "1m30s", 90.0),  # Go duration, as Loki and Promtail users write them
        ("query_range", "6h", 21600.0),
        ("query_endpoints", "labels,series", ("labels", "series")),
        ("shape", "log_bomb", "log_bomb"),
        ("shape_at", "", None),
        ("shape_factor", "2.5", 2.5),
    ],
)
def test_values_parse(field, text, expected):
    assert getattr(from_values({field: text}), field) == expected


@pytest.mark.parametrize(
    ("field", "text", "message"),
    [
        ("streams", "0", "expected a whole number >= 1, got '0'"),
        ("streams", "many", "expected a whole number >= 1, got 'many'"),
        ("label_cardinality", "531442", "expected a whole number from 1 to 531441, got '531442'"),
        ("line_size", "huge", "expected a size like '16KiB', '10MiB' or '256kb', got 'huge'"),
        (
            "line_format",
            "cobol",
            "expected one of mixed, json-api, nginx, java, logfmt-worker, postgres, kube-system, python-worker, redis, grafana, prometheus, payload-dump, got 'cobol'",
        ),
        ("tenants", "a|b", "expected tenant IDs of at most 150 bytes without '|', got 'a|b'"),
        ("query_range", "0", "expected a duration > 0 like '1h' or '15m', got '0'"),
        (
            "query_endpoints",
            "tail",
            "expected names from query_range, logs_volume, query, labels, label_values, series, index_stats, index_volume, got 'tail'",
        ),
        ("shape", "sine", "expected one of none, ramp, spike, log_bomb, got 'sine'"),
        ("shape_factor", "-1", "expected a number > 0, got '-1'"),
        (
            "queries_file",
            "/nonexistent/q.txt",
            "expected a file of LogQL queries, one per line, got '/nonexistent/q.txt'",
        ),
    ],
)
def test_bad_values_say_what_was_expected(field, text, message):
    with pytest.raises(ValueError) as caught:
        from_values({field: text})
    assert str(caught.value) == message


def test_flags_and_environment_variables_follow_the_field_names():
    option = next(o for o in OPTIONS if o.field == "label_cardinality")
    assert (option.flag, option.env) == ("--label-cardinality", "LOKISIM_LOAD_LABEL_CARDINALITY")


def test_defaults_need_no_flags():
    assert to_argv(LoadOptions()) == []


def test_argv_parses_back_to_the_same_options(tmp_path):
    (tmp_path / "q.txt").write_text('{app="api"}\n')
    options = LoadOptions(
        streams=3,
        label_cardinality=40,
        line_size=700,
        line_format="nginx",
        tenants=("a", "b"),
        batch_bytes=4096,
        push_wait=0.5,
        query_wait=2.0,
        query_range=900.0,
        queries_file=str(tmp_path / "q.txt"),
        query_endpoints=("labels",),
        shape="spike",
        shape_at=1.5,
        shape_for=2.0,
        shape_factor=3.0,
        seed=9,
    )
    argv = to_argv(options)
    values = {argv[i][2:].replace("-", "_"): argv[i + 1] for i in range(0, len(argv), 2)}
    assert from_values(values) == options


def test_locusts_parser_takes_flags_and_environment_variables(capsys):
    # Locust's parser is a configargparse one (locust/argument_parser.py); env_var is its kwarg.
    configargparse = pytest.importorskip("configargparse")
    parser = configargparse.ArgumentParser()
    add_arguments(parser)
    assert parser.parse_args(["--streams", "3"]).streams == 3
    assert parser.parse_args([], env_vars={"LOKISIM_LOAD_STREAMS": "4"}).streams == 4
    defaults = parser.parse_args([])
    assert from_values(vars(defaults)) == LoadOptions()
    with pytest.raises(SystemExit):
        parser.parse_args(["--line-size", "huge"])
    assert (
        "argument --line-size: expected a size like '16KiB', '10MiB' or '256kb', got 'huge'"
        in capsys.readouterr().err
    )


@pytest.mark.parametrize(
    ("argv", "environ", "shapes"),
    [
        ([], {}, []),
        (["--shape", "spike"], {}, ["spike"]),
        (["--shape=ramp", "-u", "3"], {}, ["ramp"]),
        (["--shape-at", "5"], {}, []),  # another flag that starts the same
        ([], {"LOKISIM_LOAD_SHAPE": "log_bomb"}, ["log_bomb"]),
        (["--shape", "sine"], {}, []),  # Locust's parser then refuses it with the list
        (["--class-picker"], {}, ["ramp", "spike", "log_bomb"]),
    ],
)
def test_wanted_shapes(argv, environ, shapes):
    assert wanted_shapes(argv, environ) == shapes


def test_more_lines_per_stream_than_a_push_can_stamp_apart_are_refused() -> None:
    # the locustfile reads its settings through from_values (sim/load/client.py's limit)
    assert from_values({"line_size": "2B", "batch_bytes": "4MiB"}).line_size == 2
    with pytest.raises(ValueError, match="at most 2097152 lines per stream, got 4194304 / 1"):
        from_values({"line_size": "1B", "batch_bytes": "4MiB"})
