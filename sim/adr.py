"""The queries the ADR's dashboards and alerts run, verbatim (ADR-loki.md).

They are the default queries a scenario times, and the queries the dead-query verdict
checks, because they are what the homelab will actually run against Loki.
"""

from __future__ import annotations

from typing import Final

# (ADR section, query) — copied character for character from ../shared/ADR-loki.md.
ADR_QUERIES: Final[tuple[tuple[str, str], ...]] = (
    ("7 Error Rate Panel", 'sum(rate({level="error"}[5m])) by (namespace, app)'),
    ("7 Log Volume Panel", 'sum(bytes_over_time({job=~".+"}[5m])) by (namespace)'),
    (
        "7 Recent Errors Table",
        '{level=~"error|fatal"} | json | line_format "{{.timestamp}} {{.message}}"',
    ),
    (
        "7 Top Pods by Log Volume",
        'topk(10, sum by (pod) (bytes_over_time({namespace="production"}[1h])))',
    ),
    ("7 Basic Filtering", '{namespace="production", app="api"}'),
    ("7 Basic Filtering", '{level="error"}'),
    ("7 Basic Filtering", '{namespace="production"} |= "connection refused"'),
    ("7 Basic Filtering", '{app="api"} != "health check"'),
    ("7 Aggregations", 'sum(rate({namespace="production", level="error"}[5m]))'),
    ("7 Aggregations", 'sum by (pod) (rate({namespace="default"}[1m]))'),
    ("7 Aggregations", 'sum by (app) (bytes_over_time({namespace="production"}[1h]))'),
    ("7 Advanced Queries", '{app="api"} | json | status_code >= 500'),
    ("7 Advanced Queries", 'sum by (method) (rate({app="api"} | json | __error__="" [5m]))'),
    ("7 Advanced Queries", '{app="nginx"} | logfmt | duration > 1s'),
    ("7 Alert HighErrorRate", 'sum(rate({namespace="production", level="error"}[5m])) > 10'),
    ("7 Alert ApplicationCrash", 'count_over_time({app="api"} |= "panic" [5m]) > 0'),
    (
        "Alert Rules ApplicationPanic",
        'count_over_time({namespace="production"} |= "panic" [5m]) > 0',
    ),
    (
        "Alert Rules OutOfMemoryErrors",
        'count_over_time({namespace="production"} |= "out of memory" [5m]) > 0',
    ),
    ("Custom Dashboards Application Errors", '{namespace="production", level="error"}'),
    (
        "Custom Dashboards API Request Logs",
        '{app="api"} | json | line_format "{{.method}} {{.path}} {{.status}} {{.duration}}"',
    ),
    ("Custom Dashboards Authentication Logs", '{app=~"oauth|keycloak"} |= "login"'),
)


def adr_query_strings() -> tuple[str, ...]:
    """The distinct ADR queries, in the ADR's order."""
    return tuple(dict.fromkeys(query for _, query in ADR_QUERIES))
