"""Loading a Promtail config file as Promtail v3.6 does (pkg/util/cfg/files.go, config.go).

The text is optionally expanded (`-config.expand-env`, drone/envsubst), decoded strictly
(yaml.UnmarshalStrict: an unknown key is an error naming the Go type), defaults applied
as Promtail's flags and UnmarshalYAML methods apply them, then checked as config.go,
scrapeconfig.go and the HTTP client config check. Errors are AgentConfigError(file,
field, Promtail's message); features lokisim lacks raise UnsupportedFeature.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sim.errors import AgentConfigError

from . import config_schema as schema
from . import decode as d
from . import messages
from .config_model import (
    Authorization,
    BackoffConfig,
    BasicAuth,
    ClientConfig,
    LimitsConfig,
    PositionsConfig,
    PromtailConfig,
    ScrapeConfig,
    ServerConfig,
    StaticConfig,
    TargetConfig,
    TLSConfig,
    WatchConfig,
)
from .envsubst import EnvsubstError, expand_env
from .http_auth import check_http_client
from .yamlnode import compose


def load_config(
    path: Path, *, expand_env_vars: bool = False, environ: Mapping[str, str] | None = None
) -> PromtailConfig:
    """The config at `path`; raises AgentConfigError or UnsupportedFeature."""
    where = str(path)
    try:
        text = path.read_text(encoding="utf-8", errors="surrogateescape")
    except OSError as err:
        raise AgentConfigError(where, "", f"cannot read the config file: {err.strerror}") from None
    return parse_config(text, where, expand_env_vars=expand_env_vars, environ=environ)


def parse_config(
    text: str,
    path: str,
    *,
    expand_env_vars: bool = False,
    environ: Mapping[str, str] | None = None,
) -> PromtailConfig:
    if expand_env_vars:
        try:
            text = expand_env(text, os.environ if environ is None else environ)
        except EnvsubstError as err:
            raise AgentConfigError(path, "", str(err)) from None
    root = compose(text, path)
    top = schema.PROMTAIL(root, d.Where(path)) if root is not None else d.Fields()
    return _build(top, path)


def _get(fields: Mapping[str, Any], key: str, default: Any) -> Any:
    """A field's value: the YAML's if set, Go's zero value if the struct was null."""
    if key in fields:
        return fields[key]
    if isinstance(fields, d.Fields) and fields.zeroed:
        return type(default)()
    return default


def _build(top: d.Fields, path: str) -> PromtailConfig:
    server = _server(top.get("server", d.Fields()))
    clients = [
        _client(c, d.Where(path, f"clients[{i}]")) for i, c in enumerate(top.get("clients", []))
    ]
    single = top.get("client")
    if single is not None:
        deprecated = _client(single, d.Where(path, "client"))
        if deprecated.external_labels:  # config.go Setup: the single client's labels apply to all
            clients = [
                _replace(c, external_labels={**deprecated.external_labels, **c.external_labels})
                for c in clients
            ]
        if deprecated.url:
            clients.append(deprecated)
    positions = top.get("positions", d.Fields())
    scrape = [_scrape(s, i, path) for i, s in enumerate(top.get("scrape_configs", []))]
    seen: set[str] = set()
    for config in scrape:
        if config.job_name in seen:
            raise AgentConfigError(
                path,
                f"{config.field}.job_name",
                messages.ERR_DUPLICATE_JOB.format(name=_q(config.job_name)),
            )
        seen.add(config.job_name)
    target = top.get("target_config", d.Fields())
    watch = top.get("global", d.Fields()).get("file_watch_config", d.Fields())
    limits = top.get("limits_config", d.Fields())
    defaults = LimitsConfig()
    return PromtailConfig(
        path=path,
        server=server,
        clients=tuple(clients),
        positions=PositionsConfig(
            filename=_get(positions, "filename", _POSITIONS.filename),
            sync_period_ns=_get(positions, "sync_period", _POSITIONS.sync_period_ns),
            ignore_invalid_yaml=_get(positions, "ignore_invalid_yaml", False),
        ),
        scrape_configs=tuple(scrape),
        target_config=TargetConfig(_get(target, "sync_period", TargetConfig().sync_period_ns)),
        file_watch=WatchConfig(
            _get(watch, "min_poll_frequency", _WATCH.min_poll_ns),
            _get(watch, "max_poll_frequency", _WATCH.max_poll_ns),
        ),
        limits=LimitsConfig(
            **{
                name: _get(limits, name, getattr(defaults, name))
                for name in LimitsConfig.__dataclass_fields__
            }
        ),
    )


