"""sim/loki/logql/printer.py: Loki's String() forms.

Tables from grafana/loki v3.6.0 pkg/logql/syntax/ast_test.go (line numbers are that file's).
"""

from __future__ import annotations

import pytest

from sim.loki.logql import ast, parse_expr, parse_log_selector, to_string

# ast_test.go Test_logSelectorExpr_String: each selector prints exactly as written.
SELECTORS = [
    (25, '{foo="bar"}'),
    (26, '{foo="bar", bar!="baz"}'),
    (27, '{foo="bar", bar!="baz"} != "bip" !~ ".+bop"'),
    (28, '{foo="bar"} |= "baz" |~ "blip" |> "qux" !> "waldo" != "flip" !~ "flap"'),
    (29, '{foo="bar", bar!="baz"} |= ""'),
    (30, '{foo="bar", bar!="baz"} |= "" |= ip("::1")'),
    (31, '{foo="bar", bar!="baz"} |= "" != ip("127.0.0.1")'),
    (32, '{foo="bar", bar!="baz"} |~ ""'),
    (33, '{foo="bar", bar!="baz"} |~ ".*"'),
    (34, '{foo="bar", bar!="baz"} |= "" |= ""'),
    (35, '{foo="bar", bar!="baz"} |~ "" |= "" |~ ".*"'),
    (36, '{foo="bar", bar!="baz"} |> ""'),
    (37, '{foo="bar", bar!="baz"} |> "<_>"'),
    (38, '{foo="bar", bar!="baz"} |> "<_>" !> "<_> <_>"'),
    (39, '{foo="bar", bar!="baz"} != "bip" !~ ".+bop" |> "<_> bop <_>" | json'),
    (40, '{foo="bar"} |= "baz" |~ "blip" != "flip" !~ "flap" | logfmt'),
    (41, '{foo="bar"} |= "baz" |~ "blip" != "flip" !~ "flap" | logfmt --strict'),
    (42, '{foo="bar"} |= "baz" |~ "blip" != "flip" !~ "flap" | logfmt --strict --keep-empty'),
    (43, '{foo="bar"} |= "baz" |~ "blip" != "flip" !~ "flap" | unpack | foo>5'),
    (44, '{foo="bar"} |= "baz" |~ "blip" != "flip" !~ "flap" | pattern "<foo> bar <buzz>" | foo>5'),
    (45, '{foo="bar"} |= "baz" |~ "blip" != "flip" !~ "flap" | logfmt | b>=10GB'),
    (46, '{foo="bar"} |= "baz" |~ "blip" != "flip" !~ "flap" | logfmt | b=ip("127.0.0.1")'),
    (
        47,
        '{foo="bar"} |= "baz" |~ "blip" != "flip" !~ "flap" | logfmt | b=ip("127.0.0.1") | level="error"',
    ),
    (
        48,
        '{foo="bar"} |= "baz" |~ "blip" != "flip" !~ "flap" | logfmt --strict b="foo" | b=ip("127.0.0.1") | level="error"',
    ),
    (
        49,
        '{foo="bar"} |= "baz" |~ "blip" != "flip" !~ "flap" | logfmt --strict --keep-empty b="foo" | b=ip("127.0.0.1") | level="error"',
    ),
    (
        50,
        '{foo="bar"} |= "baz" |~ "blip" != "flip" !~ "flap" | logfmt | b=ip("127.0.0.1") | level="error" | c=ip("::1")',
    ),
    (51, '{foo="bar"} |= "baz" |~ "blip" != "flip" !~ "flap" | regexp "(?P<foo>foo|bar)"'),
    (
        52,
        '{foo="bar"} |= "baz" |~ "blip" != "flip" !~ "flap" | regexp "(?P<foo>foo|bar)" | ( ( foo<5.01 , bar>20ms ) or foo="bar" ) | line_format "blip{{.boop}}bap" | label_format foo=bar,bar="blip{{.blop}}"',
    ),
    (
        53,
        '{foo="bar"} | logfmt | counter>-1 | counter>=-1 | counter<-1 | counter<=-1 | counter!=-1 | counter==-1',
    ),
]

