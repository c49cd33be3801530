"""The semantic actions of logql.lark: each grammar alias builds its AST node.

These are the `{ $$ = ... }` actions of syntax.y with the constructors they call in ast.go
(grafana/loki v3.6.0); pipeline stages are in actions_stages.py. Loki has two kinds of
construction error, and so do we: some *panic* during parsing (bad matcher regexp, bad
`regexp`/`pattern` parser: raised at once), the others are stored in the node and reported
by validation (invalid aggregations, literal legs of `and`/`or`, ...: `InvalidExpr`, or the
`err` of a literal).
"""

from __future__ import annotations

from typing import Any

from sim.golang.regexp import GoRegexpError
from sim.golang.strconv import GoRangeError, parse_float
from sim.golang.strconv_quote import GoSyntaxError
from sim.loki.logql import ast, operators
from sim.loki.logql.actions_stages import WORDS, StageActions, error, text
from sim.loki.logql.matchers import MatchType, new_matcher
from sim.loki.logql.yacc import Token

_MATCH_TYPES = {"EQ": MatchType.EQUAL, "NEQ": MatchType.NOT_EQUAL, "RE": MatchType.REGEXP,
                "NRE": MatchType.NOT_REGEXP}  # fmt: skip
_BIN_OPS = {"OR": "or", "AND": "and", "UNLESS": "unless", "ADD": "+", "SUB": "-", "MUL": "*",
            "DIV": "/", "MOD": "%", "POW": "^", "CMP_EQ": "==", "NEQ": "!=", "GT": ">",
            "GTE": ">=", "LT": "<", "LTE": "<="}  # fmt: skip


class _Offset(int):
    """The value of `offset <duration>`, told apart from other ints by its type."""