_POSITIONS = PositionsConfig()
_WATCH = WatchConfig()
_CLIENT = ClientConfig()


def _known(cls: type, fields: Mapping[str, Any]) -> dict[str, Any]:
    """The decoded keys the dataclass holds (refused keys decode to None and are left out)."""
    names = cls.__dataclass_fields__  # type: ignore[attr-defined]
    return {key: value for key, value in fields.items() if key in names}


def _q(text: str) -> str:
    from sim.golang.strconv_quote import quote

    return quote(text)


def _replace(client: ClientConfig, **changes: Any) -> ClientConfig:
    from dataclasses import replace

    return replace(client, **changes)


def _server(f: d.Fields) -> ServerConfig:
    health = _get(f, "health_check_target", None)
    return ServerConfig(
        http_listen_address=_get(f, "http_listen_address", ""),
        http_listen_port=_get(f, "http_listen_port", ServerConfig().http_listen_port),
        register_instrumentation=_get(f, "register_instrumentation", True),
        disable=_get(f, "disable", False),
        health_check_target=True if health is None else health,
        log_level=_get(f, "log_level", "info"),
    )


def _client(f: d.Fields, where: d.Where) -> ClientConfig:
    """client.Config.UnmarshalYAML: sane defaults, the YAML over them, then Validate()."""
    backoff = f.get("backoff_config", d.Fields())
    tls = f.get("tls_config", d.Fields())
    basic = f.get("basic_auth")
    auth = f.get("authorization")
    default_backoff = BackoffConfig()
    config = ClientConfig(
        url=f.get("url", ""),
        name=f.get("name", ""),
        batch_wait_ns=f.get("batchwait", _CLIENT.batch_wait_ns),
        batch_size=f.get("batchsize", _CLIENT.batch_size),
        timeout_ns=f.get("timeout", _CLIENT.timeout_ns),
        backoff=BackoffConfig(
            _get(backoff, "min_period", default_backoff.min_period_ns),
            _get(backoff, "max_period", default_backoff.max_period_ns),
            _get(backoff, "max_retries", default_backoff.max_retries),
        ),
        external_labels=f.get("external_labels", {}),
        tenant_id=f.get("tenant_id", ""),
        drop_rate_limited_batches=f.get("drop_rate_limited_batches", False),
        headers=f.get("headers", {}),
        basic_auth=None if basic is None or basic.zeroed else BasicAuth(**_known(BasicAuth, basic)),
        authorization=(
            None if auth is None or auth.zeroed else Authorization(**_known(Authorization, auth))
        ),
        tls=TLSConfig(**_known(TLSConfig, tls)),
        follow_redirects=f.get("follow_redirects", True),
    )
    return check_http_client(
        config, where, f.get("bearer_token", ""), f.get("bearer_token_file", "")
    )


def _scrape(f: d.Fields, index: int, path: str) -> ScrapeConfig:
    where = d.Where(path, f"scrape_configs[{index}]")
    job_name = f.get("job_name", "")
    if not job_name:
        raise where.fail(messages.ERR_JOB_NAME_EMPTY)
    statics = tuple(
        StaticConfig(tuple(group.get("targets", ())), dict(group.get("labels", {})))
        for group in f.get("static_configs", [])
    )
    return ScrapeConfig(
        job_name=job_name,
        field=where.field,
        pipeline_stages=list(f.get("pipeline_stages", [])),
        relabel_configs=tuple(f.get("relabel_configs", [])),
        static_configs=statics,
    )