# ast_test.go Test_SampleExpr_String: String() parses back to the same expression.
SAMPLES = [
    (80, 'rate( ( {job="mysql"} |="error" !="timeout" ) [10s] )>-1'),
    (81, 'rate( ( {job="mysql"} |="error" !="timeout" ) [10s] )'),
    (82, 'absent_over_time( ( {job="mysql"} |="error" !="timeout" ) [10s] )'),
    (83, 'absent_over_time( ( {job="mysql"} |="error" !="timeout" ) [10s] offset 10d )'),
    (84, "vector(123)"),
    (85, 'sort(sum by(a) (rate( ( {job="mysql"} |="error" !="timeout" ) [10s] ) ))'),
    (86, 'sort_desc(sum by(a) (rate( ( {job="mysql"} |="error" !="timeout" ) [10s] ) ))'),
    (87, 'sum without(a) ( rate ( ( {job="mysql"} |="error" !="timeout" ) [10s] ) )'),
    (88, 'sum by(a) (rate( ( {job="mysql"} |="error" !="timeout" ) [10s] ) )'),
    (89, 'sum(count_over_time({job="mysql"}[5m]))'),
    (90, 'sum(count_over_time({job="mysql"}[5m] offset 10m))'),
    (91, 'sum(count_over_time({job="mysql"} | json [5m]))'),
    (92, 'sum(count_over_time({job="mysql"} | json [5m] offset 10m))'),
    (93, 'sum(count_over_time({job="mysql"} | logfmt [5m]))'),
    (94, 'sum(count_over_time({job="mysql"} | logfmt --strict [5m] offset 10m))'),
    (95, 'sum(count_over_time({job="mysql"} | pattern "<foo> bar <buzz>" | json [5m]))'),
    (96, 'sum(count_over_time({job="mysql"} | unpack | json [5m]))'),
    (97, 'sum(count_over_time({job="mysql"} | regexp "(?P<foo>foo|bar)" [5m]))'),
    (98, 'sum(count_over_time({job="mysql"} | regexp "(?P<foo>foo|bar)" [5m] offset 10y))'),
    (99, 'topk(10,sum(rate({region="us-east1"}[5m])) by (name))'),
    (100, 'topk by (name)(10,sum(rate({region="us-east1"}[5m])))'),
    (101, 'avg( rate( ( {job="nginx"} |= "GET" ) [10s] ) ) by (region)'),
    (102, 'avg(min_over_time({job="nginx"} |= "GET" | unwrap foo[10s])) by (region)'),
    (103, 'avg(min_over_time({job="nginx"} |= "GET" | unwrap foo[10s] offset 10m)) by (region)'),
    (104, 'sum by (cluster) (count_over_time({job="mysql"}[5m]))'),
    (105, 'sum by (cluster) (count_over_time({job="mysql"}[5m] offset 10m))'),
    (
        106,
        'sum by (cluster) (count_over_time({job="mysql"}[5m])) / sum by (cluster) (count_over_time({job="postgres"}[5m])) ',
    ),
    (
        107,
        'sum by (cluster) (count_over_time({job="mysql"}[5m] offset 10m)) / sum by (cluster) (count_over_time({job="postgres"}[5m] offset 10m)) ',
    ),
    (
        108,
        '\n\t\tsum by (cluster) (count_over_time({job="postgres"}[5m])) /\n\t\tsum by (cluster) (count_over_time({job="postgres"}[5m])) /\n\t\tsum by (cluster) (count_over_time({job="postgres"}[5m]))\n\t\t',
    ),
    (
        113,
        'sum by (cluster) (count_over_time({job="mysql"}[5m])) / min(count_over_time({job="mysql"}[5m])) ',
    ),
    (
        114,
        'sum by (job) (\n\t\t\tcount_over_time({namespace="tns"} |= "level=error"[5m])\n\t\t/\n\t\t\tcount_over_time({namespace="tns"}[5m])\n\t\t)',
    ),
    (
        119,
        'stdvar_over_time({app="foo"} |= "bar" | json | latency >= 250ms or ( status_code < 500 and status_code > 200)\n\t\t| line_format "blip{{ .foo }}blop {{.status_code}}" | label_format foo=bar,status_code="buzz{{.bar}}" | unwrap foo [5m])',
    ),
    (
        121,
        'stdvar_over_time({app="foo"} |= "bar" | json | latency >= 250ms or ( status_code < 500 and status_code > 200)\n\t\t| line_format "blip{{ .foo }}blop {{.status_code}}" | label_format foo=bar,status_code="buzz{{.bar}}" | unwrap foo [5m] offset 10m)',
    ),
    (
        123,
        'sum_over_time({namespace="tns"} |= "level=error" | json |foo>=5,bar<25ms|unwrap latency [5m])',
    ),
    (
        124,
        'sum by (job) (\n\t\t\tsum_over_time({namespace="tns"} |= "level=error" | json | foo=5 and bar<25ms | unwrap latency[5m])\n\t\t/\n\t\t\tcount_over_time({namespace="tns"} | logfmt | label_format foo=bar[5m])\n\t\t)',
    ),
    (
        129,
        'sum by (job) (\n\t\t\tsum_over_time({namespace="tns"} |= "level=error" | json | foo=5 and bar<25ms | unwrap bytes(latency)[5m])\n\t\t/\n\t\t\tcount_over_time({namespace="tns"} | logfmt | label_format foo=bar[5m])\n\t\t)',
    ),
    (
        134,
        'sum by (job) (\n\t\t\tsum_over_time(\n\t\t\t\t{namespace="tns"} |= "level=error" | json | avg=5 and bar<25ms | unwrap duration(latency) [5m]\n\t\t\t)\n\t\t/\n\t\t\tcount_over_time({namespace="tns"} | logfmt | label_format foo=bar[5m])\n\t\t)',
    ),
    (
        141,
        'sum_over_time({namespace="tns"} |= "level=error" | json |foo>=5,bar<25ms | unwrap latency | __error__!~".*" | foo >5[5m])',
    ),
    (
        142,
        'last_over_time({namespace="tns"} |= "level=error" | json |foo>=5,bar<25ms | unwrap latency | __error__!~".*" | foo >5[5m])',
    ),
    (
        143,
        'first_over_time({namespace="tns"} |= "level=error" | json |foo>=5,bar<25ms | unwrap latency | __error__!~".*" | foo >5[5m])',
    ),
    (
        144,
        'absent_over_time({namespace="tns"} |= "level=error" | json |foo>=5,bar<25ms | unwrap latency | __error__!~".*" | foo >5[5m])',
    ),
    (
        145,
        'sum by (job) (\n\t\t\tsum_over_time(\n\t\t\t\t{namespace="tns"} |= "level=error" | json | avg=5 and bar<25ms | unwrap duration(latency)  | __error__!~".*" [5m]\n\t\t\t)\n\t\t/\n\t\t\tcount_over_time({namespace="tns"} | logfmt | label_format foo=bar[5m])\n\t\t)',
    ),
    (
        152,
        'label_replace(\n\t\t\tsum by (job) (\n\t\t\t\tsum_over_time(\n\t\t\t\t\t{namespace="tns"} |= "level=error" | json | avg=5 and bar<25ms | unwrap duration(latency)  | __error__!~".*" [5m]\n\t\t\t\t)\n\t\t\t/\n\t\t\t\tcount_over_time({namespace="tns"} | logfmt | label_format foo=bar[5m])\n\t\t\t),\n\t\t\t"foo",\n\t\t\t"$1",\n\t\t\t"service",\n\t\t\t"(.*):.*"\n\t\t)\n\t\t',
    ),
    (166, "10 / (5/2)"),
    (167, '(count_over_time({job="postgres"}[5m])/2) or vector(2)'),
    (168, '10 / (count_over_time({job="postgres"}[5m])/2)'),
    (
        169,
        '{app="foo"} | json response_status="response.status.code", first_param="request.params[0]"',
    ),
    (
        170,
        'label_replace(\n\t\t\tsum by (job) (\n\t\t\t\tsum_over_time(\n\t\t\t\t\t{namespace="tns"} |= "level=error" | json | avg=5 and bar<25ms | unwrap duration(latency)  | __error__!~".*" [5m] offset 1h\n\t\t\t\t)\n\t\t\t/\n\t\t\t\tcount_over_time({namespace="tns"} | logfmt | label_format foo=bar[5m] offset 1h)\n\t\t\t),\n\t\t\t"foo",\n\t\t\t"$1",\n\t\t\t"service",\n\t\t\t"(.*):.*"\n\t\t)\n\t\t',
    ),
    (
        184,
        '(((\n\t\t\tsum by(typename,pool,commandname,colo)(sum_over_time({_namespace_="appspace", _schema_="appspace-1min", pool=~"r1testlvs", colo=~"slc|lvs|rno", env!~"(pre-production|sandbox)"} | logfmt | status!="0" | ( ( type=~"(?i)^(Error|Exception|Fatal|ERRPAGE|ValidationError)$" or typename=~"(?i)^(Error|Exception|Fatal|ERRPAGE|ValidationError)$" ) or status=~"(?i)^(Error|Exception|Fatal|ERRPAGE|ValidationError)$" ) | commandname=~"(?i).*|UNSET" | unwrap sumcount[5m])) / 60)\n\t\t\t\tor on ()\n\t\t\t\t((sum by(typename,pool,commandname,colo)(sum_over_time({_namespace_="appspace", _schema_="appspace-15min", pool=~"r1testlvs", colo=~"slc|lvs|rno", env!~"(pre-production|sandbox)"} | logfmt | status!="0" | ( ( type=~"(?i)^(Error|Exception|Fatal|ERRPAGE|ValidationError)$" or typename=~"(?i)^(Error|Exception|Fatal|ERRPAGE|ValidationError)$" ) or status=~"(?i)^(Error|Exception|Fatal|ERRPAGE|ValidationError)$" ) | commandname=~"(?i).*|UNSET" | unwrap sumcount[5m])) / 15) / 60))\n\t\t\t\tor on ()\n\t\t\t\t((sum by(typename,pool,commandname,colo) (sum_over_time({_namespace_="appspace", _schema_="appspace-1h", pool=~"r1testlvs", colo=~"slc|lvs|rno", env!~"(pre-production|sandbox)"} | logfmt | status!="0" | ( ( type=~"(?i)^(Error|Exception|Fatal|ERRPAGE|ValidationError)$" or typename=~"(?i)^(Error|Exception|Fatal|ERRPAGE|ValidationError)$" ) or status=~"(?i)^(Error|Exception|Fatal|ERRPAGE|ValidationError)$" ) | commandname=~"(?i).*|UNSET" | unwrap sumcount[5m])) / 60) / 60))',
    ),
    (190, '{app="foo"} | logfmt code="response.code", IPAddress="host"'),
]

