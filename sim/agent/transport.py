"""The one seam through which the client talks HTTP: a POST, its status and first line.

`HttpxTransport` is the real one (HTTP/1.1 as Promtail's client, which disables HTTP/2;
TLS from tls_config); tests may pass any object with the same `post`.
"""

from __future__ import annotations

import ssl
from dataclasses import dataclass
from typing import Protocol

import httpx


class TransportError(Exception):
    """The request got no HTTP response (connection refused, timeout, TLS failure)."""


@dataclass(frozen=True, slots=True)
class Response:
    status: int
    reason: str
    body: bytes  # at most the first 1024 bytes


class Transport(Protocol):
    async def post(
        self, url: str, body: bytes, headers: dict[str, str], timeout_s: float
    ) -> Response: ...

    async def close(self) -> None: ...


class HttpxTransport:
    def __init__(
        self, verify: ssl.SSLContext | bool = True, follow_redirects: bool = True, sni: str = ""
    ) -> None:
        self._client = httpx.AsyncClient(
            http1=True, http2=False, verify=verify, follow_redirects=follow_redirects
        )
        self._extensions = {"sni_hostname": sni} if sni else {}

    async def post(
        self, url: str, body: bytes, headers: dict[str, str], timeout_s: float
    ) -> Response:
        try:
            async with self._client.stream(
                "POST",
                url,
                content=body,
                headers=headers,
                timeout=timeout_s,
                extensions=self._extensions,
            ) as response:
                head = b""
                async for chunk in response.aiter_bytes():
                    head += chunk
                    if len(head) >= 1024:
                        break
                return Response(response.status_code, response.reason_phrase, head[:1024])
        except httpx.HTTPError as err:
            raise TransportError(str(err) or type(err).__name__) from None

    async def close(self) -> None:
        await self._client.aclose()
