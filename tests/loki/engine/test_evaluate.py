"""End-to-end behaviour of query_range / query_instant over a MemorySource: Loki's errors
(pkg/logqlmodel/error.go, engine.go, querier/http.go, queryrange/limits.go), structured
metadata and categorize-labels (engine.go readStreams, iter/categorized_labels_iterator.go)."""

from __future__ import annotations

import pytest

from sim.errors import UnsupportedFeature
from sim.loki.engine.errors import PipelineError, QueryError, QueryLimitError
from sim.loki.engine.evaluate import query_instant, query_range
from sim.loki.engine.labels import from_mapping
from sim.loki.engine.limits import QueryLimits
from sim.loki.engine.results import LogEntry, Stream
from sim.loki.engine.source import MemorySource
from sim.loki.logql import LogQLParseError

from .homelab import T0, TENANT, S, homelab

LIMITS = QueryLimits()
END = T0 + 600 * S
NOW = END + 60 * S


def _range(query: str, source=None, **kwargs):
    kwargs.setdefault("limits", LIMITS)
    kwargs.setdefault("now_ns", NOW)
    return query_range(source or homelab(), TENANT, query, T0, END, 60 * S, **kwargs)


def test_pipeline_error_names_the_series():
    # logqlmodel.PipelineError: a JSON parser error reaches the range aggregation
    with pytest.raises(PipelineError) as caught:
        query_instant(homelab(), TENANT, 'count_over_time({app="worker"} | json [5m])', END,
                      limits=LIMITS, now_ns=NOW)  # fmt: skip
    series = (
        '{__error__="JSONParserErr", __error_details__="Value looks like object, but can\'t '
        'find closing \'}\' symbol", app="worker", job="default/worker", namespace="default", '
        'pod="worker-1"}'
    )
    assert str(caught.value) == (
        f"pipeline error: 'JSONParserErr' for series: '{series}'.\n"
        'Use a label filter to intentionally skip this error. (e.g | __error__!="JSONParserErr").\n'
        'To skip all potential errors you can match empty errors.(e.g __error__="")\n'
        'The label filter can also be specified after unwrap. (e.g | unwrap latency | __error__="" )\n'
    )
    assert caught.value.status_code == 400


def test_sum_without_grouping_skips_the_parser():
    # parser_hints.go: `sum(... | json [..])` needs no label, the parser never runs, no error
    result = query_instant(homelab(), TENANT, 'sum(count_over_time({app="worker"} | json [5m]))',
                           END, limits=LIMITS, now_ns=NOW)  # fmt: skip
    assert [(s.labels, s.value) for s in result.data] == [((), 29.0)]  # 310 s .. 590 s


def test_error_filter_drops_errors():
    result = query_instant(
        homelab(), TENANT, 'count_over_time({app="worker"} | json | __error__="" [5m])', END,
        limits=LIMITS, now_ns=NOW,
    )  # fmt: skip
    assert result.data == []


def test_stage_error_when_the_query_runs():
    # ast.go MultiStageExpr.stages: logqlmodel.NewStageError
    with pytest.raises(LogQLParseError) as caught:
        _range('{app="api"} |~ "("')
    assert str(caught.value) == (
        "parse error : stage '|~ \"(\"' : error parsing regexp: missing closing ): `(`"
    )


@pytest.mark.parametrize(
    ("query", "kwargs", "error", "message"),
    [
        # querier/http.go validateMaxEntriesLimits
        ('{app="api"}', {"limit": 5001}, QueryLimitError,
         "max entries limit per query exceeded, limit > max_entries_limit_per_query (5001 > 5000)"),
        # logqlmodel.ErrVariantsDisabled
        ('variants(count_over_time({app="api"}[1m])) of ({app="api"}[1m])', {}, QueryError,
         "multi variant queries are disabled for this instance"),
        # queryrange/limits.go validateMatchers (required_labels)
        ('{app="api"}', {"limits": QueryLimits(required_labels=("namespace",))}, QueryLimitError,
         "stream selector is missing required matchers [namespace], labels present in the query "
         "were [app]"),
    ],
)  # fmt: skip
def test_query_errors(query, kwargs, error, message):
    with pytest.raises(error) as caught:
        _range(query, **kwargs)
    assert str(caught.value) == message