# ast_test.go TestStringer: (line, input, String()).
STRINGER = [
    (664, "1 > 1 > 1", "0"),
    (668, "1.6", "1.6"),
    (672, "1 > 1 > bool 1", "0"),
    (
        676,
        '1 > bool 1 > count_over_time({foo="bar"}[1m])',
        '(0 > count_over_time({foo="bar"}[1m]))',
    ),
    (
        680,
        '1 > bool 1 > bool count_over_time({foo="bar"}[1m])',
        '(0 > bool count_over_time({foo="bar"}[1m]))',
    ),
    (684, '0 > count_over_time({foo="bar"}[1m])', '(0 > count_over_time({foo="bar"}[1m]))'),
    (688, '{app="foo"} |= "foo" or "bar"', '{app="foo"} |= "foo" or "bar"'),
    (692, '{app="foo"} |= "foo" or "bar" or "baz"', '{app="foo"} |= "foo" or "bar" or "baz"'),
    (
        696,
        '{app="foo"} |= "foo" or "bar" or "baz" |= "car"',
        '{app="foo"} |= "foo" or "bar" or "baz" |= "car"',
    ),
    (
        700,
        '{app="foo"} |= "foo" or "bar" or "baz" |= "car" |= "a" or "b" or "c"',
        '{app="foo"} |= "foo" or "bar" or "baz" |= "car" |= "a" or "b" or "c"',
    ),
    (704, '{app="foo"} |~ "foo" or "bar" or "baz"', '{app="foo"} |~ "foo" or "bar" or "baz"'),
    (
        708,
        '{app="foo"} |= "foo" or "bar" |= "buzz" or "fizz"',
        '{app="foo"} |= "foo" or "bar" |= "buzz" or "fizz"',
    ),
    (
        713,
        '{app="foo"} |= "foo" or "bar" |~ "buzz|fizz"',
        '{app="foo"} |= "foo" or "bar" |~ "buzz|fizz"',
    ),
    (716, '{app="foo"} |= ip("127.0.0.1") or "foo"', '{app="foo"} |= ip("127.0.0.1") or "foo"'),
    (720, '{app="foo"} |= "foo" or ip("127.0.0.1")', '{app="foo"} |= "foo" or ip("127.0.0.1")'),
    (724, '{app="foo"} |~ ip("127.0.0.1") or "foo"', '{app="foo"} |~ ip("127.0.0.1") or "foo"'),
    (728, '{app="foo"} |> "foo <_> baz" or "foo <_>"', '{app="foo"} |> "foo <_> baz" or "foo <_>"'),
    (
        732,
        '{app="foo"} |> "foo <_> baz" or "foo <_>" |> "foo <_> baz"',
        '{app="foo"} |> "foo <_> baz" or "foo <_>" |> "foo <_> baz"',
    ),
    (736, '{app="foo"} != "foo" or "bar"', '{app="foo"} != "foo" != "bar"'),
    (740, '{app="foo"} != "test" != "foo" or "bar"', '{app="foo"} != "test" != "foo" != "bar"'),
    (
        744,
        '{app="foo"} != "test" != "foo" or "bar" or "baz"',
        '{app="foo"} != "test" != "foo" != "bar" != "baz"',
    ),
    (
        748,
        '{app="foo"} != "foo" or "bar" or "baz" != "car"',
        '{app="foo"} != "foo" != "bar" != "baz" != "car"',
    ),
    (
        752,
        '{app="foo"} != "foo" or "bar" or "baz" != "car" != "a" or "b" or "c"',
        '{app="foo"} != "foo" != "bar" != "baz" != "car" != "a" != "b" != "c"',
    ),
    (
        757,
        '{app="foo"} |= "foo" or "bar" or "baz" != "car" != "a" or "b" or "c"',
        '{app="foo"} |= "foo" or "bar" or "baz" != "car" != "a" != "b" != "c"',
    ),
    (761, '{app="foo"} !~ "foo" or "bar"', '{app="foo"} !~ "foo" !~ "bar"'),
    (765, '{app="foo"} !~ "test" !~ "foo" or "bar"', '{app="foo"} !~ "test" !~ "foo" !~ "bar"'),
    (
        769,
        '{app="foo"} !~ "test" !~ "foo" or "bar" or "baz"',
        '{app="foo"} !~ "test" !~ "foo" !~ "bar" !~ "baz"',
    ),
    (
        773,
        '{app="foo"} !~ "foo" or "bar" or "baz" !~ "car"',
        '{app="foo"} !~ "foo" !~ "bar" !~ "baz" !~ "car"',
    ),
    (
        777,
        '{app="foo"} !~ "foo" or "bar" or "baz" !~ "car" !~ "a" or "b" or "c"',
        '{app="foo"} !~ "foo" !~ "bar" !~ "baz" !~ "car" !~ "a" !~ "b" !~ "c"',
    ),
    (
        782,
        '{app="foo"} |~ "foo" or "bar" or "baz" !~ "car" !~ "a" or "b" or "c"',
        '{app="foo"} |~ "foo" or "bar" or "baz" !~ "car" !~ "a" !~ "b" !~ "c"',
    ),
    (786, '{app="foo"} != ip("127.0.0.1") or "foo"', '{app="foo"} != ip("127.0.0.1") != "foo"'),
    (790, '{app="foo"} !~ ip("127.0.0.1") or "foo"', '{app="foo"} !~ ip("127.0.0.1") !~ "foo"'),
    (
        794,
        '{app="foo"} !> "<_> foo <_>" or "foo <_>" !> "foo <_> baz"',
        '{app="foo"} !> "<_> foo <_>" !> "foo <_>" !> "foo <_> baz"',
    ),
]


