"""Where a Go JSON API leaks secrets: the fields and messages of `json-api`'s forms.

`V` stands for the value inside `fields`; the workload encodes the fields as zap does
and puts the value in verbatim (every generated value is JSON-safe as it is).
"""

from __future__ import annotations

from typing import Any

from sim.fleet import secret_forms as tf

V = "\x00V\x00"
CONFIG = "config/config.go:88"
_HTTP = "client/http.go:71"
_DB = "store/postgres.go:42"
_DB_CONFIG = {"db_host": "{h}", "db_user": "app", "db_password": V, "db_name": "app"}
_AWS = {"AccessKeyId": "AKIAIOSFODNN7EXAMPLE", "SecretAccessKey": V, "Region": "eu-central-1"}
_ENV = ["AWS_REGION=eu-central-1", f"AWS_SECRET_ACCESS_KEY={V}", "PORT=8080"]
_CARD = {"card_number": V, "exp": "09/29", "amount": 4299, "currency": "EUR"}
_XFF = {"path": "/api/v1/login", "status": 401, "x_forwarded_for": f"{V}, 10.42.0.1"}
_TLS = {"cert_file": "/etc/tls/tls.crt", "key": V}

# (kind, form, level, caller, msg, fields)
FIELD_FORMS: tuple[tuple[str, str, str, str, str, dict[str, Any]], ...] = (
    (
        "postgres_password",
        "json_field",
        "info",
        CONFIG,
        "configuration loaded",
        {"config": _DB_CONFIG},
    ),
    (
        "bearer_jwt",
        "auth_header",
        "debug",
        "middleware/debug.go:40",
        "incoming request",
        {"path": "/api/v1/me", "headers": {"Accept": "*/*", "Authorization": f"Bearer {V}"}},
    ),
    (
        "bearer_jwt",
        "auth_header_lower",
        "warn",
        _HTTP,
        "upstream call failed",
        {"status": 401, "headers": {"authorization": f"bearer {V}"}},
    ),
    (
        "bearer_jwt",
        "query_param",
        "info",
        "ws/handler.go:33",
        "websocket upgrade",
        {"query": f"access_token={V}"},
    ),
    (
        "aws_secret_key",
        "json_field",
        "info",
        "storage/s3.go:29",
        "s3 client configured",
        {"aws": _AWS},
    ),
    ("aws_secret_key", "env_dump", "debug", "main.go:51", "environment", {"env": _ENV}),
    ("api_key", "json_field", "info", CONFIG, "payment provider configured", {"apiKey": V}),
    ("api_key", "header", "debug", _HTTP, "outgoing request", {"headers": {"X-Api-Key": V}}),
    (
        "credit_card",
        "json_field",
        "info",
        "payments/service.go:120",
        "payment authorized",
        {"payment": _CARD},
    ),
    (
        "email",
        "json_field",
        "info",
        "users/service.go:64",
        "user registered",
        {"user": {"id": 48213, "email": V}},
    ),
    ("ipv4", "x_forwarded_for", "warn", "middleware/logging.go:61", "request completed", _XFF),
    (
        "github_token",
        "json_field",
        "info",
        CONFIG,
        "github client configured",
        {"github": {"token": V}},
    ),
    (
        "password_field",
        "json_field",
        "debug",
        "auth/login.go:38",
        "login attempt",
        {"body": {"username": "admin", "password": V}},
    ),
    (
        "password_field",
        "json_string_field",
        "warn",
        "auth/login.go:29",
        "bad request body",
        {"body": '{"username":"admin","password":"' + V + '"}'},
    ),
    ("private_key", "json_field", "debug", "server/tls.go:22", "tls configured", {"tls": _TLS}),
    ("slack_webhook", "json_field", "info", CONFIG, "alert channel configured", {"webhook_url": V}),
)
# (kind, form, caller, msg, key, fragment): the value inside a plain-text string field.
TEXT_FORMS: tuple[tuple[str, str, str, str, str, tf.Fragment], ...] = (
    ("postgres_password", "postgres_url", _DB, "connecting to database", "dsn", tf.postgres_url),
    (
        "postgres_password",
        "postgresql_url",
        _DB,
        "connecting to database",
        "database_url",
        tf.postgresql_url,
    ),
    ("postgres_password", "libpq_dsn", _DB, "pgx pool configured", "conn_string", tf.libpq_dsn),
    ("api_key", "query_param", _HTTP, "outgoing request", "url", tf.query_param("api_key")),
    (
        "credit_card",
        "message",
        "payments/service.go:131",
        "payment declined",
        "detail",
        tf.said("card {} declined"),
    ),
    (
        "email",
        "message",
        "auth/reset.go:45",
        "password reset requested",
        "detail",
        tf.said("link sent to {}"),
    ),
    (
        "github_token",
        "url_credential",
        "gitops/sync.go:77",
        "cloning repository",
        "repo",
        tf.github_clone_url,
    ),
    (
        "basic_auth_url",
        "basic_auth_url",
        "search/client.go:19",
        "search backend ready",
        "upstream",
        tf.userinfo_url,
    ),
)
