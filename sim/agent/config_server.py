"""The `server` block's keys (promtail server/server.go Config over dskit's server.Config).

lokisim's agent serves plain HTTP (/metrics, /ready) and no gRPC: listen address and port,
instrumentation, readiness and disable are honoured; timeouts, connection limits and gRPC
settings change nothing about which lines reach Loki and are type-checked and ignored;
server TLS, a path prefix, the PROXY protocol and runtime reload are refused when set.
"""

from __future__ import annotations

import yaml

from . import decode as d
from .yamlnode import is_null

_IGNORED_SERVER: dict[str, d.Decoder] = {
    key: d.integer()
    for key in [
        "http_listen_conn_limit",
        "grpc_listen_port",
        "grpc_listen_conn_limit",
        "grpc_server_max_recv_msg_size",
        "grpc_server_max_send_msg_size",
        "grpc_server_max_concurrent_streams",
        "grpc_server_num_workers",
    ]
}
_IGNORED_SERVER.update(
    {
        key: d.duration
        for key in [
            "graceful_shutdown_timeout",
            "http_server_read_timeout",
            "http_server_read_header_timeout",
            "http_server_write_timeout",
            "http_server_idle_timeout",
            "grpc_server_max_connection_idle",
            "grpc_server_max_connection_age",
            "grpc_server_max_connection_age_grace",
            "grpc_server_keepalive_time",
            "grpc_server_keepalive_timeout",
            "grpc_server_min_time_between_pings",
        ]
    }
)
_IGNORED_SERVER.update(
    {
        key: d.boolean
        for key in [
            "grpc_collect_max_streams_by_conn",
            "report_grpc_codes_in_instrumentation_label_enabled",
            "http_log_closed_connections_without_response_enabled",
            "grpc_server_ping_without_stream_allowed",
            "grpc_server_stats_tracking_enabled",
            "grpc_server_recv_buffer_pools_enabled",
            "log_source_ips_enabled",
            "log_source_ips_full",
            "log_request_headers",
            "log_request_at_info_level_enabled",
            "trace_request_headers",
            "profiling_enabled",
        ]
    }
)
_IGNORED_SERVER.update(
    {
        key: d.string
        for key in [
            "http_listen_network",
            "grpc_listen_network",
            "grpc_listen_address",
            "tls_cipher_suites",
            "tls_min_version",
            "log_format",
            "log_source_ips_header",
            "log_source_ips_regex",
            "log_request_exclude_headers_list",
            "trace_request_exclude_headers_list",
            "external_url",
        ]
    }
)


def _health_check_target(node: yaml.Node, where: d.Where) -> bool | None:
    return None if is_null(node) else d.boolean(node, where)


SERVER = d.Struct(
    "server.Config",
    {
        **_IGNORED_SERVER,
        "http_listen_address": d.string,
        "http_listen_port": d.integer(),
        "register_instrumentation": d.boolean,
        "disable": d.boolean,
        "health_check_target": _health_check_target,
        "log_level": d.string,
        "grpc_tls_config": d.raw,  # lokisim serves no gRPC
        "http_tls_config": d.unsupported("TLS on the agent's own HTTP server"),
        "http_path_prefix": d.unsupported("a path prefix on the agent's own HTTP server"),
        "proxy_protocol_enabled": d.unsupported("the PROXY protocol"),
        "enable_runtime_reload": d.unsupported("reloading the config at runtime"),
        "cluster_validation": d.raw,
    },
)