@pytest.mark.parametrize(("line", "selector"), SELECTORS)
def test_log_selector_string(line: int, selector: str) -> None:
    assert to_string(parse_log_selector(selector)) == selector


@pytest.mark.parametrize(("line", "query"), SAMPLES)
def test_sample_expr_round_trip(line: int, query: str) -> None:
    expr = parse_expr(query)
    assert parse_expr(to_string(expr)) == expr


@pytest.mark.parametrize(("line", "query", "expected"), STRINGER)
def test_stringer(line: int, query: str, expected: str) -> None:
    assert to_string(parse_expr(query)) == expected


@pytest.mark.parametrize(
    ("op", "param", "expected"),
    [
        # ast_test.go Test_parserExpr_String
        ("regexp", "foo", '| regexp "foo"'),
        ("regexp", "", '| regexp ""'),
        ("pattern", "buzz", '| pattern "buzz"'),
        ("pattern", "", '| pattern ""'),
        ("json", "", "| json"),
    ],
)
def test_line_parser_string(op: str, param: str, expected: str) -> None:
    assert to_string(ast.LineParserExpr(op, param)) == expected


def _range_aggregation(grouping: ast.Grouping) -> ast.RangeAggregationExpr:
    log_range = ast.LogRangeExpr(ast.MatchersExpr(()), 60_000_000_000)
    return ast.RangeAggregationExpr(log_range, "max_over_time", grouping=grouping)


