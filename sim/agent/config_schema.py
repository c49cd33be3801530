"""Every key Promtail v3.6 accepts, with the Go type it decodes into and what lokisim does.

Each struct is named as yaml.v2 names it in `field x not found in type T` (config.go's
main.Config, scrapeconfig.plain, client.raw, ...). A key lokisim implements decodes into
its value; a key that changes nothing about which lines reach Loki (gRPC and HTTP-server
timeouts, tracing) is type-checked and ignored; a key lokisim cannot honour raises
UnsupportedFeature("collector", key) when set to anything but its zero value.
"""

from __future__ import annotations

from typing import Any

import yaml

from sim.errors import UnsupportedFeature

from . import decode as d
from .config_server import SERVER
from .relabel import decode_relabel_config


def _tls_version(node: yaml.Node, where: d.Where) -> str:
    text = d.string(node, where)
    if text not in ("", "TLS10", "TLS11", "TLS12", "TLS13"):
        raise where.fail(f"unknown TLS version: {text}")
    return text


TLS = d.Struct(
    "config.plain",
    {
        "ca": d.string,
        "cert": d.string,
        "key": d.string,
        "ca_file": d.string,
        "cert_file": d.string,
        "key_file": d.string,
        "ca_ref": d.unsupported("secrets from a secret manager"),
        "cert_ref": d.unsupported("secrets from a secret manager"),
        "key_ref": d.unsupported("secrets from a secret manager"),
        "server_name": d.string,
        "insecure_skip_verify": d.boolean,
        "min_version": _tls_version,
        "max_version": _tls_version,
    },
)
BASIC_AUTH = d.Struct(
    "config.BasicAuth",
    {
        "username": d.string,
        "username_file": d.string,
        "username_ref": d.unsupported("secrets from a secret manager"),
        "password": d.string,
        "password_file": d.string,
        "password_ref": d.unsupported("secrets from a secret manager"),
    },
)
AUTHORIZATION = d.Struct(
    "config.Authorization",
    {
        "type": d.string,
        "credentials": d.string,
        "credentials_file": d.string,
        "credentials_ref": d.unsupported("secrets from a secret manager"),
    },
)
BACKOFF = d.Struct(
    "backoff.Config",
    {"min_period": d.duration, "max_period": d.duration, "max_retries": d.integer()},
)
CLIENT = d.Struct(
    "client.raw",
    {
        "name": d.string,
        "url": d.string,
        "batchwait": d.duration,
        "batchsize": d.integer(),
        "basic_auth": BASIC_AUTH,
        "authorization": AUTHORIZATION,
        "oauth2": d.unsupported("OAuth2 client credentials"),
        "bearer_token": d.string,
        "bearer_token_file": d.string,
        "tls_config": TLS,
        "follow_redirects": d.boolean,
        "enable_http2": d.boolean,  # Promtail's client always disables HTTP/2
        "proxy_url": d.unsupported("HTTP proxies"),
        "no_proxy": d.unsupported("HTTP proxies"),
        "proxy_from_environment": d.unsupported("HTTP proxies"),
        "proxy_connect_header": d.unsupported("HTTP proxies"),
        "http_headers": d.unsupported("http_headers (use `headers`)"),
        "headers": d.string_map,
        "backoff_config": BACKOFF,
        "external_labels": d.label_set,
        "timeout": d.duration,
        "tenant_id": d.string,
        "drop_rate_limited_batches": d.boolean,
    },
)
STATIC_CONFIG = d.Struct(
    'struct { Targets []string "yaml:\\"targets\\""; Labels model.LabelSet "yaml:\\"labels\\"" }',
    {"targets": d.string_list, "labels": d.label_set},
)
DECOMPRESSION = d.Struct(
    "scrapeconfig.DecompressionConfig",
    {
        "enabled": d.unsupported("reading compressed files"),
        "initial_delay": d.duration,
        "format": d.string,
    },
)
_OTHER_TARGETS = {
    "journal": "the systemd journal target",
    "syslog": "the syslog target",
    "gcplog": "the GCP logs target",
    "loki_push_api": "the Loki push API target",
    "windows_events": "the Windows events target",
    "kafka": "the Kafka target",
    "azure_event_hubs": "the Azure Event Hubs target",
    "gelf": "the GELF target",
    "cloudflare": "the Cloudflare target",
    "heroku_drain": "the Heroku drain target",
    "docker_sd_configs": "Docker service discovery",
}
_DISCOVERY = [
    "dns_sd_configs",
    "file_sd_configs",
    "consul_sd_configs",
    "consulagent_sd_configs",
    "digitalocean_sd_configs",
    "dockerswarm_sd_configs",
    "serverset_sd_configs",
    "nerve_sd_configs",
    "marathon_sd_configs",
    "kubernetes_sd_configs",
    "gce_sd_configs",
    "ec2_sd_configs",
    "openstack_sd_configs",
    "azure_sd_configs",
    "triton_sd_configs",
]


