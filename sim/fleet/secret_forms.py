"""How a secret reads in free text: the fragments plain-text logs carry it in.

Each form renders `(value, rng) -> fragment`; the fragment holds the value exactly once
and nothing that looks like a marker. Workloads wrap a fragment in their own line
format; the generic fallback of every workload uses these for kinds it has no native
form for. Names of forms are what the ledger's `form` field reports.
"""

from __future__ import annotations

import random
from collections.abc import Callable

Fragment = Callable[[str, random.Random], str]

DB_HOSTS = (
    "postgres",
    "postgres.db.svc.cluster.local",
    "pg-main-rw.databases.svc",
    "10.43.18.7",
    "db.homelab.lan",
)
DB_USERS = ("app", "orders", "grafana", "keycloak", "svc_api", "postgres", "readonly")
DB_NAMES = ("app", "orders", "grafana", "keycloak", "inventory", "billing")
SERVICE_HOSTS = (
    "search.internal:9200",
    "registry.homelab.lan",
    "minio.storage.svc:9000",
    "rabbitmq.queue.svc:15672",
    "elasticsearch-master:9200",
    "nexus.tools.svc:8081",
)
VENDOR_APIS = (
    "https://api.vendor.io/v2/quotes",
    "https://api.openweathermap.org/data/2.5/weather",
    "https://maps.googleapis.com/maps/api/geocode/json",
    "https://api.exchangerate.host/latest",
    "https://api.mailgun.net/v3/mg.example.com/messages",
)
GITHUB_REPOS = ("acme/deploy", "homelab/infra", "acme/orders-api", "homelab/flux-config")


def _pick(rng: random.Random, items: tuple[str, ...]) -> str:
    return items[rng.randrange(len(items))]


def postgres_url(v: str, r: random.Random) -> str:
    return f"postgres://{_pick(r, DB_USERS)}:{v}@{_pick(r, DB_HOSTS)}:5432/{_pick(r, DB_NAMES)}"


def postgresql_url(v: str, r: random.Random) -> str:
    # SQLAlchemy, Django and libpq all accept this scheme; the ADR's expression does not.
    return f"postgresql://{_pick(r, DB_USERS)}:{v}@{_pick(r, DB_HOSTS)}:5432/{_pick(r, DB_NAMES)}"


def libpq_dsn(v: str, r: random.Random) -> str:
    host, user, db = _pick(r, DB_HOSTS), _pick(r, DB_USERS), _pick(r, DB_NAMES)
    return f"host={host} port=5432 user={user} password={v} dbname={db} sslmode=require"


def jdbc_url(v: str, r: random.Random) -> str:
    host, user, db = _pick(r, DB_HOSTS), _pick(r, DB_USERS), _pick(r, DB_NAMES)
    return f"jdbc:postgresql://{host}:5432/{db}?user={user}&password={v}"


def env(name: str) -> Fragment:
    return lambda v, r: f"{name}={v}"


def header(name: str, scheme: str = "") -> Fragment:
    return lambda v, r: f"{name}: {scheme}{v}"


def query_param(param: str) -> Fragment:
    return lambda v, r: f"{_pick(r, VENDOR_APIS)}?{param}={v}"


def credentials_file(v: str, r: random.Random) -> str:
    return f"aws_secret_access_key = {v}"


def said(template: str) -> Fragment:
    """A sentence with the value in it: `template` holds one `{}`."""
    return lambda v, r: template.format(v)


def userinfo_url(v: str, r: random.Random) -> str:
    return f"https://{_pick(r, DB_USERS)}:{v}@{_pick(r, SERVICE_HOSTS)}/"


def github_clone_url(v: str, r: random.Random) -> str:
    return f"https://x-access-token:{v}@github.com/{_pick(r, GITHUB_REPOS)}.git"


TEXT_FORMS: dict[str, tuple[tuple[str, Fragment], ...]] = {
    "postgres_password": (
        ("postgres_url", postgres_url),
        ("postgresql_url", postgresql_url),
        ("libpq_dsn", libpq_dsn),
        ("env_dump", env("POSTGRES_PASSWORD")),
        ("jdbc_url", jdbc_url),
    ),
    "bearer_jwt": (
        ("auth_header", header("Authorization", "Bearer ")),
        ("auth_header_lower", header("authorization", "bearer ")),
        ("query_param", query_param("access_token")),
    ),
    "aws_secret_key": (
        ("env_dump", env("AWS_SECRET_ACCESS_KEY")),
        ("credentials_file", credentials_file),
    ),
    "api_key": (
        ("kv_field", env("api_key")),
        ("header", header("X-API-Key")),
        ("kv_colon", header("apikey")),
        ("query_param", query_param("api_key")),
    ),
    "credit_card": (
        ("message", said("card {} declined by issuer")),
        ("message", said("charging card {}")),
    ),
    "email": (
        ("message", said("sending password reset to {}")),
        ("message", said("user {} signed in")),
    ),
    "ipv4": (
        ("message", said("rejected connection from {}")),
        ("message", said("rate limit exceeded for client {}")),
    ),
    "github_token": (
        ("env_dump", env("GITHUB_TOKEN")),
        ("url_credential", github_clone_url),
    ),
    "password_field": (
        ("kv_field", env("password")),
        ("message", said("login failed for admin with password {}")),
    ),
    "private_key": (("env_dump", env("TLS_PRIVATE_KEY")), ("env_dump", env("JWT_SIGNING_KEY"))),
    "slack_webhook": (
        ("env_dump", env("SLACK_WEBHOOK_URL")),
        ("message", said("posting alert to {}")),
    ),
    "basic_auth_url": (("basic_auth_url", userinfo_url),),
}


def text_fragment(kind: str, value: str, rng: random.Random) -> tuple[str, str]:
    """(form, fragment) of a randomly chosen plain-text form for `kind`."""
    forms = TEXT_FORMS[kind]
    form, render = forms[rng.randrange(len(forms))]
    return form, render(value, rng)