@pytest.mark.parametrize(
    ("grouping", "expected"),
    [
        # ast_test.go TestGroupingString, seen through a range aggregation (which prints it
        # whenever it is set).
        (ast.Grouping(("a", "b")), "max_over_time({}[1m]) by (a,b)"),
        (ast.Grouping(()), "max_over_time({}[1m]) by ()"),
        (ast.Grouping(("a", "b"), without=True), "max_over_time({}[1m]) without (a,b)"),
        (ast.Grouping((), without=True), "max_over_time({}[1m]) without ()"),
    ],
)
def test_grouping_string(grouping: ast.Grouping, expected: str) -> None:
    assert to_string(_range_aggregation(grouping)) == expected


@pytest.mark.parametrize(
    "query",
    [
        # ast_test.go Test_VariantsExpr_String
        'variants(count_over_time({foo="bar"}[5m])) of ({foo="bar"}[5m])',
        'variants(count_over_time({baz="qux", foo=~"bar"}[5m]), bytes_over_time({baz="qux", '
        'foo=~"bar"}[5m])) of ({baz="qux", foo=~"bar"} | logfmt | this = "that"[5m])',
        'variants(count_over_time({baz="qux", foo!="bar"}[5m]),rate({baz="qux", foo!="bar"}[5m]))'
        ' of ({baz="qux", foo!="bar"} |= "that" [5m])',
        'variants(sum by (app) (count_over_time({baz="qux", foo!="bar"}[5m])),rate({baz="qux", '
        'foo!="bar"}[5m])) of ({baz="qux", foo!="bar"} |= "that" [5m])',
    ],
)
def test_variants_round_trip(query: str) -> None:
    expr = parse_expr(query)
    assert parse_expr(to_string(expr)) == expr


