"""`lokisim loki serve`: run the embedded Loki until SIGTERM or SIGINT.

Start-up follows Loki's order: the HTTP server listens first (127.0.0.1 and the config's
`server.http_listen_port`, or `--listen HOST:PORT`, port 0 for any), the store opens and
replays its WAL, then every module runs and "Loki started" is logged with the bound
address. Timers tick every second. On SIGTERM/SIGINT, /ready turns 503, `shutdown_delay`
is waited, the server stops accepting and finishes what it serves, the store flushes as
configured (`flush_on_shutdown`, or always without a WAL) and closes: exit 0. With
`server.http_tls_config` cert and key the server speaks HTTPS.
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import ssl
import sys
import time
from pathlib import Path

from aiohttp import web
from prometheus_client import disable_created_metrics

from sim.errors import LokiConfigError, ToolError, UnsupportedFeature, UsageError
from sim.loki.config import LokiConfig, load_loki_config
from sim.loki.http import messages as m
from sim.loki.http.app import build_app
from sim.loki.http.gctune import tune_gc
from sim.loki.http.runtime import LokiRuntime

TICK_S = 1.0
_S = 1_000_000_000


def log(message: str, **fields: object) -> None:
    """One logfmt line on stderr, as Loki's go-kit logger writes them."""
    extra = "".join(f" {key}={value}" for key, value in fields.items())
    print(f'level=info msg="{message}"{extra}', file=sys.stderr, flush=True)


def parse_listen(listen: str | None, cfg: LokiConfig) -> tuple[str, int]:
    if listen is None:
        return "127.0.0.1", cfg.server.http_listen_port
    host, sep, port = listen.rpartition(":")
    if not sep or not host or not port.isdigit() or int(port) > 65535:
        raise UsageError(f"--listen: expected HOST:PORT (port 0-65535), got {listen!r}")
    return host.strip("[]"), int(port)


def tls_context(cfg: LokiConfig) -> ssl.SSLContext | None:
    """server.http_tls_config: a server certificate (dskit serves TLS only when both cert and
    key are set), and client certificates if asked."""
    tls = cfg.server.http_tls_config
    if not tls.enabled:
        return None
    where = str(cfg.path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    try:
        context.load_cert_chain(tls.cert_file, tls.key_file)
        modes = {
            "": ssl.CERT_NONE,
            "NoClientCert": ssl.CERT_NONE,
            "VerifyClientCertIfGiven": ssl.CERT_OPTIONAL,
            "RequireAndVerifyClientCert": ssl.CERT_REQUIRED,
        }
        if tls.client_auth_type not in modes:
            raise UnsupportedFeature(
                "embedded Loki", f"server.http_tls_config.client_auth_type: {tls.client_auth_type}"
            )
        context.verify_mode = modes[tls.client_auth_type]
        if tls.client_ca_file:
            context.load_verify_locations(tls.client_ca_file)
    except (OSError, ssl.SSLError) as err:
        raise LokiConfigError(where, "server.http_tls_config", str(err)) from None
    return context


def serve_loki(config_path: Path, *, listen: str | None, data_dir: Path | None) -> int:
    """Run the embedded Loki in the foreground; 0 after a clean stop."""
    disable_created_metrics()  # type: ignore[no-untyped-call]  # Go exports no _created
    cfg = load_loki_config(config_path)
    runtime = LokiRuntime(cfg, data_dir)
    host, port = parse_listen(listen, cfg)
    return asyncio.run(_run(runtime, host, port, tls_context(cfg)))


async def _run(runtime: LokiRuntime, host: str, port: int, context: ssl.SSLContext | None) -> int:
    started = time.monotonic()
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    runner = web.AppRunner(build_app(runtime), access_log=None, handle_signals=False)
    await runner.setup()
    site = web.TCPSite(runner, host, port, ssl_context=context, reuse_address=True)
    try:
        await site.start()
    except OSError as err:
        await runner.cleanup()
        raise ToolError(f"embedded Loki: could not listen on {host}:{port}: {err}") from None
    addr = _bound(site, host)
    log("server listening on addresses", http=addr)
    try:
        await loop.run_in_executor(None, runtime.open_store)
        runtime.start()
        tune_gc()  # what start-up built stays; a push's objects die young
        log(m.LOKI_STARTED, addr=addr, startup_time=f"{time.monotonic() - started:.3f}s")
        ticker = asyncio.create_task(_tick(runtime))
        await stop.wait()
        runtime.readiness.shutdown_requested = True
        if runtime.cfg.shutdown_delay:
            await asyncio.sleep(runtime.cfg.shutdown_delay / _S)
        ticker.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await ticker
    finally:
        await runner.cleanup()  # stop accepting, finish what is being served
        runtime.stop()
    log(m.LOKI_STOPPED, running_time=f"{time.monotonic() - started:.3f}s")
    return 0


def _bound(site: web.TCPSite, host: str) -> str:
    server = site._server  # aiohttp keeps the asyncio server here; the port may be 0
    sockets = getattr(server, "sockets", None) or []
    port = sockets[0].getsockname()[1] if sockets else 0
    shown = f"[{host}]" if ":" in host else host
    return f"{shown}:{port}"


async def _tick(runtime: LokiRuntime) -> None:
    while True:
        await asyncio.sleep(TICK_S)
        try:
            runtime.tick()
        except Exception as err:
            print(f'level=error msg="store tick failed" err="{err}"', file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> None:
    """`python -m sim.loki.http --config LOKI.yaml [--listen HOST:PORT] [--data DIR]`."""
    import argparse

    from sim.errors import LokisimError

    parser = argparse.ArgumentParser(prog="python -m sim.loki.http")
    parser.add_argument("--config", type=Path, required=True)
    parser.add_argument("--listen", default=None, metavar="HOST:PORT")
    parser.add_argument("--data", type=Path, default=None, metavar="DIR")
    args = parser.parse_args(argv)
    try:
        code = serve_loki(args.config, listen=args.listen, data_dir=args.data)
    except LokisimError as err:
        print(f"lokisim: error: {err}", file=sys.stderr)
        code = err.exit_code
    sys.exit(code)
