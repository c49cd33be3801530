"""sim/loki/engine/range_agg.py against grafana/loki v3.6.0 pkg/logql/range_vector_test.go
(Test_RangeVectorIterator, Test_InstantQueryRangeVectorAggregations)."""

from __future__ import annotations

import math

import pytest

from sim.loki.engine.range_agg import quantile, range_steps, window_function
from sim.loki.engine.select import SeriesData

from .enginecases import parse_labels

S = 1_000_000_000
# range_vector_test.go samples (ns), the same for {app="foo"} and {app="bar"}
TIMES = [2 * S, 5 * S, 6 * S, 10 * S, 10 * S + 1, 11 * S, 35 * S, 35 * S + 1, 40 * S, 100 * S,
         100 * S + 1]  # fmt: skip
FOO, BAR = parse_labels('{app="foo"}'), parse_labels('{app="bar"}')


def _series() -> dict:
    return {key: SeriesData([(list(TIMES), None)]) for key in (BAR, FOO)}


# Test_RangeVectorIterator: (range s, step s, offset s, start s, end s, [(ts s, count)])
@pytest.mark.parametrize(
    ("range_s", "step_s", "offset_s", "start_s", "end_s", "expected"),
    [
        (5, 30, 0, 10, 100, [(10, 2), (40, 2), (70, None), (100, 1)]),  # no overlap
        (35, 30, 0, 10, 100, [(10, 4), (40, 7), (70, 2), (100, 1)]),  # overlap by 5s
        (30, 30, 0, 10, 100, [(10, 4), (40, 5), (70, None), (100, 1)]),  # same range
        (50, 10, 0, 110, 120, [(110, 2), (120, 2)]),  # all steps overlap
        (5, 30, 10, 20, 110, [(20, 2), (50, 2), (80, None), (110, 1)]),  # offset
    ],
)
def test_range_vector_iterator(range_s, step_s, offset_s, start_s, end_s, expected):
    steps = range_steps(
        _series(), "count_over_time", range_s * S, None, False, start_s * S, end_s * S,
        step_s * S, offset_s * S,
    )  # fmt: skip
    got = [(ts, items) for ts, items in steps]
    want = [
        (t * 1000, [] if count is None else [(BAR, float(count)), (FOO, float(count))])
        for t, count in expected
    ]
    assert got == want


# Test_InstantQueryRangeVectorAggregations: samples 1, 2, 3 at 2, 3, 4 ns, [interval] 2 ns
@pytest.mark.parametrize(
    ("op", "negative", "expected"),
    [
        ("rate", False, 1.5e09),
        ("rate_counter", False, 9.999999999999999e08),
        ("count_over_time", False, 3.0),
        ("bytes_rate", False, 3e09),
        ("bytes_over_time", False, 6.0),
        ("sum_over_time", False, 6.0),
        ("avg_over_time", False, 2.0),
        ("max_over_time", True, -1),
        ("min_over_time", False, 1.0),
        ("stddev_over_time", False, 0.816496580927726),
        ("stdvar_over_time", False, 0.6666666666666666),
        ("quantile_over_time", False, 2.98),
        ("first_over_time", False, 1.0),
        ("last_over_time", False, 3.0),
        ("absent_over_time", False, 1.0),
    ],
)
def test_window_functions(op, negative, expected):
    values = [-1.0, -2.0, -3.0] if negative else [1.0, 2.0, 3.0]
    assert window_function(op, 2, 0.99, unwrapped=False)([2, 3, 4], values) == expected


# range_vector.go Quantile: NaN for no values, -Inf below 0, +Inf above 1
@pytest.mark.parametrize(
    ("q", "values", "expected"),
    [(0.5, [], math.nan), (-0.1, [1.0], -math.inf), (1.1, [1.0], math.inf), (0.5, [3.0, 1.0], 2.0)],
)
def test_quantile_edges(q, values, expected):
    got = quantile(q, values)
    assert (math.isnan(got) and math.isnan(expected)) or got == expected
