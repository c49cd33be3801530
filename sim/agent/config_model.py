"""A loaded Promtail config: what each section holds once defaults and the YAML are merged.

Defaults are Promtail v3.6's (its flag defaults, and client.Config.UnmarshalYAML's):
server.http_listen_port 80 (dskit's flag default), positions.filename
/var/log/positions.yaml and sync_period 10s, clients' batchwait 1s, batchsize 1 MiB,
timeout 10s, backoff min_period 500ms / max_period 5m / max_retries 10,
target_config.sync_period 10s, file_watch_config polls 250ms..250ms, limits_config
readline_rate 10000 and readline_burst 10000 (off unless readline_rate_enabled).
Durations are integer nanoseconds, as Go holds them.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dc_field
from typing import Any
from urllib.parse import urlsplit

from .relabel import RelabelConfig

SECOND = 1_000_000_000
MS = 1_000_000


@dataclass(frozen=True, slots=True)
class ServerConfig:
    http_listen_address: str = ""
    http_listen_port: int = 80
    register_instrumentation: bool = True
    disable: bool = False
    health_check_target: bool = True
    log_level: str = "info"


@dataclass(frozen=True, slots=True)
class BackoffConfig:
    min_period_ns: int = 500 * MS
    max_period_ns: int = 300 * SECOND
    max_retries: int = 10


@dataclass(frozen=True, slots=True)
class TLSConfig:
    ca: str = ""
    cert: str = ""
    key: str = ""
    ca_file: str = ""
    cert_file: str = ""
    key_file: str = ""
    server_name: str = ""
    insecure_skip_verify: bool = False
    min_version: str = ""
    max_version: str = ""


@dataclass(frozen=True, slots=True)
class BasicAuth:
    username: str = ""
    username_file: str = ""
    password: str = ""
    password_file: str = ""


@dataclass(frozen=True, slots=True)
class Authorization:
    type: str = "Bearer"
    credentials: str = ""
    credentials_file: str = ""


@dataclass(frozen=True, slots=True)
class ClientConfig:
    url: str = ""
    name: str = ""
    batch_wait_ns: int = SECOND
    batch_size: int = 1024 * 1024
    timeout_ns: int = 10 * SECOND
    backoff: BackoffConfig = dc_field(default_factory=BackoffConfig)
    external_labels: dict[str, str] = dc_field(default_factory=dict)
    tenant_id: str = ""
    drop_rate_limited_batches: bool = False
    headers: dict[str, str] = dc_field(default_factory=dict)
    basic_auth: BasicAuth | None = None
    authorization: Authorization | None = None
    tls: TLSConfig = dc_field(default_factory=TLSConfig)
    follow_redirects: bool = True

    @property
    def host(self) -> str:
        """url.URL.Host: the `host` label of the client metrics (`127.0.0.1:3100`)."""
        return urlsplit(self.url).netloc.rpartition("@")[2]


@dataclass(frozen=True, slots=True)
class PositionsConfig:
    filename: str = "/var/log/positions.yaml"
    sync_period_ns: int = 10 * SECOND
    ignore_invalid_yaml: bool = False
    read_only: bool = False


@dataclass(frozen=True, slots=True)
class TargetConfig:
    sync_period_ns: int = 10 * SECOND


@dataclass(frozen=True, slots=True)
class WatchConfig:
    min_poll_ns: int = 250 * MS
    max_poll_ns: int = 250 * MS


@dataclass(frozen=True, slots=True)
class LimitsConfig:
    readline_rate: float = 10000.0
    readline_burst: int = 10000
    readline_rate_enabled: bool = False
    readline_rate_drop: bool = True
    max_streams: int = 0
    max_line_size: int = 0
    max_line_size_truncate: bool = False


@dataclass(frozen=True, slots=True)
class StaticConfig:
    """One targetgroup.Group: targets become `__address__` labels, plus the group's labels."""

    targets: tuple[str, ...] = ()
    labels: dict[str, str] = dc_field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ScrapeConfig:
    job_name: str
    field: str  # where it sits in the file: `scrape_configs[0]`
    pipeline_stages: list[Any] = dc_field(default_factory=list)
    relabel_configs: tuple[RelabelConfig, ...] = ()
    static_configs: tuple[StaticConfig, ...] = ()


@dataclass(frozen=True, slots=True)
class PromtailConfig:
    path: str
    server: ServerConfig = dc_field(default_factory=ServerConfig)
    clients: tuple[ClientConfig, ...] = ()
    positions: PositionsConfig = dc_field(default_factory=PositionsConfig)
    scrape_configs: tuple[ScrapeConfig, ...] = ()
    target_config: TargetConfig = dc_field(default_factory=TargetConfig)
    file_watch: WatchConfig = dc_field(default_factory=WatchConfig)
    limits: LimitsConfig = dc_field(default_factory=LimitsConfig)
