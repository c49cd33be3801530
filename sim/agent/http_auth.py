"""A client's credentials and TLS, checked and turned into what each request carries.

`check_http_client` is prometheus/common's HTTPClientConfig.Validate and TLSConfig.Validate
(their messages, verbatim): bearer_token(_file) becomes `authorization` of type Bearer.
`auth_header` reads credential files on every request, as the Go round trippers do.
"""

from __future__ import annotations

import base64
import ssl
from dataclasses import replace
from pathlib import Path

from sim.errors import AgentConfigError, UnsupportedFeature

from . import messages
from .config_model import Authorization, ClientConfig, TLSConfig
from .decode import Where


def _count(*flags: bool) -> int:
    return sum(1 for flag in flags if flag)


def check_http_client(
    config: ClientConfig, where: Where, bearer_token: str, bearer_token_file: str
) -> ClientConfig:
    if bearer_token and bearer_token_file:
        raise where.fail(messages.HTTP_BEARER_BOTH)
    basic = config.basic_auth
    if basic is not None and (bearer_token or bearer_token_file):
        raise where.fail(messages.HTTP_AUTH_ONE)
    if basic is not None and _count(bool(basic.username), bool(basic.username_file)) > 1:
        raise where.fail(messages.HTTP_BASIC_USERNAME)
    if basic is not None and _count(bool(basic.password), bool(basic.password_file)) > 1:
        raise where.fail(messages.HTTP_BASIC_PASSWORD)
    auth = config.authorization
    if auth is not None:
        if bearer_token or bearer_token_file:
            raise where.fail(messages.HTTP_AUTHORIZATION_BEARER)
        if _count(bool(auth.credentials), bool(auth.credentials_file)) > 1:
            raise where.fail(messages.HTTP_AUTHORIZATION_CREDENTIALS)
        kind = auth.type.strip() or "Bearer"
        if kind.lower() == "basic":
            raise where.fail(messages.HTTP_AUTHORIZATION_BASIC)
        if basic is not None:
            raise where.fail(messages.HTTP_AUTHORIZATION_ONE)
        auth = replace(auth, type=kind)
    elif bearer_token:
        auth = Authorization("Bearer", credentials=bearer_token)
    elif bearer_token_file:
        auth = Authorization("Bearer", credentials_file=bearer_token_file)
    _check_tls(config.tls, where.key("tls_config"))
    return replace(config, authorization=auth)


def _check_tls(tls: TLSConfig, where: Where) -> None:
    if tls.ca and tls.ca_file:
        raise where.fail(messages.TLS_CA_ONE)
    if tls.cert and tls.cert_file:
        raise where.fail(messages.TLS_CERT_ONE)
    if tls.key and tls.key_file:
        raise where.fail(messages.TLS_KEY_ONE)
    has_cert, has_key = bool(tls.cert or tls.cert_file), bool(tls.key or tls.key_file)
    if has_cert and not has_key:
        raise where.fail(messages.TLS_NEEDS_KEY)
    if has_key and not has_cert:
        raise where.fail(messages.TLS_NEEDS_CERT)


def auth_header(config: ClientConfig) -> str | None:
    """The Authorization header value for one request, or None."""
    basic = config.basic_auth
    if basic is not None:
        user = _read(basic.username_file).strip() if basic.username_file else basic.username
        password = _read(basic.password_file).strip() if basic.password_file else basic.password
        token = base64.b64encode(f"{user}:{password}".encode()).decode()
        return f"Basic {token}"
    auth = config.authorization
    if auth is None:
        return None
    secret = _read(auth.credentials_file).strip() if auth.credentials_file else auth.credentials
    return f"{auth.type} {secret}"


def _read(path: str) -> str:
    return Path(path).read_text(encoding="utf-8")


_TLS_VERSIONS = {
    "TLS10": ssl.TLSVersion.TLSv1,
    "TLS11": ssl.TLSVersion.TLSv1_1,
    "TLS12": ssl.TLSVersion.TLSv1_2,
    "TLS13": ssl.TLSVersion.TLSv1_3,
}


def ssl_context(config: ClientConfig, where: Where) -> ssl.SSLContext:
    """config.NewTLSConfig: the CA (file or text), client cert, server name, versions.

    A CA file that cannot be read fails at startup, as in Promtail.
    """
    tls = config.tls
    context = ssl.create_default_context()
    try:
        if tls.ca_file:
            context = ssl.create_default_context(cafile=tls.ca_file)
        elif tls.ca:
            context = ssl.create_default_context(cadata=tls.ca)
    except (OSError, ssl.SSLError) as err:
        detail = f"open {tls.ca_file}: {getattr(err, 'strerror', None) or err}"
        raise AgentConfigError(
            where.path,
            f"{where.field}.tls_config.ca_file",
            messages.TLS_UNABLE_TO_LOAD_CA.format(path=tls.ca_file, err=detail),
        ) from None
    if tls.cert_file:
        context.load_cert_chain(tls.cert_file, tls.key_file)
    if tls.insecure_skip_verify:
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    if tls.min_version:
        context.minimum_version = _TLS_VERSIONS[tls.min_version]
    if tls.max_version:
        context.maximum_version = _TLS_VERSIONS[tls.max_version]
    if tls.cert and not tls.cert_file:
        raise UnsupportedFeature(
            "collector", f"{where.field}.tls_config.cert (inline certificates)"
        )
    return context