def test_large_query() -> None:
    # ast_test.go TestParseLargeQuery: long line filters (> 1024 bytes) still parse.
    needle = "a" * 2000
    query = (
        f'((sum(count_over_time({{foo="bar"}} |~ "{needle}" [6h])) / '
        f'sum(count_over_time({{foo="bar"}} |~ "{needle}" [6h]))) * 100)'
    )
    assert to_string(parse_expr(query)).count(needle) == 2


@pytest.mark.parametrize(
    ("node", "expected"),
    [
        # printer.matcher_string: prometheus labels.Matcher.String quotes non-legacy names.
        (ast.StringLabelFilter(ast.Matcher(ast.MatchType.EQUAL, "näme", "v")), '"näme"="v"'),
        # log/label_filter.go BytesLabelFilter.String: humanize.Bytes without spaces.
        (ast.BytesLabelFilter("size", 20_000_000, ast.LabelFilterType.GREATER_THAN), "size>20MB"),
        # log/label_filter.go DurationLabelFilter.String: Go's Duration.String.
        (ast.DurationLabelFilter("d", 90_000_000_000, ast.LabelFilterType.EQUAL), "d==1m30s"),
        # log/ip.go IPLabelFilter.String: "=" rather than "==".
        (
            ast.IPLabelFilter("addr", "10.0.0.0/8", ast.LabelFilterType.EQUAL),
            'addr=ip("10.0.0.0/8")',
        ),
    ],
)
def test_label_filter_strings(node: ast.LabelFilter, expected: str) -> None:
    assert to_string(ast.LabelFilterExpr(node)) == "| " + expected