def _encoding(node: yaml.Node, where: d.Where) -> str:
    text = d.string(node, where)
    if text:
        raise UnsupportedFeature("collector", f"{where.field} (decoding {text} files)")
    return text


SCRAPE: dict[str, d.Decoder] = {
    "job_name": d.string,
    "pipeline_stages": d.sequence(d.raw, "stages.PipelineStages"),
    "relabel_configs": d.sequence(decode_relabel_config, "[]*relabel.Config"),
    "static_configs": d.sequence(STATIC_CONFIG, "discovery.StaticConfig"),
    "encoding": _encoding,
    "decompression": DECOMPRESSION,
}
SCRAPE.update({key: d.unsupported(feature) for key, feature in _OTHER_TARGETS.items()})
SCRAPE.update(
    {key: d.unsupported("service discovery other than static_configs") for key in _DISCOVERY}
)
SCRAPE_CONFIG = d.Struct("scrapeconfig.plain", SCRAPE)

POSITIONS = d.Struct(
    "positions.Config",
    {"sync_period": d.duration, "filename": d.string, "ignore_invalid_yaml": d.boolean},
)
TARGET_CONFIG = d.Struct(
    "file.Config",
    {
        "sync_period": d.duration,
        "stdin": d.unsupported("reading stdin (use `lokisim agent dry-run`)"),
    },
)
WATCH = d.Struct(
    "file.WatchConfig", {"min_poll_frequency": d.duration, "max_poll_frequency": d.duration}
)
LIMITS = d.Struct(
    "limit.Config",
    {
        "readline_rate": d.floating,
        "readline_burst": d.integer(),
        "readline_rate_enabled": d.boolean,
        "readline_rate_drop": d.boolean,
        "max_streams": d.integer(),
        "max_line_size": d.byte_size,
        "max_line_size_truncate": d.boolean,
    },
)
WAL = d.Struct(
    "wal.Config",
    {
        "enabled": d.unsupported("the write-ahead log"),
        "dir": d.string,
        "cleanSegmentsOlderThan": d.duration,
        "watchConfig": d.Struct(
            "wal.WatchConfig", {"minReadFrequency": d.duration, "maxReadFrequency": d.duration}
        ),
    },
)
TOP: dict[str, Any] = {
    "global": d.Struct("config.GlobalConfig", {"file_watch_config": WATCH}),
    "server": SERVER,
    "client": CLIENT,
    "clients": d.sequence(CLIENT, "[]client.Config"),
    "positions": POSITIONS,
    "scrape_configs": d.sequence(SCRAPE_CONFIG, "[]scrapeconfig.Config"),
    "target_config": TARGET_CONFIG,
    "limits_config": LIMITS,
    "options": d.Struct("config.Options", {}),
    "tracing": d.Struct("tracing.Config", {"enabled": d.boolean}),
    "wal": WAL,
}
PROMTAIL = d.Struct("main.Config", TOP)