def test_query_too_long():
    # validation.ErrQueryTooLong with Loki's default max_query_length 721h
    with pytest.raises(QueryLimitError) as caught:
        query_range(homelab(), TENANT, '{app="api"}', T0 - 722 * 3600 * S, T0, 60 * S,
                    limits=LIMITS, now_ns=NOW)  # fmt: skip
    assert str(caught.value) == (
        "the query time range exceeds the limit (query length: 722h0m0s, limit: 30d1h)"
    )


def test_instant_log_query_is_refused():
    # logqlmodel.ErrUnsupportedSyntaxForInstantQuery
    with pytest.raises(QueryError, match="log queries are not supported as an instant query type"):
        query_instant(homelab(), TENANT, '{app="api"}', END, limits=LIMITS, now_ns=NOW)


def test_approx_topk_is_refused_loudly():
    with pytest.raises(UnsupportedFeature, match="approx_topk"):
        _range('approx_topk(1, rate({app="api"}[1m]))')


def test_max_query_lookback_clamps_the_start():
    # queryrange/limits.go: the start moves to now - max_query_lookback
    limits = QueryLimits(max_query_lookback_ns=100 * S)
    result = _range('{app="api", level="info"}', limit=1000, limits=limits, direction="forward")
    assert result.data[0].entries[0].ts_ns == T0 + 560 * S  # now (T0 + 660 s) - 100 s
    assert _range('{app="api"}', limits=limits, now_ns=END + 200 * S).data == []


def test_interval_keeps_one_entry_per_interval():
    # engine.go readStreams with interval
    result = _range('{app="keycloak"}', limit=5, direction="forward", interval_ns=60 * S)
    assert [e.ts_ns - T0 for e in result.data[0].entries] == [0, 60 * S, 120 * S, 180 * S, 240 * S]


def _metadata_source() -> MemorySource:
    source = MemorySource()
    source.push(TENANT, {"app": "api"}, [
        (T0, b"first", (("trace_id", "t1"),)),
        (T0 + S, b"second", ()),
        (T0 + 2 * S, b"third", (("app", "shadow"),)),
    ])  # fmt: skip
    return source


def test_structured_metadata_becomes_labels():
    # pipeline.go: metadata is added as labels; a stream label's name gets `_extracted`;
    # streams sort by their labels string (`{app="api", ...` before `{app="api"}`)
    result = _range('{app="api"}', source=_metadata_source(), direction="forward")
    assert [(s.labels, [e.line for e in s.entries]) for s in result.data] == [
        (from_mapping({"app": "api", "app_extracted": "shadow"}), [b"third"]),
        (from_mapping({"app": "api", "trace_id": "t1"}), [b"first"]),
        (from_mapping({"app": "api"}), [b"second"]),
    ]


def test_categorize_labels():
    # categorizeLabelsIterator: stream labels alone, metadata carried by each entry
    result = _range('{app="api"} | label_format x="{{.app}}"', source=_metadata_source(),
                    direction="forward", encoding_flags=["categorize-labels"])  # fmt: skip
    assert result.data == [
        Stream(from_mapping({"app": "api"}), [
            LogEntry(T0, b"first", (("trace_id", "t1"),), (("x", "api"),)),
            LogEntry(T0 + S, b"second", (), (("x", "api"),)),
            LogEntry(T0 + 2 * S, b"third", (("app_extracted", "shadow"),), (("x", "api"),)),
        ])
    ]  # fmt: skip


def test_stats_count_what_was_read():
    result = _range('{app="worker"} |= "out of memory"', limit=1000)
    assert (result.stats.lines, result.stats.post_filter_lines, result.stats.entries_returned) == (
        60,
        6,
        6,
    )
    assert result.stats.bytes == sum(
        len(b'level=error msg="out of memory" duration=3s' if i % 100 == 0 else
            b'level=info msg="job done" duration=250ms')
        for i in range(0, 600, 10)
    )  # fmt: skip
