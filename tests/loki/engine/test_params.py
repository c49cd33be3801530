"""sim/loki/engine/params.py against grafana/loki v3.6.0 pkg/loghttp/params_test.go
(TestHttp_defaultQueryRangeStep, TestHttp_ParseRangeQuery_Step, Test_interval,
Test_parseTimestamp, Test_determineBounds) and query_test.go (TestParseRangeQuery,
TestParseInstantQuery)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from sim.loki.engine.params import (
    InstantQuery,
    ParamError,
    RangeQuery,
    default_step_ns,
    determine_bounds,
    parse_instant_query,
    parse_range_query,
    parse_seconds_or_duration,
    parse_timestamp,
)

S = 1_000_000_000
NOW = 1_700_000_000 * S


def _ns(*args: int) -> int:
    moment = dt.datetime(*args[:6], tzinfo=dt.UTC)
    return int(moment.timestamp()) * S + (args[6] if len(args) > 6 else 0)


# TestHttp_defaultQueryRangeStep: (start s, end s, step s)
@pytest.mark.parametrize(("start", "end", "step"), [(60, 60, 1), (60, 360, 1), (60, 3660, 14)])
def test_default_step(start, end, step):
    assert default_step_ns(start * S, end * S) == step * S


# TestHttp_ParseRangeQuery_Step: step parameter -> step
@pytest.mark.parametrize(
    ("step", "want"),
    [("", 14 * S), ("5", 5 * S), ("5.000", 5 * S), ("5.500", 5_500_000_000), ("5s", 5 * S),
     ("5d", 5 * 24 * 3600 * S)],
)  # fmt: skip
def test_range_query_step(step, want):
    form = {"query": "{}", "start": "0", "end": "3600000000000"}
    if step:
        form["step"] = step
    assert parse_range_query(form, NOW) == RangeQuery("{}", 0, 3600 * S, want, 0, 100, "backward")


# Test_interval
@pytest.mark.parametrize(("value", "want"), [("5", 5 * S), ("5m", 300 * S), ("a", None), ("0", 0)])
def test_interval(value, want):
    if want is None:
        with pytest.raises(ParamError, match='cannot parse "a" to a valid duration'):
            parse_seconds_or_duration(value)
    else:
        assert parse_seconds_or_duration(value) == want


# Test_parseTimestamp
@pytest.mark.parametrize(
    ("value", "want"),
    [
        ("", NOW),
        ("1571332130", 1571332130 * S),
        ("1571334162051000000", 1571334162051000000),
        ("1571332130.934", 1571332130 * S + 934_000_000),
        ("2002-10-02T15:00:00Z", _ns(2002, 10, 2, 15, 0, 0)),
        ("2009-11-10T23:00:00.000000001Z", _ns(2009, 11, 10, 23, 0, 0, 1)),
    ],
)
def test_parse_timestamp(value, want):
    assert parse_timestamp(value, NOW) == want


def test_parse_timestamp_invalid():
    # Test_parseTimestamp "invalid": Go reports the ParseInt error
    with pytest.raises(
        ParamError, match=re.escape('strconv.ParseInt: parsing "we": invalid syntax')
    ):
        parse_timestamp("we", NOW)


DEC18 = _ns(2022, 12, 18, 0, 0, 0)


# Test_determineBounds: (now, start, end, since, want start, want end or error prefix)
@pytest.mark.parametrize(
    ("now", "start", "end", "since", "want"),
    [
        (3600 * S, "", "", "", (0, 3600 * S)),
        (3600 * S, "", "2022-12-18T00:00:00Z", "", (0, DEC18)),
        (DEC18, "2022-12-17T00:00:00Z", "2022-12-18T00:00:00Z", "", (DEC18 - 86400 * S, DEC18)),
        (DEC18, "2022-12-17T00:00:00Z", "WHAT TIME IS IT?", "", "could not parse 'end' parameter:"),
        (DEC18, "LET'S GOOO", "2022-12-18T00:00:00Z", "", "could not parse 'start' parameter:"),
        (DEC18, "2022-12-17T00:00:00Z", "2022-12-18T00:00:00Z", "HI!",
         "could not parse 'since' parameter:"),
        (DEC18, "", "", "1h", (DEC18 - 3600 * S, DEC18)),
        (DEC18, "", "", "1d", (DEC18 - 86400 * S, DEC18)),
        (DEC18, "", "2022-12-17T00:00:00Z", "1h", (DEC18 - 86400 * S - 3600 * S, DEC18 - 86400 * S)),
    ],
)  # fmt: skip
def test_determine_bounds(now, start, end, since, want):
    if isinstance(want, str):
        with pytest.raises(ParamError) as caught:
            determine_bounds(now, start, end, since)
        assert str(caught.value).startswith(want)
    else:
        assert determine_bounds(now, start, end, since) == want


# query_test.go TestParseRangeQuery: the error rows, then "good"
@pytest.mark.parametrize(
    "query",
    [
        "start=t",
        "end=t",
        "start=2016-06-10T21:42:24.760738998Z&end=2015-06-10T21:42:24.760738998Z",
        "start=2016-06-10T21:42:24.760738998Z&end=2017-06-10T21:42:24.760738998Z&limit=h",
        "start=2016-06-10T21:42:24.760738998Z&end=2017-06-10T21:42:24.760738998Z&limit=100&direction=fw",
        "start=2016-06-10T21:42:24.760738998Z&end=2017-06-10T21:42:24.760738998Z&limit=100&direction=FORWARD&step=h",
        "start=2016-06-10T21:42:24.760738998Z&end=2017-06-10T21:42:24.760738998Z&limit=100&direction=BACKWARD&step=-1",
        "start=2016-06-10T21:42:24.760738998Z&end=2017-06-10T21:42:24.760738998Z&limit=100&direction=BACKWARD&step=1",
    ],
)
def test_parse_range_query_errors(query):
    form = dict(pair.split("=", 1) for pair in query.split("&"))
    with pytest.raises(ParamError):
        parse_range_query({"query": '{foo="bar"}', **form}, NOW)


def test_parse_range_query_good():
    form = {
        "query": '{foo="bar"}', "start": "2017-06-10T21:42:24.760738998Z",
        "end": "2017-07-10T21:42:24.760738998Z", "limit": "1000", "direction": "BACKWARD",
        "step": "3600",
    }  # fmt: skip
    start = _ns(2017, 6, 10, 21, 42, 24, 760738998)
    end = _ns(2017, 7, 10, 21, 42, 24, 760738998)
    assert parse_range_query(form, NOW) == RangeQuery(
        '{foo="bar"}', start, end, 3600 * S, 0, 1000, "backward"
    )


# query_test.go TestParseInstantQuery
@pytest.mark.parametrize(
    "query",
    ["time=t", "time=2016-06-10T21:42:24.760738998Z&limit=h",
     "time=2016-06-10T21:42:24.760738998Z&limit=100&direction=fw"],
)  # fmt: skip
def test_parse_instant_query_errors(query):
    form = dict(pair.split("=", 1) for pair in query.split("&"))
    with pytest.raises(ParamError):
        parse_instant_query({"query": '{foo="bar"}', **form}, NOW)


def test_parse_instant_query_good():
    form = {"query": '{foo="bar"}', "time": "2017-06-10T21:42:24.760738998Z", "limit": "1000",
            "direction": "BACKWARD"}  # fmt: skip
    assert parse_instant_query(form, NOW) == InstantQuery(
        '{foo="bar"}', _ns(2017, 6, 10, 21, 42, 24, 760738998), 1000, "backward"
    )
