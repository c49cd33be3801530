"""Decoding streams with and without structured metadata in one request (push.proto, v3.6.0):
a stream is read without its entries' metadata only when none has any; wire.py, which
follows gogo's Unmarshal field by field, is the reference."""

from __future__ import annotations

import pytest

from sim.loki.push import proto, wire
from sim.loki.push.model import Entry, PushRequest, Stream

S = 10**9
META = (("trace_id", "abc"),)


@pytest.mark.parametrize(
    "metas",
    [
        [(), (), ()],  # no entry has metadata
        [(), META, ()],  # one in the middle
        [META, META, META],
        [(("", ""),), (), ()],  # an empty pair still is a pair
    ],
)
def test_mixed_streams_decode_as_gogo_does(metas: list[tuple[tuple[str, str], ...]]) -> None:
    plain = Stream('{a="1"}', [Entry(S + i, b"x%d" % i) for i in range(3)])
    mixed = Stream('{a="2"}', [Entry(2 * S + i, b"y", meta) for i, meta in enumerate(metas)])
    body = proto.encode_push_request(PushRequest([plain, mixed, Stream('{a="3"}')]))
    assert proto.decode_push_request(body) == wire.decode_push_request(body)
