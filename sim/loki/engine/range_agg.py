"""Range aggregations over sliding windows (pkg/logql/range_vector.go, grafana/loki v3.6.0).

At each step t (from start to end, `offset` earlier) a series' window holds its samples with
t - range < ts <= t: the start is exclusive, the end inclusive. A series with no sample in
the window is absent from that step. Counts and byte sums use bisection on the sorted runs;
other functions walk the window in time order, with Go's arithmetic order and NaN rules.
The value at step t is stamped t in milliseconds, truncated, plus the offset.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from itertools import accumulate

from sim.gotemplate.goduration import duration_seconds
from sim.loki.engine.labels import Labels
from sim.loki.engine.select import SeriesData


def trunc_div(a: int, b: int) -> int:
    """Go's integer division (truncates toward zero)."""
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b > 0) else -q


def _avg(values: Sequence[float]) -> float:
    mean, count = 0.0, 0.0
    for v in values:
        count += 1
        if math.isinf(mean):
            if math.isinf(v) and (mean > 0) == (v > 0):
                continue
            if not math.isinf(v) and not math.isnan(v):
                continue
        mean += v / count - mean / count
    return mean


def _max(values: Sequence[float]) -> float:
    best = values[0]
    for v in values:
        if v > best or math.isnan(best):
            best = v
    return best


def _min(values: Sequence[float]) -> float:
    best = values[0]
    for v in values:
        if v < best or math.isnan(best):
            best = v
    return best


def _stdvar(values: Sequence[float]) -> float:
    aux = count = mean = 0.0
    for v in values:
        count += 1
        delta = v - mean
        mean += delta / count
        aux += delta * (v - mean)
    return aux / count


def _sum(values: Sequence[float]) -> float:
    total = 0.0
    for v in values:
        total += v
    return total


def quantile(q: float, values: Sequence[float]) -> float:
    """Quantile: NaN sorts first; q<0 is -Inf, q>1 is +Inf."""
    if not values:
        return math.nan
    if q < 0:
        return -math.inf
    if q > 1:
        return math.inf
    ordered = sorted(values, key=lambda v: (not math.isnan(v), 0.0 if math.isnan(v) else v))
    n = float(len(ordered))
    rank = q * (n - 1)
    lower = max(0.0, math.floor(rank))
    upper = min(n - 1, lower + 1)
    weight = rank - math.floor(rank)
    return ordered[int(lower)] * (1 - weight) + ordered[int(upper)] * weight


def extrapolated_rate(ts: Sequence[int], values: Sequence[float], range_ns: int) -> float:
    """extrapolatedRate(counter, rate), fed with nanosecond times as Loki feeds it."""
    if len(values) < 2:
        return 0.0
    first_t, last_t = ts[0], ts[-1]
    range_start = first_t - range_ns // 1_000_000
    result = values[-1] - values[0]
    last = 0.0
    for v in values:
        if v < last:
            result += last
        last = v
    duration_to_start = (first_t - range_start) / 1000
    duration_to_end = (last_t - last_t) / 1000
    sampled = (last_t - first_t) / 1000
    average = sampled / (len(values) - 1)
    if result > 0 and values[0] >= 0:
        to_zero = sampled * (values[0] / result)
        duration_to_start = min(duration_to_start, to_zero)
    threshold = average * 1.1
    interval = sampled
    interval += duration_to_start if duration_to_start < threshold else average / 2
    interval += duration_to_end if duration_to_end < threshold else average / 2
    result = result * (interval / sampled)
    return result / duration_seconds(range_ns)


WindowFn = Callable[[Sequence[int], Sequence[float]], float]


def window_function(op: str, range_ns: int, param: float | None, unwrapped: bool) -> WindowFn:
    seconds = duration_seconds(range_ns)
    table: dict[str, WindowFn] = {
        "rate": (lambda t, v: _sum(v) / seconds) if unwrapped else (lambda t, v: len(v) / seconds),
        "rate_counter": lambda t, v: extrapolated_rate(t, v, range_ns),
        "count_over_time": lambda t, v: float(len(v)),
        "bytes_rate": lambda t, v: _sum(v) / seconds,
        "bytes_over_time": lambda t, v: _sum(v),
        "sum_over_time": lambda t, v: _sum(v),
        "avg_over_time": lambda t, v: _avg(v),
        "max_over_time": lambda t, v: _max(v),
        "min_over_time": lambda t, v: _min(v),
        "stdvar_over_time": lambda t, v: _stdvar(v),
        "stddev_over_time": lambda t, v: math.sqrt(_stdvar(v)),
        "quantile_over_time": lambda t, v: quantile(param or 0.0, v),
        "first_over_time": lambda t, v: v[0] if v else math.nan,
        "last_over_time": lambda t, v: v[-1] if v else math.nan,
        "absent_over_time": lambda t, v: 1.0,
    }
    return table[op]


class _Counter:
    """Counts (and byte sums) in a window from bisection and prefix sums of the runs."""

    def __init__(self, data: SeriesData, sums: bool) -> None:
        self.runs = [
            (ts, list(accumulate(values, initial=0)) if sums and values is not None else None)
            for ts, values in data.runs
        ]

    def count_and_sum(self, lo: int, hi: int) -> tuple[int, float]:
        count, total = 0, 0.0
        for ts, prefix in self.runs:
            a, b = bisect_right(ts, lo), bisect_right(ts, hi)
            count += b - a
            if prefix is not None:
                total += prefix[b] - prefix[a]
        return count, total


Step = tuple[int, list[tuple[Labels, float]]]


def range_steps(
    series: dict[Labels, SeriesData],
    op: str,
    range_ns: int,
    param: float | None,
    unwrapped: bool,
    start_ns: int,
    end_ns: int,
    step_ns: int,
    offset_ns: int,
) -> Iterator[Step]:
    """Per step: (timestamp ms, [(labels, value)]) for the series present in the window."""
    step = step_ns or 1
    start, end = start_ns - offset_ns, end_ns - offset_ns
    ordered = sorted(series)
    counting = op in ("count_over_time", "absent_over_time") or (op == "rate" and not unwrapped)
    summing = op in ("bytes_over_time", "bytes_rate")
    seconds = duration_seconds(range_ns)
    if counting or summing:
        counters = {key: _Counter(series[key], summing) for key in ordered}
    else:
        merged = {key: series[key].time_ordered() for key in ordered}
        fn = window_function(op, range_ns, param, unwrapped)
    current = start
    while current <= end:
        lo = current - range_ns
        out: list[tuple[Labels, float]] = []
        if counting or summing:
            for key in ordered:
                count, total = counters[key].count_and_sum(lo, current)
                if count:
                    if summing:
                        out.append((key, total / seconds if op == "bytes_rate" else total))
                    elif op == "rate":
                        out.append((key, count / seconds))
                    else:
                        out.append((key, float(count)))
        else:
            for key in ordered:
                ts, values = merged[key]
                a, b = bisect_right(ts, lo), bisect_right(ts, current)
                if b > a:
                    out.append((key, fn(ts[a:b], values[a:b])))
        yield trunc_div(current, 1_000_000) + trunc_div(offset_ns, 1_000_000), out
        current += step
