"""Content-Type, Content-Encoding and size bounds (pkg/loghttp/push/push.go, pkg/util/http.go)."""

from __future__ import annotations

import gzip
import tracemalloc
import zlib

import pytest

from sim.loki.push import proto
from sim.loki.push.body import PushBodyError, RawPush, parse_media_type, read_push_body
from sim.loki.push.model import Entry, PushRequest, Stream

V1 = "/loki/api/v1/push"
JSON = b'{"streams": [{ "stream": { "foo": "bar2" }, "values": [ [ "1570818238000000000", "fizzbuzz" ] ] }]}'
JSON_FOO4 = JSON.replace(b'"foo"', b'"foo4"')
PARSED = PushRequest([Stream('{foo="bar2"}', [Entry(1570818238000000000, b"fizzbuzz")])])


def _deflate(data: bytes) -> bytes:
    compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush()


@pytest.mark.parametrize(
    ("content_type", "encoding", "body", "valid"),
    [
        # pkg/loghttp/push/push_test.go TestParseRequest, row by row
        ("application/json", "", b"", False),
        ("", "", JSON, False),
        ("application/json", "", JSON, True),
        ("application/json", "gzip", gzip.compress(JSON), True),
        ("application/json", "deflate", _deflate(JSON), True),
        ("application/json", "snappy", gzip.compress(JSON), False),
        ("application/json; charset=utf-8", "gzip", gzip.compress(JSON), True),
        ("application/json; charset=utf-8", "deflate", _deflate(JSON), True),
        ("application/jsonn; charset=utf-8", "gzip", gzip.compress(JSON), False),
        ("application/jsonn; charset=utf-8", "deflate", _deflate(JSON), False),
        ("application/json; charsetutf-8", "gzip", gzip.compress(JSON_FOO4), False),
        ("application/json; charsetutf-8", "deflate", _deflate(JSON_FOO4), False),
    ],
)
def test_parse_request_table(content_type, encoding, body, valid):
    raw = RawPush(V1, content_type or None, encoding or None, body)
    if valid:
        assert read_push_body(raw) == PARSED
    else:
        with pytest.raises(PushBodyError) as caught:
            read_push_body(raw)
        assert caught.value.status == 400


@pytest.mark.parametrize(
    ("content_type", "encoding", "body", "text"),
    [
        # Go's mime.ParseMediaType: no header means no media type (not "protobuf by default")
        (None, None, JSON, "mime: no media type"),
        ("application/json; charsetutf-8", None, JSON, "mime: invalid media parameter"),
        ("/json", None, JSON, "mime: no media type"),
        ("application/", None, JSON, "mime: expected token after slash"),
        ("application/json x", None, JSON, "mime: unexpected content after media subtype"),
        # push.go: the encoding switch, case-sensitive
        ("application/json", "br", JSON, 'Content-Encoding "br" not supported'),
        ("application/json", "GZIP", JSON, 'Content-Encoding "GZIP" not supported'),
        # compress/gzip NewReader reads the header at once, before the content type is read
        (None, "gzip", b"", "EOF"),
        (None, "gzip", b"nope", "unexpected EOF"),
        (None, "gzip", b"not a gzip body", "gzip: invalid header"),
        ("application/json", "gzip", gzip.compress(JSON)[:-6], "unexpected EOF"),
        # application/jsonn is protobuf: golang/snappy refuses inflated JSON text
        ("application/jsonn", "gzip", gzip.compress(JSON), "snappy: corrupt input"),
    ],
)
def test_refusals(content_type, encoding, body, text):
    with pytest.raises(PushBodyError) as caught:
        read_push_body(RawPush(V1, content_type, encoding, body))
    assert (caught.value.status, caught.value.text) == (400, text)


def test_media_type_tolerates_trailing_semicolon_and_case():
    # mime.ParseMediaType: lower-cases the type; a lone trailing ";" is not an error
    assert parse_media_type("Application/JSON;") == "application/json"
    assert parse_media_type('application/json; charset="utf-8"') == "application/json"


def _request(lines: int) -> PushRequest:
    return PushRequest([Stream('{a="b"}', [Entry(i, b"x" * 100) for i in range(lines)])])


def _snappy_body(lines: int = 3) -> bytes:
    return proto.encode_snappy(_request(lines))


DECODED_20 = len(proto.encode_push_request(_request(20)))


