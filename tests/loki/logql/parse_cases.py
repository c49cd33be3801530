"""grafana/loki v3.6.0 pkg/logql/syntax/parser_test.go, ParseTestCases (TestParse), as facts.

Each row: (line of the `in:` in parser_test.go, query, expected). Upstream compares ASTs; the
expected value here is Loki's String() of upstream's expected AST (ast.go String() methods,
worked out by hand from the Go constructors in the row) or, for `err:` rows, Loki's ParseError
text and position. The upstream `variants` rows compare no exported field, so only parsing
and the String() form are checked for them.
"""

from __future__ import annotations

from typing import NamedTuple


class Err(NamedTuple):
    message: str
    line: int
    col: int


PARSE_CASES: list[tuple[int, str, str | Err]] = [
    (
        26,
        "count_over_time({foo=~`bar\\w+`}[12h] |~ `error\\`)",
        'count_over_time({foo=~"bar\\\\w+"} |~ "error\\\\"[12h])',
    ),
    (45, '{ foo = "bar" } | decolorize', '{foo="bar"} | decolorize'),
    (
        55,
        'count_over_time({foo="bar"}[12h] |= "error")',
        'count_over_time({foo="bar"} |= "error"[12h])',
    ),
    (
        71,
        'count_over_time({foo="bar"} |= "error" [12h])',
        'count_over_time({foo="bar"} |= "error"[12h])',
    ),
    (84, '{foo="bar"}', '{foo="bar"}'),
    (88, '{ foo = "bar" }', '{foo="bar"}'),
    (92, '{ namespace="buzz", foo != "bar" }', '{namespace="buzz", foo!="bar"}'),
    (99, '{ foo =~ "bar" }', '{foo=~"bar"}'),
    (103, '{ namespace="buzz", foo !~ "bar" }', '{namespace="buzz", foo!~"bar"}'),
    (110, 'count_over_time({ foo = "bar" }[12m])', 'count_over_time({foo="bar"}[12m])'),
    (120, 'bytes_over_time({ foo = "bar" }[12m])', 'bytes_over_time({foo="bar"}[12m])'),
    (130, 'bytes_rate({ foo = "bar" }[12m])', 'bytes_rate({foo="bar"}[12m])'),
    (140, 'rate({ foo = "bar" }[5h])', 'rate({foo="bar"}[5h])'),
    (150, '{ foo = "bar" }|logfmt --strict', '{foo="bar"} | logfmt --strict'),
    (159, '{ foo = "bar" }|logfmt|rate="a"', '{foo="bar"} | logfmt | rate="a"'),
    (169, '{ foo = "bar" }|logfmt|length>5d', '{foo="bar"} | logfmt | length>120h0m0s'),
    (
        179,
        '{ foo = "bar" }|logfmt --strict --keep-empty|length>5d',
        '{foo="bar"} | logfmt --strict --keep-empty | length>120h0m0s',
    ),
    (189, 'rate({ foo = "bar" }[5d])', 'rate({foo="bar"}[5d])'),
    (199, 'count_over_time({ foo = "bar" }[1w])', 'count_over_time({foo="bar"}[1w])'),
    (209, 'absent_over_time({ foo = "bar" }[1w])', 'absent_over_time({foo="bar"}[1w])'),
    (219, 'sum(rate({ foo = "bar" }[5h]))', 'sum(rate({foo="bar"}[5h]))'),
    (229, 'sum(rate({ foo ="bar" }[1y]))', 'sum(rate({foo="bar"}[1y]))'),
    (
        239,
        'avg(count_over_time({ foo = "bar" }[5h])) by (bar,foo)',
        'avg by (bar,foo)(count_over_time({foo="bar"}[5h]))',
    ),
    (
        252,
        'avg(\n\t\t\t\t\tlabel_replace(\n\t\t\t\t\t\tcount_over_time({ foo = "bar" }[5h]),\n\t\t\t\t\t\t"bar",\n\t\t\t\t\t\t"$1$2",\n\t\t\t\t\t\t"foo",\n\t\t\t\t\t\t"(.*).(.*)"\n\t\t\t\t\t)\n\t\t\t\t) by (bar,foo)',
        'avg by (bar,foo)(label_replace(count_over_time({foo="bar"}[5h]),"bar","$1$2","foo","(.*).(.*)"))',
    ),
    (
        278,
        'avg(count_over_time({ foo = "bar" }[5h])) by ()',
        'avg(count_over_time({foo="bar"}[5h]))',
    ),
    (
        291,
        'max without (bar) (count_over_time({ foo = "bar" }[5h]))',
        'max without (bar)(count_over_time({foo="bar"}[5h]))',
    ),
    (
        304,
        'max without () (count_over_time({ foo = "bar" }[5h]))',
        'max without ()(count_over_time({foo="bar"}[5h]))',
    ),
    (
        317,
        'topk(10,count_over_time({ foo = "bar" }[5h])) without (bar)',
        'topk without (bar)(10,count_over_time({foo="bar"}[5h]))',
    ),
    (
        330,
        'bottomk(30 ,sum(rate({ foo = "bar" }[5h])) by (foo))',
        'bottomk(30,sum by (foo)(rate({foo="bar"}[5h])))',
    ),
    (
        344,
        'max( sum(count_over_time({ foo = "bar" }[5h])) without (foo,bar) ) by (foo)',
        'max by (foo)(sum without (foo,bar)(count_over_time({foo="bar"}[5h])))',
    ),
    (360, 'unk({ foo = "bar" }[5m])', Err("syntax error: unexpected IDENTIFIER", 1, 1)),
    (
        364,
        'absent_over_time({ foo = "bar" }[5h]) by (foo)',
        Err("grouping not allowed for absent_over_time aggregation", 0, 0),
    ),
    (
        368,
        'approx_topk(2, count_over_time({ foo = "bar" }[5h])) by (foo)',
        Err("grouping not allowed for approx_topk aggregation", 0, 0),
    ),
    (
        372,
        'rate({ foo = "bar" }[5minutes])',
        Err('unknown unit "minutes" in duration "5minutes"', 0, 21),
    ),
    (
        376,
        'label_replace(rate({ foo = "bar" }[5m]),"")',
        Err("syntax error: unexpected ), expecting ,", 1, 43),
    ),
    (
        380,
        'label_replace(rate({ foo = "bar" }[5m]),"foo","$1","bar","^^^^x43\\\\q")',
        Err(
            "invalid regex in label_replace: error parsing regexp: invalid escape sequence: `\\q`",
            0,
            0,
        ),
    ),
    (384, 'rate({ foo = "bar" }[5)', Err("missing closing ']' in duration", 0, 21)),
    (388, 'min({ foo = "bar" }[5m])', Err("syntax error: unexpected RANGE", 0, 20)),
    (
        392,
        'avg(\n\t\t\t\t\tlabel_replace(\n\t\t\t\t\t\tcount_over_time({ foo = "bar" }[5h]) or 0,\n\t\t\t\t\t\t"bar",\n\t\t\t\t\t\t"$1$2",\n\t\t\t\t\t\t"foo",\n\t\t\t\t\t\t"(.*).(.*)"\n\t\t\t\t\t)\n\t\t\t\t) by (bar,foo)',
        Err(
            "unexpected literal for right leg of logical/set binary operation (or): 0.000000", 0, 0
        ),
    ),
    (
        404,
        'avg(\n\t\t\t\t\tlabel_replace(\n\t\t\t\t\t\tcount_over_time({ foo = "bar" }[5h]) or sum_over_time({ foo = "bar" }[5h]),\n\t\t\t\t\t\t"bar",\n\t\t\t\t\t\t"$1$2",\n\t\t\t\t\t\t"foo",\n\t\t\t\t\t\t"(.*).(.*)"\n\t\t\t\t\t)\n\t\t\t\t) by (bar,foo)',
        Err("invalid aggregation sum_over_time without unwrap", 0, 0),
    ),
    (
        417,
        '{foo="bar"} |= "baz" |= ip("123.123.123.123")',
        '{foo="bar"} |= "baz" |= ip("123.123.123.123")',
    ),
    (
        429,
        '{ foo = "bar" , ip="foo"}|logfmt|= ip("127.0.0.1")|ip="2.3.4.5"|ip="abc"|ipaddr=ip("4.5.6.7")|ip=ip("6.7.8.9")',
        '{foo="bar", ip="foo"} | logfmt |= ip("127.0.0.1") | ip="2.3.4.5" | ip="abc" | ipaddr=ip("4.5.6.7") | ip=ip("6.7.8.9")',
    ),
    (443, '{foo="bar"} |= ip("123.123.123.123")', '{foo="bar"} |= ip("123.123.123.123")'),
    (
        452,
        '{foo="bar"} |= ip("123.123.123.123")|= "baz"',
        '{foo="bar"} |= ip("123.123.123.123") |= "baz"',
    ),
    (
        464,
        '{foo="bar"} |= ip("123.123.123.123")|= "baz" |=ip("123.123.123.123")',
        '{foo="bar"} |= ip("123.123.123.123") |= "baz" |= ip("123.123.123.123")',
    ),
    (
        479,
        '{foo="bar"} |= "baz" |= ip("123.123.123.123")',
        '{foo="bar"} |= "baz" |= ip("123.123.123.123")',
    ),
    (491, '{foo="bar"} != ip("123.123.123.123")', '{foo="bar"} != ip("123.123.123.123")'),
    (
        500,
        '{foo="bar"} != ip("123.123.123.123")|= "baz"',
        '{foo="bar"} != ip("123.123.123.123") |= "baz"',
    ),
    (
        512,
        '{foo="bar"} != ip("123.123.123.123")|= "baz" !=ip("123.123.123.123")',
        '{foo="bar"} != ip("123.123.123.123") |= "baz" != ip("123.123.123.123")',
    ),
    (528, '{ foo = "bar" }|logfmt|addr>=ip("1.2.3.4")', Err("syntax error: unexpected ip", 1, 30)),
    (532, '{ foo = "bar" }|logfmt|addr>ip("1.2.3.4")', Err("syntax error: unexpected ip", 1, 29)),
    (536, '{ foo = "bar" }|logfmt|addr<=ip("1.2.3.4")', Err("syntax error: unexpected ip", 1, 30)),
    (540, '{ foo = "bar" }|logfmt|addr<ip("1.2.3.4")', Err("syntax error: unexpected ip", 1, 29)),
    (544, '{ foo = "bar" }|logfmt|addr=ip("1.2.3.4")', '{foo="bar"} | logfmt | addr=ip("1.2.3.4")'),
    (
        551,
        '{ foo = "bar" }|logfmt|addr!=ip("1.2.3.4")',
        '{foo="bar"} | logfmt | addr!=ip("1.2.3.4")',
    ),
    (
        558,
        '{ foo = "bar" }|logfmt|level="error"|addr=ip("1.2.3.4")',
        '{foo="bar"} | logfmt | level="error" | addr=ip("1.2.3.4")',
    ),
    (
        569,
        '{ foo = "bar" }|logfmt|level="error"|addr!=ip("1.2.3.4")',
        '{foo="bar"} | logfmt | level="error" | addr!=ip("1.2.3.4")',
    ),
    (
        580,
        '{ foo = "bar" }|logfmt|remote_addr=ip("2.3.4.5")|level="error"|addr=ip("1.2.3.4")',
        '{foo="bar"} | logfmt | remote_addr=ip("2.3.4.5") | level="error" | addr=ip("1.2.3.4")',
    ),
    (
        592,
        '{ foo = "bar" }|logfmt|remote_addr!=ip("2.3.4.5")|level="error"|addr!=ip("1.2.3.4")',
        '{foo="bar"} | logfmt | remote_addr!=ip("2.3.4.5") | level="error" | addr!=ip("1.2.3.4")',
    ),
    (
        604,
        '{ foo = "bar" }|logfmt|remote_addr=ip("2.3.4.5")|level="error"|addr!=ip("1.2.3.4")',
        '{foo="bar"} | logfmt | remote_addr=ip("2.3.4.5") | level="error" | addr!=ip("1.2.3.4")',
    ),
    (616, '{ foo = "bar" }|logfmt|ip="2.3.4.5"', '{foo="bar"} | logfmt | ip="2.3.4.5"'),
    (
        626,
        '{ foo = "bar" }|logfmt|ip="2.3.4.5"|ip="abc"',
        '{foo="bar"} | logfmt | ip="2.3.4.5" | ip="abc"',
    ),
    (
        637,
        '{ foo = "bar" }|logfmt|ip="2.3.4.5"|ip="abc"|ipaddr=ip("4.5.6.7")',
        '{foo="bar"} | logfmt | ip="2.3.4.5" | ip="abc" | ipaddr=ip("4.5.6.7")',
    ),
    (
        649,
        '{ foo = "bar" }|logfmt|ip="2.3.4.5"|ip="abc"|ipaddr=ip("4.5.6.7")|ip=ip("6.7.8.9")',
        '{foo="bar"} | logfmt | ip="2.3.4.5" | ip="abc" | ipaddr=ip("4.5.6.7") | ip=ip("6.7.8.9")',
    ),
    (
        662,
        'sum(3 ,count_over_time({ foo = "bar" }[5h]))',
        Err("unsupported parameter for operation sum(3,", 0, 0),
    ),
    (
        666,
        'topk(count_over_time({ foo = "bar" }[5h]))',
        Err("parameter required for operation topk", 0, 0),
    ),
    (
        670,
        'bottomk(he,count_over_time({ foo = "bar" }[5h]))',
        Err("syntax error: unexpected IDENTIFIER", 1, 9),
    ),
    (
        674,
        'bottomk(1.2,count_over_time({ foo = "bar" }[5h]))',
        Err("invalid parameter bottomk(1.2,", 0, 0),
    ),
    (678, 'stddev({ foo = "bar" })', Err("syntax error: unexpected )", 1, 23)),
    (682, '{ foo = "bar", bar != "baz" }', '{foo="bar", bar!="baz"}'),
    (689, '{foo="bar"} |= "baz"', '{foo="bar"} |= "baz"'),
    (
        696,
        '{foo="bar"} |= "baz" |~ "blip" != "flip" !~ "flap"',
        '{foo="bar"} |= "baz" |~ "blip" != "flip" !~ "flap"',
    ),
    (
        714,
        'count_over_time(({foo="bar"} |= "baz" |~ "blip" != "flip" !~ "flap")[5m])',
        'count_over_time({foo="bar"} |= "baz" |~ "blip" != "flip" !~ "flap"[5m])',
    ),
    (
        736,
        'bytes_over_time(({foo="bar"} |= "baz" |~ "blip" != "flip" !~ "flap")[5m])',
        'bytes_over_time({foo="bar"} |= "baz" |~ "blip" != "flip" !~ "flap"[5m])',
    ),
    (
        758,
        'bytes_over_time(({foo="bar"} |= "baz" |~ "blip" != "flip" !~ "flap" | unpack)[5m])',
        'bytes_over_time({foo="bar"} |= "baz" |~ "blip" != "flip" !~ "flap" | unpack[5m])',
    ),
    (
        781,
        '\n\t\t\tlabel_replace(\n\t\t\t\tbytes_over_time(({foo="bar"} |= "baz" |~ "blip" != "flip" !~ "flap")[5m]),\n\t\t\t\t"buzz",\n\t\t\t\t"$2",\n\t\t\t\t"bar",\n\t\t\t\t"(.*):(.*)"\n\t\t\t)\n\t\t\t',
        'label_replace(bytes_over_time({foo="bar"} |= "baz" |~ "blip" != "flip" !~ "flap"[5m]),"buzz","$2","bar","(.*):(.*)")',
    ),
    (
        817,
        'sum(count_over_time(({foo="bar"} |= "baz" |~ "blip" != "flip" !~ "flap")[5m])) by (foo)',
        'sum by (foo)(count_over_time({foo="bar"} |= "baz" |~ "blip" != "flip" !~ "flap"[5m]))',
    ),
    (
        845,
        'sum(bytes_rate(({foo="bar"} |= "baz" |~ "blip" != "flip" !~ "flap")[5m])) by (foo)',
        'sum by (foo)(bytes_rate({foo="bar"} |= "baz" |~ "blip" != "flip" !~ "flap"[5m]))',
    ),
    (
        873,
        'topk(5,count_over_time(({foo="bar"} |= "baz" |~ "blip" != "flip" !~ "flap")[5m])) without (foo)',
        'topk without (foo)(5,count_over_time({foo="bar"} |= "baz" |~ "blip" != "flip" !~ "flap"[5m]))',
    ),
    (
        901,
        'topk(5,sum(rate(({foo="bar"} |= "baz" |~ "blip" != "flip" !~ "flap")[5m])) by (app))',
        'topk(5,sum by (app)(rate({foo="bar"} |= "baz" |~ "blip" != "flip" !~ "flap"[5m])))',
    ),
    (
        934,
        'count_over_time({foo="bar"}[5m] |= "baz" |~ "blip" != "flip" !~ "flap")',
        'count_over_time({foo="bar"} |= "baz" |~ "blip" != "flip" !~ "flap"[5m])',
    ),
    (
        956,
        'sum(count_over_time({foo="bar"}[5m] |= "baz" |~ "blip" != "flip" !~ "flap")) by (foo)',
        'sum by (foo)(count_over_time({foo="bar"} |= "baz" |~ "blip" != "flip" !~ "flap"[5m]))',
    ),
    (
        984,
        'topk(5,count_over_time({foo="bar"}[5m] |= "baz" |~ "blip" != "flip" !~ "flap")) without (foo)',
        'topk without (foo)(5,count_over_time({foo="bar"} |= "baz" |~ "blip" != "flip" !~ "flap"[5m]))',
    ),
    (
        1012,
        'topk(5,sum(rate({foo="bar"}[5m] |= "baz" |~ "blip" != "flip" !~ "flap")) by (app))',
        'topk(5,sum by (app)(rate({foo="bar"} |= "baz" |~ "blip" != "flip" !~ "flap"[5m])))',
    ),
    (1045, '{foo="bar}', Err("literal not terminated", 1, 6)),
    (1049, '{foo="bar"', Err("syntax error: unexpected $end, expecting } or ,", 1, 11)),
    (1054, '{foo="bar"} |~', Err("syntax error: unexpected $end, expecting STRING or ip", 1, 15)),
    (1059, '{foo="bar"} "foo"', Err("syntax error: unexpected STRING", 1, 13)),
    (1063, '{foo="bar"} foo', Err("syntax error: unexpected IDENTIFIER", 1, 13)),
    (
        1068,
        '\n\t\t\tsum(count_over_time({foo="bar"}[5m])) by (foo) /\n\t\t\tsum(count_over_time({foo="bar"}[5m])) by (foo) /\n\t\t\tsum(count_over_time({foo="bar"}[5m])) by (foo)\n\t\t\t',
        '((sum by (foo)(count_over_time({foo="bar"}[5m])) / sum by (foo)(count_over_time({foo="bar"}[5m]))) / sum by (foo)(count_over_time({foo="bar"}[5m])))',
    ),
    (
        1135,
        '\n\t\t\t\t\tsum(count_over_time({foo="bar"}[5m])) by (foo) ^\n\t\t\t\t\tsum(count_over_time({foo="bar"}[5m])) by (foo) /\n\t\t\t\t\tsum(count_over_time({foo="bar"}[5m])) by (foo)\n\t\t\t\t\t',
        '((sum by (foo)(count_over_time({foo="bar"}[5m])) ^ sum by (foo)(count_over_time({foo="bar"}[5m]))) / sum by (foo)(count_over_time({foo="bar"}[5m])))',
    ),
    (
        1203,
        '\n\t\t\t\t\tsum(count_over_time({foo="bar"}[5m])) by (foo) +\n\t\t\t\t\tsum(count_over_time({foo="bar"}[5m])) by (foo) /\n\t\t\t\t\tsum(count_over_time({foo="bar"}[5m])) by (foo)\n\t\t\t\t\t',
        '(sum by (foo)(count_over_time({foo="bar"}[5m])) + (sum by (foo)(count_over_time({foo="bar"}[5m])) / sum by (foo)(count_over_time({foo="bar"}[5m]))))',
    ),
    (
        1270,
        'sum by (job) (\n\t\t\t\t\t\t\tcount_over_time({namespace="tns"} |= "level=error"[5m])\n\t\t\t\t\t\t/\n\t\t\t\t\t\t\tcount_over_time({namespace="tns"}[5m])\n\t\t\t\t\t\t)',
        'sum by (job)((count_over_time({namespace="tns"} |= "level=error"[5m]) / count_over_time({namespace="tns"}[5m])))',
    ),
    (
        1302,
        'sum by (job) (\n\t\t\t\t\t\t\tcount_over_time({namespace="tns"} |= "level=error"[5m])\n\t\t\t\t\t\t/\n\t\t\t\t\t\t\tcount_over_time({namespace="tns"}[5m])\n\t\t\t\t\t\t) * 100',
        '(sum by (job)((count_over_time({namespace="tns"} |= "level=error"[5m]) / count_over_time({namespace="tns"}[5m]))) * 100)',
    ),
    (
        1339,
        'sum(count_over_time({foo="bar"}[5m])) by (foo) + 1 / 2',
        '(sum by (foo)(count_over_time({foo="bar"}[5m])) + 0.5)',
    ),
    (1367, "1 + -2 / 1", "-1"),
    (1381, "1 + 1 - -1", "3"),
    (
        1394,
        '{app="foo"} |= "bar" | json | latency >= 250ms or ( status_code < 500 and status_code > 200)',
        '{app="foo"} |= "bar" | json | ( latency>=250ms or ( status_code<500 , status_code>200 ) )',
    ),
    (
        1413,
        '{app="foo"} |= "bar" | unpack | json | latency >= 250ms or ( status_code < 500 and status_code > 200)',
        '{app="foo"} |= "bar" | unpack | json | ( latency>=250ms or ( status_code<500 , status_code>200 ) )',
    ),
    (
        1433,
        '{app="foo"} |= "bar" | json | (duration > 1s or status!= 200) and method!="POST"',
        '{app="foo"} |= "bar" | json | ( ( duration>1s or status!=200 ) , method!="POST" )',
    ),
    (
        1452,
        '{app="foo"} |= "bar" | pattern "<foo> bar <buzz>" | (duration > 1s or status!= 200) and method!="POST"',
        '{app="foo"} |= "bar" | pattern "<foo> bar <buzz>" | ( ( duration>1s or status!=200 ) , method!="POST" )',
    ),
    (
        1471,
        '{app="foo"} |= "bar" | json | ( status_code < 500 and status_code > 200) or latency >= 250ms ',
        '{app="foo"} |= "bar" | json | ( ( status_code<500 , status_code>200 ) or latency>=250ms )',
    ),
    (
        1490,
        '{app="foo"} |= "bar" | json | ( status_code < 500 or status_code > 200) and latency >= 250ms ',
        '{app="foo"} |= "bar" | json | ( ( status_code<500 or status_code>200 ) , latency>=250ms )',
    ),
    (
        1509,
        '{app="foo"} |= "bar" | json |  status_code < 500 or status_code > 200 and latency >= 250ms ',
        '{app="foo"} |= "bar" | json | ( status_code<500 or ( status_code>200 , latency>=250ms ) )',
    ),
    (
        1528,
        '{app="foo"} |= "bar" | json | latency >= 250ms or ( status_code < 500 and status_code > 200)\n\t\t\t\t| foo="bar" buzz!="blip", blop=~"boop" or fuzz==5',
        '{app="foo"} |= "bar" | json | ( latency>=250ms or ( status_code<500 , status_code>200 ) ) | ( foo="bar" , ( buzz!="blip" , ( blop=~"boop" or fuzz==5 ) ) )',
    ),
    (
        1560,
        '{app="foo"} |= "bar" | line_format "blip{{ .foo }}blop"',
        '{app="foo"} |= "bar" | line_format "blip{{ .foo }}blop"',
    ),
    (
        1570,
        '{app="foo"} |= "bar" | json | latency >= 250ms or ( status_code < 500 and status_code > 200)\n\t\t\t| line_format "blip{{ .foo }}blop {{.status_code}}"',
        '{app="foo"} |= "bar" | json | ( latency>=250ms or ( status_code<500 , status_code>200 ) ) | line_format "blip{{ .foo }}blop {{.status_code}}"',
    ),
    (
        1591,
        '{app="foo"} |= "bar" | json | latency >= 250ms or ( status_code < 500 and status_code > 200)\n\t\t\t| line_format "blip{{ .foo }}blop {{.status_code}}" | label_format foo=bar,status_code="buzz{{.bar}}"',
        '{app="foo"} |= "bar" | json | ( latency>=250ms or ( status_code<500 , status_code>200 ) ) | line_format "blip{{ .foo }}blop {{.status_code}}" | label_format foo=bar,status_code="buzz{{.bar}}"',
    ),
    (
        1616,
        'count_over_time({app="foo"} |= "bar" | json | latency >= 250ms or ( status_code < 500 and status_code > 200)\n\t\t\t| line_format "blip{{ .foo }}blop {{.status_code}}" | label_format foo=bar,status_code="buzz{{.bar}}"[5m])',
        'count_over_time({app="foo"} |= "bar" | json | ( latency>=250ms or ( status_code<500 , status_code>200 ) ) | line_format "blip{{ .foo }}blop {{.status_code}}" | label_format foo=bar,status_code="buzz{{.bar}}"[5m])',
    ),
    (1648, '{app=~"\udca0\udca1"}', Err("invalid UTF-8 encoding", 1, 7)),
    (
        1653,
        'sum_over_time({app="foo"} |= "bar" | json | latency >= 250ms or ( status_code < 500 and status_code > 200)\n\t\t\t| line_format "blip{{ .foo }}blop {{.status_code}}" | label_format foo=bar,status_code="buzz{{.bar}}"[5m])',
        Err("invalid aggregation sum_over_time without unwrap", 0, 0),
    ),
    (
        1659,
        'count_over_time({app="foo"} |= "foo" | json | unwrap foo [5m])',
        Err("invalid aggregation count_over_time with unwrap", 0, 0),
    ),
    (
        1664,
        '{app="foo"} |= "bar" | json |  status_code < 500 or status_code > 200 and size >= 2.5KiB ',
        '{app="foo"} |= "bar" | json | ( status_code<500 or ( status_code>200 , size>=2.6kB ) )',
    ),
    (
        1683,
        'stdvar_over_time({app="foo"} |= "bar" | json | latency >= 250ms or ( status_code < 500 and status_code > 200)\n\t\t\t| line_format "blip{{ .foo }}blop {{.status_code}}" | label_format foo=bar,status_code="buzz{{.bar}}" | unwrap foo [5m])',
        'stdvar_over_time({app="foo"} |= "bar" | json | ( latency>=250ms or ( status_code<500 , status_code>200 ) ) | line_format "blip{{ .foo }}blop {{.status_code}}" | label_format foo=bar,status_code="buzz{{.bar}}" | unwrap foo[5m])',
    ),
    (
        1714,
        'stdvar_over_time({app="foo"} |= "bar" | json | latency >= 250ms or ( status_code < 500 and status_code > 200)\n\t\t\t| line_format "blip{{ .foo }}blop {{.status_code}}" | label_format foo=bar,status_code="buzz{{.bar}}" | unwrap duration(foo) [5m])',
        'stdvar_over_time({app="foo"} |= "bar" | json | ( latency>=250ms or ( status_code<500 , status_code>200 ) ) | line_format "blip{{ .foo }}blop {{.status_code}}" | label_format foo=bar,status_code="buzz{{.bar}}" | unwrap duration(foo)[5m])',
    ),
    (
        1745,
        'sum_over_time({namespace="tns"} |= "level=error" | json |foo>=5,bar<25ms| unwrap bytes(foo) [5m])',
        'sum_over_time({namespace="tns"} |= "level=error" | json | ( foo>=5 , bar<25ms ) | unwrap bytes(foo)[5m])',
    ),
    (
        1767,
        'sum_over_time({namespace="tns"} |= "level=error" | json |foo>=5,bar<25ms| unwrap bytes(foo) [5m] offset 5m)',
        'sum_over_time({namespace="tns"} |= "level=error" | json | ( foo>=5 , bar<25ms ) | unwrap bytes(foo)[5m] offset 5m0s)',
    ),
    (
        1789,
        'sum_over_time({namespace="tns"} |= "level=error" | json |foo>=5,bar<25ms| unwrap latency [5m])',
        'sum_over_time({namespace="tns"} |= "level=error" | json | ( foo>=5 , bar<25ms ) | unwrap latency[5m])',
    ),
    (
        1811,
        'sum_over_time({namespace="tns"} |= "level=error" | json |foo==5,bar<25ms| unwrap latency [5m])',
        'sum_over_time({namespace="tns"} |= "level=error" | json | ( foo==5 , bar<25ms ) | unwrap latency[5m])',
    ),
    (
        1833,
        'stddev_over_time({app="foo"} |= "bar" | unwrap bar [5m])',
        'stddev_over_time({app="foo"} |= "bar" | unwrap bar[5m])',
    ),
    (
        1848,
        'min_over_time({app="foo"} | unwrap bar [5m])',
        'min_over_time({app="foo"} | unwrap bar[5m])',
    ),
    (
        1859,
        'min_over_time({app="foo"} | unwrap bar [5m]) by ()',
        'min_over_time({app="foo"} | unwrap bar[5m]) by ()',
    ),
    (
        1870,
        'max_over_time({app="foo"} | unwrap bar [5m]) without ()',
        'max_over_time({app="foo"} | unwrap bar[5m]) without ()',
    ),
    (
        1881,
        'max_over_time({app="foo"} | unwrap bar [5m]) without (foo,bar)',
        'max_over_time({app="foo"} | unwrap bar[5m]) without (foo,bar)',
    ),
    (
        1892,
        'max_over_time({app="foo"} | unwrap bar [5m] offset 5m) without (foo,bar)',
        'max_over_time({app="foo"} | unwrap bar[5m] offset 5m0s) without (foo,bar)',
    ),
    (
        1903,
        'max_over_time({app="foo"} | unwrap bar [5m] offset -5m) without (foo,bar)',
        'max_over_time({app="foo"} | unwrap bar[5m] offset -5m0s) without (foo,bar)',
    ),
    (
        1914,
        'max_over_time(({app="foo"} |= "bar" | json | latency >= 250ms or ( status_code < 500 and status_code > 200)\n\t\t\t| line_format "blip{{ .foo }}blop {{.status_code}}" | label_format foo=bar,status_code="buzz{{.bar}}" | unwrap foo )[5m])',
        'max_over_time({app="foo"} |= "bar" | json | ( latency>=250ms or ( status_code<500 , status_code>200 ) ) | line_format "blip{{ .foo }}blop {{.status_code}}" | label_format foo=bar,status_code="buzz{{.bar}}" | unwrap foo[5m])',
    ),
    (
        1945,
        'quantile_over_time(0.99998,{app="foo"} |= "bar" | json | latency >= 250ms or ( status_code < 500 and status_code > 200)\n\t\t\t| line_format "blip{{ .foo }}blop {{.status_code}}" | label_format foo=bar,status_code="buzz{{.bar}}" | unwrap foo [5m])',
        'quantile_over_time(0.99998,{app="foo"} |= "bar" | json | ( latency>=250ms or ( status_code<500 , status_code>200 ) ) | line_format "blip{{ .foo }}blop {{.status_code}}" | label_format foo=bar,status_code="buzz{{.bar}}" | unwrap foo[5m])',
    ),
    (
        1976,
        'quantile_over_time(0.99998,{app="foo"} |= "bar" | json | latency >= 250ms or ( status_code < 500 and status_code > 200)\n\t\t\t| line_format "blip{{ .foo }}blop {{.status_code}}" | label_format foo=bar,status_code="buzz{{.bar}}" | unwrap foo [5m]) by (namespace,instance)',
        'quantile_over_time(0.99998,{app="foo"} |= "bar" | json | ( latency>=250ms or ( status_code<500 , status_code>200 ) ) | line_format "blip{{ .foo }}blop {{.status_code}}" | label_format foo=bar,status_code="buzz{{.bar}}" | unwrap foo[5m]) by (namespace,instance)',
    ),
    (
        2007,
        'quantile_over_time(0.99998,{app="foo"} |= "bar" | json | latency >= 250ms or ( status_code < 500 and status_code > 200)\n\t\t\t| line_format "blip{{ .foo }}blop {{.status_code}}" | label_format foo=bar,status_code="buzz{{.bar}}" | unwrap foo | __error__ !~".+"[5m]) by (namespace,instance)',
        'quantile_over_time(0.99998,{app="foo"} |= "bar" | json | ( latency>=250ms or ( status_code<500 , status_code>200 ) ) | line_format "blip{{ .foo }}blop {{.status_code}}" | label_format foo=bar,status_code="buzz{{.bar}}" | unwrap foo | __error__!~".+"[5m]) by (namespace,instance)',
    ),
    (
        2038,
        'sum without (foo) (\n\t\t\t\tquantile_over_time(0.99998,{app="foo"} |= "bar" | json | latency >= 250ms or ( status_code < 500 and status_code > 200)\n\t\t\t\t\t| line_format "blip{{ .foo }}blop {{.status_code}}" | label_format foo=bar,status_code="buzz{{.bar}}" | unwrap foo [5m]\n\t\t\t\t\t\t\t\t) by (namespace,instance)\n\t\t\t\t\t)',
        'sum without (foo)(quantile_over_time(0.99998,{app="foo"} |= "bar" | json | ( latency>=250ms or ( status_code<500 , status_code>200 ) ) | line_format "blip{{ .foo }}blop {{.status_code}}" | label_format foo=bar,status_code="buzz{{.bar}}" | unwrap foo[5m]) by (namespace,instance))',
    ),
    (
        2077,
        'sum without (foo) (\n\t\t\t\tquantile_over_time(0.99998,{app="foo"} |= "bar" | json | latency >= 250ms or ( status_code < 500 and status_code > 200)\n\t\t\t\t\t| line_format "blip{{ .foo }}blop {{.status_code}}" | label_format foo=bar,status_code="buzz{{.bar}}" | unwrap foo [5m] offset 5m\n\t\t\t\t\t\t\t\t) by (namespace,instance)\n\t\t\t\t\t)',
        'sum without (foo)(quantile_over_time(0.99998,{app="foo"} |= "bar" | json | ( latency>=250ms or ( status_code<500 , status_code>200 ) ) | line_format "blip{{ .foo }}blop {{.status_code}}" | label_format foo=bar,status_code="buzz{{.bar}}" | unwrap foo[5m] offset 5m0s) by (namespace,instance))',
    ),
    (
        2116,
        'sum without (foo) (\n\t\t\tquantile_over_time(0.99998,{app="foo"} |= "bar" | json | latency >= 250ms or ( status_code < 500 and status_code > 200)\n\t\t\t\t| line_format "blip{{ .foo }}blop {{.status_code}}" | label_format foo=bar,status_code="buzz{{.bar}}" | unwrap duration(foo) [5m]\n\t\t\t\t\t\t\t) by (namespace,instance)\n\t\t\t\t)',
        'sum without (foo)(quantile_over_time(0.99998,{app="foo"} |= "bar" | json | ( latency>=250ms or ( status_code<500 , status_code>200 ) ) | line_format "blip{{ .foo }}blop {{.status_code}}" | label_format foo=bar,status_code="buzz{{.bar}}" | unwrap duration(foo)[5m]) by (namespace,instance))',
    ),
    (
        2155,
        'sum without (foo) (\n\t\t\tquantile_over_time(.99998,{app="foo"} |= "bar" | json | latency >= 250ms or ( status_code < 500 and status_code > 200)\n\t\t\t\t| line_format "blip{{ .foo }}blop {{.status_code}}" | label_format foo=bar,status_code="buzz{{.bar}}" | unwrap duration(foo) [5m]\n\t\t\t\t\t\t\t) by (namespace,instance)\n\t\t\t\t)',
        'sum without (foo)(quantile_over_time(0.99998,{app="foo"} |= "bar" | json | ( latency>=250ms or ( status_code<500 , status_code>200 ) ) | line_format "blip{{ .foo }}blop {{.status_code}}" | label_format foo=bar,status_code="buzz{{.bar}}" | unwrap duration(foo)[5m]) by (namespace,instance))',
    ),
    (
        2194,
        'sum without (foo) (\n\t\t\tquantile_over_time(.99998,{app="foo"} |= "bar" | json | latency >= 250ms or ( status_code < 500 and status_code > 200)\n\t\t\t\t| line_format "blip{{ .foo }}blop {{.status_code}}" | label_format foo=bar,status_code="buzz{{.bar}}" | unwrap duration_seconds(foo) [5m]\n\t\t\t\t\t\t\t) by (namespace,instance)\n\t\t\t\t)',
        'sum without (foo)(quantile_over_time(0.99998,{app="foo"} |= "bar" | json | ( latency>=250ms or ( status_code<500 , status_code>200 ) ) | line_format "blip{{ .foo }}blop {{.status_code}}" | label_format foo=bar,status_code="buzz{{.bar}}" | unwrap duration_seconds(foo)[5m]) by (namespace,instance))',
    ),
    (
        2233,
        'topk(10,\n\t\t\t\tquantile_over_time(0.99998,{app="foo"} |= "bar" | json | latency >= 250ms or ( status_code < 500 and status_code > 200)\n\t\t\t\t\t| line_format "blip{{ .foo }}blop {{.status_code}}" | label_format foo=bar,status_code="buzz{{.bar}}" | unwrap foo [5m]\n\t\t\t\t\t\t\t\t) by (namespace,instance)\n\t\t\t\t\t)',
        'topk(10,quantile_over_time(0.99998,{app="foo"} |= "bar" | json | ( latency>=250ms or ( status_code<500 , status_code>200 ) ) | line_format "blip{{ .foo }}blop {{.status_code}}" | label_format foo=bar,status_code="buzz{{.bar}}" | unwrap foo[5m]) by (namespace,instance))',
    ),
    (
        2272,
        '\n\t\t\tsum by (foo,bar) (\n\t\t\t\tquantile_over_time(0.99998,{app="foo"} |= "bar" | json | latency >= 250ms or ( status_code < 500 and status_code > 200)\n\t\t\t\t\t| line_format "blip{{ .foo }}blop {{.status_code}}" | label_format foo=bar,status_code="buzz{{.bar}}" | unwrap foo [5m]\n\t\t\t\t\t\t\t\t) by (namespace,instance)\n\t\t\t\t\t)\n\t\t\t\t\t+\n\t\t\t\t\tavg(\n\t\t\t\t\t\tavg_over_time({app="foo"} |= "bar" | json | latency >= 250ms or ( status_code < 500 and status_code > 200)\n\t\t\t\t\t\t\t| line_format "blip{{ .foo }}blop {{.status_code}}" | label_format foo=bar,status_code="buzz{{.bar}}" | unwrap foo [5m]\n\t\t\t\t\t\t\t\t\t\t) by (namespace,instance)\n\t\t\t\t\t\t\t) by (foo,bar)\n\t\t\t\t\t',
        '(sum by (foo,bar)(quantile_over_time(0.99998,{app="foo"} |= "bar" | json | ( latency>=250ms or ( status_code<500 , status_code>200 ) ) | line_format "blip{{ .foo }}blop {{.status_code}}" | label_format foo=bar,status_code="buzz{{.bar}}" | unwrap foo[5m]) by (namespace,instance)) + avg by (foo,bar)(avg_over_time({app="foo"} |= "bar" | json | ( latency>=250ms or ( status_code<500 , status_code>200 ) ) | line_format "blip{{ .foo }}blop {{.status_code}}" | label_format foo=bar,status_code="buzz{{.bar}}" | unwrap foo[5m]) by (namespace,instance)))',
    ),
    (
        2355,
        '\n\t\t\tsum by (foo,bar) (\n\t\t\t\tquantile_over_time(0.99998,{app="foo"} |= "bar" | json | latency >= 250ms or ( status_code < 500 and status_code > 200)\n\t\t\t\t\t| line_format "blip{{ .foo }}blop {{.status_code}}" | label_format foo=bar,status_code="buzz{{.bar}}" | unwrap foo [5m]\n\t\t\t\t\t\t\t\t) by (namespace,instance)\n\t\t\t\t\t)\n\t\t\t\t\t+ ignoring (bar)\n\t\t\t\t\tavg(\n\t\t\t\t\t\tavg_over_time({app="foo"} |= "bar" | json | latency >= 250ms or ( status_code < 500 and status_code > 200)\n\t\t\t\t\t\t\t| line_format "blip{{ .foo }}blop {{.status_code}}" | label_format foo=bar,status_code="buzz{{.bar}}" | unwrap foo [5m]\n\t\t\t\t\t\t\t\t\t\t) by (namespace,instance)\n\t\t\t\t\t\t\t) by (foo)\n\t\t\t\t\t',
        '(sum by (foo,bar)(quantile_over_time(0.99998,{app="foo"} |= "bar" | json | ( latency>=250ms or ( status_code<500 , status_code>200 ) ) | line_format "blip{{ .foo }}blop {{.status_code}}" | label_format foo=bar,status_code="buzz{{.bar}}" | unwrap foo[5m]) by (namespace,instance)) + ignoring (bar)  avg by (foo)(avg_over_time({app="foo"} |= "bar" | json | ( latency>=250ms or ( status_code<500 , status_code>200 ) ) | line_format "blip{{ .foo }}blop {{.status_code}}" | label_format foo=bar,status_code="buzz{{.bar}}" | unwrap foo[5m]) by (namespace,instance)))',
    ),
    (
        2436,
        '\n\t\t\tsum by (foo,bar) (\n\t\t\t\tquantile_over_time(0.99998,{app="foo"} |= "bar" | json | latency >= 250ms or ( status_code < 500 and status_code > 200)\n\t\t\t\t\t| line_format "blip{{ .foo }}blop {{.status_code}}" | label_format foo=bar,status_code="buzz{{.bar}}" | unwrap foo [5m]\n\t\t\t\t\t\t\t\t) by (namespace,instance)\n\t\t\t\t\t)\n\t\t\t\t\t+ on (foo)\n\t\t\t\t\tavg(\n\t\t\t\t\t\tavg_over_time({app="foo"} |= "bar" | json | latency >= 250ms or ( status_code < 500 and status_code > 200)\n\t\t\t\t\t\t\t| line_format "blip{{ .foo }}blop {{.status_code}}" | label_format foo=bar,status_code="buzz{{.bar}}" | unwrap foo [5m]\n\t\t\t\t\t\t\t\t\t\t) by (namespace,instance)\n\t\t\t\t\t\t\t) by (foo)\n\t\t\t\t\t',
        '(sum by (foo,bar)(quantile_over_time(0.99998,{app="foo"} |= "bar" | json | ( latency>=250ms or ( status_code<500 , status_code>200 ) ) | line_format "blip{{ .foo }}blop {{.status_code}}" | label_format foo=bar,status_code="buzz{{.bar}}" | unwrap foo[5m]) by (namespace,instance)) + on (foo)  avg by (foo)(avg_over_time({app="foo"} |= "bar" | json | ( latency>=250ms or ( status_code<500 , status_code>200 ) ) | line_format "blip{{ .foo }}blop {{.status_code}}" | label_format foo=bar,status_code="buzz{{.bar}}" | unwrap foo[5m]) by (namespace,instance)))',
    ),
    (
        2517,
        '\n\t\t\tsum by (foo,bar) (\n\t\t\t\tquantile_over_time(0.99998,{app="foo"} |= "bar" | json | latency >= 250ms or ( status_code < 500 and status_code > 200)\n\t\t\t\t\t| line_format "blip{{ .foo }}blop {{.status_code}}" | label_format foo=bar,status_code="buzz{{.bar}}" | unwrap foo [5m]\n\t\t\t\t\t\t\t\t) by (namespace,instance)\n\t\t\t\t\t)\n\t\t\t\t\t+ ignoring (bar) group_left (foo)\n\t\t\t\t\tavg(\n\t\t\t\t\t\tavg_over_time({app="foo"} |= "bar" | json | latency >= 250ms or ( status_code < 500 and status_code > 200)\n\t\t\t\t\t\t\t| line_format "blip{{ .foo }}blop {{.status_code}}" | label_format foo=bar,status_code="buzz{{.bar}}" | unwrap foo [5m]\n\t\t\t\t\t\t\t\t\t\t) by (namespace,instance)\n\t\t\t\t\t\t\t) by (foo)\n\t\t\t\t\t',
        '(sum by (foo,bar)(quantile_over_time(0.99998,{app="foo"} |= "bar" | json | ( latency>=250ms or ( status_code<500 , status_code>200 ) ) | line_format "blip{{ .foo }}blop {{.status_code}}" | label_format foo=bar,status_code="buzz{{.bar}}" | unwrap foo[5m]) by (namespace,instance)) + ignoring (bar) group_left (foo) avg by (foo)(avg_over_time({app="foo"} |= "bar" | json | ( latency>=250ms or ( status_code<500 , status_code>200 ) ) | line_format "blip{{ .foo }}blop {{.status_code}}" | label_format foo=bar,status_code="buzz{{.bar}}" | unwrap foo[5m]) by (namespace,instance)))',
    ),
    (
        2598,
        '\n\t\t\tsum by (app,machine) (count_over_time({app="foo"}[1m])) > bool on () group_right (app) sum by (app) (count_over_time({app="foo"}[1m]))\n\t\t\t\t\t',
        '(sum by (app,machine)(count_over_time({app="foo"}[1m])) > bool on () group_right (app) sum by (app)(count_over_time({app="foo"}[1m])))',
    ),
    (
        2629,
        '\n\t\t\tsum by (app,machine) (count_over_time({app="foo"}[1m])) > bool on () group_right sum by (app) (count_over_time({app="foo"}[1m]))\n\t\t\t\t\t',
        '(sum by (app,machine)(count_over_time({app="foo"}[1m])) > bool on () group_right sum by (app)(count_over_time({app="foo"}[1m])))',
    ),
    (
        2660,
        '\n\t\t\tlabel_replace(\n\t\t\t\tsum by (foo,bar) (\n\t\t\t\t\tquantile_over_time(0.99998,{app="foo"} |= "bar" | json | latency >= 250ms or ( status_code < 500 and status_code > 200)\n\t\t\t\t\t\t| line_format "blip{{ .foo }}blop {{.status_code}}" | label_format foo=bar,status_code="buzz{{.bar}}" | unwrap foo [5m]\n\t\t\t\t\t\t\t\t\t) by (namespace,instance)\n\t\t\t\t\t\t)\n\t\t\t\t\t\t+\n\t\t\t\t\t\tavg(\n\t\t\t\t\t\t\tavg_over_time({app="foo"} |= "bar" | json | latency >= 250ms or ( status_code < 500 and status_code > 200)\n\t\t\t\t\t\t\t\t| line_format "blip{{ .foo }}blop {{.status_code}}" | label_format foo=bar,status_code="buzz{{.bar}}" | unwrap foo [5m]\n\t\t\t\t\t\t\t\t\t\t\t) by (namespace,instance)\n\t\t\t\t\t\t\t\t) by (foo,bar),\n\t\t\t\t"foo",\n\t\t\t\t"$1",\n\t\t\t\t"svc",\n\t\t\t\t"(.*)"\n\t\t\t\t)',
        'label_replace((sum by (foo,bar)(quantile_over_time(0.99998,{app="foo"} |= "bar" | json | ( latency>=250ms or ( status_code<500 , status_code>200 ) ) | line_format "blip{{ .foo }}blop {{.status_code}}" | label_format foo=bar,status_code="buzz{{.bar}}" | unwrap foo[5m]) by (namespace,instance)) + avg by (foo,bar)(avg_over_time({app="foo"} |= "bar" | json | ( latency>=250ms or ( status_code<500 , status_code>200 ) ) | line_format "blip{{ .foo }}blop {{.status_code}}" | label_format foo=bar,status_code="buzz{{.bar}}" | unwrap foo[5m]) by (namespace,instance))),"foo","$1","svc","(.*)")',
    ),
    (2750, "1 + 1 + 1", "3"),
    (2755, "1 == 1", "1"),
    (2760, "1 != 1", "0"),
    (2765, "1 > 1", "0"),
    (2770, "1 >= 1", "1"),
    (2775, "1 < 1", "0"),
    (2780, "1 <= 1", "1"),
    (2785, "1 >= 1 > 1", "0"),
    (
        2789,
        '{foo="bar"} + {foo="bar"}',
        Err("unexpected type for left leg of binary operation (+): *syntax.MatchersExpr", 0, 0),
    ),
    (
        2793,
        'sum(count_over_time({foo="bar"}[5m])) by (foo) - {foo="bar"}',
        Err("unexpected type for right leg of binary operation (-): *syntax.MatchersExpr", 0, 0),
    ),
    (
        2797,
        '{foo="bar"} / sum(count_over_time({foo="bar"}[5m])) by (foo)',
        Err("unexpected type for left leg of binary operation (/): *syntax.MatchersExpr", 0, 0),
    ),
    (
        2801,
        'sum(count_over_time({foo="bar"}[5m])) by (foo) or 1',
        Err(
            "unexpected literal for right leg of logical/set binary operation (or): 1.000000", 0, 0
        ),
    ),
    (
        2805,
        '1 unless sum(count_over_time({foo="bar"}[5m])) by (foo)',
        Err(
            "unexpected literal for left leg of logical/set binary operation (unless): 1.000000",
            0,
            0,
        ),
    ),
    (
        2809,
        'sum(count_over_time({foo="bar"}[5m])) by (foo) + 1 or 1',
        Err(
            "unexpected literal for right leg of logical/set binary operation (or): 1.000000", 0, 0
        ),
    ),
    (
        2813,
        'count_over_time({ foo ="bar" }[12m]) > count_over_time({ foo = "bar" }[12m])',
        '(count_over_time({foo="bar"}[12m]) > count_over_time({foo="bar"}[12m]))',
    ),
    (2837, 'count_over_time({ foo = "bar" }[12m]) > 1', '(count_over_time({foo="bar"}[12m]) > 1)'),
    (
        2856,
        'count_over_time({ foo = "bar" }[12m]) > { foo = "bar" }',
        Err("unexpected type for right leg of binary operation (>): *syntax.MatchersExpr", 0, 0),
    ),
    (
        2860,
        'count_over_time({ foo = "bar" }[12m]) or count_over_time({ foo = "bar" }[12m]) > 1',
        '(count_over_time({foo="bar"}[12m]) or (count_over_time({foo="bar"}[12m]) > 1))',
    ),
    (2893, "1 > 1 < 1", "1"),
    (2898, "1 > 1 > bool 1", "0"),
    (2903, "bool 1 > 1 > bool 1", Err("syntax error: unexpected bool", 1, 1)),
    (
        2907,
        'sum_over_time({namespace="tns"} |= "level=error" | json |foo>=5,bar<25ms| unwrap latency [5m]) by (foo)',
        Err("grouping not allowed for sum_over_time aggregation", 0, 0),
    ),
    (
        2911,
        'sum_over_time(50,{namespace="tns"} |= "level=error" | json |foo>=5,bar<25ms| unwrap latency [5m])',
        Err("parameter 50 not supported for operation sum_over_time", 0, 0),
    ),
    (
        2915,
        'quantile_over_time({namespace="tns"} |= "level=error" | json |foo>=5,bar<25ms| unwrap latency [5m])',
        Err("parameter required for operation quantile_over_time", 0, 0),
    ),
    (
        2919,
        'quantile_over_time(foo,{namespace="tns"} |= "level=error" | json |foo>=5,bar<25ms| unwrap latency [5m])',
        Err("syntax error: unexpected IDENTIFIER, expecting NUMBER or { or (", 1, 20),
    ),
    (2923, "vector(abc)", Err("syntax error: unexpected IDENTIFIER, expecting NUMBER", 1, 8)),
    (2927, "vector(1)", "vector(1.000000)"),
    (
        2931,
        'label_replace(vector(0), "foo", "bar", "", "")',
        'label_replace(vector(0.000000),"foo","bar","","")',
    ),
    (2935, "sum(vector(0))", "sum(vector(0.000000))"),
    (2944, '{app="foo"}\n\t\t\t\t\t# |= "bar"\n\t\t\t\t\t| json', '{app="foo"} | json'),
    (
        2955,
        '{app="foo"}\n\t\t\t\t\t#\n\t\t\t\t\t|= "bar"\n\t\t\t\t\t| json',
        '{app="foo"} |= "bar" | json',
    ),
    (2968, '{app="foo"} # |= "bar" | json', '{app="foo"}'),
    (2972, '{app="foo"} | json #', '{app="foo"} | json'),
    (2981, '#{app="foo"} | json', Err("syntax error: unexpected $end", 1, 20)),
    (2985, '{app="#"}', '{app="#"}'),
    (2989, '{app="foo"} |= "#"', '{app="foo"} |= "#"'),
    (2998, '{app="foo"} | bar="#"', '{app="foo"} | bar="#"'),
    (
        3009,
        '{app="foo"} | json bob="top.sub[\\"index\\"]"',
        '{app="foo"} | json bob="top.sub[\\"index\\"]"',
    ),
    (3020, '{app="foo"} | json bob="top.params[0]"', '{app="foo"} | json bob="top.params[0]"'),
    (
        3031,
        '{app="foo"} | json response_code="response.code", api_key="request.headers[\\"X-API-KEY\\"]"',
        '{app="foo"} | json response_code="response.code",api_key="request.headers[\\"X-API-KEY\\"]"',
    ),
    (
        3043,
        '{app="foo"} | json response_code, api_key="request.headers[\\"X-API-KEY\\"]", layer7_something_specific="layer7_something_specific"',
        '{app="foo"} | json response_code="response_code",api_key="request.headers[\\"X-API-KEY\\"]",layer7_something_specific="layer7_something_specific"',
    ),
    (
        3056,
        'count_over_time({ foo ="bar" } | json layer7_something_specific="layer7_something_specific" [12m])',
        'count_over_time({foo="bar"} | json layer7_something_specific="layer7_something_specific"[12m])',
    ),
    (
        3075,
        '\n\t\t\tsum(count_over_time({foo="bar"}[5m])) or vector(1)\n\t\t\t',
        '(sum(count_over_time({foo="bar"}[5m])) or vector(1.000000))',
    ),
    (3100, '{app="foo"} | logfmt message="msg"', '{app="foo"} | logfmt message="msg"'),
    (3111, '{app="foo"} | logfmt msg', '{app="foo"} | logfmt msg="msg"'),
    (3122, '{app="foo"} | logfmt --strict msg', '{app="foo"} | logfmt --strict msg="msg"'),
    (
        3133,
        '{app="foo"} | logfmt --keep-empty msg, err ',
        '{app="foo"} | logfmt --keep-empty msg="msg",err="err"',
    ),
    (3145, '{app="foo"} | logfmt msg, err="error"', '{app="foo"} | logfmt msg="msg",err="error"'),
    (
        3157,
        '{app="foo"} | logfmt --strict --keep-empty msg="message", apiKey="api_key"',
        '{app="foo"} | logfmt --strict --keep-empty msg="message",apiKey="api_key"',
    ),
    (
        3169,
        '{app="foo"} |= "foo" or "bar" |= "buzz" or "fizz"',
        '{app="foo"} |= "foo" or "bar" |= "buzz" or "fizz"',
    ),
    (3204, '{app="foo"} |= "foo" or "bar" or "baz"', '{app="foo"} |= "foo" or "bar" or "baz"'),
    (3234, '{app="foo"} |> "foo" or "bar" or "baz"', '{app="foo"} |> "foo" or "bar" or "baz"'),
    (
        3264,
        'variants(count_over_time({foo="bar"}[5m])) of ({foo="bar"}[5m])',
        'variants(count_over_time({foo="bar"}[5m])) of ({foo="bar"}[5m])',
    ),
    (
        3306,
        'variants(count_over_time({foo="bar"}[5m]), rate({foo="bar"}[5m])) of ({foo="bar"}[5m])',
        'variants(count_over_time({foo="bar"}[5m]), rate({foo="bar"}[5m])) of ({foo="bar"}[5m])',
    ),
]
