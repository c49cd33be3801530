"""sim/loki/engine/marshal.py and jsonenc.py against grafana/loki v3.6.0
pkg/util/marshal/marshal_test.go (emptyStats, queryTests, queryTestWithEncodingFlags,
Test_WriteQueryResponseJSON_EncodeFlags), compared as JSON as those tests do (require.JSONEq),
plus the exact bytes json-iterator writes (key order of the Go structs, no spaces)."""

from __future__ import annotations

import json
import math

import pytest

from sim.loki.engine.jsonenc import html_string, lossy_float, string
from sim.loki.engine.labels import from_mapping
from sim.loki.engine.marshal import to_json
from sim.loki.engine.results import (
    LogEntry,
    QueryResult,
    Sample,
    Scalar,
    Series,
    Stream,
)
from sim.loki.logql.gostrconv import format_float_f

CACHE = {
    "entriesFound": 0, "entriesRequested": 0, "entriesStored": 0, "bytesReceived": 0,
    "bytesSent": 0, "requests": 0, "downloadTime": 0, "queryLengthServed": 0,
}  # fmt: skip
CHUNK = {
    "compressedBytes": 0, "decompressedBytes": 0, "decompressedLines": 0,
    "decompressedStructuredMetadataBytes": 0, "headChunkBytes": 0, "headChunkLines": 0,
    "headChunkStructuredMetadataBytes": 0, "postFilterLines": 0, "totalDuplicates": 0,
}  # fmt: skip
DATAOBJ = {
    "pageBatches": 0, "pagesDownloaded": 0, "pagesDownloadedBytes": 0, "pagesScanned": 0,
    "postFilterRows": 0, "postPredicateRows": 0, "postPredicateDecompressedBytes": 0,
    "postPredicateStructuredMetadataBytes": 0, "prePredicateDecompressedRows": 0,
    "prePredicateDecompressedBytes": 0, "prePredicateDecompressedStructuredMetadataBytes": 0,
    "totalPageDownloadTime": 0, "totalRowsAvailable": 0,
}  # fmt: skip
STORE = {
    "chunksDownloadTime": 0, "congestionControlLatency": 0, "totalChunksRef": 0,
    "totalChunksDownloaded": 0, "chunkRefsFetchTime": 0, "queryReferencedStructuredMetadata": False,
    "queryUsedV2Engine": False, "pipelineWrapperFilteredLines": 0, "chunk": CHUNK, "dataobj": DATAOBJ,
}  # fmt: skip
# marshal_test.go emptyStats
EMPTY_STATS = {
    "index": {"postFilterChunks": 0, "totalChunks": 0, "usedBloomFilters": False, "shardsDuration": 0},
    "ingester": {"store": STORE, "totalBatches": 0, "totalChunksMatched": 0, "totalLinesSent": 0,
                 "totalReached": 0},
    "querier": {"store": STORE},
    "cache": {name: CACHE for name in ("chunk", "index", "statsResult", "seriesResult", "labelResult",
                                       "volumeResult", "instantMetricResult", "result")},
    "summary": {
        "bytesProcessedPerSecond": 0, "execTime": 0, "linesProcessedPerSecond": 0, "queueTime": 0,
        "shards": 0, "splits": 0, "subqueries": 0, "totalBytesProcessed": 0,
        "totalEntriesReturned": 0, "totalLinesProcessed": 0,
        "totalStructuredMetadataBytesProcessed": 0, "totalPostFilterLines": 0,
    },
}  # fmt: skip
WARN = ["this is a warning"]
VARLOGS = [
    ({"filename": "/var/hostlog/apport.log", "job": "varlogs"}, [(1568404331324, 0.013333333333333334)]),
    ({"filename": "/var/hostlog/syslog", "job": "varlogs"}, [(1568404331324, 3.45), (1568404331339, 4.45)]),
]  # fmt: skip


def _decoded(result: QueryResult, warnings=None):
    return json.loads(to_json(result, warnings))


def test_streams():
    # queryTests[0]: streams (structured metadata not shown without categorize-labels)
    stream = Stream(
        from_mapping({"test": "test"}),
        [LogEntry(123456789012345, b"super line"),
         LogEntry(123456789012346, b"super line with labels", (("foo", "a"), ("bar", "b")))],
    )  # fmt: skip
    assert _decoded(QueryResult("streams", [stream]), WARN) == {
        "status": "success",
        "warnings": WARN,
        "data": {
            "resultType": "streams",
            "result": [{"stream": {"test": "test"},
                        "values": [["123456789012345", "super line"],
                                   ["123456789012346", "super line with labels"]]}],
            "stats": EMPTY_STATS,
        },
    }  # fmt: skip


