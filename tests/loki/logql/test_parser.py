"""sim/loki/logql/parser.py: queries Loki 3.6 parses, the ASTs, and Loki's parse errors.

Rows cite grafana/loki v3.6.0 files: parser_test.go (pkg/logql/syntax), or ADR-loki.md (the
homelab configuration under test) by line.
"""

from __future__ import annotations

import pytest

from sim.errors import UserError
from sim.loki.logql import (
    LogQLParseError,
    NotALogSelectorError,
    NotASampleExprError,
    NotMatchersError,
    ast,
    parse_expr,
    parse_log_selector,
    parse_matchers,
    parse_sample_expr,
    parse_without_validation,
    to_string,
)
from sim.loki.logql.errors import ERR_EMPTY_COMPATIBLE_MATCHERS
from sim.loki.logql.matchers import MatchType
from tests.loki.logql.parse_cases import PARSE_CASES, Err


@pytest.mark.parametrize(("line", "query", "expected"), PARSE_CASES, ids=lambda v: str(v)[:60])
def test_parse_table(line: int, query: str, expected: str | Err) -> None:
    # parser_test.go TestParse, row at the given line.
    if isinstance(expected, Err):
        with pytest.raises(LogQLParseError) as caught:
            parse_expr(query)
        assert (caught.value.message, caught.value.line, caught.value.col) == tuple(expected)
    else:
        assert to_string(parse_expr(query)) == expected


def _m(kind: MatchType, name: str, value: str) -> ast.Matcher:
    from sim.loki.logql.matchers import new_matcher

    return new_matcher(kind, name, value)


EQ, NEQ, RE, NRE = MatchType.EQUAL, MatchType.NOT_EQUAL, MatchType.REGEXP, MatchType.NOT_REGEXP


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # parser_test.go TestParseMatchers
        ('{app="foo",cluster=~".+bar"}', [_m(EQ, "app", "foo"), _m(RE, "cluster", ".+bar")]),
        (
            '{app!="foo",cluster=~".+bar",bar!~".?boo"}',
            [_m(NEQ, "app", "foo"), _m(RE, "cluster", ".+bar"), _m(NRE, "bar", ".?boo")],
        ),
    ],
)
def test_parse_matchers(query: str, expected: list[ast.Matcher]) -> None:
    assert parse_matchers(query) == expected


def test_parse_matchers_rejects_unclosed_selector() -> None:
    # parser_test.go TestParseMatchers: `{app!="foo",cluster=~".+bar",bar!~".?boo"` fails.
    with pytest.raises(LogQLParseError, match="unexpected \\$end, expecting } or ,"):
        parse_matchers('{app!="foo",cluster=~".+bar",bar!~".?boo"')


def test_parse_matchers_rejects_pipelines() -> None:
    # parser_test.go TestParseMatchers; message: pkg/logqlmodel/error.go ErrParseMatchers.
    with pytest.raises(NotMatchersError, match=r"^only label matchers are supported$"):
        parse_matchers('{app!="foo",cluster=~".+bar",bar!~".?boo"} |= "test"')


@pytest.mark.parametrize(
    ("query", "valid"),
    [
        # parser_test.go TestParseSampleExpr_equalityMatcher
        ('count_over_time({foo="bar"}[5m])', True),
        ('count_over_time({foo!="bar"}[5m])', False),
        ('count_over_time({app="baz", foo!="bar"}[5m])', True),
        ('count_over_time({app=~".+"}[5m])', True),
        ('count_over_time({app=~".*"}[5m])', False),
        ('count_over_time({app=~"bar|baz"}[5m])', True),
        ('count_over_time({app!~"bar|baz"}[5m])', False),
        ('1 + count_over_time({app=~".*"}[5m])', False),
        ('1 + count_over_time({app=~".+"}[5m]) + count_over_time({app=~".*"}[5m])', False),
        ('1 + count_over_time({app=~".+"}[5m]) + count_over_time({app=~".+"}[5m])', True),
        ('1 + count_over_time({app=~".+"}[5m]) + count_over_time({app=~".*"}[5m]) + 1', False),
        ('1 + count_over_time({app=~".+"}[5m]) + count_over_time({app=~".+"}[5m]) + 1', True),
    ],
)
def test_sample_expr_needs_a_non_empty_matcher(query: str, valid: bool) -> None:
    if valid:
        parse_sample_expr(query)
    else:
        with pytest.raises(LogQLParseError) as caught:
            parse_sample_expr(query)
        assert str(caught.value) == "parse error : " + ERR_EMPTY_COMPATIBLE_MATCHERS


def test_sample_expr_syntax_error_position() -> None:
    # parser_test.go TestParseSampleExpr_equalityMatcher, last row.
    with pytest.raises(LogQLParseError) as caught:
        parse_sample_expr('count without (rate({namespace="apps"}[15s]))')
    assert str(caught.value) == (
        "parse error at line 1, col 16: syntax error: unexpected RATE, expecting IDENTIFIER or )"
    )


