"""A push body to a PushRequest, as pkg/loghttp/push/push.go parsePushRequestBody does.

Order of checks (each one's failure is the answer): Content-Encoding (`""`, `snappy`, `gzip`,
`deflate`, case-sensitive; gzip's header is read at once), then Content-Type through Go's
mime.ParseMediaType (an absent header fails with "mime: no media type"), then the body:
`application/json` is JSON, anything else is snappy protobuf.

Protobuf bodies are bounded as pkg/util/http.go decompressRequest bounds them, before
anything is inflated past the limit: Content-Length > max, then at most max+1 bytes read out
of the gzip/deflate stream, then snappy's declared length > max; each answers 413 with
"request body too large: message size too large than max (N vs M)".

Loki 3.6 puts no bound on JSON bodies; the stand-in does (`json_max_bytes`, by default the
same as max_recv_msg_size) and says so in its 413 text rather than exhaust memory.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass

from sim.loki import messages as msg
from sim.loki.push import json as json_body
from sim.loki.push import proto
from sim.loki.push.model import PushRequest
from sim.loki.push.wire import ProtoDecodeError

DEFAULT_MAX_RECV_MSG_SIZE = 100 << 20  # distributor.max_recv_msg_size, pkg/distributor
_TSPECIALS = set('()<>@,;:\\"/[]?=')
_CHUNK = 1 << 16


@dataclass(frozen=True)
class RawPush:
    """What the HTTP server hands over: the request URI, two headers and the raw body."""

    uri: str
    content_type: str | None
    content_encoding: str | None
    body: bytes
    content_length: int | None = None  # the header; None means len(body)


class PushBodyError(Exception):
    """The body is refused before validation: the status and text Loki answers with."""

    def __init__(self, status: int, text: str, *, too_large: bool = False, stand_in: bool = False):
        super().__init__(text)
        self.status = status
        self.text = text
        self.too_large = too_large  # counted as discarded bytes, reason request_body_too_large
        self.stand_in = stand_in  # a lokisim limit, not Loki's


def _too_large(size: int, limit: int) -> PushBodyError:
    detail = msg.go_format(
        msg.MESSAGE_SIZE_LARGER_ERR_FMT, msg.ERR_MESSAGE_SIZE_TOO_LARGE, size, limit
    )
    return PushBodyError(413, f"{msg.ERR_REQUEST_BODY_TOO_LARGE}: {detail}", too_large=True)


def _consume_token(text: str) -> tuple[str, str]:
    end = 0
    while end < len(text) and " " < text[end] < "\x7f" and text[end] not in _TSPECIALS:
        end += 1
    return text[:end], text[end:]


def parse_media_type(value: str) -> str:
    """Go's mime.ParseMediaType, returning the lower-cased type or raising its error."""
    base, separator, params = value.partition(";")
    media = base.strip().lower()
    first, rest = _consume_token(media)
    if not first:
        raise PushBodyError(400, msg.MIME_NO_MEDIA_TYPE)
    if rest:
        if not rest.startswith("/"):
            raise PushBodyError(400, msg.MIME_EXPECTED_SLASH)
        subtype, rest = _consume_token(rest[1:])
        if not subtype:
            raise PushBodyError(400, msg.MIME_EXPECTED_TOKEN_AFTER_SLASH)
        if rest:
            raise PushBodyError(400, msg.MIME_UNEXPECTED_CONTENT_AFTER_MEDIA_SUBTYPE)
    _check_params(separator + params)
    return media


def _check_params(text: str) -> None:
    seen: set[str] = set()
    while text.strip():
        text = text.lstrip()
        if not text.startswith(";"):
            raise PushBodyError(400, msg.MIME_INVALID_MEDIA_PARAMETER)
        key, rest = _consume_token(text[1:].lstrip())
        rest = rest.lstrip()
        if not key or not rest.startswith("="):
            if text.strip() == ";":
                return  # a trailing semicolon is tolerated
            raise PushBodyError(400, msg.MIME_INVALID_MEDIA_PARAMETER)
        rest = rest[1:].lstrip()
        if rest.startswith('"'):
            end = rest.find('"', 1)
            if end < 0:
                raise PushBodyError(400, msg.MIME_INVALID_MEDIA_PARAMETER)
            value, rest = rest[1:end], rest[end + 1 :]
        else:
            value, rest = _consume_token(rest)
            if not value:
                raise PushBodyError(400, msg.MIME_INVALID_MEDIA_PARAMETER)
        if key.lower() in seen:
            raise PushBodyError(400, msg.MIME_DUPLICATE_PARAMETER_NAME)
        seen.add(key.lower())
        text = rest


