"""Loki's HTTP error shapes, and which status each error of the stand-in answers with.

Two shapes, both text/plain; charset=utf-8 with X-Content-Type-Options: nosniff:
- Go's http.Error (push path, /ready, auth middleware): the text followed by "\\n".
- pkg/util/server/error.go WriteError (query path): the text with no newline.

`HTTPError` carries a status and text through the handlers; `query_status` maps an
exception from the query path the way ClientHTTPStatusAndError does.
"""

from __future__ import annotations

import asyncio

from aiohttp import web

from sim.errors import UnsupportedFeature
from sim.loki.http import messages as m
from sim.loki.logql.errors import LogQLError


class HTTPError(Exception):
    """An answer other than success: status, text, and whether Go adds a newline."""

    def __init__(self, status: int, text: str, *, newline: bool = False) -> None:
        super().__init__(text)
        self.status = status
        self.text = text
        self.newline = newline

    def response(self) -> web.Response:
        return (
            go_http_error(self.status, self.text)
            if self.newline
            else write_error(self.status, self.text)
        )


def _plain(status: int, body: str) -> web.Response:
    response = web.Response(status=status, body=body.encode("utf-8", "surrogateescape"))
    response.headers["Content-Type"] = m.TEXT_PLAIN_UTF8
    response.headers["X-Content-Type-Options"] = m.NOSNIFF
    return response


def go_http_error(status: int, text: str) -> web.Response:
    """net/http.Error: the text and a newline."""
    return _plain(status, text + "\n")


def write_error(status: int, text: str) -> web.Response:
    """server.WriteError after ClientHTTPStatusAndError: the text, no newline."""
    return _plain(status, text)


def query_status(error: BaseException) -> tuple[int, str]:
    """ClientHTTPStatusAndError for what the stand-in's query path raises."""
    if isinstance(error, HTTPError):
        return error.status, error.text
    if isinstance(error, asyncio.CancelledError):
        return m.STATUS_CLIENT_CLOSED_REQUEST, m.ERR_CLIENT_CANCELED
    if isinstance(error, TimeoutError):
        return 504, m.ERR_DEADLINE_EXCEEDED
    if isinstance(error, UnsupportedFeature):
        return 501, str(error)
    if isinstance(error, LogQLError):
        return 400, str(error)
    status = getattr(error, "status_code", None)  # the engine's QueryError family
    if isinstance(status, int):
        return status, str(error)
    return 500, str(error)
