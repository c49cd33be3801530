"""/ready, /metrics, /config, /loki/api/v1/status/buildinfo and /services (pkg/loki/loki.go,
status.go, config_handler.go, version_handler.go at v3.6.0).
"""

from __future__ import annotations

import json
from typing import Any

import yaml
from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from sim import __version__
from sim.loki.config import LokiConfig, render_config
from sim.loki.http import messages as m
from sim.loki.http.errors import go_http_error
from sim.loki.http.runtime import RUNTIME

LOKI_VERSION = "3.6.0"  # the release whose behaviour the stand-in follows
# Loki's modules that the single binary runs and the stand-in models, for /services
MODULES = ("server", "ring", "distributor", "ingester", "querier", "query-frontend", "store")


async def ready_handler(request: web.Request) -> web.StreamResponse:
    runtime = request.app[RUNTIME]
    status, text = runtime.readiness.check(runtime.now_ns())
    return go_http_error(status, text)  # readyHandler answers through http.Error, even 200


async def metrics_handler(request: web.Request) -> web.StreamResponse:
    runtime = request.app[RUNTIME]
    runtime.store_collector.drain()
    response = web.Response(body=generate_latest(runtime.metrics.registry))
    response.headers["Content-Type"] = CONTENT_TYPE_LATEST
    return response


def _diff(defaults: dict[Any, Any], actual: dict[Any, Any]) -> dict[Any, Any]:
    """diffConfig: what differs from the defaults, recursively."""
    out: dict[Any, Any] = {}
    for key, value in actual.items():
        if key not in defaults:
            out[key] = value
        elif isinstance(value, dict):
            default = defaults[key]
            if not isinstance(default, dict):
                out[key] = value
                continue
            nested = _diff(default, value)
            if nested:
                out[key] = nested
        elif defaults[key] != value or type(defaults[key]) is not type(value):
            out[key] = value
    return out


async def config_handler(request: web.Request) -> web.StreamResponse:
    """GET /config: the effective config as YAML; `?mode=diff` and `?mode=defaults` too."""
    cfg = request.app[RUNTIME].cfg
    mode = request.rel_url.query.get("mode", "")
    text = render_config(cfg)
    if mode in ("diff", "defaults"):
        defaults = render_config(LokiConfig(path=cfg.path))
        if mode == "defaults":
            text = defaults
        else:
            actual = yaml.safe_load(text) or {}
            diff = _diff(yaml.safe_load(defaults) or {}, actual)
            text = yaml.safe_dump(diff, default_flow_style=False, sort_keys=True)
    response = web.Response(body=text.encode("utf-8"))
    response.headers["Content-Type"] = m.TEXT_PLAIN_UTF8
    return response


async def buildinfo_handler(request: web.Request) -> web.StreamResponse:
    """prom.PrometheusVersion as json.Encoder writes it: compact, one newline."""
    info = {
        "version": LOKI_VERSION,
        "revision": f"lokisim-{__version__}",
        "branch": "lokisim",
        "buildUser": "lokisim",
        "buildDate": "",
        "goVersion": "",
    }
    response = web.Response(body=(json.dumps(info, separators=(",", ":")) + "\n").encode())
    response.headers["Content-Type"] = "application/json"
    return response


async def services_handler(request: web.Request) -> web.StreamResponse:
    """servicesHandler: `module => State` per line (it sets its Content-Type after writing
    the status, so Go's sniffed type is what goes out)."""
    state = request.app[RUNTIME].readiness.state
    body = "".join(f"{module} => {state}\n" for module in MODULES)
    response = web.Response(body=body.encode())
    response.headers["Content-Type"] = m.TEXT_PLAIN_UTF8
    return response