def _check_gzip_header(body: bytes) -> None:
    """gzip.NewReader reads the 10-byte header at once."""
    if not body:
        raise PushBodyError(400, msg.GO_EOF)
    if len(body) < 10:
        raise PushBodyError(400, msg.ERR_UNEXPECTED_EOF)
    if body[0] != 0x1F or body[1] != 0x8B or body[2] != 8:
        raise PushBodyError(400, msg.GZIP_ERR_HEADER)


def inflate(body: bytes, encoding: str, limit: int) -> bytes:
    """gzip (multi-member) or raw deflate, stopping once more than `limit` bytes came out."""
    gzip = encoding == "gzip"
    out = bytearray()
    while True:
        inflater = zlib.decompressobj(31 if gzip else -15)
        view, pos, tail = memoryview(body), 0, b""
        try:
            while not inflater.eof and len(out) <= limit:
                if not tail and pos >= len(body):
                    raise PushBodyError(400, msg.ERR_UNEXPECTED_EOF)
                data = tail or view[pos : pos + _CHUNK]
                pos += 0 if tail else len(data)
                out += inflater.decompress(data, limit + 1 - len(out))
                tail = inflater.unconsumed_tail
        except zlib.error as err:
            raise PushBodyError(400, _inflate_error(str(err), gzip, pos - len(tail))) from err
        if len(out) > limit or not gzip:
            return bytes(out)
        body = inflater.unused_data + bytes(view[pos:])
        if not body:
            return bytes(out)
        _check_gzip_header(body)  # another member must follow, as Go's multistream reads


def _inflate_error(detail: str, gzip: bool, offset: int) -> str:
    if gzip and "incorrect data check" in detail:
        return msg.GZIP_ERR_CHECKSUM
    if gzip and "header" in detail:
        return msg.GZIP_ERR_HEADER
    return msg.go_format(msg.FLATE_ERR_CORRUPT, offset)


def read_push_body(
    raw: RawPush, max_recv_msg_size: int = DEFAULT_MAX_RECV_MSG_SIZE, json_max_bytes: int = 0
) -> PushRequest:
    """Decode the body into a PushRequest, or raise PushBodyError with Loki's answer."""
    encoding = raw.content_encoding or ""
    if encoding not in ("", "snappy", "gzip", "deflate"):
        raise PushBodyError(400, msg.go_format(msg.CONTENT_ENCODING_NOT_SUPPORTED, encoding))
    if encoding == "gzip":
        _check_gzip_header(raw.body)
    media = parse_media_type(raw.content_type or "")
    if media == "application/json":
        return _read_json(raw, encoding, json_max_bytes or max_recv_msg_size)
    content_length = len(raw.body) if raw.content_length is None else raw.content_length
    if content_length > max_recv_msg_size:
        raise _too_large(content_length, max_recv_msg_size)
    compressed = raw.body
    if encoding in ("gzip", "deflate"):
        compressed = inflate(raw.body, encoding, max_recv_msg_size)
    if len(compressed) > max_recv_msg_size:
        raise _too_large(len(compressed), max_recv_msg_size)
    try:
        declared = proto.snappy_decoded_length(compressed)
        if declared > max_recv_msg_size:
            raise _too_large(declared, max_recv_msg_size)
        return proto.decode_push_request(proto.snappy_decode(compressed))
    except ProtoDecodeError as err:
        raise PushBodyError(400, str(err)) from err


def _read_json(raw: RawPush, encoding: str, limit: int) -> PushRequest:
    body = raw.body
    if encoding in ("gzip", "deflate"):
        body = inflate(raw.body, encoding, limit)
    if len(body) > limit:
        text = (
            f"lokisim: JSON push body larger than {limit} bytes (after decompression); Loki 3.6 "
            "sets no limit on JSON bodies, the stand-in refuses them rather than exhaust memory"
        )
        raise PushBodyError(413, text, stand_in=True)
    legacy = "/loki/api/v1" not in raw.uri.lower()
    try:
        return json_body.decode_legacy(body) if legacy else json_body.decode_v1(body)
    except json_body.JSONPushError as err:
        raise PushBodyError(400, str(err)) from err
