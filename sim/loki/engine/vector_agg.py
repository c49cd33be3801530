"""Vector aggregations: sum avg min max count stddev stdvar topk bottomk sort sort_desc
(VectorAggEvaluator in pkg/logql/evaluator.go, grafana/loki v3.6.0).

`by (a, b)` keeps only those labels, `without (a)` drops them (and `__name__`); avg and
stddev use Go's running formulas, so results match Loki to the last bit. topk/bottomk keep
each group's samples; NaN counts as the smallest value, as in Loki's heaps.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cmp_to_key

from sim.loki.engine.labels import Labels
from sim.loki.engine.results import Sample, Vector
from sim.loki.logql import ast

HEAP_OPS = ("topk", "bottomk", "sort", "sort_desc")


@dataclass
class _Group:
    labels: Labels
    value: float
    mean: float
    count: int = 1
    kept: list[Sample] = field(default_factory=list)


def _heap_less(reverse_heap: bool) -> Callable[[Sample, Sample], bool]:
    """vectorByValueHeap.Less (ascending) or vectorByReverseValueHeap.Less; NaN is least."""

    def less(a: Sample, b: Sample) -> bool:
        if math.isnan(a.value):
            return True
        return a.value > b.value if reverse_heap else a.value < b.value

    return less


def _compare(less: Callable[[Sample, Sample], bool]) -> Callable[[Sample, Sample], int]:
    return lambda a, b: -1 if less(a, b) else 1 if less(b, a) else 0


def _group_labels(labels: Labels, grouping: ast.Grouping) -> Labels:
    if grouping.without:
        dropped = set(grouping.groups) | {"__name__"}
        return tuple(pair for pair in labels if pair[0] not in dropped)
    wanted = set(grouping.groups)
    return tuple(pair for pair in labels if pair[0] in wanted)


def _push_limited(kept: list[Sample], sample: Sample, k: int, bottom: bool) -> None:
    """Loki's heap test before pushing: room left, or better than the heap's top."""
    top = min(kept, key=cmp_to_key(_compare(_heap_less(bottom))))
    better = sample.value < top.value if bottom else sample.value > top.value
    if len(kept) < k or better or math.isnan(top.value):
        if len(kept) == k:
            kept.remove(top)
        kept.append(sample)


def aggregate(vector: Vector, expr: ast.VectorAggregationExpr, ts: int) -> Vector:
    """One step of a vector aggregation; `ts` stamps the aggregated samples."""
    op = expr.operation
    if op in ("topk", "bottomk") and expr.params < 1:
        return []
    groups: dict[Labels, _Group] = {}
    for sample in vector:
        key = _group_labels(sample.labels, expr.grouping)
        group = groups.get(key)
        if group is None:
            group = groups[key] = _Group(key, sample.value, sample.value)
            if op in ("stddev", "stdvar"):
                group.value = 0.0
            elif op in HEAP_OPS:
                group.kept.append(sample)
            continue
        v = sample.value
        if op == "sum":
            group.value += v
        elif op == "avg":
            group.count += 1
            group.mean += (v - group.mean) / group.count
        elif op == "max":
            if group.value < v or math.isnan(group.value):
                group.value = v
        elif op == "min":
            if group.value > v or math.isnan(group.value):
                group.value = v
        elif op == "count":
            group.count += 1
        elif op in ("stddev", "stdvar"):
            group.count += 1
            delta = v - group.mean
            group.mean += delta / group.count
            group.value += delta * (v - group.mean)
        elif op in ("topk", "bottomk"):
            _push_limited(group.kept, sample, expr.params, op == "bottomk")
        else:
            group.kept.append(sample)
    # sort.Reverse of the heap's order: topk/sort_desc descending, NaN last
    heap_less = _heap_less(reverse_heap=op in ("bottomk", "sort"))
    final_order = cmp_to_key(_compare(lambda a, b: heap_less(b, a)))
    out: Vector = []
    for group in groups.values():
        if op in HEAP_OPS:
            ordered = sorted(group.kept, key=final_order)
            out += [Sample(s.labels, s.value, ts) for s in ordered]
            continue
        value = group.value
        if op == "avg":
            value = group.mean
        elif op == "count":
            value = float(group.count)
        elif op == "stddev":
            value = math.sqrt(group.value / group.count)
        elif op == "stdvar":
            value = group.value / group.count
        out.append(Sample(group.labels, value, ts))
    return out
