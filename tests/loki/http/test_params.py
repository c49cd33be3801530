"""Parameters only the HTTP layer reads: series groups and tail (pkg/loghttp, v3.6.0)."""

from __future__ import annotations

import pytest

from sim.loki.http.form import Form
from sim.loki.http.params import ParamError, first_values, parse_series_groups, parse_tail_query

_S = 1_000_000_000
NOW = 1_700_000_000 * _S


def _form(*pairs: tuple[str, str]) -> Form:
    return Form(list(pairs))


# pkg/loghttp/series_test.go TestParseAndValidateSeriesQuery
@pytest.mark.parametrize(
    ("pairs", "groups"),
    [
        ([("match", '{foo=""}')], ['{foo=""}']),  # "foo"
        ([], []),  # "no match"
        ([("match", "{}")], []),  # "empty matcher"
        ([("match", " { }")], []),  # "empty matcher with whitespace"
        (
            [("match", '{a="1"}'), ("match", '{b="2", c=~"3", d!="4"}')],
            ['{a="1"}', '{b="2", c=~"3", d!="4"}'],
        ),  # "multiple matches"
        ([("match", '{a="1"}'), ("match[]", '{b="2"}')], ['{a="1"}', '{b="2"}']),  # "mixes"
        (
            [
                ("match", '{a="1"}'),
                ("match", '{b="2"}'),
                ("match[]", '{b="2"}'),
                ("match[]", '{c="3"}'),
            ],
            ['{a="1"}', '{b="2"}', '{c="3"}'],
        ),  # "dedupes match encodings"
    ],
)
def test_series_groups(pairs: list[tuple[str, str]], groups: list[str]) -> None:
    assert parse_series_groups(_form(*pairs)) == groups


def test_first_values_is_form_get() -> None:
    assert first_values(_form(("a", "1"), ("a", "2"), ("b", ""))) == {"a": "1", "b": ""}


# pkg/loghttp/tail.go ParseTailQuery and params.go tailDelay
@pytest.mark.parametrize(
    ("pairs", "expected"),
    [
        ([], (100, NOW - 3600 * _S, 0)),  # defaults: limit 100, start now-1h, no delay
        ([("limit", "7"), ("start", "1600000000"), ("delay_for", "5")], (7, 1600000000 * _S, 5)),
    ],
)
def test_tail_query(pairs: list[tuple[str, str]], expected: tuple[int, int, int]) -> None:
    query = parse_tail_query(_form(("query", '{a="b"}'), *pairs), NOW)
    assert (query.limit, query.start_ns, query.delay_for_s) == expected


@pytest.mark.parametrize(
    ("pairs", "error"),
    [
        ([("delay_for", "6")], "delay_for can't be greater than 5"),
        ([("delay_for", "-1")], "delay_for can't be greater than 5"),  # uint32(-1) wraps
        ([("delay_for", "x")], 'strconv.Atoi: parsing "x": invalid syntax'),
        ([("limit", "0")], "limit must be a positive value"),
    ],
)
def test_tail_query_errors(pairs: list[tuple[str, str]], error: str) -> None:
    with pytest.raises(ParamError) as raised:
        parse_tail_query(_form(*pairs), NOW)
    assert str(raised.value) == error
