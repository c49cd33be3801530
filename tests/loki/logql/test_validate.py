"""sim/loki/logql/validate.py: Loki's checks after parsing.

Rows from grafana/loki v3.6.0 pkg/logql/syntax/ast_test.go (Test_SampleExpr_String_Fail,
Test_SampleExpr_Sort_Fail) and parser.go validateExpr.
"""

from __future__ import annotations

import pytest

from sim.loki.logql import LogQLParseError, parse_expr


@pytest.mark.parametrize(
    ("query", "message"),
    [
        # ast_test.go Test_SampleExpr_String_Fail
        (
            'topk(0, sum(rate({region="us-east1"}[5m])) by (name))',
            "invalid parameter (must be greater than 0)",
        ),
        (
            'topk by (name)(0,sum(rate({region="us-east1"}[5m])))',
            "invalid parameter (must be greater than 0)",
        ),
        (
            'bottomk(0, sum(rate({region="us-east1"}[5m])) by (name))',
            "invalid parameter (must be greater than 0)",
        ),
        (
            'bottomk by (name)(0,sum(rate({region="us-east1"}[5m])))',
            "invalid parameter (must be greater than 0)",
        ),
        # ast_test.go Test_SampleExpr_Sort_Fail
        (
            'sort(sum by(a) (rate( ( {job="mysql"} |="error" !="timeout" ) [10s] ) )) by (app)',
            "sort and sort_desc doesn't allow grouping by",
        ),
        (
            'sort_desc(sum by(a) (rate( ( {job="mysql"} |="error" !="timeout" ) [10s] ) )) by (app)',
            "sort and sort_desc doesn't allow grouping by",
        ),
        # parser.go validateMatchers: `{}` parses (syntax.y `OPEN_BRACE CLOSE_BRACE`) but selects
        # nothing specific.
        ("{}", "queries require at least one regexp or equality matcher"),
    ],
)
def test_rejected(query: str, message: str) -> None:
    with pytest.raises(LogQLParseError) as caught:
        parse_expr(query)
    assert str(caught.value).startswith("parse error : " + message)


def test_sort_without_labels_is_allowed() -> None:
    # parser.go validateSortGrouping: only a grouping with labels is refused.
    parse_expr('sort(sum by(a) (rate({job="mysql"}[10s]))) by ()')
