"""LogQL's canonical text: what Loki's `String()` methods print (grafana/loki v3.6.0
pkg/logql/syntax/ast.go and pkg/logql/log/label_filter.go, ip.go).

Loki shows this form in logs, stats and `stage '...'` errors, and it parses back to the same
query. Quirks are Loki's: binary operations are fully parenthesised, label filter groups
print as `( a , b )`, a regexp label filter that Loki cannot turn into plain string checks
prints in backticks, durations inside filters print as Go durations (`1m0s`).
"""

from __future__ import annotations

from functools import singledispatch

from sim.golang.strconv_format import format_float_f, format_float_fixed6, format_float_v
from sim.golang.strconv_quote import quote
from sim.loki.logql import ast
from sim.loki.logql.regexsimplify import simplify
from sim.loki.logql.units import format_go_duration, format_prometheus_duration, humanize_bytes


def matcher_string(m: ast.Matcher) -> str:
    """labels.Matcher.String: the name is quoted only when it is not a legacy name."""
    legacy = m.name != "" and all(
        c == "_" or (c.isascii() and (c.isalpha() or (i > 0 and c.isdigit())))
        for i, c in enumerate(m.name)
    )
    return (m.name if legacy else quote(m.name)) + str(m.type) + quote(m.value)


@singledispatch
def to_string(expr: object) -> str:
    """The canonical string of any AST node, as Loki's String() prints it."""
    raise TypeError(f"not a LogQL AST node: {type(expr).__name__}")


@to_string.register
def _(e: ast.MatchersExpr) -> str:
    return "{" + ", ".join(matcher_string(m) for m in e.matchers) + "}"


@to_string.register
def _(e: ast.PipelineExpr) -> str:
    return to_string(e.left) + " " + " ".join(to_string(s) for s in e.stages)


@to_string.register
def _(e: ast.LineFilterExpr) -> str:
    text = to_string(e.left) + " " if e.left is not None else ""
    if not e.is_or_child:
        text += str(e.ty) + " "
    text += quote(e.match) if not e.op else f"{e.op}({quote(e.match)})"
    if e.or_ is not None:
        text += " or " + to_string(e.or_)
    return text


@to_string.register
def _(e: ast.LogfmtParserExpr) -> str:
    return (
        "| logfmt" + (" --strict" if e.strict else "") + (" --keep-empty" if e.keep_empty else "")
    )


@to_string.register
def _(e: ast.LineParserExpr) -> str:
    text = "| " + e.op + (" " + quote(e.param) if e.param else "")
    return text + (' ""' if e.op in ("regexp", "pattern") and not e.param else "")


def _extractions(expressions: tuple[ast.LabelExtractionExpr, ...]) -> str:
    return ",".join(x.identifier + "=" + quote(x.expression) for x in expressions)


@to_string.register
def _(e: ast.JSONExpressionParserExpr) -> str:
    return "| json " + _extractions(e.expressions)


@to_string.register
def _(e: ast.LogfmtExpressionParserExpr) -> str:
    flags = ("--strict " if e.strict else "") + ("--keep-empty " if e.keep_empty else "")
    return "| logfmt " + flags + _extractions(e.expressions)


@to_string.register
def _(e: ast.LabelFilterExpr) -> str:
    return "| " + label_filter_string(e.filter)


@to_string.register
def _(e: ast.LineFmtExpr) -> str:
    return "| line_format " + quote(e.template)


@to_string.register
def _(e: ast.DecolorizeExpr) -> str:
    return "| decolorize"


@to_string.register
def _(e: ast.LabelFmtExpr) -> str:
    parts = [f.name + "=" + (f.value if f.rename else quote(f.value)) for f in e.formats]
    return "| label_format " + ",".join(parts)


def _named(labels: tuple[ast.NamedLabelMatcher, ...]) -> str:
    return ",".join(matcher_string(n.matcher) if n.matcher is not None else n.name for n in labels)


@to_string.register
def _(e: ast.DropLabelsExpr) -> str:
    return "| drop " + _named(e.labels)


