"""sim/loki/logql/tables.py: the LALR tables are goyacc's for syntax.y.

Facts from grafana/loki v3.6.0 pkg/logql/syntax/syntax.y.go, the parser goyacc generated
from syntax.y: `syntaxR2` (229 rules), `syntaxPact` (393 states) and `syntaxExca` (the
exception table: the accepting state, and two states in `variants(...)` that reduce rule 227
or 228 on `,` and `)` and otherwise rule 3).
"""

from __future__ import annotations

from sim.loki.logql.tables import TABLES
from sim.loki.logql.tokens import TOKEN_NUMBER


def test_rule_and_state_counts() -> None:
    assert len(TABLES.productions) == 229
    assert len(TABLES.states) == 393


def test_exception_table() -> None:
    comma, close = TOKEN_NUMBER["COMMA"], TOKEN_NUMBER["CLOSE_PARENTHESIS"]
    exceptions = [
        (s.reductions, s.default, s.accepts) for s in TABLES.states if s.reductions or s.accepts
    ]
    assert sorted(exceptions, key=repr) == sorted(
        [({}, 0, True), ({comma: 227, close: 227}, 3, False), ({comma: 228, close: 228}, 3, False)],
        key=repr,
    )


def test_rule_numbers_follow_syntax_y() -> None:
    # syntax.y: rule 3 is `expr: metricExpr`, 227/228 are the two `metricExprs` rules.
    assert (TABLES.productions[3].origin, TABLES.productions[3].length) == ("expr", 1)
    assert [TABLES.productions[n].origin for n in (227, 228)] == ["metric_exprs", "metric_exprs"]