@pytest.mark.parametrize(
    ("query", "valid"),
    [
        # parser_test.go TestParseLogSelectorExpr_equalityMatcher
        ('{foo="bar"}', True),
        ('{foo!="bar"}', False),
        ('{app="baz", foo!="bar"}', True),
        ('{app=~".+"}', True),
        ('{app=~".*"}', False),
        ('{foo=~"bar|baz"}', True),
        ('{foo!~"bar|baz"}', False),
    ],
)
def test_log_selector_needs_a_non_empty_matcher(query: str, valid: bool) -> None:
    if valid:
        parse_log_selector(query)
    else:
        with pytest.raises(LogQLParseError, match="empty-compatible value"):
            parse_log_selector(query)


@pytest.mark.parametrize(
    "query",
    [
        # parser.go ParseLogSelector: a metric query is refused with a plain error.
        'rate({app="foo"}[5m])',
        'sum(count_over_time({app="foo"}[5m]))',
    ],
)
def test_log_selector_refuses_metric_queries(query: str) -> None:
    with pytest.raises(NotALogSelectorError, match=r"^only log selector is supported$"):
        parse_log_selector(query)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # parser.go ParseLogSelector: LiteralExpr and VectorExpr are LogSelectorExprs in ast.go.
        ("1", ast.LiteralExpr(1.0)),
        ("vector(2)", ast.VectorExpr(2.0)),
    ],
)
def test_log_selector_accepts_literals_like_loki(query: str, expected: ast.Expr) -> None:
    assert parse_log_selector(query) == expected


def test_log_selector_without_validation_skips_matcher_check() -> None:
    # parser_test.go TestNoOpLabelToString: ParseLogSelector(logExpr, false) and String().
    expr = parse_log_selector('{container_name="app"} | foo=~".*"', validate=False)
    assert to_string(expr) == '{container_name="app"} | foo=~".*"'
    assert to_string(parse_log_selector('{a=~".*"}', validate=False)) == '{a=~".*"}'


def test_sample_expr_refuses_log_queries() -> None:
    # parser.go ParseSampleExpr.
    with pytest.raises(NotASampleExprError, match=r"^only sample expression supported$"):
        parse_sample_expr('{app="foo"}')


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # parser_test.go TestParseSampleExpr_String: backticks keep the regexp unescaped.
        (
            'sum(rate({cluster="beep", namespace="boop"} | msg=~`.*?(GET|POST|PUT|DELETE|PATCH'
            "|HEAD|OPTIONS) /loki/api/(?i)(\\d+[a-z]|[a-z]+\\d)\\w*/query_range`[1d]))",
            'sum(rate({cluster="beep", namespace="boop"} | msg=~`.*?(GET|POST|PUT|DELETE|PATCH'
            "|HEAD|OPTIONS) /loki/api/(?i)(\\d+[a-z]|[a-z]+\\d)\\w*/query_range`[1d]))",
        ),
        (
            '{cluster="beep", namespace="boop"} | msg=~"\\\\w.*"',
            '{cluster="beep", namespace="boop"} | msg=~`\\w.*`',
        ),
    ],
)
def test_regexp_label_filter_string(query: str, expected: str) -> None:
    assert to_string(parse_expr(query)) == expected


def test_parse_errors_are_user_errors_with_http_400() -> None:
    # parser_test.go TestIsParseError; Loki answers parse errors with 400.
    with pytest.raises(LogQLParseError) as caught:
        parse_expr("{foo")
    assert isinstance(caught.value, UserError)
    assert caught.value.status_code == 400


def test_input_size_limit() -> None:
    # parser.go maxInputSize (131072 bytes) and its message.
    query = '{a="' + "x" * 131072 + '"}'
    with pytest.raises(LogQLParseError) as caught:
        parse_without_validation(query)
    assert str(caught.value) == f"parse error : input size too long ({len(query)} > 131072)"


def test_parse_without_validation_keeps_deferred_errors() -> None:
    # parser.go ParseExprWithoutValidation returns the tree; ParseExpr reports the error.
    assert to_string(parse_without_validation('{a=~".*"}')) == '{a=~".*"}'
    with pytest.raises(LogQLParseError, match="grouping not allowed for rate aggregation"):
        parse_expr('rate({a="b"}[1m]) by (x)')


