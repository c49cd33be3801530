"""Reading Locust's CSV files into the report's `load` section.

The rows below are Locust 2.47's `_stats.csv` layout (locust/stats.py requests_csv_columns)
as a run of loadtests/locustfile.py writes them; tests/loadtests/ parses real ones.
"""

from __future__ import annotations

import pytest

from sim.load.results import LoadResult, LocustCsvError, read_failures_csv, read_stats_csv

HEADER = "Type,Name,Request Count,Failure Count,Median Response Time,Average Response Time,Min Response Time,Max Response Time,Average Content Size,Requests/s,Failures/s,50%,66%,75%,80%,90%,95%,98%,99%,99.9%,99.99%,100%"
ROWS = [
    "GET,labels,10,0,20,25.0,5.0,90.0,300.0,1.0,0.0,20,25,30,35,40,60,80,90,90,90,90",
    "POST,push,100,2,15,20.5,1.2,400.0,1048576.0,10.0,0.2,15,18,20,22,30,150,300,400,400,400,400",
    "GET,query_range,20,1,700,800.0,100.0,2500.0,5000.0,2.0,0.1,700,800,900,1000,1500,2000,2500,2500,2500,2500,2500",
    "RATE_LIMITED,push,50,0,3,4.0,1.0,9.0,1048576.0,5.0,0.0,3,4,4,5,6,7,8,9,9,9,9",
    ",Aggregated,180,3,15,120.0,1.0,2500.0,800000.0,18.0,0.3,15,20,30,40,700,900,1500,2500,2500,2500,2500",
]


@pytest.fixture
def stats_csv(tmp_path):
    path = tmp_path / "locust_stats.csv"
    path.write_text("\n".join([HEADER, *ROWS]) + "\n")
    return path


def test_rows_become_request_kinds_with_seconds(stats_csv):
    stats = read_stats_csv(stats_csv)
    assert sorted(stats) == ["labels", "push", "push_rate_limited", "query_range"]
    push = stats["push"]
    assert (push.count, push.failures, push.rps, push.avg_size) == (100, 2, 10.0, 1048576.0)
    assert (push.p50_s, push.p95_s, push.p99_s) == (0.015, 0.15, 0.4)


def test_the_report_section(stats_csv):
    result = LoadResult(
        read_stats_csv(stats_csv), errors=[{"name": "push", "error": "HTTP 400: x", "count": 2}]
    )
    report = result.to_report()
    assert report["push"] == {
        "line_bytes": 98 * 1048576,  # the 2 failed pushes' lines did not go in
        "mb_per_s": round(10.0 * 0.98 * 1048576 / 1e6, 3),
        "rate_limited_line_bytes": 50 * 1048576,
        "rate_limited_mb_per_s": round(5.0 * 1048576 / 1e6, 3),
    }
    assert report["queries"] == {
        "count": 30,
        "failures": 1,
        "p50_s": 0.7,
        "p95_s": 2.0,
        "p99_s": 2.5,
    }
    assert (report["http_429"], report["failures"]) == (50, 3)  # 429s are not failures
    assert report["requests"]["push_rate_limited"] == {
        "count": 50,
        "failures": 0,
        "rps": 5.0,
        "p50_s": 0.003,
        "p95_s": 0.007,
        "p99_s": 0.009,
    }
    assert report["errors"] == [{"name": "push", "error": "HTTP 400: x", "count": 2}]


def test_no_requests_of_a_kind_reads_as_not_available(tmp_path):
    path = tmp_path / "s.csv"
    path.write_text(
        HEADER + "\nGET,series,0,0,0,0,0,0,0,0,0,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A,N/A\n"
    )
    series = read_stats_csv(path)["series"]
    assert (series.count, series.p95_s) == (0, None)
    assert LoadResult(read_stats_csv(path)).to_report()["queries"]["p95_s"] is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Type,Name\nGET,x\n", "expected Locust's columns, missing"),
        (
            HEADER + "\nGET,x,many,0,0,0,0,0,0,0,0,1,1,1,1,1,1,1,1,1,1,1\n",
            "line 2: invalid literal for int() with base 10: 'many'",
        ),
    ],
)
def test_not_a_locust_csv(tmp_path, text, message):
    path = tmp_path / "s.csv"
    path.write_text(text)
    with pytest.raises(LocustCsvError, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_stats_csv(path)


def test_failures_most_frequent_first(tmp_path):
    path = tmp_path / "f.csv"
    path.write_text(
        "Method,Name,Error,Occurrences\n"
        "POST,push,HTTP 400: entry too far behind,3\n"
        "GET,query_range,HTTP 500: boom,7\n"
    )
    assert read_failures_csv(path) == [
        {"name": "query_range", "error": "HTTP 500: boom", "count": 7},
        {"name": "push", "error": "HTTP 400: entry too far behind", "count": 3},
    ]
    assert read_failures_csv(tmp_path / "absent.csv") == []