def test_protobuf_body():
    raw = RawPush(V1, "application/x-protobuf", None, _snappy_body())
    assert len(read_push_body(raw).streams[0].entries) == 3


def test_snappy_content_encoding_is_passed_through():
    # push.go: "snappy" in Content-Encoding is accepted and changes nothing (#3407)
    raw = RawPush(V1, "application/x-protobuf", "snappy", _snappy_body())
    assert len(read_push_body(raw).streams[0].entries) == 3


@pytest.mark.parametrize(
    ("body", "content_length", "limit", "text"),
    [
        # pkg/util/http.go decompressRequest: Content-Length above the limit, before reading
        (
            b"tiny",
            1000,
            100,
            "request body too large: message size too large than max (1000 vs 100)",
        ),
        # golang/snappy DecodedLen above the limit, before inflating
        (
            _snappy_body(20),
            None,
            1000,
            f"request body too large: message size too large than max ({DECODED_20} vs 1000)",
        ),
    ],
)
def test_size_limits(body, content_length, limit, text):
    raw = RawPush(V1, "application/x-protobuf", None, body, content_length)
    with pytest.raises(PushBodyError) as caught:
        read_push_body(raw, max_recv_msg_size=limit)
    assert (caught.value.status, caught.value.text, caught.value.too_large) == (413, text, True)


def _gzip_bomb(mebibytes: int) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
    chunk = bytes(1 << 20)
    return b"".join(compressor.compress(chunk) for _ in range(mebibytes)) + compressor.flush()


def test_decompression_bomb_is_refused_without_inflating_it():
    bomb = _gzip_bomb(256)  # ~250 KiB that inflate to 256 MiB
    assert len(bomb) < 300_000
    raw = RawPush(V1, "application/x-protobuf", "gzip", bomb)
    tracemalloc.start()
    try:
        with pytest.raises(PushBodyError) as caught:
            read_push_body(raw, max_recv_msg_size=1 << 20)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    # io.LimitReader(max+1): Loki's text reports exactly limit+1 bytes read
    text = "request body too large: message size too large than max (1048577 vs 1048576)"
    assert (caught.value.status, caught.value.text) == (413, text)
    assert peak < 8 << 20  # a few MiB, not 256


def test_json_bomb_hits_the_stand_in_bound():
    # Loki sets no bound on JSON; the stand-in refuses and says it is its own limit
    raw = RawPush(V1, "application/json", "gzip", _gzip_bomb(8))
    with pytest.raises(PushBodyError) as caught:
        read_push_body(raw, max_recv_msg_size=1 << 20)
    assert caught.value.status == 413
    assert caught.value.stand_in and not caught.value.too_large
    assert "Loki 3.6 sets no limit on JSON bodies" in caught.value.text


def test_multi_member_gzip_is_read_whole():
    # compress/gzip readers are multistream by default
    body = gzip.compress(JSON[:40]) + gzip.compress(JSON[40:])
    assert read_push_body(RawPush(V1, "application/json", "gzip", body)) == PARSED


def test_legacy_uri_uses_the_legacy_json():
    body = b'{"streams":[{"labels":"{a=\\"b\\"}","entries":[{"ts":"1970-01-01T00:00:01Z","line":"x"}]}]}'
    request = read_push_body(RawPush("/api/prom/push", "application/json", None, body))
    assert request == PushRequest([Stream('{a="b"}', [Entry(1_000_000_000, b"x")])])


def test_parse_proto_reader_bounds():
    # pkg/util/http_test.go TestParseProtoReader (rawSnappy rows): the limit may equal the
    # decoded size; a compressed body or a decoded size above it is refused
    request = _request(3)
    decoded = len(proto.encode_push_request(request))
    body = proto.encode_snappy(request)
    assert len(body) < decoded

    def read(limit: int) -> PushRequest:
        # content_length=-1: no header, as in the upstream test (expectedSize 0)
        return read_push_body(RawPush(V1, "application/x-protobuf", None, body, -1), limit)

    assert read(decoded) == request
    with pytest.raises(PushBodyError, match=rf"\({len(body)} vs {len(body) - 1}\)"):
        read(len(body) - 1)  # "too big rawSnappy": io.LimitReader stops at limit + 1
    with pytest.raises(PushBodyError, match=rf"\({decoded} vs {decoded - 1}\)"):
        read(decoded - 1)  # "too big decoded rawSnappy"
