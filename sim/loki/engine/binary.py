"""Binary operations and label_replace (pkg/logql/evaluator.go and syntax/ast.go MergeBinOp,
grafana/loki v3.6.0).

Vector matching follows Prometheus' rules as Loki implements them: `on`/`ignoring` choose
the labels a sample is matched on, `group_left`/`group_right` allow many-to-one and copy the
`include` labels from the "one" side. Division and modulo by zero give NaN. A comparison
without `bool` keeps the vector's sample and its value; with `bool` it gives 1 or 0.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from sim.gotemplate import goregexp
from sim.loki.engine import messages as msg
from sim.loki.engine.errors import ExecutionError
from sim.loki.engine.labels import Labels, drop, get, keep, with_label
from sim.loki.engine.results import Sample, Vector
from sim.loki.logql import ast

COMPARISONS = ("==", "!=", ">", ">=", "<", "<=")


def go_pow(x: float, y: float) -> float:
    """math.Pow: NaN and infinities where Python raises."""
    try:
        return math.pow(x, y)
    except ValueError:
        return math.nan
    except OverflowError:
        odd = float(y).is_integer() and int(y) % 2 == 1
        return -math.inf if x < 0 and odd else math.inf


def _arith(op: str, a: float, b: float) -> float:
    if op == "+":
        return a + b
    if op == "-":
        return a - b
    if op == "*":
        return a * b
    if op == "/":
        return math.nan if b == 0 else a / b
    if op == "%":
        return math.nan if b == 0 else math.fmod(a, b)
    return go_pow(a, b)


_COMPARE: dict[str, Callable[[float, float], bool]] = {
    "==": lambda a, b: a == b,
    "!=": lambda a, b: a != b,
    ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b,
    "<": lambda a, b: a < b,
    "<=": lambda a, b: a <= b,
}


def merge(op: str, left: Sample, right: Sample, swap: bool, filter_: bool) -> Sample | None:
    """MergeBinOp with isVectorComparison = (op is a comparison)."""
    if op not in _COMPARE:
        return Sample(left.labels, _arith(op, left.value, right.value), left.t_ms)
    true = _COMPARE[op](left.value, right.value)
    if not true and filter_:
        return None
    if filter_:
        return right if swap else left
    return Sample(left.labels, 1.0 if true else 0.0, left.t_ms)


def literal_step(
    op: str, value: float, vector: Vector, literal_left: bool, return_bool: bool, ts: int
) -> Vector:
    """LiteralStepEvaluator: the literal takes each sample's labels."""
    out: Vector = []
    for sample in vector:
        point = Sample(sample.labels, value, ts)
        left, right = (point, sample) if literal_left else (sample, point)
        merged = merge(op, left, right, swap=literal_left, filter_=not return_bool)
        if merged is not None:
            out.append(merged)
    return out


def signature(labels: Labels, matching: ast.VectorMatching) -> Labels:
    """matchingSignature (as the label set itself rather than its hash)."""
    names = matching.matching_labels or ()
    return keep(labels, names) if matching.on else drop(labels, names)


def _result_labels(lhs: Labels, rhs: Labels, matching: ast.VectorMatching) -> Labels:
    out = lhs
    if matching.card is ast.Cardinality.ONE_TO_ONE:
        names = matching.matching_labels or ()
        out = keep(out, names) if matching.on else drop(out, names)
    for name in matching.include or ():
        out = with_label(out, name, get(rhs, name))
    return out


def vector_binop(op: str, opts: ast.BinOpOptions, lhs: Vector, rhs: Vector) -> Vector:
    matching = opts.vector_matching
    one_to_many = matching.card is ast.Cardinality.ONE_TO_MANY
    if one_to_many:
        lhs, rhs = rhs, lhs
    right: dict[Labels, Sample] = {}
    for sample in rhs:
        sig = signature(sample.labels, matching)
        if sig in right:
            side = "left" if one_to_many else "right"
            raise ExecutionError(msg.ERR_DUPLICATE_SERIES % side)
        right[sig] = sample
    matched: dict[Labels, set[Labels]] = {}
    out: Vector = []
    for sample in lhs:
        sig = signature(sample.labels, matching)
        other = right.get(sig)
        if other is None:
            continue
        metric = _result_labels(sample.labels, other.labels, matching)
        if matching.card is ast.Cardinality.ONE_TO_ONE:
            if sig in matched:
                raise ExecutionError(msg.ERR_MANY_TO_ONE)
            matched[sig] = set()
        else:
            inserted = matched.setdefault(sig, set())
            if metric in inserted:
                raise ExecutionError(msg.ERR_GROUPING_NOT_UNIQUE)
            inserted.add(metric)
        left, right_sample = (other, sample) if one_to_many else (sample, other)
        merged = merge(op, left, right_sample, swap=False, filter_=not opts.return_bool)
        if merged is not None:
            out.append(Sample(metric, merged.value, merged.t_ms))
    return out


def set_operation(op: str, matching: ast.VectorMatching, lhs: Vector, rhs: Vector) -> Vector:
    """and / or / unless."""
    if op == "and" and (not lhs or not rhs):
        return []
    if op == "or" and (not lhs or not rhs):
        return lhs or rhs
    if op == "unless" and (not lhs or not rhs):
        return lhs
    right = {signature(s.labels, matching) for s in rhs}
    if op == "and":
        return [s for s in lhs if signature(s.labels, matching) in right]
    if op == "unless":
        return [s for s in lhs if signature(s.labels, matching) not in right]
    left = {signature(s.labels, matching) for s in lhs}
    return lhs + [s for s in rhs if signature(s.labels, matching) not in left]


def label_replace(vector: Vector, expr: ast.LabelReplaceExpr) -> Vector:
    """label_replace: a regexp anchored at both ends; no match leaves the sample as it is."""
    regex = goregexp.compile_go("^(?:" + expr.regex + ")$")
    out: Vector = []
    for sample in vector:
        src = get(sample.labels, expr.src)
        found = regex.search(src, 0)
        if found is None:
            out.append(sample)
            continue
        value = goregexp.expand(regex, expr.replacement, src, found)
        labels = with_label(drop(sample.labels, [expr.dst]), expr.dst, value)
        out.append(Sample(labels, sample.value, sample.t_ms))
    return out
