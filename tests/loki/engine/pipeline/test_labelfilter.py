"""sim/loki/engine/pipeline/labelfilter.py against grafana/loki v3.6.0
pkg/logql/log/label_filter_test.go (TestBinary_Filter, TestBytes_Filter, TestErrorFiltering,
TestStringLabelFilter). Filters are written as LogQL and built the way the engine builds them."""

from __future__ import annotations

import pytest

from sim.loki.engine.pipeline.labelfilter import NoopFilter, label_filter
from sim.loki.logql import ast, parse_expr

from .support import builder, labels_of


def _filter(text: str):
    stage = parse_expr('{app="x"} | ' + text).stages[0]
    return label_filter(stage.filter)


def _apply(text: str, base: dict[str, str], err: str = "") -> tuple[bool, object]:
    lbs = builder(base)
    lbs.err = err
    kept = _filter(text).process(0, b"sample log line", lbs) is not None
    return kept, lbs.labels_result().labels


LFE = "LabelFilterErr"


# TestBinary_Filter (constructor filters written as LogQL)
@pytest.mark.parametrize(
    ("text", "base", "kept", "want"),
    [
        ("foo == 5 , bar == 1s", {"foo": "5", "bar": "1s"}, True, None),
        ("foo == 5 , bar == 42KB", {"foo": "5", "bar": "42kB"}, True, None),
        ("foo == 5 , bar == 1s", {"foo": "6", "bar": "1s"}, False, None),
        ("foo == 5 , bar == 1s", {"foo": "5", "bar": "2s"}, False, None),
        ('foo = "5" , bar == 1s', {"foo": "5", "bar": "1s"}, True, None),
        ('foo = "5" , bar == 1s', {"foo": "6", "bar": "1s"}, False, None),
        ('(duration > 1s or status != 200) and method != "POST"',
         {"duration": "2s", "status": "200", "method": "GET"}, True, None),
        ('(duration > 1s or status != 200) and method != "POST"',
         {"duration": "2s", "status": "200", "method": "POST"}, False, None),
        ('(duration > 1s or status != 200) and method != "POST"',
         {"duration": "2s", "status": "500", "method": "POST"}, False, None),
        ('(duration > 3s or status != 200) and method != "POST"',
         {"duration": "2s", "status": "200", "method": "POST"}, False, None),
        ("duration > 3s", {"duration": "2weeeeee"}, True,
         {"duration": "2weeeeee", "__error__": LFE,
          "__error_details__": 'time: unknown unit "weeeeee" in duration "2weeeeee"'}),
        ("bytes > 100B", {"bytes": "2qb"}, True,
         {"bytes": "2qb", "__error__": LFE, "__error_details__": "unhandled size name: qb"}),
        ("number > 100", {"number": "not_a_number"}, True,
         {"number": "not_a_number", "__error__": LFE,
          "__error_details__": 'strconv.ParseFloat: parsing "not_a_number": invalid syntax'}),
    ],
)  # fmt: skip
def test_binary_filter(text, base, kept, want):
    got_kept, got = _apply(text, base)
    assert got_kept is kept
    assert got == labels_of(want or base)


# TestBytes_Filter: NewBytesLabelFilter(==, "bar", expected) against the label's text
@pytest.mark.parametrize(
    ("expected", "label"),
    [
        (42, "42B"), (42 * 1000, "42kB"), (42 * 1000**2, "42MB"), (42 * 1000**3, "42GB"),
        (42 * 1000**4, "42TB"), (42 * 1000**5, "42PB"), (42 * 1024, "42KiB"),
        (42 * 1024**2, "42MiB"), (42 * 1024**3, "42GiB"), (42 * 1024**4, "42TiB"),
        (42 * 1024**5, "42PiB"),
    ],
)  # fmt: skip
def test_bytes_filter(expected, label):
    node = ast.BytesLabelFilter("bar", expected, ast.LabelFilterType.EQUAL)
    lbs = builder({"bar": label})
    assert label_filter(node).process(0, b"", lbs) is not None
    assert lbs.labels_result().labels == labels_of({"bar": label})


# TestErrorFiltering: (filter, error already set, kept, labels)
@pytest.mark.parametrize(
    ("text", "err", "kept"),
    [
        ('__error__ != "JSONParserErr"', "JSONParserErr", False),
        ('__error__ !~ ".+"', "foo", False),
        ('__error__ !~ ".+"', "", True),
        ('__error__ != "JSONParserErr"', "", True),
    ],
)
def test_error_filtering(text, err, kept):
    base = {"status": "200", "method": "POST"}
    want = {**base, "__error__": err} if err else base
    assert _apply(text, base, err) == (kept, labels_of(want))


# TestStringLabelFilter (a missing label compares as "")
@pytest.mark.parametrize(
    ("text", "base", "kept"),
    [
        ('subqueries != "0"', {"msg": "hello"}, True),
        ('subqueries != "0"', {"msg": "hello", "subqueries": "2"}, True),
        ('subqueries !~ "0"', {"msg": "hello"}, True),
        ('subqueries !~ "0"', {"msg": "hello", "subqueries": "2"}, True),
        ('subqueries = ""', {"msg": "hello"}, True),
        ('subqueries = ""', {"msg": "hello", "subqueries": ""}, True),
        ('subqueries =~ ""', {"msg": "hello"}, True),
        ('msg =~ "(?i)hello"', {"msg": "HELLO", "subqueries": ""}, True),
        ('msg =~ "(?i)hello"', {"msg": "hello", "subqueries": ""}, True),
        ('msg =~ "(?i)HELLO"', {"msg": "HELLO", "subqueries": ""}, True),
        ('msg =~ "(?i)HELLO"', {"msg": "hello", "subqueries": ""}, True),
    ],
)
def test_string_label_filter(text, base, kept):
    assert _apply(text, base)[0] is kept


def test_match_everything_is_no_filter():
    # label_filter.go NewStringLabelFilter: a TrueFilter becomes a NoopLabelFilter
    assert isinstance(_filter('x =~ ".*"'), NoopFilter)


# filter.go parseRegexpFilter(isLabel=true): a bare literal must equal the whole value,
# `foo.*` only needs to contain it (simplified to a contains filter, not anchored)
@pytest.mark.parametrize(
    ("text", "value", "kept"),
    [
        ('x =~ "foo"', "xfoox", False),
        ('x =~ "foo.*"', "xfoo", True),
        ('x =~ "fo+"', "xfoo", False),
        ('x =~ "fo+"', "fooo", True),
        ('x =~ ".+"', "", False),
    ],
)
def test_label_regexp_semantics(text, value, kept):
    assert _apply(text, {"x": value})[0] is kept