@to_string.register
def _(e: ast.KeepLabelsExpr) -> str:
    return "| keep " + _named(e.labels)


def label_filter_string(f: ast.LabelFilter) -> str:
    if isinstance(f, ast.BinaryLabelFilter):
        joiner = " , " if f.and_ else " or "
        return "( " + label_filter_string(f.left) + joiner + label_filter_string(f.right) + " )"
    if isinstance(f, ast.StringLabelFilter):
        m = f.matcher
        if m.type is ast.MatchType.REGEXP and simplify(m.value, is_label=True) is None:
            return f"{m.name}{m.type}`{m.value}`"  # Loki prints the raw regexp in backticks
        return matcher_string(m)
    if isinstance(f, ast.IPLabelFilter):
        eq = "!=" if f.type is ast.LabelFilterType.NOT_EQUAL else "="
        return f"{f.label}{eq}ip({quote(f.pattern)})"
    if isinstance(f, ast.NumericLabelFilter):
        value = format_float_f(f.value)
    elif isinstance(f, ast.DurationLabelFilter):
        value = format_go_duration(f.value)
    else:
        value = "".join(humanize_bytes(f.value).split())
    return f"{f.name}{f.type}{value}"


def _unwrap(u: ast.UnwrapExpr) -> str:
    text = (
        f" | unwrap {u.operation}({u.identifier})" if u.operation else f" | unwrap {u.identifier}"
    )
    return text + "".join(" | " + label_filter_string(f) for f in u.post_filters)


@to_string.register
def _(e: ast.LogRangeExpr) -> str:
    text = to_string(e.left) + (_unwrap(e.unwrap) if e.unwrap is not None else "")
    text += f"[{format_prometheus_duration(e.interval)}]"
    return text + (f" offset {format_go_duration(e.offset)}" if e.offset else "")


def _grouping(g: ast.Grouping) -> str:
    return (" without " if g.without else " by ") + "(" + ",".join(g.groups) + ")"


@to_string.register
def _(e: ast.RangeAggregationExpr) -> str:
    params = format_float_f(e.params) + "," if e.params is not None else ""
    grouping = _grouping(e.grouping) if e.grouping is not None else ""
    return f"{e.operation}({params}{to_string(e.left)}){grouping}"


@to_string.register
def _(e: ast.VectorAggregationExpr) -> str:
    with_k = e.operation in ("topk", "bottomk", "approx_topk") or e.params != 0
    params = (f"{e.params}," if with_k else "") + to_string(e.left)
    grouping = _grouping(e.grouping) if not e.grouping.singleton else ""
    return f"{e.operation}{grouping}({params})"


@to_string.register
def _(e: ast.BinOpExpr) -> str:
    op = e.op + (" bool" if e.opts.return_bool else "")
    vm = e.opts.vector_matching
    group = {ast.Cardinality.MANY_TO_ONE: "group_left", ast.Cardinality.ONE_TO_MANY: "group_right"}
    grouping = group.get(vm.card, "")
    if vm.include is not None:
        grouping += " (" + ",".join(vm.include) + ")"
    if vm.on or vm.matching_labels is not None:
        on = "on" if vm.on else "ignoring"
        op += f" {on} (" + ",".join(vm.matching_labels or ()) + ") " + grouping
    return f"({to_string(e.left)} {op} {to_string(e.right)})"


@to_string.register
def _(e: ast.LiteralExpr) -> str:
    return format_float_v(e.value)


@to_string.register
def _(e: ast.VectorExpr) -> str:
    return f"vector({format_float_fixed6(e.value)})"


@to_string.register
def _(e: ast.LabelReplaceExpr) -> str:
    args = ",".join(quote(x) for x in (e.dst, e.replacement, e.src, e.regex))
    return f"label_replace({to_string(e.left)},{args})"


@to_string.register
def _(e: ast.InvalidExpr) -> str:
    raise e.err  # Loki's String() would dereference a nil child here; report the error instead


@to_string.register
def _(e: ast.MultiVariantExpr) -> str:
    variants = ", ".join(to_string(v) for v in e.variants)
    return f"variants({variants}) of ({to_string(e.log_range)})"
