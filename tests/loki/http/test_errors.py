"""Loki's two error shapes and ClientHTTPStatusAndError's mapping (pkg/util/server/error.go)."""

from __future__ import annotations

import asyncio

import pytest

from sim.errors import UnsupportedFeature
from sim.loki.engine import QueryLimitError
from sim.loki.http.errors import HTTPError, go_http_error, query_status, write_error
from sim.loki.logql.errors import LogQLParseError


def test_http_error_adds_a_newline_and_write_error_does_not() -> None:
    for response, body in ((go_http_error(429, "slow down"), b"slow down\n"),
                           (write_error(400, "bad"), b"bad")):  # fmt: skip
        assert response.body == body
        assert response.headers["Content-Type"] == "text/plain; charset=utf-8"
        assert response.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        # logqlmodel.ErrParse -> 400, the text as it is
        (LogQLParseError("syntax error: unexpected $end", 1, 5),
         (400, "parse error at line 1, col 5: syntax error: unexpected $end")),
        # logqlmodel.ErrLimit and httpgrpc 400s from the limits middleware
        (QueryLimitError("max entries limit per query exceeded"),
         (400, "max entries limit per query exceeded")),
        # context.Canceled -> StatusClientClosedRequest with ErrClientCanceled
        (asyncio.CancelledError(), (499, "the request was cancelled by the client")),
        # context.DeadlineExceeded -> 504 with ErrDeadlineExceeded
        (TimeoutError(), (504, "request timed out, decrease the duration of the request or add "
                               "more label matchers (prefer exact match over regex match) to "
                               "reduce the amount of data processed")),
        # anything else is a 500 with its own text
        (RuntimeError("boom"), (500, "boom")),
        (HTTPError(413, "too big"), (413, "too big")),
    ],
)  # fmt: skip
def test_query_status(error: BaseException, expected: tuple[int, str]) -> None:
    assert query_status(error) == expected


def test_a_missing_feature_is_a_loud_501() -> None:
    status, text = query_status(UnsupportedFeature("embedded Loki", "multi-tenant queries"))
    assert status == 501
    assert "multi-tenant queries" in text
