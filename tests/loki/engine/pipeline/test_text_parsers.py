"""sim/loki/engine/pipeline/text_parsers.py against grafana/loki v3.6.0
pkg/logql/log/pattern/pattern_test.go (fixtures, Test_matcher_Matches) and
pkg/logql/log/parser_test.go (Test_regexpParser_Parse, Test_PatternParser)."""

from __future__ import annotations

import pytest

from sim.loki.engine.pipeline.text_parsers import (
    PatternParser,
    RegexpParser,
    compile_pattern,
    pattern_matches,
    pattern_test,
)
from sim.loki.logql.goregexp import capture_names, compile_go
from sim.loki.logql.pattern import parse_pattern

from .support import labels_of, run

# pattern_test.go fixtures: (pattern, line, captures, Test() result)
FIXTURES = [
    ("foo <foo> bar", "foo buzz bar", ["buzz"], True),
    ("foo <foo> bar<fuzz>", "foo buzz bar", ["buzz", ""], False),
    ("<foo>foo <bar> bar", "foo buzz bar", ["", "buzz"], False),
    ("<foo> bar<fuzz>", " bar", ["", ""], False),
    ("<foo>bar<baz>", " bar ", [" ", " "], True),
    ("<foo> bar<baz>", " bar ", ["", " "], False),
    ("<foo>bar <baz>", " bar ", [" ", ""], False),
    ("<foo>", " bar ", [" bar "], True),
    ("<path>?<_>",
     "/api/plugins/versioncheck?slugIn=snuids-trafficlights-panel,input,gel&grafanaVersion=7.0.0-beta1",
     ["/api/plugins/versioncheck"], True),
    ("<path>?<_>", "/api/plugins/status", ["/api/plugins/status"], False),
    ('<ip> <userid> <user> [<_>] "<method> <path> <_>" <status> <size>',
     '127.0.0.1 user-identifier frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326',
     ["127.0.0.1", "user-identifier", "frank", "GET", "/apache_pb.gif", "200", "2326"], True),
    ("<_> <id> [<level>] [<no>] [<component>] ",
     "2020-08-06T14:25:02.835618Z 0 [Note] [MY-012487] [InnoDB] DDL log recovery : begin",
     ["0", "Note", "MY-012487", "InnoDB"], False),
    ("<level>  [<component>]<_> in <duration>.<_>",
     "INFO  [Service Thread] 2021-05-19 07:40:12,130 GCInspector.java:284 - ParNew GC in 248ms.  "
     "CMS Old Gen: 5043436640 -> 5091062064; Par Eden Space: 671088640 -> 0; Par Survivor Space: "
     "70188280 -> 60139760",
     ["INFO", "Service Thread", "248ms"], True),
    ('<_> msg="<method> <path> (<status>) <duration>"',
     'level=debug ts=2021-05-19T07:54:26.864644382Z caller=logging.go:66 traceID=7fbb92fd0eb9c65d '
     'msg="POST /loki/api/v1/push (204) 1.238734ms"',
     ["POST", "/loki/api/v1/push", "204", "1.238734ms"], True),
    ("<_> <_> <level> | <component>: <_> peer <peer_id> <_> tcp <ip>:<_>",
     "2021-05-19 08:16:50.181436 W | rafthttp: health check for peer fd8275e521cfb532 could not "
     "connect: dial tcp 10.32.85.85:2380: connect: connection refused",
     ["W", "rafthttp", "fd8275e521cfb532", "10.32.85.85"], True),
    ("unicode <emoji> character", "unicode 🤷 character", ["🤷"], True),
    ("unicode ▶ <what>", "unicode ▶ character", ["character"], True),
]  # fmt: skip


@pytest.mark.parametrize(("pattern", "line", "captures", "matches"), FIXTURES)
def test_pattern_matcher(pattern, line, captures, matches):
    parts = compile_pattern(parse_pattern(pattern))
    data = line.encode()
    assert pattern_test(parts, data) is matches
    assert [c.decode() for c in pattern_matches(parts, data)] == captures


def _regexp(pattern: str) -> RegexpParser:
    return RegexpParser(compile_go(pattern), capture_names(pattern))


# parser_test.go Test_regexpParser_Parse
@pytest.mark.parametrize(
    ("name", "pattern", "line", "base", "want"),
    [
        ("no matches", "(?P<foo>foo|bar)buzz", "blah", {"app": "foo"}, {"app": "foo"}),
        ("double matches", "(?P<foo>.*)buzz", "matchebuzz barbuzz", {"app": "bar"},
         {"app": "bar", "foo": "matchebuzz bar"}),
        ("duplicate labels", "(?P<bar>bar)buzz", "barbuzz", {"bar": "foo"},
         {"bar": "foo", "bar_extracted": "bar"}),
        ("multiple labels extracted", "status=(?P<status>\\w+),latency=(?P<latency>\\w+)(ms|ns)",
         "status=200,latency=500ms", {"app": "foo"},
         {"app": "foo", "status": "200", "latency": "500"}),
    ],
)  # fmt: skip
def test_regexp_parser(name, pattern, line, base, want):
    _, got = run(_regexp(pattern), line, base)
    assert got == labels_of(want), name


# parser_test.go Test_PatternParser
@pytest.mark.parametrize(
    ("pattern", "line", "base", "want"),
    [
        ('<ip> <userid> <user> [<_>] "<method> <path> <_>" <status> <size>',
         '127.0.0.1 user-identifier frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326',
         {"foo": "bar"},
         {"foo": "bar", "ip": "127.0.0.1", "userid": "user-identifier", "user": "frank",
          "method": "GET", "path": "/apache_pb.gif", "status": "200", "size": "2326"}),
        ('<_> msg="<method> <path> (<status>) <duration>"',
         'level=debug ts=2021-05-19T07:54:26.864644382Z caller=logging.go:66 traceID=7fbb92fd0eb9c65d '
         'msg="POST /loki/api/v1/push (204) 1.238734ms"',
         {"method": "bar"},
         {"method": "bar", "method_extracted": "POST", "path": "/loki/api/v1/push",
          "status": "204", "duration": "1.238734ms"}),
        ('foo <f>"', "bar", {"method": "bar"}, {"method": "bar"}),
    ],
)  # fmt: skip
def test_pattern_parser(pattern, line, base, want):
    _, got = run(PatternParser(parse_pattern(pattern)), line, base)
    assert got == labels_of(want)