# Every LogQL query in /work/shared/ADR-loki.md (the homelab configuration under test), verbatim
# with its trailing `#` comment, and the canonical form Loki prints for it: (ADR line, query, String()).
ADR_QUERIES = [
    (825, 'sum(rate({level="error"}[5m])) by (namespace, app)', 'sum by (namespace,app)(rate({level="error"}[5m]))'),
    (826, 'sum(bytes_over_time({job=~".+"}[5m])) by (namespace)', 'sum by (namespace)(bytes_over_time({job=~".+"}[5m]))'),
    (827, '{level=~"error|fatal"} | json | line_format "{{.timestamp}} {{.message}}"',
     '{level=~"error|fatal"} | json | line_format "{{.timestamp}} {{.message}}"'),
    (828, 'topk(10, sum by (pod) (bytes_over_time({namespace="production"}[1h])))',
     'topk(10,sum by (pod)(bytes_over_time({namespace="production"}[1h])))'),
    (834, '{namespace="production", app="api"}                  # Specific app logs',
     '{namespace="production", app="api"}'),
    (835, '{level="error"}                                      # All error logs', '{level="error"}'),
    (836, '{namespace="production"} |= "connection refused"     # Text search',
     '{namespace="production"} |= "connection refused"'),
    (837, '{app="api"} != "health check"                        # Exclude health checks',
     '{app="api"} != "health check"'),
    (842, 'sum(rate({namespace="production", level="error"}[5m]))        # Error rate',
     'sum(rate({namespace="production", level="error"}[5m]))'),
    (843, 'sum by (pod) (rate({namespace="default"}[1m]))                # Logs per pod',
     'sum by (pod)(rate({namespace="default"}[1m]))'),
    (844, 'sum by (app) (bytes_over_time({namespace="production"}[1h]))  # Bytes per app',
     'sum by (app)(bytes_over_time({namespace="production"}[1h]))'),
    (849, '{app="api"} | json | status_code >= 500                       # Parse JSON, filter',
     '{app="api"} | json | status_code>=500'),
    (850, 'sum by (method) (rate({app="api"} | json | __error__="" [5m])) # Aggregate parsed field',
     'sum by (method)(rate({app="api"} | json | __error__=""[5m]))'),
    (851, '{app="nginx"} | logfmt | duration > 1s                        # Slow request detection',
     '{app="nginx"} | logfmt | duration>1s'),
    (859, 'sum(rate({namespace="production", level="error"}[5m])) > 10',
     '(sum(rate({namespace="production", level="error"}[5m])) > 10)'),
    (868, 'count_over_time({app="api"} |= "panic" [5m]) > 0', '(count_over_time({app="api"} |= "panic"[5m]) > 0)'),
    (1399, '{namespace="production"}', '{namespace="production"}'),
    (1399, '{namespace="development"}', '{namespace="development"}'),
    (1400, '{app="nginx"}', '{app="nginx"}'),
    (1400, '{app="api"}', '{app="api"}'),
    (1401, '{environment="prod"}', '{environment="prod"}'),
    (1402, '{level="error"}', '{level="error"}'),
    (1402, '{level="warn"}', '{level="warn"}'),
    (1429, '{namespace="production", level="error"}', '{namespace="production", level="error"}'),
    (1430, '{app="api"} | json | line_format "{{.method}} {{.path}} {{.status}} {{.duration}}"',
     '{app="api"} | json | line_format "{{.method}} {{.path}} {{.status}} {{.duration}}"'),
    (1431, '{app=~"oauth|keycloak"} |= "login"', '{app=~"oauth|keycloak"} |= "login"'),
    (1449, 'sum(rate({namespace="production", level="error"}[5m])) > 10',
     '(sum(rate({namespace="production", level="error"}[5m])) > 10)'),
    (1458, 'count_over_time({namespace="production"} |= "panic" [5m]) > 0',
     '(count_over_time({namespace="production"} |= "panic"[5m]) > 0)'),
    (1465, 'count_over_time({namespace="production"} |= "out of memory" [5m]) > 0',
     '(count_over_time({namespace="production"} |= "out of memory"[5m]) > 0)'),
]  # fmt: skip


@pytest.mark.parametrize(("line", "query", "expected"), ADR_QUERIES)
def test_adr_queries(line: int, query: str, expected: str) -> None:
    assert to_string(parse_expr(query)) == expected


@pytest.mark.parametrize(
    ("line", "query", "message"),
    [
        # ADR-loki.md's loki-health / loki-system rules are PromQL for Prometheus; Loki's
        # parser refuses them (a metric name is an IDENTIFIER where a selector must start).
        (
            1182,
            'up{job="loki"} == 0',
            "parse error at line 1, col 1: syntax error: unexpected IDENTIFIER",
        ),
        (
            1191,
            "rate(promtail_dropped_entries_total[5m]) > 0",
            "parse error at line 1, col 6: syntax error: unexpected IDENTIFIER, expecting NUMBER or { or (",
        ),
        (
            1200,
            "loki_ingester_streams > 50000",
            "parse error at line 1, col 1: syntax error: unexpected IDENTIFIER",
        ),
    ],
)
def test_adr_promql_rules_are_not_logql(line: int, query: str, message: str) -> None:
    with pytest.raises(LogQLParseError) as caught:
        parse_expr(query)
    assert str(caught.value) == message
