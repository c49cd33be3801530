"""Content pools real clusters are full of: user agents, addresses, resources, hosts.

Addresses stay in private ranges (pods 10.42/16, services 10.43/16, the LAN
192.168.1/24), as in a k3s homelab; injected ipv4 secrets are public addresses, so an
ordinary line never contains a secret's value by chance.
"""

from __future__ import annotations

import random
from typing import Any

BROWSER_AGENTS = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36",
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/18.1 Safari/605.1.15",
    "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
    "Gecko) Version/18.1 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.6778.81 Mobile Safari/537.36",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
)
TOOL_AGENTS = (
    "kube-probe/1.31",
    "Go-http-client/1.1",
    "Go-http-client/2.0",
    "curl/8.11.0",
    "python-requests/2.32.3",
    "Prometheus/2.55.1",
    "Grafana/11.3.1",
    "okhttp/4.12.0",
    "axios/1.7.7",
    "Uptime-Kuma/1.23.15",
)
RESOURCES = (
    "orders",
    "users",
    "products",
    "carts",
    "invoices",
    "payments",
    "shipments",
    "sessions",
    "reviews",
    "inventory",
    "customers",
    "notifications",
)


def user_agents(rng: random.Random) -> list[str]:
    """Browsers mostly, with probes and clients as they show up behind an ingress."""
    return rng.choices(list(BROWSER_AGENTS), k=40) + rng.choices(list(TOOL_AGENTS), k=24)


def pod_ip(rng: random.Random) -> str:
    return f"10.42.{rng.randrange(0, 4)}.{rng.randrange(2, 255)}"


def service_ip(rng: random.Random) -> str:
    return f"10.43.{rng.randrange(0, 256)}.{rng.randrange(1, 255)}"


def lan_ip(rng: random.Random) -> str:
    return f"192.168.1.{rng.randrange(10, 250)}"


def client_ips(rng: random.Random) -> list[str]:
    """Who reaches a service: the ingress pods, other pods, LAN machines."""
    return [pod_ip(rng) for _ in range(24)] + [lan_ip(rng) for _ in range(8)]


def words(fake: Any, count: int) -> list[str]:
    return [str(w).lower() for w in fake.words(nb=count)]


def hex_id(rng: random.Random, nbytes: int) -> str:
    return f"{rng.getrandbits(nbytes * 8):0{nbytes * 2}x}"
