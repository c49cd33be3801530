"""Prometheus util/strutil (vendored in grafana/loki v3.6.0): Unquote, a strconv.Unquote variant."""

from __future__ import annotations

from sim.golang.strconv_quote import UnquoteError, unquote_body


def unquote(text: str) -> str:
    """strutil.Unquote: "double", 'single' or `raw` literals; raw strings keep carriage returns."""
    if len(text) < 2 or text[0] != text[-1] or text[0] not in "`\"'":
        raise UnquoteError()
    body = text[1:-1]
    if text[0] == "`":
        if "`" in body:
            raise UnquoteError()
        return body
    return unquote_body(body, text[0], surrogates_ok=True)