class Actions(StageActions):
    """Reduce callbacks; `reduce(alias, children)` is handed to the yacc driver."""

    def reduce(self, alias: str, children: list[Any]) -> Any:
        return getattr(self, alias)(children)

    # --- plumbing shared by many rules -------------------------------------------------
    def root(self, c: list[Any]) -> Any:
        return c[0]

    def first(self, c: list[Any]) -> Any:
        return c[0]

    def second(self, c: list[Any]) -> Any:
        return c[1]

    def start_list(self, c: list[Any]) -> list[Any]:
        return [c[0]]

    def append_second(self, c: list[Any]) -> list[Any]:
        return [*c[0], c[1]]

    def append_third(self, c: list[Any]) -> list[Any]:
        return [*c[0], c[2]]

    def start_text_list(self, c: list[Any]) -> list[str]:
        return [text(c[0])]

    def append_text(self, c: list[Any]) -> list[str]:
        return [*c[0], text(c[-1])]

    def keyword(self, c: list[Any]) -> str:
        return WORDS[c[0].kind]

    def token_kind(self, c: list[Any]) -> str:
        return str(c[0].kind)

    # --- selectors and matchers ----------------------------------------------------------
    def no_matchers(self, c: list[Any]) -> list[ast.Matcher]:
        return []

    def matcher(self, c: list[Any]) -> ast.Matcher:
        try:
            return new_matcher(_MATCH_TYPES[c[1].kind], text(c[0]), text(c[2]))
        except GoRegexpError as err:
            raise error(str(err)) from None

    def log_selector(self, c: list[Any]) -> ast.MatchersExpr:
        return ast.MatchersExpr(tuple(c[0]))

    def log_pipeline(self, c: list[Any]) -> ast.PipelineExpr:
        return ast.PipelineExpr(ast.MatchersExpr(tuple(c[0])), tuple(c[1]))

    # --- ranges --------------------------------------------------------------------------
    def offset(self, c: list[Any]) -> _Offset:
        return _Offset(c[1].value)

    def unwrap(self, c: list[Any]) -> ast.UnwrapExpr:
        return ast.UnwrapExpr(text(c[2]))

    def unwrap_conv(self, c: list[Any]) -> ast.UnwrapExpr:
        return ast.UnwrapExpr(text(c[4]), c[2])

    def unwrap_post_filter(self, c: list[Any]) -> ast.UnwrapExpr:
        u: ast.UnwrapExpr = c[0]
        return ast.UnwrapExpr(u.identifier, u.operation, (*u.post_filters, c[2]))

    def log_range(self, c: list[Any]) -> ast.LogRangeExpr:
        lists = [x for x in c if isinstance(x, list)]
        matchers = ast.MatchersExpr(tuple(lists[0]))
        left: ast.LogSelectorExpr = matchers
        if len(lists) > 1:
            left = ast.PipelineExpr(matchers, tuple(lists[1]))
        interval = next(x.value for x in c if isinstance(x, Token) and x.kind == "RANGE")
        offset = next((int(x) for x in c if isinstance(x, _Offset)), 0)
        unwrap = next((x for x in c if isinstance(x, ast.UnwrapExpr)), None)
        return ast.LogRangeExpr(left, interval, offset, unwrap)

    def variants(self, c: list[Any]) -> ast.MultiVariantExpr:
        return ast.MultiVariantExpr(tuple(c[2]), c[6])

    # --- aggregations --------------------------------------------------------------------
    def grouping(self, c: list[Any]) -> ast.Grouping:
        labels = c[2] if isinstance(c[2], list) else []
        return ast.Grouping(tuple(labels), c[0].kind == "WITHOUT")

    def range_aggregation(self, c: list[Any]) -> ast.SampleExpr:
        numbers = [x for x in c if isinstance(x, Token) and x.kind == "NUMBER"]
        log_range = next(x for x in c if isinstance(x, ast.LogRangeExpr))
        grouping = next((x for x in c if isinstance(x, ast.Grouping)), None)
        param = text(numbers[0]) if numbers else None
        return operators.range_aggregation(log_range, c[0], grouping, param)

    def vector_aggregation(self, c: list[Any]) -> ast.SampleExpr:
        rest = c[1:]
        numbers = [x for x in rest if isinstance(x, Token) and x.kind == "NUMBER"]
        grouping = next((x for x in rest if isinstance(x, ast.Grouping)), None)
        inner = next(x for x in rest if not isinstance(x, Token | ast.Grouping))
        param = text(numbers[0]) if numbers else None
        return operators.vector_aggregation(inner, c[0], grouping, param)

    def label_replace(self, c: list[Any]) -> ast.SampleExpr:
        return operators.label_replace(c[2], *(text(c[i]) for i in (4, 6, 8, 10)))

    def vector_expr(self, c: list[Any]) -> ast.VectorExpr:
        try:
            return ast.VectorExpr(parse_float(text(c[2])))
        except (GoSyntaxError, GoRangeError) as err:
            value = err.value if isinstance(err, GoRangeError) else 0.0
            return ast.VectorExpr(value, error(f"unable to parse vectorExpr as a float: {err}"))

    def literal(self, c: list[Any]) -> ast.LiteralExpr:
        return operators.literal(text(c[-1]), invert=c[0].kind == "SUB")

    # --- binary operators ----------------------------------------------------------------
    def bool_modifier(self, c: list[Any]) -> ast.BinOpOptions:
        return ast.BinOpOptions(return_bool=bool(c))

    def on_modifier(self, c: list[Any]) -> ast.BinOpOptions:
        labels = tuple(c[3]) if isinstance(c[3], list) else None
        matching = ast.VectorMatching(matching_labels=labels, on=True)
        return ast.BinOpOptions(c[0].return_bool, matching)

    def ignoring_modifier(self, c: list[Any]) -> ast.BinOpOptions:
        labels = tuple(c[3]) if isinstance(c[3], list) else None
        return ast.BinOpOptions(c[0].return_bool, ast.VectorMatching(matching_labels=labels))

    def group_modifier(self, c: list[Any]) -> ast.BinOpOptions:
        opts: ast.BinOpOptions = c[0]
        card = (
            ast.Cardinality.MANY_TO_ONE
            if c[1].kind == "GROUP_LEFT"
            else ast.Cardinality.ONE_TO_MANY
        )
        include = (
            tuple(c[3]) if len(c) > 3 and isinstance(c[3], list) else opts.vector_matching.include
        )
        vm = opts.vector_matching
        matching = ast.VectorMatching(card, vm.matching_labels, vm.on, include)
        return ast.BinOpOptions(opts.return_bool, matching)

    def bin_op(self, c: list[Any]) -> ast.SampleExpr:
        return operators.bin_op(_BIN_OPS[c[1].kind], c[2], c[0], c[3])


ACTIONS = Actions()