def test_vector():
    # queryTests[1]: vector
    vector = [Sample(from_mapping(m), points[0][1], points[0][0]) for m, points in VARLOGS]
    assert _decoded(QueryResult("vector", vector), WARN)["data"] == {
        "resultType": "vector",
        "result": [
            {"metric": {"filename": "/var/hostlog/apport.log", "job": "varlogs"},
             "value": [1568404331.324, "0.013333333333333334"]},
            {"metric": {"filename": "/var/hostlog/syslog", "job": "varlogs"},
             "value": [1568404331.324, "3.45"]},
        ],
        "stats": EMPTY_STATS,
    }  # fmt: skip


def test_matrix():
    # queryTests[2]: matrix
    matrix = [Series(from_mapping(m), points) for m, points in VARLOGS]
    assert _decoded(QueryResult("matrix", matrix), WARN)["data"]["result"] == [
        {"metric": {"filename": "/var/hostlog/apport.log", "job": "varlogs"},
         "values": [[1568404331.324, "0.013333333333333334"]]},
        {"metric": {"filename": "/var/hostlog/syslog", "job": "varlogs"},
         "values": [[1568404331.324, "3.45"], [1568404331.339, "4.45"]]},
    ]  # fmt: skip


def test_categorized_labels():
    # Test_WriteQueryResponseJSON_EncodeFlags "categorized labels"
    meta = from_mapping({"foo": "a", "bar": "b"})
    streams = [
        Stream(from_mapping({"test": "test"}), [LogEntry(123456789012346, b"super line")]),
        Stream(from_mapping({"test": "test", "foo": "a", "bar": "b"}),
               [LogEntry(123456789012346, b"super line with labels", meta)]),
        Stream(from_mapping({"test": "test", "foo": "a", "bar": "b", "msg": "baz"}),
               [LogEntry(123456789012346, b"super line with labels msg=baz", meta, (("msg", "baz"),))]),
    ]  # fmt: skip
    got = _decoded(QueryResult("streams", streams, encoding_flags=("categorize-labels",)))
    assert got["data"]["encodingFlags"] == ["categorize-labels"]
    assert [s["values"][0][2] for s in got["data"]["result"]] == [
        {},
        {"structuredMetadata": {"foo": "a", "bar": "b"}},
        {"structuredMetadata": {"foo": "a", "bar": "b"}, "parsed": {"msg": "baz"}},
    ]


def test_exact_bytes():
    # json-iterator writes compact JSON in Go struct order (stats.pb.go), with a final newline
    body = to_json(QueryResult("scalar", Scalar(60000, 2.0)))
    assert body.startswith(
        b'{"status":"success","data":{"resultType":"scalar","result":[60,"2"],"stats":{"summary":'
        b'{"bytesProcessedPerSecond":0,"linesProcessedPerSecond":0,"totalBytesProcessed":0,'
        b'"totalLinesProcessed":0,"execTime":0,"queueTime":0,"subqueries":0,'
        b'"totalEntriesReturned":0,"splits":0,"shards":0,"totalPostFilterLines":0,'
        b'"totalStructuredMetadataBytesProcessed":0},"querier":{"store":{"totalChunksRef":0,'
    )
    assert body.endswith(b'"usedBloomFilters":false}}}}\n')


# prometheus/common model.SampleValue.String (strconv 'f', -1) and model.Time.String
@pytest.mark.parametrize(
    ("value", "text"),
    [(0.1, "0.1"), (1e6, "1000000"), (1e21, "1000000000000000000000"), (1.5e-7, "0.00000015"),
     (-2.0, "-2"), (math.nan, "NaN"), (math.inf, "+Inf"), (-math.inf, "-Inf"),
     (0.013333333333333334, "0.013333333333333334")],
)  # fmt: skip
def test_sample_value_text(value, text):
    assert format_float_f(value) == text


# json-iterator stream_str.go WriteString / WriteStringWithHTMLEscaped
@pytest.mark.parametrize(
    ("text", "plain", "html"),
    [
        ("a<b>&c", b'"a<b>&c"', b'"a\\u003cb\\u003e\\u0026c"'),
        ('q"\\\n\t\x01', b'"q\\"\\\\\\n\\t\\u0001"', b'"q\\"\\\\\\n\\t\\u0001"'),
        ("é\u2028", '"é\u2028"'.encode(), '"é\\u2028"'.encode()),
        (b"\xff", b'"\xff"', b'"\\ufffd"'),
    ],
)
def test_string_escaping(text, plain, html):
    assert (string(text), html_string(text)) == (plain, html)


# json-iterator stream_float.go WriteFloat64Lossy (the stats floats)
@pytest.mark.parametrize(
    ("value", "text"),
    [(0.0, b"0"), (0.001234567, b"0.001235"), (1.5, b"1.5"), (2.0, b"2"), (-0.25, b"-0.25")],
)
def test_lossy_float(value, text):
    assert lossy_float(value) == text
